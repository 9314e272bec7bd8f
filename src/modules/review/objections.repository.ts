import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { StoredEvidence } from './clarifications.repository.ts';

/** Objections (sanggah, issue 22): a body's contest of one item's verification, and the decision on it. */

export interface ObjectionRow {
  id: string;
  commissionId: string;
  submissionId: string;
  bodyId: string;
  bodyName: string;
  questionCode: string;
  reason: string;
  evidence: unknown;
  filedById: string | null;
  filedByName: string | null;
  createdAt: Date;
  status: string;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  beforeValue: unknown;
  afterValue: unknown;
}

function objectionColumns(db: Db) {
  return db
    .selectFrom('objections as o')
    .innerJoin('submissions as s', 's.id', 'o.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .leftJoin('users as f', 'f.id', 'o.filedBy')
    .leftJoin('users as d', 'd.id', 'o.decidedBy')
    .select([
      'o.id',
      'o.commissionId',
      'o.submissionId',
      's.bodyId',
      'b.name as bodyName',
      'o.questionCode',
      'o.reason',
      'o.evidence',
      'f.id as filedById',
      'f.name as filedByName',
      'o.createdAt',
      'o.status',
      'd.id as decidedById',
      'd.name as decidedByName',
      'o.decidedAt',
      'o.decisionReason',
      'o.beforeValue',
      'o.afterValue',
    ]);
}

export async function findObjection(db: Db, id: string): Promise<ObjectionRow | undefined> {
  return objectionColumns(db).where('o.id', '=', id).executeTakeFirst();
}

export async function objectionsOf(db: Db, submissionId: string): Promise<ObjectionRow[]> {
  return objectionColumns(db)
    .where('o.submissionId', '=', submissionId)
    .orderBy('o.createdAt')
    .orderBy('o.id')
    .execute();
}

/** A period's objections, pending first; `evaluatorId` keeps only the submissions assigned to that evaluator. */
export async function objectionsOfPeriod(
  db: Db,
  periodId: string,
  filter: { status?: string | undefined; evaluatorId?: string | undefined },
): Promise<ObjectionRow[]> {
  let q = objectionColumns(db).where('s.periodId', '=', periodId);
  if (filter.status) q = q.where('o.status', '=', filter.status);
  const evaluatorId = filter.evaluatorId;
  if (evaluatorId !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as a')
          .select('a.id')
          .whereRef('a.submissionId', '=', 'o.submissionId')
          .where('a.evaluatorId', '=', evaluatorId),
      ),
    );
  }
  return q
    .orderBy(sql`case when o.status = 'pending' then 0 else 1 end`)
    .orderBy('o.createdAt')
    .orderBy('o.id')
    .execute();
}

export async function hasPendingObjection(db: Db, submissionId: string, questionCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('objections')
    .select('id')
    .where('submissionId', '=', submissionId)
    .where('questionCode', '=', questionCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Files an objection; undefined when the item already has a pending one (the unique index decides races). */
export async function insertObjection(
  db: Db,
  values: {
    commissionId: string;
    submissionId: string;
    questionCode: string;
    reason: string;
    evidence: StoredEvidence[];
    filedBy: string;
  },
): Promise<string | undefined> {
  const row = await db
    .insertInto('objections')
    .values({ ...values, evidence: jsonb(values.evidence) })
    .onConflict((oc) => oc.columns(['submissionId', 'questionCode']).where('status', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Records the decision on a pending objection; false when it was decided meanwhile. */
export async function decideObjection(
  db: Db,
  id: string,
  values: { status: string; decidedBy: string; decisionReason: string; beforeValue: unknown; afterValue: unknown },
): Promise<boolean> {
  const rows = await db
    .updateTable('objections')
    .set({
      status: values.status,
      decidedBy: values.decidedBy,
      decidedAt: sql`now()`,
      decisionReason: values.decisionReason,
      beforeValue: jsonb(values.beforeValue),
      afterValue: jsonb(values.afterValue),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** One item's answer and verification, as the objection's decision reads it. */
export async function itemOf(db: Db, submissionId: string, questionCode: string) {
  return db
    .selectFrom('answers')
    .select(['value', 'verifiedValue', 'verifiedPoints', 'verifiedAt'])
    .where('submissionId', '=', submissionId)
    .where('questionCode', '=', questionCode)
    .executeTakeFirst();
}

/**
 * Sets an item's verified value with its points (over the question's max points, as answers keep them: decision 006).
 * An item the body left unanswered gets an answer row with no value, so that the verified value has a place.
 */
export async function setVerified(
  db: Db,
  item: {
    submissionId: string;
    questionId: string;
    questionCode: string;
    value: unknown;
    points: string;
    reason: string;
    by: string;
    at: Date;
  },
) {
  await db
    .insertInto('answers')
    .values({
      submissionId: item.submissionId,
      questionId: item.questionId,
      questionCode: item.questionCode,
      value: null,
      note: null,
      selfPoints: '0',
      verifiedValue: jsonb(item.value),
      verifiedPoints: item.points,
      verifiedReason: item.reason,
      verifiedBy: item.by,
      verifiedAt: item.at,
      updatedBy: null,
      updatedAt: sql`now()`,
    })
    .onConflict((oc) =>
      oc.columns(['submissionId', 'questionCode']).doUpdateSet({
        verifiedValue: jsonb(item.value),
        verifiedPoints: item.points,
        verifiedReason: item.reason,
        verifiedBy: item.by,
        verifiedAt: item.at,
      }),
    )
    .execute();
}

/** The stage of the submission's period, the period row locked for share: a stage move waits for the decision. */
export async function lockedStage(db: Db, submissionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('periods')
    .select('stage')
    .where('id', '=', db.selectFrom('submissions').select('periodId').where('id', '=', submissionId))
    .forShare()
    .executeTakeFirst();
  return row?.stage;
}

/** How many of the period's objections still wait for a decision. */
export async function pendingObjectionCount(db: Db, periodId: string): Promise<number> {
  const row = await db
    .selectFrom('objections as o')
    .innerJoin('submissions as s', 's.id', 'o.submissionId')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.periodId', '=', periodId)
    .where('o.status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
