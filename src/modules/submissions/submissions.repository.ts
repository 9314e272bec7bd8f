import { type Selectable, sql, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { BodiesTable, Database, PeriodsTable, SubmissionHistoryTable, SubmissionsTable } from '../../db/schema.ts';

/**
 * The submission rows and their lifecycle: opening, finding and locking a submission, its state (submit, reopen,
 * extension, the lock at the SAQ's close), its history, and the staff's lists. Answers are in answers.repository.ts,
 * the autosave's statements in autosave.repository.ts, evidence files in evidence-files.repository.ts.
 */

type Submission = Selectable<SubmissionsTable>;
type Period = Selectable<PeriodsTable>;

/** A submission with what every check needs: its body, category, period stage and schedule, questionnaire id. */
export interface SubmissionRow
  extends Pick<
      Submission,
      | 'id'
      | 'commissionId'
      | 'periodId'
      | 'bodyId'
      | 'status'
      | 'version'
      | 'submittedAt'
      | 'deadlineOverride'
      | 'createdAt'
      | 'updatedAt'
    >,
    Pick<Period, 'stage' | 'schedule' | 'methodology' | 'year'> {
  bodyName: string;
  categoryCode: string;
  questionnaireId: string | null;
}

/** A submission locked for a change, with what the window rules need. */
export interface LockedSubmission
  extends Pick<Submission, 'id' | 'status' | 'version' | 'deadlineOverride'>,
    Pick<Period, 'stage'> {}

export type OperatedBody = Pick<Selectable<BodiesTable>, 'id' | 'name' | 'categoryId'>;

export interface HistoryRow
  extends Pick<Selectable<SubmissionHistoryTable>, 'at' | 'event' | 'questionCode' | 'before' | 'after' | 'reason'> {
  actorId: string | null;
  actorName: string | null;
}

export interface HistoryEntry {
  submissionId: string;
  questionCode: string | null;
  actorId: string | null;
  event: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
  /** When it happened, when that is not now (the demo's past cycle). */
  at?: Date;
}

/** The operator's bodies in a commission (a person may run the PPID of more than one body). */
export async function operatedBodies(db: Db, userId: string, commissionId: string): Promise<OperatedBody[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('bodies as b', 'b.id', 'm.bodyId')
    .select(['b.id', 'b.name', 'b.categoryId'])
    .where('m.userId', '=', userId)
    .where('m.role', '=', 'body_operator')
    .where('m.commissionId', '=', commissionId)
    .orderBy('b.name')
    .execute();
}

/** A submission with what every check needs: its body, category, period stage and schedule, questionnaire id. */
export async function findSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .leftJoin('questionnaires as q', (j) =>
      j.onRef('q.periodId', '=', 's.periodId').onRef('q.categoryId', '=', 'b.categoryId'),
    )
    .select([
      's.id',
      's.commissionId',
      's.periodId',
      's.bodyId',
      's.status',
      's.version',
      's.submittedAt',
      's.deadlineOverride',
      's.createdAt',
      's.updatedAt',
      'p.stage',
      'p.schedule',
      'p.methodology',
      'p.year',
      'b.name as bodyName',
      'c.code as categoryCode',
      'q.id as questionnaireId',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function findSubmissionOf(db: Db, periodId: string, bodyId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('submissions')
    .select('id')
    .where('periodId', '=', periodId)
    .where('bodyId', '=', bodyId)
    .executeTakeFirst();
}

/** Creates the body's submission once; a concurrent first open finds the row the other made. */
export async function ensureSubmission(
  db: Db,
  values: { commissionId: string; periodId: string; bodyId: string },
): Promise<{ id: string } | undefined> {
  await db
    .insertInto('submissions')
    .values(values)
    .onConflict((oc) => oc.columns(['periodId', 'bodyId']).doNothing())
    .execute();
  return findSubmissionOf(db, values.periodId, values.bodyId);
}

/** Locks the submission row for a change: saves of one body serialise, other bodies never wait. */
export async function lockSubmission(db: Db, id: string): Promise<LockedSubmission | undefined> {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .select(['s.id', 's.status', 's.version', 's.deadlineOverride', 'p.stage'])
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function setSubmissionState(
  db: Db,
  id: string,
  changes: { version?: number; status?: string; submittedAt?: Date | null; deadlineOverride?: Date | null },
) {
  await db
    .updateTable('submissions')
    .set({
      ...changes,
      // the first submission's time survives reopenings (DOMAIN.md: a reopened SAQ was submitted once)
      ...(changes.submittedAt ? { firstSubmittedAt: sql`coalesce(first_submitted_at, ${changes.submittedAt})` } : {}),
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function appendHistory(db: Db, rows: HistoryEntry[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('submissionHistory')
    .values(
      rows.map((r) => ({
        submissionId: r.submissionId,
        questionCode: r.questionCode,
        actorId: r.actorId,
        event: r.event,
        before: r.before === undefined ? null : jsonb(r.before),
        after: r.after === undefined ? null : jsonb(r.after),
        reason: r.reason ?? null,
        ...(r.at ? { at: r.at } : {}),
      })),
    )
    .execute();
}

export async function history(db: Db, submissionId: string, questionCode?: string): Promise<HistoryRow[]> {
  let q = db
    .selectFrom('submissionHistory as h')
    .leftJoin('users as u', 'u.id', 'h.actorId')
    .select([
      'h.at',
      'h.event',
      'h.questionCode',
      'h.before',
      'h.after',
      'h.reason',
      'u.id as actorId',
      'u.name as actorName',
    ])
    .where('h.submissionId', '=', submissionId);
  if (questionCode) q = q.where('h.questionCode', '=', questionCode);
  return q.orderBy('h.id').execute();
}

/** The event of a reopened submission locked as submitted when its extension (or its window) ended. */
export const LOCKED_AFTER_EXTENSION = 'submission.locked_after_extension';

type SubmissionsUpdate = UpdateQueryBuilder<Database, 'submissions', 'submissions', UpdateResult>;

/**
 * Locks as submitted, with their last answers, the reopened submissions (submitted once: first_submitted_at set) still
 * in draft that `which` selects, in one statement, and records each in the history (DOMAIN.md: only a body that never
 * submitted is scored as not submitted). `submitted_at` becomes the moment the answers became final: the end of its
 * extension when that ended it (`final: 'extension'`, the periodic job), else `at`, the stage move that closed it.
 */
async function lockReopenedAsSubmitted(
  db: Db,
  which: (q: SubmissionsUpdate) => SubmissionsUpdate,
  at: Date,
  actorId: string | null,
  reason: string,
  final: 'extension' | 'stage' = 'stage',
): Promise<number> {
  const locked = await which(
    db
      .updateTable('submissions')
      .set({
        status: 'submitted',
        submittedAt:
          final === 'extension' ? sql`least(coalesce(deadline_override, ${at}::timestamptz), ${at}::timestamptz)` : at,
        version: sql`version + 1`,
        updatedAt: sql`now()`,
      })
      .where('status', '=', 'draft')
      .where('firstSubmittedAt', 'is not', null),
  )
    .returning(['id', 'submittedAt'])
    .execute();
  await appendHistory(
    db,
    locked.map((s) => ({
      submissionId: s.id,
      questionCode: null,
      actorId,
      event: LOCKED_AFTER_EXTENSION,
      before: { status: 'draft' },
      after: { status: 'submitted', submittedAt: s.submittedAt ? new Date(s.submittedAt).toISOString() : null },
      reason,
    })),
  );
  return locked.length;
}

/**
 * The periodic job's lock (every period past the SAQ): a reopened draft whose extension has ended by `at` is locked
 * as submitted; one without an extension waits for the period to leave verification (it may still get one), and any
 * left in a period already past verification is locked at once.
 */
export async function lockExpiredReopened(db: Db, at: Date): Promise<number> {
  const pastSaq = db.selectFrom('periods').select('id').where('stage', 'not in', ['draft', 'saq']);
  const pastVerification = db
    .selectFrom('periods')
    .select('id')
    .where('stage', 'not in', ['draft', 'saq', 'verification']);
  return lockReopenedAsSubmitted(
    db,
    (q) =>
      q
        .where('periodId', 'in', pastSaq)
        .where((eb) =>
          eb.or([
            eb.and([eb('deadlineOverride', 'is not', null), eb('deadlineOverride', '<=', at)]),
            eb('periodId', 'in', pastVerification),
          ]),
        ),
    at,
    null,
    'The extension ended without a new submission: locked as submitted with its last answers',
    'extension',
  );
}

/**
 * When the period leaves verification, extensions end (DOMAIN.md): reopened drafts are locked as submitted with their
 * last answers, and drafts that never submitted are locked (scored as not submitted), each with a history row.
 */
export async function lockDraftsAfterVerification(db: Db, periodId: string, actorId: string, at: Date) {
  const reopened = await lockReopenedAsSubmitted(
    db,
    (q) => q.where('periodId', '=', periodId),
    at,
    actorId,
    'Verification closed without a new submission: locked as submitted with its last answers',
  );
  const locked = await lockNeverSubmitted(
    db,
    (q) => q.where('periodId', '=', periodId),
    actorId,
    'Verification closed: the extension ended',
  );
  return { reopened, locked };
}

/**
 * When the SAQ closes: drafts without a running extension are locked, with history: a reopened one (submitted once) as
 * submitted with its last answers, one never submitted as `locked` (scored as not submitted).
 */
export async function lockDraftsAtClose(db: Db, periodId: string, actorId: string, at: Date): Promise<number> {
  const reopened = await lockReopenedAsSubmitted(
    db,
    (q) =>
      q
        .where('periodId', '=', periodId)
        .where((eb) => eb.or([eb('deadlineOverride', 'is', null), eb('deadlineOverride', '<=', at)])),
    at,
    actorId,
    'SAQ closed without a new submission: locked as submitted with its last answers',
  );
  const locked = await lockNeverSubmitted(
    db,
    (q) =>
      q
        .where('periodId', '=', periodId)
        .where((eb) => eb.or([eb('deadlineOverride', 'is', null), eb('deadlineOverride', '<=', at)])),
    actorId,
    'SAQ closed',
  );
  return reopened + locked;
}

/** Locks the drafts `which` selects that were never submitted (scored as not submitted), each with a history row. */
async function lockNeverSubmitted(
  db: Db,
  which: (q: SubmissionsUpdate) => SubmissionsUpdate,
  actorId: string,
  reason: string,
): Promise<number> {
  const locked = await which(
    db.updateTable('submissions').set({ status: 'locked', version: sql`version + 1`, updatedAt: sql`now()` }),
  )
    .where('status', '=', 'draft')
    .where('firstSubmittedAt', 'is', null)
    .returning('id')
    .execute();
  await appendHistory(
    db,
    locked.map((s) => ({
      submissionId: s.id,
      questionCode: null,
      actorId,
      event: 'submission.locked',
      before: { status: 'draft' },
      after: { status: 'locked' },
      reason,
    })),
  );
  return locked.length;
}

/**
 * The body's most recent earlier submission that answered anything: where carry forward copies from (an earlier
 * period the body opened without answering has nothing to give).
 */
export async function carrySource(
  db: Db,
  bodyId: string,
  year: number,
): Promise<{ id: string; year: number } | undefined> {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .select(['s.id', 'p.year'])
    .where('s.bodyId', '=', bodyId)
    .where('p.year', '<', year)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('answers as a')
          .select(sql`1`.as('one'))
          .whereRef('a.submissionId', '=', 's.id')
          .where(sql<boolean>`a.value <> 'null'::jsonb`),
      ),
    )
    .orderBy('p.year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Events that open a submission again for the body, and the one that closes it. */
const REOPENING_EVENTS = ['submission.reopened', 'submission.extended'] as const;

/**
 * The latest reopening or extension of the submission, with its reason, unless a submission (or a lock) came after it:
 * what the operator is told on the SAQ page ("reopened because ..., until ...").
 */
export async function openReopening(db: Db, submissionId: string) {
  const last = await db
    .selectFrom('submissionHistory')
    .select(['event', 'at', 'reason', 'after'])
    .where('submissionId', '=', submissionId)
    .where('questionCode', 'is', null)
    .where('event', 'in', [...REOPENING_EVENTS, 'submission.submitted', 'submission.locked', LOCKED_AFTER_EXTENSION])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last || !(REOPENING_EVENTS as readonly string[]).includes(last.event)) return undefined;
  return last;
}

/** The submission's carried answers that are still unconfirmed, by question code. */
export async function carriedCodes(db: Db, submissionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('answers')
    .select('questionCode')
    .where('submissionId', '=', submissionId)
    .where('carried', '=', true)
    .orderBy('questionCode')
    .execute();
  return rows.map((r) => r.questionCode);
}

/**
 * Confirms carried answers as the body's own without changing their values: the flag cleared and each stamped with the
 * version that confirmed it (so a page that saw an older version learns of the change, as with any save).
 */
export async function confirmCarried(
  db: Db,
  target: { submissionId: string; version: number; actorId: string },
  codes: readonly string[],
) {
  if (codes.length === 0) return;
  const { submissionId, version, actorId } = target;
  await db
    .updateTable('answers')
    .set({ carried: false, changedVersion: version, updatedBy: actorId, updatedAt: sql`now()` })
    .where('submissionId', '=', submissionId)
    .where('carried', '=', true)
    .where('questionCode', 'in', [...codes])
    .execute();
}

/** The names a receipt prints: the commission's and the period's. */
export async function receiptNames(db: Db, periodId: string) {
  return db
    .selectFrom('periods as p')
    .innerJoin('commissions as c', 'c.id', 'p.commissionId')
    .select(['p.title as periodTitle', 'c.name as commissionName', 'c.code as commissionCode'])
    .where('p.id', '=', periodId)
    .executeTakeFirstOrThrow();
}
