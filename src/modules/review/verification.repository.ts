import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { VerificationState } from '../../domain/review.ts';

/**
 * The verification's rows: the verified value, points, reason, who and when beside each answer (answers.verified_*),
 * and the submission's verification state. The trail of each change is submission_history (the submissions module).
 */

/**
 * A submission as a verification write needs it, read in the write's transaction with its period row FOR SHARE: a stage
 * move (which locks the period, then its submissions) waits for the write or is waited for, so the stage seen here
 * holds until commit, and both take their locks in the same order. `assigned`: the user holds its assignment.
 */
export interface VerificationTarget {
  commissionId: string;
  bodyId: string;
  stage: string;
  methodology: unknown;
  questionnaireId: string | null;
  assigned: boolean;
}

export async function targetForVerification(
  db: Db,
  submissionId: string,
  userId: string,
): Promise<VerificationTarget | undefined> {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .leftJoin('questionnaires as q', (j) =>
      j.onRef('q.periodId', '=', 's.periodId').onRef('q.categoryId', '=', 'b.categoryId'),
    )
    .select([
      's.commissionId',
      's.bodyId',
      'p.stage',
      'p.methodology',
      'q.id as questionnaireId',
      sql<boolean>`exists (select 1 from assignments a where a.submission_id = s.id and a.evaluator_id = ${userId})`.as(
        'assigned',
      ),
    ])
    .where('s.id', '=', submissionId)
    .forShare('p')
    .executeTakeFirst();
}

/** The submission row locked for the write (after its period: see `targetForVerification`). */
export async function lockForVerification(
  db: Db,
  submissionId: string,
): Promise<{ status: string; verificationState: VerificationState } | undefined> {
  const row = await db
    .selectFrom('submissions')
    .select(['status', 'verificationState'])
    .where('id', '=', submissionId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { status: row.status, verificationState: row.verificationState as VerificationState } : undefined;
}

/** An answer as the verification compares it and scores it: the body's value and points, the verification so far. */
export interface VerifiedAnswer {
  questionCode: string;
  value: unknown;
  verifiedValue: unknown;
  verifiedReason: string | null;
  verified: boolean;
  selfPoints: string;
  verifiedPoints: string | null;
}

/** Every answer of the submission, read once under the lock: what a write compares, then the live figures after it. */
export async function answersToVerify(db: Db, submissionId: string): Promise<VerifiedAnswer[]> {
  return db
    .selectFrom('answers')
    .select([
      'questionCode',
      'value',
      'verifiedValue',
      'verifiedReason',
      sql<boolean>`verified_at is not null`.as('verified'),
      sql<string>`self_points::text`.as('selfPoints'),
      sql<string | null>`verified_points::text`.as('verifiedPoints'),
    ])
    .where('submissionId', '=', submissionId)
    .execute();
}

export interface VerifiedWrite {
  questionId: string;
  questionCode: string;
  value: unknown;
  /** The exact numerator over the question's max points, as decimal text. */
  points: string;
  reason: string | null;
}

/**
 * Stores verified values in one statement. An unanswered question has no answer row yet: it gets one with no value
 * (self points 0), so that its verification has a place; an existing answer keeps its value, note and version.
 */
export async function writeVerified(
  db: Db,
  submissionId: string,
  actorId: string,
  at: Date,
  rows: VerifiedWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('answers')
    .values(
      rows.map((r) => ({
        submissionId,
        questionId: r.questionId,
        questionCode: r.questionCode,
        value: null,
        selfPoints: '0',
        verifiedValue: jsonb(r.value),
        verifiedPoints: r.points,
        verifiedReason: r.reason,
        verifiedBy: actorId,
        verifiedAt: at,
        updatedAt: sql`now()`,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['submissionId', 'questionCode']).doUpdateSet((eb) => ({
        verifiedValue: eb.ref('excluded.verifiedValue'),
        verifiedPoints: eb.ref('excluded.verifiedPoints'),
        verifiedReason: eb.ref('excluded.verifiedReason'),
        verifiedBy: eb.ref('excluded.verifiedBy'),
        verifiedAt: eb.ref('excluded.verifiedAt'),
      })),
    )
    .execute();
}

export async function setVerificationState(
  db: Db,
  submissionId: string,
  state: VerificationState,
  completed: { at: Date; by: string } | null,
): Promise<void> {
  await db
    .updateTable('submissions')
    .set({
      verificationState: state,
      verificationCompletedAt: completed?.at ?? null,
      verificationCompletedBy: completed?.by ?? null,
      updatedAt: sql`now()`,
    })
    .where('id', '=', submissionId)
    .execute();
}

/** What staff see of a submission's verification beyond the answers: its state, and who verified each item when. */
export interface VerificationDetails {
  verificationState: VerificationState;
  items: { questionCode: string; verifiedAt: Date; verifiedBy: string | null; verifiedByName: string | null }[];
}

export async function verificationDetails(db: Db, submissionId: string): Promise<VerificationDetails> {
  // one statement: the submission's state on every row, and its verified answers (none: one row of nulls)
  const rows = await db
    .selectFrom('submissions as s')
    .leftJoin('answers as a', (j) => j.onRef('a.submissionId', '=', 's.id').on('a.verifiedAt', 'is not', null))
    .leftJoin('users as u', 'u.id', 'a.verifiedBy')
    .select(['s.verificationState', 'a.questionCode', 'a.verifiedAt', 'a.verifiedBy', 'u.name as verifiedByName'])
    .where('s.id', '=', submissionId)
    .execute();
  return {
    verificationState: (rows[0]?.verificationState ?? 'not_started') as VerificationState,
    items: rows.flatMap((r) =>
      r.questionCode !== null && r.verifiedAt !== null
        ? [
            {
              questionCode: r.questionCode,
              verifiedAt: r.verifiedAt,
              verifiedBy: r.verifiedBy,
              verifiedByName: r.verifiedByName,
            },
          ]
        : [],
    ),
  };
}
