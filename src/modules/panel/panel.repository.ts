import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The presentation panel's rows: its members (panel_members), the jurors' scores (panel_scores), and the gate's mark
 * on submissions (submissions.proceeds).
 */

export interface MemberRow {
  id: string;
  name: string;
  email: string;
}

export async function listMembers(db: Db, periodId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('panelMembers as pm')
    .innerJoin('users as u', 'u.id', 'pm.userId')
    .select(['u.id', 'u.name', 'u.email'])
    .where('pm.periodId', '=', periodId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

export async function isMember(db: Db, periodId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('panelMembers')
    .select('userId')
    .where('periodId', '=', periodId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Of the given user ids, those that are evaluators of the commission. */
export async function evaluatorsAmong(db: Db, commissionId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('memberships')
    .select('userId')
    .where('commissionId', '=', commissionId)
    .where('role', '=', 'evaluator')
    .where('userId', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

/** Of the given jurors, those who have already scored a body of the period. */
export async function jurorsWithScores(db: Db, periodId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('panelScores as ps')
    .innerJoin('submissions as s', 's.id', 'ps.submissionId')
    .select('ps.jurorId')
    .distinct()
    .where('s.periodId', '=', periodId)
    .where('ps.jurorId', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.jurorId));
}

/** Sets the period's jurors to exactly these users (call in a transaction, with the period's row locked). */
export async function replaceMembers(db: Db, periodId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('panelMembers').where('periodId', '=', periodId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('panelMembers')
    .values(userIds.map((userId) => ({ periodId, userId })))
    .execute();
}

/** The periods whose panel the user sits on. */
export async function panelsOf(db: Db, userId: string) {
  return db
    .selectFrom('panelMembers as pm')
    .innerJoin('periods as p', 'p.id', 'pm.periodId')
    .select(['p.id as periodId', 'p.commissionId', 'p.title', 'p.year', 'p.stage'])
    .where('pm.userId', '=', userId)
    .orderBy('p.year', 'desc')
    .orderBy('p.title')
    .execute();
}

/** A submission with what scoring it needs: its body, its period's stage and methodology, the gate's mark. */
export interface PanelSubmissionRow {
  id: string;
  commissionId: string;
  periodId: string;
  bodyId: string;
  bodyName: string;
  proceeds: boolean | null;
  stage: string;
  methodology: unknown;
}

function submissionQuery(db: Db) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .select([
      's.id',
      's.commissionId',
      's.periodId',
      's.bodyId',
      'b.name as bodyName',
      's.proceeds',
      'p.stage',
      'p.methodology',
    ]);
}

export async function findSubmission(db: Db, submissionId: string): Promise<PanelSubmissionRow | undefined> {
  return submissionQuery(db).where('s.id', '=', submissionId).executeTakeFirst();
}

/**
 * The same for a score, under locks: the period's row first (`for share`), in the order a stage move takes them (the
 * period for update, then its submissions), so a move waits for the score or the score sees the new stage, and the
 * two never deadlock; then the submission's row, so one juror's saves of one body serialise.
 */
export async function lockSubmission(db: Db, submissionId: string): Promise<PanelSubmissionRow | undefined> {
  const period = await db
    .selectFrom('periods')
    .select('id')
    .where('id', '=', db.selectFrom('submissions').select('periodId').where('id', '=', submissionId))
    .forShare()
    .executeTakeFirst();
  if (!period) return undefined;
  return submissionQuery(db).where('s.id', '=', submissionId).forUpdate('s').executeTakeFirst();
}

export interface ScoreRow {
  submissionId: string;
  jurorId: string;
  jurorName: string;
  component: string;
  score: string;
}

export async function findScore(db: Db, submissionId: string, jurorId: string, component: string) {
  return db
    .selectFrom('panelScores')
    .select('score')
    .where('submissionId', '=', submissionId)
    .where('jurorId', '=', jurorId)
    .where('component', '=', component)
    .executeTakeFirst();
}

/** One juror's score for one body and panel component: the first, or a change of it. */
export async function upsertScore(
  db: Db,
  row: { submissionId: string; jurorId: string; component: string; score: string },
): Promise<void> {
  await db
    .insertInto('panelScores')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['submissionId', 'jurorId', 'component']).doUpdateSet({ score: row.score, updatedAt: sql`now()` }),
    )
    .execute();
}

function scoresQuery(db: Db) {
  return db
    .selectFrom('panelScores as ps')
    .innerJoin('users as u', 'u.id', 'ps.jurorId')
    .select(['ps.submissionId', 'ps.jurorId', 'u.name as jurorName', 'ps.component', 'ps.score'])
    .orderBy('u.name')
    .orderBy('ps.jurorId')
    .orderBy('ps.component');
}

export async function scoresOfSubmission(db: Db, submissionId: string): Promise<ScoreRow[]> {
  return scoresQuery(db).where('ps.submissionId', '=', submissionId).execute();
}

export async function scoresOfPeriod(db: Db, periodId: string): Promise<ScoreRow[]> {
  return scoresQuery(db)
    .innerJoin('submissions as s', 's.id', 'ps.submissionId')
    .where('s.periodId', '=', periodId)
    .execute();
}

/** A period's submission as the gate and the jurors' list read it. */
export interface PeriodSubmissionRow {
  id: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  questionnaireId: string | null;
  proceeds: boolean | null;
  /** Submitted at least once (a reopened SAQ keeps its first submission's time): only these can proceed. */
  submittedOnce: boolean;
}

export async function periodSubmissions(db: Db, periodId: string): Promise<PeriodSubmissionRow[]> {
  return db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .leftJoin('questionnaires as q', (j) =>
      j.onRef('q.periodId', '=', 's.periodId').onRef('q.categoryId', '=', 'b.categoryId'),
    )
    .select([
      's.id',
      's.bodyId',
      'b.name as bodyName',
      'c.code as categoryCode',
      'q.id as questionnaireId',
      's.proceeds',
      sql<boolean>`(s.submitted_at is not null or s.first_submitted_at is not null)`.as('submittedOnce'),
    ])
    .where('s.periodId', '=', periodId)
    .orderBy(sql`lower(b.name) collate "C"`)
    .orderBy('b.id')
    .execute();
}

/**
 * The stored points (numerators over each question's max points) of the answers of the period's submissions that
 * were submitted at least once. By period, not by a list of ids: a period of many thousand bodies stays one statement.
 */
export async function answerPoints(db: Db, periodId: string) {
  return db
    .selectFrom('answers as a')
    .innerJoin('submissions as s', 's.id', 'a.submissionId')
    .select(['a.submissionId', 'a.questionCode', 'a.selfPoints', 'a.verifiedPoints'])
    .where('s.periodId', '=', periodId)
    .where((eb) => eb.or([eb('s.submittedAt', 'is not', null), eb('s.firstSubmittedAt', 'is not', null)]))
    .execute();
}

/** How many ids one statement names at most (PostgreSQL takes at most 65,535 parameters). */
const CHUNK = 5000;

/** Records the gate's mark on the period's submissions (call in the stage move's transaction). */
export async function setProceeds(db: Db, periodId: string, proceeding: string[]): Promise<void> {
  await db.updateTable('submissions').set({ proceeds: false }).where('periodId', '=', periodId).execute();
  for (let i = 0; i < proceeding.length; i += CHUNK) {
    await db
      .updateTable('submissions')
      .set({ proceeds: true })
      .where('periodId', '=', periodId)
      .where('id', 'in', proceeding.slice(i, i + CHUNK))
      .execute();
  }
}
