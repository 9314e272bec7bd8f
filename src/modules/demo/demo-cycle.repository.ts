import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The demo's review cycle written in bulk: each table gets one statement per batch, its rows sent as one JSON text
 * parameter and expanded by `jsonb_to_recordset` (as the autosave writes answers), so that thousands of answers and
 * history rows cost a few statements, far below PostgreSQL's limit of parameters per statement.
 */

type SqlType = 'text' | 'integer' | 'boolean' | 'numeric' | 'timestamptz' | 'jsonb' | 'bigint';

/** Rows per statement: a JSON text of a few megabytes at most. */
const BATCH = 5000;

const snake = (key: string) => key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/**
 * Inserts rows (camelCase keys, as the table types) into `table` with the given columns and SQL types. Table and
 * column names are this file's constants, never input; values travel as JSON.
 */
async function insertRows(
  db: Db,
  table: string,
  columns: Record<string, SqlType>,
  rows: readonly object[],
  onConflict = '',
) {
  const keys = Object.keys(columns);
  const names = keys.map(snake).join(', ');
  const defs = keys.map((k) => `${snake(k)} ${columns[k]}`).join(', ');
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH).map((row) => {
      const r = row as Record<string, unknown>;
      return Object.fromEntries(keys.map((k) => [snake(k), r[k] ?? null]));
    });
    await sql`insert into ${sql.raw(table)} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_to_recordset(cast(${JSON.stringify(part)} as text)::jsonb) as x(${sql.raw(defs)})
      ${sql.raw(onConflict)}`.execute(db);
  }
}

export interface QuestionRef {
  categoryId: string;
  code: string;
  id: string;
}

/** The question ids of a period's questionnaires, per category and code (answers name their question by id). */
export async function questionRefs(db: Db, periodId: string): Promise<QuestionRef[]> {
  return db
    .selectFrom('questions as q')
    .innerJoin('questionnaires as qn', 'qn.id', 'q.questionnaireId')
    .select(['qn.categoryId', 'q.code', 'q.id'])
    .where('qn.periodId', '=', periodId)
    .execute();
}

/** A period as the demo's story left it: created then, at `stage` since `updatedAt`, its version counting the moves. */
export async function setPeriodState(
  db: Db,
  periodId: string,
  values: { stage: string; createdAt: Date; updatedAt: Date; version: number },
) {
  await db.updateTable('periods').set(values).where('id', '=', periodId).execute();
}

export interface StageEventRow {
  periodId: string;
  fromStage: string;
  toStage: string;
  actorId: string;
  at: string;
  reason: string | null;
}

/**
 * Stage moves as the periods' service records them: a stage event, and an audit entry ('period.stage_moved') in the
 * commission's trail, both at the move's time.
 */
export async function insertStageMoves(db: Db, commissionId: string, rows: StageEventRow[]) {
  await insertRows(
    db,
    'stage_events',
    { periodId: 'text', fromStage: 'text', toStage: 'text', actorId: 'text', at: 'timestamptz', reason: 'text' },
    rows,
  );
  await insertRows(
    db,
    'audit_events',
    {
      at: 'timestamptz',
      actorId: 'text',
      commissionId: 'text',
      event: 'text',
      subjectType: 'text',
      subjectId: 'text',
      before: 'jsonb',
      after: 'jsonb',
      reason: 'text',
    },
    rows.map((r) => ({
      at: r.at,
      actorId: r.actorId,
      commissionId,
      event: 'period.stage_moved',
      subjectType: 'period',
      subjectId: r.periodId,
      before: { stage: r.fromStage },
      after: { stage: r.toStage },
      reason: r.reason,
    })),
  );
}

export interface SubmissionRowSeed {
  id: string;
  commissionId: string;
  periodId: string;
  bodyId: string;
  status: 'draft' | 'submitted' | 'locked';
  version: number;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  verificationState: 'not_started' | 'in_progress' | 'complete';
  verificationCompletedAt: string | null;
  verificationCompletedBy: string | null;
  proceeds: boolean | null;
  createdAt: string;
  updatedAt: string;
}

export async function insertSubmissions(db: Db, rows: SubmissionRowSeed[]) {
  await insertRows(
    db,
    'submissions',
    {
      id: 'text',
      commissionId: 'text',
      periodId: 'text',
      bodyId: 'text',
      status: 'text',
      version: 'integer',
      submittedAt: 'timestamptz',
      firstSubmittedAt: 'timestamptz',
      verificationState: 'text',
      verificationCompletedAt: 'timestamptz',
      verificationCompletedBy: 'text',
      proceeds: 'boolean',
      createdAt: 'timestamptz',
      updatedAt: 'timestamptz',
    },
    rows,
  );
}

export interface AnswerRowSeed {
  submissionId: string;
  questionId: string;
  questionCode: string;
  value: unknown;
  note: string | null;
  selfPoints: string;
  verifiedValue: unknown;
  verifiedPoints: string | null;
  verifiedReason: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  changedVersion: number;
  carried: boolean;
  updatedBy: string;
  updatedAt: string;
}

export async function insertAnswers(db: Db, rows: AnswerRowSeed[]) {
  await insertRows(
    db,
    'answers',
    {
      submissionId: 'text',
      questionId: 'text',
      questionCode: 'text',
      value: 'jsonb',
      note: 'text',
      selfPoints: 'numeric',
      verifiedValue: 'jsonb',
      verifiedPoints: 'numeric',
      verifiedReason: 'text',
      verifiedBy: 'text',
      verifiedAt: 'timestamptz',
      changedVersion: 'integer',
      carried: 'boolean',
      updatedBy: 'text',
      updatedAt: 'timestamptz',
    },
    rows,
  );
}

export interface EvidenceRowSeed {
  submissionId: string;
  questionCode: string;
  position: number;
  url: string;
}

/** Evidence links, and each distinct link registered once for the background link checker (as a save does). */
export async function insertEvidence(db: Db, rows: EvidenceRowSeed[]) {
  await insertRows(
    db,
    'evidence',
    { submissionId: 'text', questionCode: 'text', position: 'integer', url: 'text' },
    rows,
  );
  const urls = [...new Set(rows.map((r) => r.url))].map((url) => ({ url }));
  await insertRows(db, 'link_checks', { url: 'text' }, urls, 'on conflict (url) do nothing');
}

export interface HistoryRowSeed {
  submissionId: string;
  questionCode: string | null;
  at: string;
  actorId: string | null;
  event: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** History rows in the order given (its identity column orders a submission's history). */
export async function insertHistory(db: Db, rows: HistoryRowSeed[]) {
  await insertRows(
    db,
    'submission_history',
    {
      submissionId: 'text',
      questionCode: 'text',
      at: 'timestamptz',
      actorId: 'text',
      event: 'text',
      before: 'jsonb',
      after: 'jsonb',
      reason: 'text',
    },
    rows,
  );
}

export interface AssignmentRowSeed {
  commissionId: string;
  periodId: string;
  submissionId: string;
  evaluatorId: string;
  assignedBy: string;
  createdAt: string;
  updatedAt: string;
}

export async function insertAssignments(db: Db, rows: AssignmentRowSeed[]) {
  await insertRows(
    db,
    'assignments',
    {
      commissionId: 'text',
      periodId: 'text',
      submissionId: 'text',
      evaluatorId: 'text',
      assignedBy: 'text',
      createdAt: 'timestamptz',
      updatedAt: 'timestamptz',
    },
    rows,
  );
}

export interface ClarificationRowSeed {
  id: string;
  commissionId: string;
  submissionId: string;
  questionCode: string;
  askedBy: string;
  message: string;
  dueAt: string;
  status: 'open' | 'answered' | 'closed';
  createdAt: string;
  updatedAt: string;
}

export interface ClarificationMessageRowSeed {
  clarificationId: string;
  authorId: string;
  message: string;
  evidence: unknown;
  createdAt: string;
}

/** Clarifications and their messages (messages in thread order: the identity column orders them). */
export async function insertClarifications(
  db: Db,
  rows: ClarificationRowSeed[],
  messages: ClarificationMessageRowSeed[],
) {
  await insertRows(
    db,
    'clarifications',
    {
      id: 'text',
      commissionId: 'text',
      submissionId: 'text',
      questionCode: 'text',
      askedBy: 'text',
      message: 'text',
      dueAt: 'timestamptz',
      status: 'text',
      createdAt: 'timestamptz',
      updatedAt: 'timestamptz',
    },
    rows,
  );
  await insertRows(
    db,
    'clarification_messages',
    { clarificationId: 'text', authorId: 'text', message: 'text', evidence: 'jsonb', createdAt: 'timestamptz' },
    messages,
  );
}

export interface ObjectionRowSeed {
  id: string;
  commissionId: string;
  submissionId: string;
  questionCode: string;
  reason: string;
  evidence: unknown;
  filedBy: string;
  createdAt: string;
  status: 'pending' | 'accepted' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  beforeValue: unknown;
  afterValue: unknown;
}

export async function insertObjections(db: Db, rows: ObjectionRowSeed[]) {
  await insertRows(
    db,
    'objections',
    {
      id: 'text',
      commissionId: 'text',
      submissionId: 'text',
      questionCode: 'text',
      reason: 'text',
      evidence: 'jsonb',
      filedBy: 'text',
      createdAt: 'timestamptz',
      status: 'text',
      decidedBy: 'text',
      decidedAt: 'timestamptz',
      decisionReason: 'text',
      beforeValue: 'jsonb',
      afterValue: 'jsonb',
    },
    rows,
  );
}

export interface PanelScoreRowSeed {
  submissionId: string;
  jurorId: string;
  component: string;
  score: string;
  createdAt: string;
  updatedAt: string;
}

export async function insertPanel(db: Db, periodId: string, memberIds: string[], scores: PanelScoreRowSeed[]) {
  await insertRows(
    db,
    'panel_members',
    { periodId: 'text', userId: 'text' },
    memberIds.map((userId) => ({ periodId, userId })),
  );
  await insertRows(
    db,
    'panel_scores',
    {
      submissionId: 'text',
      jurorId: 'text',
      component: 'text',
      score: 'numeric',
      createdAt: 'timestamptz',
      updatedAt: 'timestamptz',
    },
    scores,
  );
}

/** What the past cycle's notices name: assignments per evaluator, clarifications (answered or not), decided objections. */
export async function pastNoticeCauses(db: Db, periodId: string) {
  const [assignments, clarifications, objections] = await Promise.all([
    db
      .selectFrom('assignments')
      .select(['commissionId', 'evaluatorId', 'submissionId'])
      .where('periodId', '=', periodId)
      .orderBy('evaluatorId')
      .orderBy('submissionId')
      .execute(),
    db
      .selectFrom('clarifications as c')
      .innerJoin('submissions as s', 's.id', 'c.submissionId')
      .select(['c.id', 'c.status'])
      .where('s.periodId', '=', periodId)
      .orderBy('c.createdAt')
      .execute(),
    db
      .selectFrom('objections as o')
      .innerJoin('submissions as s', 's.id', 'o.submissionId')
      .select(['o.id'])
      .where('s.periodId', '=', periodId)
      .where('o.status', '<>', 'pending')
      .orderBy('o.createdAt')
      .execute(),
  ]);
  return { assignments, clarifications, objections };
}

/** The demo commission's queued mails are history: marked delivered so that no start sends them again. */
export async function markOutboxDelivered(db: Db, commissionId: string) {
  await db
    .updateTable('outbox')
    .set({ sentAt: sql`now()`, attempts: 1 })
    .where('sentAt', 'is', null)
    .where(sql<string>`payload->>'commissionId'`, '=', commissionId)
    .execute();
}
