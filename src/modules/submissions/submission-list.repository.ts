import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SubmissionsTable } from '../../db/schema.ts';

/**
 * The staff's list of a period's submissions (issue 25, item 5): searched by body name, filtered by status and
 * category, sorted and paged in SQL, each row with its progress and the latest reopening or extension with its reason;
 * and the bodies that have not opened the SAQ, with their PPID contact. Set-based: one statement per list.
 */

export const LIST_SORTS = ['name', 'status', 'progress', 'updated', 'submitted'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** The statuses a list is filtered by: a submission's, or `not_started` (no submission: only the other list). */
export const LIST_STATUSES = ['draft', 'submitted', 'locked', 'not_started'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export interface ListFilter {
  categoryCode?: string | undefined;
  /** A part of the body's name, case-insensitive. */
  q?: string | undefined;
  status?: ListStatus | undefined;
  /** The submissions the caller may see (an evaluator's); undefined: all of the period. */
  only?: ReadonlySet<string> | undefined;
}

export interface ListOrder {
  sort: ListSort;
  desc: boolean;
  /** undefined: every row (the CSV export). */
  limit?: number | undefined;
  offset: number;
}

/** A row of the staff's list: a submission, how many questions it answers, its latest reopening or extension. */
export interface SubmissionListRow
  extends Pick<
    Selectable<SubmissionsTable>,
    'id' | 'bodyId' | 'status' | 'verificationState' | 'version' | 'submittedAt' | 'deadlineOverride' | 'updatedAt'
  > {
  bodyName: string;
  categoryCode: string;
  ppidEmail: string | null;
  answered: number;
  /** The questions of the body's category's questionnaire. */
  questions: number;
  changeEvent: string | null;
  changeReason: string | null;
  changeAt: Date | null;
}

export interface NotStartedRow {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  ppidEmail: string | null;
  /** The body's operators, as `name <email>` pairs in one JSON array (none: empty). */
  operators: { name: string; email: string }[];
}

/** `%text%` for ILIKE, with the pattern's own characters escaped. */
const likePattern = (text: string) => `%${text.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The events that reopen a submission or move its deadline: the admin's levers, shown with their reasons. */
export const CHANGE_EVENTS = ['submission.reopened', 'submission.extended'] as const;

function filtered(db: Db, periodId: string, filter: ListFilter) {
  let q = db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .where('s.periodId', '=', periodId);
  if (filter.categoryCode) q = q.where('c.code', '=', filter.categoryCode);
  if (filter.q?.trim()) q = q.where('b.name', 'ilike', likePattern(filter.q));
  if (filter.status === 'not_started') q = q.where(sql<boolean>`false`);
  else if (filter.status) q = q.where('s.status', '=', filter.status);
  if (filter.only) q = filter.only.size > 0 ? q.where('s.id', 'in', [...filter.only]) : q.where(sql<boolean>`false`);
  return q;
}

type Filtered = ReturnType<typeof filtered>;

/** The order of the list: the chosen column, then the body's name and id, so that pages never overlap. */
function orderBy(order: ListOrder) {
  const dir = order.desc ? sql`desc` : sql`asc`;
  const column = {
    name: sql`b.name ${dir}`,
    status: sql`s.status ${dir}`,
    progress: sql`answered ${dir}`,
    updated: sql`s.updated_at ${dir}`,
    // nulls (never submitted) last whichever way the list runs
    submitted: sql`s.submitted_at ${dir} nulls last`,
  }[order.sort];
  return sql`${column}, b.name ${order.sort === 'name' ? dir : sql`asc`}, s.id`;
}

/** One page of the period's submissions (every row when `order.limit` is absent), with the total that match. */
export async function listSubmissions(
  db: Db,
  periodId: string,
  filter: ListFilter,
  order: ListOrder,
): Promise<{ rows: SubmissionListRow[]; total: number }> {
  const base: Filtered = filtered(db, periodId, filter);
  let q = base
    .leftJoin('questionnaires as qn', (j) =>
      j.onRef('qn.categoryId', '=', 'b.categoryId').on('qn.periodId', '=', periodId),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('submissionHistory as h')
          .select(['h.event', 'h.reason', 'h.at'])
          .whereRef('h.submissionId', '=', 's.id')
          .where('h.event', 'in', CHANGE_EVENTS)
          .orderBy('h.id', 'desc')
          .limit(1)
          .as('ch'),
      (j) => j.onTrue(),
    )
    .select([
      's.id',
      's.bodyId',
      'b.name as bodyName',
      'c.code as categoryCode',
      'b.ppidEmail',
      's.status',
      's.verificationState',
      's.version',
      's.submittedAt',
      's.deadlineOverride',
      's.updatedAt',
      'ch.event as changeEvent',
      'ch.reason as changeReason',
      'ch.at as changeAt',
      (eb) =>
        eb
          .selectFrom('answers as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.submissionId', '=', 's.id')
          .where('a.value', 'is not', null)
          .where(sql<boolean>`a.value <> 'null'::jsonb`)
          .as('answered'),
      (eb) =>
        eb
          .selectFrom('questions as qq')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('qq.questionnaireId', '=', 'qn.id')
          .as('questions'),
      sql<number>`(count(*) over ())::int`.as('total'),
    ])
    .orderBy(orderBy(order));
  if (order.limit !== undefined) q = q.limit(order.limit).offset(order.offset);
  const page = await q.execute();
  const first = page[0];
  const rows = page.map(({ total: _, answered, questions, ...r }) => ({
    ...r,
    answered: answered ?? 0,
    questions: questions ?? 0,
  }));
  if (first) return { rows, total: first.total };
  // a page past the end (or nothing at all): the total needs its own count
  const counted =
    order.offset === 0 ? { n: 0 } : await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: counted.n };
}

/**
 * Bodies of the period's commission whose category has a questionnaire but that have not opened the SAQ yet, by
 * category and name, with the PPID contact: the body's PPID e-mail and its operators' names and e-mails.
 */
export async function notStarted(
  db: Db,
  periodId: string,
  commissionId: string,
  filter: Pick<ListFilter, 'categoryCode' | 'q'> & { bodyIds?: readonly string[] | undefined },
): Promise<NotStartedRow[]> {
  let q = db
    .selectFrom('bodies as b')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .innerJoin('questionnaires as q', (join) =>
      join.onRef('q.categoryId', '=', 'b.categoryId').on('q.periodId', '=', periodId),
    )
    .leftJoin('submissions as s', (join) => join.onRef('s.bodyId', '=', 'b.id').on('s.periodId', '=', periodId))
    .select(['b.id as bodyId', 'b.name as bodyName', 'c.code as categoryCode', 'b.ppidEmail'])
    .where('b.commissionId', '=', commissionId)
    .where('s.id', 'is', null);
  if (filter.categoryCode) q = q.where('c.code', '=', filter.categoryCode);
  if (filter.q?.trim()) q = q.where('b.name', 'ilike', likePattern(filter.q));
  if (filter.bodyIds)
    q = filter.bodyIds.length > 0 ? q.where('b.id', 'in', [...filter.bodyIds]) : q.where(sql<boolean>`false`);
  const rows = await q.orderBy('c.code').orderBy('b.name').execute();
  const operators = await operatorsOfBodies(
    db,
    rows.map((r) => r.bodyId),
  );
  return rows.map((r) => ({ ...r, operators: operators.get(r.bodyId) ?? [] }));
}

/** The PPID operators of these bodies (name and e-mail, by e-mail): the not-started list's contacts and the export's. */
export async function operatorsOfBodies(
  db: Db,
  bodyIds: readonly string[],
): Promise<Map<string, { name: string; email: string }[]>> {
  const byBody = new Map<string, { name: string; email: string }[]>();
  if (bodyIds.length === 0) return byBody;
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.bodyId', 'u.name', 'u.email'])
    .where('m.role', '=', 'body_operator')
    .where('m.bodyId', 'in', [...new Set(bodyIds)])
    .orderBy('u.email')
    .execute();
  for (const r of rows) {
    if (!r.bodyId) continue;
    byBody.set(r.bodyId, [...(byBody.get(r.bodyId) ?? []), { name: r.name, email: r.email }]);
  }
  return byBody;
}
