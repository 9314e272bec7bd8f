import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The references that answers and submission_history keep without foreign keys (migrations 0004 and 0005, decision
 * 007), each as one query for the rows that break it. The writers in src/modules/submissions/ keep them; this is the
 * proof, run after the test suites and the deadline-rush benchmark.
 */
export type IntegrityKind =
  | 'answer-without-submission'
  | 'answer-without-question'
  | 'answer-unknown-user'
  | 'answer-outside-questionnaire'
  | 'answer-ahead-of-version'
  | 'history-without-submission'
  | 'history-unknown-actor';

/** What the check reports of one kind: how many rows break it, and the ids of the first few. */
export interface IntegrityRows {
  count: number;
  ids: string[];
}

const SAMPLE = 10;

// an answer's id is its primary key: the submission and the question code
const ANSWER_ID = sql`a.submission_id || '/' || a.question_code`;

const QUERIES: Record<IntegrityKind, { id: RawBuilder<unknown>; from: RawBuilder<unknown> }> = {
  'answer-without-submission': {
    id: ANSWER_ID,
    from: sql`answers a where not exists (select 1 from submissions s where s.id = a.submission_id)`,
  },
  'answer-without-question': {
    id: ANSWER_ID,
    from: sql`answers a where not exists (select 1 from questions q where q.id = a.question_id)`,
  },
  'answer-unknown-user': {
    id: ANSWER_ID,
    from: sql`answers a
      where a.updated_by is not null and not exists (select 1 from users u where u.id = a.updated_by)`,
  },
  // the submission's questionnaire is its period's for its body's category, as every reader finds it
  // (submissions.repository, autosave.repository); the answer's question must be of it, under the same code
  'answer-outside-questionnaire': {
    id: ANSWER_ID,
    from: sql`answers a
      join submissions s on s.id = a.submission_id
      join bodies b on b.id = s.body_id
      join questions q on q.id = a.question_id
      left join questionnaires qn on qn.period_id = s.period_id and qn.category_id = b.category_id
      where qn.id is distinct from q.questionnaire_id or q.code <> a.question_code`,
  },
  // every writer stamps an answer with the version its save moved the submission to, and versions only grow
  'answer-ahead-of-version': {
    id: sql`${ANSWER_ID} || '@' || a.changed_version || '>' || s.version`,
    from: sql`answers a join submissions s on s.id = a.submission_id
      where a.changed_version > s.version or a.changed_version < 0`,
  },
  'history-without-submission': {
    id: sql`h.id::text`,
    from: sql`submission_history h where not exists (select 1 from submissions s where s.id = h.submission_id)`,
  },
  'history-unknown-actor': {
    id: sql`h.id::text`,
    from: sql`submission_history h
      where h.actor_id is not null and not exists (select 1 from users u where u.id = h.actor_id)`,
  },
};

export const INTEGRITY_KINDS = Object.keys(QUERIES) as IntegrityKind[];

/** The rows of one kind that break their reference: the count, and the first ids in a stable order. */
export async function brokenRows(db: Db, kind: IntegrityKind): Promise<IntegrityRows> {
  const { id, from } = QUERIES[kind];
  const result = await sql<{ id: string; total: string | number }>`
    select ${id} as id, count(*) over () as total from ${from} order by 1 limit ${SAMPLE}`.execute(db);
  return { count: Number(result.rows[0]?.total ?? 0), ids: result.rows.map((r) => r.id) };
}

/** How many rows the check looked at, for its summary line. */
export async function checkedRows(db: Db) {
  const result = await sql<{ submissions: string | number; answers: string | number; history: string | number }>`
    select (select count(*) from submissions) as submissions, (select count(*) from answers) as answers,
      (select count(*) from submission_history) as history`.execute(db);
  const row = result.rows[0];
  return {
    submissions: Number(row?.submissions ?? 0),
    answers: Number(row?.answers ?? 0),
    history: Number(row?.history ?? 0),
  };
}
