import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The dashboard's set-based reads: one query per figure, each aggregated in SQL over a whole period or commission,
 * so the dashboard costs a handful of queries whatever the number of bodies. Aliases are single words: raw queries'
 * keys are read as they come.
 */

export async function commissionExists(db: Db, commissionId: string): Promise<boolean> {
  const row = await db.selectFrom('commissions').select('id').where('id', '=', commissionId).executeTakeFirst();
  return row !== undefined;
}

export interface PeriodRow {
  id: string;
  year: number;
  title: string;
  stage: string;
  methodology: unknown;
}

/** The commission's periods, newest first (year, then creation). */
export async function commissionPeriods(db: Db, commissionId: string): Promise<PeriodRow[]> {
  return db
    .selectFrom('periods')
    .select(['id', 'year', 'title', 'stage', 'methodology'])
    .where('commissionId', '=', commissionId)
    .orderBy('year', 'desc')
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export async function commissionCategories(db: Db, commissionId: string): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('categories')
    .select(['code', 'name'])
    .where('commissionId', '=', commissionId)
    .orderBy('code')
    .execute();
}

export interface TrendRow {
  periodid: string;
  version: number;
  example: boolean;
  bodies: number;
  average: string | null;
  top: number;
}

/**
 * Per period of the commission with a published result: its latest version's body count, mean final and bodies in
 * the first band (band_index 0), optionally within one category.
 */
export async function publishedTrend(db: Db, commissionId: string, category: string | null): Promise<TrendRow[]> {
  const result = await sql<TrendRow>`
    with latest as (
      select distinct on (period_id) id, period_id, version, example
      from result_versions where commission_id = ${commissionId}
      order by period_id, version desc
    )
    select l.period_id as periodid, l.version, (l.example or coalesce(bool_or(r.example), false)) as example,
      count(r.body_id)::int as bodies, avg(r.final)::text as average,
      (count(*) filter (where r.band_index = 0))::int as top
    from latest l
    left join result_rows r on r.version_id = l.id and (${category}::text is null or r.category_code = ${category})
    group by l.period_id, l.version, l.example`.execute(db);
  return result.rows;
}

/** The latest published version of a period, if any. */
export async function latestVersion(db: Db, periodId: string): Promise<{ id: string; version: number } | undefined> {
  return db
    .selectFrom('resultVersions')
    .select(['id', 'version'])
    .where('periodId', '=', periodId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export interface IndicatorAverageRow {
  category: string | null;
  code: string;
  title: string;
  position: number;
  average: string | null;
}

/**
 * Verified indicator scores of every submitted submission of the period (per question coalesce(verified, self) over
 * the question's max points times its weight, over the indicator's total weight, x 100; an unanswered question counts
 * 0), averaged per category and indicator code, and per code over the whole commission (category null).
 */
export async function indicatorAverages(db: Db, periodId: string): Promise<IndicatorAverageRow[]> {
  const result = await sql<IndicatorAverageRow>`
    with subs as (
      select s.id, c.code as category, qn.id as questionnaire
      from submissions s
      join bodies b on b.id = s.body_id
      join categories c on c.id = b.category_id
      join questionnaires qn on qn.period_id = s.period_id and qn.category_id = b.category_id
      where s.period_id = ${periodId} and (s.submitted_at is not null or s.first_submitted_at is not null)
    ),
    scores as (
      select subs.id, subs.category, i.code, min(i.title) as title, min(i.position) as position,
        100 * sum(coalesce(a.verified_points, a.self_points, 0) / nullif(q.max_points, 0) * q.weight)
          / nullif(sum(q.weight), 0) as score
      from subs
      join questions q on q.questionnaire_id = subs.questionnaire
      join indicators i on i.id = q.indicator_id
      left join answers a on a.submission_id = subs.id and a.question_id = q.id
      group by subs.id, subs.category, i.code
    )
    select category, code, min(title) as title, min(position)::int as position, avg(score)::text as average
    from scores
    group by grouping sets ((category, code), (code))
    order by min(position), code, category nulls first`.execute(db);
  return result.rows;
}

export interface ParticipationRow {
  registered: number;
  submitted: number;
  verified: number;
  presented: number;
}

/** Bodies in scope, submitted once, verification complete, and presented (passed the gate or hold panel scores). */
export async function participation(db: Db, periodId: string): Promise<ParticipationRow> {
  const result = await sql<ParticipationRow>`
    with submitted as (
      select s.id, s.verification_state, s.proceeds from submissions s
      where s.period_id = ${periodId} and (s.submitted_at is not null or s.first_submitted_at is not null)
    )
    select
      (select count(*)::int from questionnaires q
        join bodies b on b.category_id = q.category_id and b.commission_id = q.commission_id
        where q.period_id = ${periodId}) as registered,
      (select count(*)::int from submitted) as submitted,
      (select count(*)::int from submitted where verification_state = 'complete') as verified,
      (select count(*)::int from submitted s where s.proceeds is true
        or exists (select 1 from panel_scores p where p.submission_id = s.id)) as presented`.execute(db);
  return result.rows[0] as ParticipationRow;
}

/** Bodies that submitted the period's SAQ at least once (a reopened SAQ was submitted once). */
export async function submittedBodies(db: Db, periodId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('submissions')
    .select('bodyId')
    .where('periodId', '=', periodId)
    .where((eb) => eb.or([eb('submittedAt', 'is not', null), eb('firstSubmittedAt', 'is not', null)]))
    .execute();
  return new Set(rows.map((r) => r.bodyId));
}

export async function versionRowCount(db: Db, versionId: string): Promise<number> {
  const row = await db
    .selectFrom('resultRows')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('versionId', '=', versionId)
    .executeTakeFirstOrThrow();
  return row.n;
}
