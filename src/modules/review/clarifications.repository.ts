import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';

/**
 * Clarification threads (issue 22): the question about one item, its replies, and the evidence a reply adds to that
 * item. Also the item-evidence helpers the objections share (a file belongs to the submission; appending to an item).
 */

export interface ClarificationRow {
  id: string;
  commissionId: string;
  submissionId: string;
  questionCode: string;
  status: string;
  dueAt: Date;
  createdAt: Date;
  askedById: string | null;
  askedByName: string | null;
}

export interface MessageRow {
  id: number | string;
  clarificationId: string;
  authorId: string | null;
  authorName: string | null;
  message: string;
  evidence: unknown;
  createdAt: Date;
}

export interface ClarificationSummaryRow extends ClarificationRow {
  periodId: string;
  year: number;
  bodyId: string;
  bodyName: string;
  message: string;
  messages: number;
  lastMessageAt: Date;
}

/** Evidence as a thread keeps it: a link, or a file with its name. */
export type StoredEvidence = { url: string } | { fileId: string; name: string };

function clarificationColumns(db: Db) {
  return db
    .selectFrom('clarifications as c')
    .leftJoin('users as u', 'u.id', 'c.askedBy')
    .select([
      'c.id',
      'c.commissionId',
      'c.submissionId',
      'c.questionCode',
      'c.status',
      'c.dueAt',
      'c.createdAt',
      'u.id as askedById',
      'u.name as askedByName',
    ]);
}

/** Opens a thread: the clarification and its first message (the question), in the caller's transaction. */
export async function insertClarification(
  db: Db,
  values: {
    commissionId: string;
    submissionId: string;
    questionCode: string;
    askedBy: string;
    message: string;
    dueAt: Date;
  },
): Promise<string> {
  const row = await db.insertInto('clarifications').values(values).returning('id').executeTakeFirstOrThrow();
  await insertMessage(db, { clarificationId: row.id, authorId: values.askedBy, message: values.message, evidence: [] });
  return row.id;
}

export async function insertMessage(
  db: Db,
  values: { clarificationId: string; authorId: string; message: string; evidence: StoredEvidence[] },
) {
  await db
    .insertInto('clarificationMessages')
    .values({ ...values, evidence: jsonb(values.evidence) })
    .execute();
}

export async function findClarification(db: Db, id: string): Promise<ClarificationRow | undefined> {
  return clarificationColumns(db).where('c.id', '=', id).executeTakeFirst();
}

/** The thread's row, locked: replies and closing serialise, so a reply never lands on a thread closed meanwhile. */
export async function lockClarification(db: Db, id: string): Promise<{ status: string; dueAt: Date } | undefined> {
  return db
    .selectFrom('clarifications')
    .select(['status', 'dueAt'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setClarificationStatus(db: Db, id: string, status: string) {
  await db.updateTable('clarifications').set({ status, updatedAt: sql`now()` }).where('id', '=', id).execute();
}

export async function clarificationsOf(db: Db, submissionId: string, questionCode?: string) {
  let q = clarificationColumns(db).where('c.submissionId', '=', submissionId);
  if (questionCode) q = q.where('c.questionCode', '=', questionCode);
  return q.orderBy('c.createdAt').orderBy('c.id').execute();
}

export async function messagesOf(db: Db, clarificationIds: string[]): Promise<MessageRow[]> {
  if (clarificationIds.length === 0) return [];
  return db
    .selectFrom('clarificationMessages as m')
    .leftJoin('users as u', 'u.id', 'm.authorId')
    .select([
      'm.id',
      'm.clarificationId',
      'm.authorId',
      'u.name as authorName',
      'm.message',
      'm.evidence',
      'm.createdAt',
    ])
    .where('m.clarificationId', 'in', clarificationIds)
    .orderBy('m.id')
    .execute();
}

/**
 * Which clarifications a caller lists: everything (a platform admin), a commission's (its admin, leadership), the
 * submissions assigned to the caller in a commission where they are only an evaluator, and their bodies' (operators).
 */
export interface ClarificationScope {
  all: boolean;
  commissionIds: string[];
  assignedIn: string[];
  userId: string;
  bodyIds: string[];
}

export async function listClarifications(
  db: Db,
  scope: ClarificationScope,
  status: string | undefined,
  limit: number,
): Promise<ClarificationSummaryRow[]> {
  let q = db
    .selectFrom('clarifications as c')
    .innerJoin('submissions as s', 's.id', 'c.submissionId')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .leftJoin('users as u', 'u.id', 'c.askedBy')
    .select([
      'c.id',
      'c.commissionId',
      'c.submissionId',
      'c.questionCode',
      'c.status',
      'c.dueAt',
      'c.createdAt',
      'u.id as askedById',
      'u.name as askedByName',
      's.periodId',
      'p.year',
      's.bodyId',
      'b.name as bodyName',
      'c.message',
      (eb) =>
        eb
          .selectFrom('clarificationMessages as m')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('m.clarificationId', '=', 'c.id')
          .as('messages'),
      (eb) =>
        eb
          .selectFrom('clarificationMessages as m')
          .select(sql<Date>`max(m.created_at)`.as('at'))
          .whereRef('m.clarificationId', '=', 'c.id')
          .as('lastMessageAt'),
    ]);
  if (!scope.all) {
    q = q.where((eb) => {
      const ors = [];
      if (scope.commissionIds.length > 0) ors.push(eb('c.commissionId', 'in', scope.commissionIds));
      if (scope.assignedIn.length > 0)
        ors.push(
          eb.and([
            eb('c.commissionId', 'in', scope.assignedIn),
            eb.exists(
              eb
                .selectFrom('assignments as a')
                .select('a.id')
                .whereRef('a.submissionId', '=', 'c.submissionId')
                .where('a.evaluatorId', '=', scope.userId),
            ),
          ]),
        );
      if (scope.bodyIds.length > 0) ors.push(eb('s.bodyId', 'in', scope.bodyIds));
      return ors.length > 0 ? eb.or(ors) : sql<boolean>`false`;
    });
  }
  if (status) q = q.where('c.status', '=', status);
  const rows = await q.orderBy('c.dueAt').orderBy('c.id').limit(limit).execute();
  return rows.map((r) => ({ ...r, messages: r.messages ?? 0, lastMessageAt: r.lastMessageAt ?? r.createdAt }));
}

/** Whether the body may still add evidence to this submission: a thread not closed whose due time has not passed. */
export async function hasOpenClarification(db: Db, submissionId: string, at: Date): Promise<boolean> {
  const row = await db
    .selectFrom('clarifications')
    .select('id')
    .where('submissionId', '=', submissionId)
    .where('status', '<>', 'closed')
    .where('dueAt', '>', at)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The names of the given files, among those uploaded to this submission (a file of another submission is absent). */
export async function filesOfSubmission(db: Db, submissionId: string, fileIds: string[]): Promise<Map<string, string>> {
  if (fileIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('files')
    .select(['id', 'name'])
    .where('submissionId', '=', submissionId)
    .where('id', 'in', fileIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** How many evidence items the item has now. */
export async function evidenceCount(db: Db, submissionId: string, questionCode: string): Promise<number> {
  const row = await db
    .selectFrom('evidence')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('submissionId', '=', submissionId)
    .where('questionCode', '=', questionCode)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/**
 * Makes sure the item has an answer row, which its evidence hangs on (a foreign key): an item the body left unanswered
 * gets one with no value and no points, so that evidence sent in a clarification has a place.
 */
export async function ensureAnswer(db: Db, item: { submissionId: string; questionId: string; questionCode: string }) {
  await db
    .insertInto('answers')
    .values({ ...item, value: null, note: null, selfPoints: '0', updatedBy: null, updatedAt: sql`now()` })
    .onConflict((oc) => oc.columns(['submissionId', 'questionCode']).doNothing())
    .execute();
}

/** Appends evidence to one item after what it has, and registers new links for the background checker. */
export async function appendEvidence(db: Db, submissionId: string, questionCode: string, items: StoredEvidence[]) {
  if (items.length === 0) return;
  const last = await db
    .selectFrom('evidence')
    .select(sql<number | null>`max(position)`.as('p'))
    .where('submissionId', '=', submissionId)
    .where('questionCode', '=', questionCode)
    .executeTakeFirst();
  const start = (last?.p ?? -1) + 1;
  await db
    .insertInto('evidence')
    .values(
      items.map((e, i) => ({
        submissionId,
        questionCode,
        position: start + i,
        url: 'url' in e ? e.url : null,
        fileId: 'fileId' in e ? e.fileId : null,
      })),
    )
    .execute();
  const urls = [...new Set(items.flatMap((e) => ('url' in e ? [e.url] : [])))];
  if (urls.length > 0) {
    await db
      .insertInto('linkChecks')
      .values(urls.map((url) => ({ url })))
      .onConflict((oc) => oc.column('url').doNothing())
      .execute();
  }
}
