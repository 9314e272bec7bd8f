import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Assignments of submissions to evaluators, conflicts of interest (exclusions) and the counts the workload view and
 * the evaluator's queue show. Verification itself lives on answers (verified_at); these queries only count it.
 */

type SubmissionScope = ExpressionBuilder<Database & { s: Database['submissions'] }, 's'>;

/** Questions of the submission's questionnaire (its period and its body's category). */
const totalOf = (eb: SubmissionScope) =>
  eb
    .selectFrom('questions as qq')
    .innerJoin('questionnaires as qn', 'qn.id', 'qq.questionnaireId')
    .innerJoin('bodies as qb', 'qb.categoryId', 'qn.categoryId')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('qn.periodId', '=', 's.periodId')
    .whereRef('qb.id', '=', 's.bodyId');

/** Answers whose verified value an evaluator has set (accepting an answer sets it too). */
const verifiedOf = (eb: SubmissionScope) =>
  eb
    .selectFrom('answers as va')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('va.submissionId', '=', 's.id')
    .where('va.verifiedAt', 'is not', null);

/**
 * A submission counts as submitted when its body submitted it at least once: `submitted`, or `locked` after a reopening
 * left unsubmitted (it keeps its first submission's time). A draft locked at the SAQ's close was never submitted: there
 * is nothing to verify.
 */
const submittedOnce = (eb: SubmissionScope) =>
  eb.and([
    eb('s.status', 'in', ['submitted', 'locked']),
    eb.or([eb('s.firstSubmittedAt', 'is not', null), eb('s.submittedAt', 'is not', null)]),
  ]);

export interface AssignmentRow {
  id: string;
  commissionId: string;
  periodId: string;
  submissionId: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  evaluatorId: string;
  evaluatorName: string;
  evaluatorEmail: string;
  verificationState: string;
  verified: number | null;
  total: number | null;
  updatedAt: Date;
}

/** Assignments with their submission, body and category, the base of the assignment and load queries. */
function assignedSubmissions(db: Db) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('submissions as s', 's.id', 'a.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId');
}

function assignmentQuery(db: Db) {
  return assignedSubmissions(db)
    .innerJoin('users as u', 'u.id', 'a.evaluatorId')
    .select((eb) => [
      'a.id',
      'a.commissionId',
      'a.periodId',
      'a.submissionId',
      's.bodyId',
      'b.name as bodyName',
      'c.code as categoryCode',
      'a.evaluatorId',
      'u.name as evaluatorName',
      'u.email as evaluatorEmail',
      's.verificationState',
      verifiedOf(eb).as('verified'),
      totalOf(eb).as('total'),
      'a.updatedAt',
    ]);
}

export async function findAssignment(db: Db, id: string): Promise<AssignmentRow | undefined> {
  return assignmentQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findAssignmentOfSubmission(db: Db, submissionId: string): Promise<AssignmentRow | undefined> {
  return assignmentQuery(db).where('a.submissionId', '=', submissionId).executeTakeFirst();
}

export async function listAssignments(db: Db, periodId: string): Promise<AssignmentRow[]> {
  return assignmentQuery(db).where('a.periodId', '=', periodId).orderBy('c.code').orderBy('b.name').execute();
}

/** One evaluator's assignments in every period, newest period first, with what the queue shows of each period. */
export async function assignmentsOfEvaluator(db: Db, evaluatorId: string) {
  return assignmentQuery(db)
    .innerJoin('periods as p', 'p.id', 'a.periodId')
    .select(['p.title as periodTitle', 'p.year', 'p.stage', 'p.schedule'])
    .where('a.evaluatorId', '=', evaluatorId)
    .orderBy('p.year', 'desc')
    .orderBy('p.title')
    .orderBy('c.code')
    .orderBy('b.name')
    .execute();
}

export interface CandidateSubmission {
  id: string;
  periodId: string;
  commissionId: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  status: string;
  submitted: SqlBool;
  total: number | null;
}

/** A submission with what assignment checks: its period, body, category, whether it was submitted, its size. */
function candidateQuery(db: Db) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .select((eb) => [
      's.id',
      's.periodId',
      's.commissionId',
      's.bodyId',
      'b.name as bodyName',
      'c.code as categoryCode',
      's.status',
      submittedOnce(eb).as('submitted'),
      totalOf(eb).as('total'),
    ]);
}

export async function findCandidate(db: Db, submissionId: string): Promise<CandidateSubmission | undefined> {
  return candidateQuery(db).where('s.id', '=', submissionId).executeTakeFirst();
}

/** The period's submitted submissions that no evaluator holds, in a fixed order (category, body name, id). */
export async function unassignedSubmissions(db: Db, periodId: string): Promise<CandidateSubmission[]> {
  return candidateQuery(db)
    .leftJoin('assignments as a', 'a.submissionId', 's.id')
    .where('s.periodId', '=', periodId)
    .where('a.id', 'is', null)
    .where((eb) => submittedOnce(eb))
    .orderBy('c.code')
    .orderBy('b.name')
    .orderBy('s.id')
    .execute();
}

export interface EvaluatorRow {
  id: string;
  name: string;
  email: string;
}

/** The commission's evaluators (users holding the evaluator role there, not disabled), by name. */
export async function commissionEvaluators(db: Db, commissionId: string): Promise<EvaluatorRow[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name', 'u.email'])
    .distinct()
    .where('m.commissionId', '=', commissionId)
    .where('m.role', '=', 'evaluator')
    .where('u.disabledAt', 'is', null)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/** Locks the submission's row so that two assignments of one submission serialise. */
export async function lockSubmissionRow(db: Db, submissionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('submissions')
    .select('id')
    .where('id', '=', submissionId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAssignment(
  db: Db,
  values: { commissionId: string; periodId: string; submissionId: string; evaluatorId: string; assignedBy: string },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('assignments')
    .values(values)
    .onConflict((oc) => oc.column('submissionId').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Inserts a batch of assignments; a submission already held keeps its evaluator and is not returned. */
export async function insertAssignments(
  db: Db,
  values: { commissionId: string; periodId: string; submissionId: string; evaluatorId: string; assignedBy: string }[],
): Promise<{ id: string; submissionId: string }[]> {
  if (values.length === 0) return [];
  return db
    .insertInto('assignments')
    .values(values)
    .onConflict((oc) => oc.column('submissionId').doNothing())
    .returning(['id', 'submissionId'])
    .execute();
}

/** Locks an assignment for a reassignment. */
export async function lockAssignment(db: Db, id: string): Promise<{ id: string; evaluatorId: string } | undefined> {
  return db.selectFrom('assignments').select(['id', 'evaluatorId']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setEvaluator(db: Db, id: string, evaluatorId: string, assignedBy: string): Promise<void> {
  await db
    .updateTable('assignments')
    .set({ evaluatorId, assignedBy, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Per evaluator of a period: the questions assigned in each category (the auto-assignment's balance). */
export async function questionLoad(
  db: Db,
  periodId: string,
): Promise<{ evaluatorId: string; categoryCode: string; questions: number }[]> {
  const rows = await assignedSubmissions(db)
    .select((eb) => ['a.evaluatorId', 'c.code as categoryCode', totalOf(eb).as('total')])
    .where('a.periodId', '=', periodId)
    .execute();
  return rows.map((r) => ({ evaluatorId: r.evaluatorId, categoryCode: r.categoryCode, questions: r.total ?? 0 }));
}

export interface ExclusionRow {
  id: string;
  commissionId: string;
  bodyId: string;
  bodyName: string;
  evaluatorId: string;
  evaluatorName: string;
  reason: string;
  createdAt: Date;
}

function exclusionQuery(db: Db) {
  return db
    .selectFrom('evaluatorExclusions as x')
    .innerJoin('bodies as b', 'b.id', 'x.bodyId')
    .innerJoin('users as u', 'u.id', 'x.evaluatorId')
    .select([
      'x.id',
      'x.commissionId',
      'x.bodyId',
      'b.name as bodyName',
      'x.evaluatorId',
      'u.name as evaluatorName',
      'x.reason',
      'x.createdAt',
    ]);
}

export async function listExclusions(db: Db, commissionId: string): Promise<ExclusionRow[]> {
  return exclusionQuery(db)
    .where('x.commissionId', '=', commissionId)
    .orderBy('b.name')
    .orderBy('u.name')
    .orderBy('x.id')
    .execute();
}

export async function findExclusion(db: Db, id: string): Promise<ExclusionRow | undefined> {
  return exclusionQuery(db).where('x.id', '=', id).executeTakeFirst();
}

export async function findExclusionOf(db: Db, bodyId: string, evaluatorId: string): Promise<ExclusionRow | undefined> {
  return exclusionQuery(db).where('x.bodyId', '=', bodyId).where('x.evaluatorId', '=', evaluatorId).executeTakeFirst();
}

/** Exclusions touching these bodies, for the auto-assignment's check of every candidate at once. */
export async function exclusionsOfBodies(
  db: Db,
  bodyIds: string[],
): Promise<{ bodyId: string; evaluatorId: string }[]> {
  if (bodyIds.length === 0) return [];
  return db
    .selectFrom('evaluatorExclusions')
    .select(['bodyId', 'evaluatorId'])
    .where('bodyId', 'in', bodyIds)
    .execute();
}

export async function insertExclusion(
  db: Db,
  values: { commissionId: string; bodyId: string; evaluatorId: string; reason: string; createdBy: string },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('evaluatorExclusions')
    .values(values)
    .onConflict((oc) => oc.columns(['bodyId', 'evaluatorId']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function deleteExclusion(db: Db, id: string): Promise<void> {
  await db.deleteFrom('evaluatorExclusions').where('id', '=', id).execute();
}

/** The evaluator's assignment of this body's submission in a period not yet published, if any. */
export async function openAssignmentOfBody(
  db: Db,
  bodyId: string,
  evaluatorId: string,
): Promise<{ id: string; periodTitle: string } | undefined> {
  return db
    .selectFrom('assignments as a')
    .innerJoin('submissions as s', 's.id', 'a.submissionId')
    .innerJoin('periods as p', 'p.id', 'a.periodId')
    .select(['a.id', 'p.title as periodTitle'])
    .where('s.bodyId', '=', bodyId)
    .where('a.evaluatorId', '=', evaluatorId)
    .where('p.stage', '!=', 'published')
    .executeTakeFirst();
}

/** The body, its row locked FOR UPDATE: an exclusion waits for (and then sees) assignments being made to it. */
export async function findBodyOf(
  db: Db,
  bodyId: string,
): Promise<{ id: string; commissionId: string; name: string } | undefined> {
  return db
    .selectFrom('bodies')
    .select(['id', 'commissionId', 'name'])
    .where('id', '=', bodyId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Locks the bodies' rows FOR SHARE while their submissions are assigned: assignments of different bodies (or of one)
 * go on side by side, but an exclusion being made for one of them (FOR UPDATE, `findBodyOf`) waits, so that its check
 * for open assignments and an assignment's check for exclusions cannot both pass.
 */
export async function shareLockBodies(db: Db, bodyIds: readonly string[]): Promise<void> {
  if (bodyIds.length === 0) return;
  await db
    .selectFrom('bodies')
    .select('id')
    .where('id', 'in', [...new Set(bodyIds)])
    .orderBy('id')
    .forShare()
    .execute();
}

export async function findUserName(db: Db, userId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst();
}
