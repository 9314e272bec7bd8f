import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * A period's results computed set-based in SQL (issue 23; decision 014): the same rules as the domain engine
 * (src/domain/scoring.ts: scoreFinal, bandOf, rankWithinCategories), which stays the oracle and is held to this by the
 * acceptance test (test/api/results-oracle.test.ts).
 *
 * Exactness: every division is made on a numerator carried at SCALE fractional digits, so each intermediate value is
 * within 10^-32 of the exact rational (decision 014 bounds it); a shown value is then snapped with round(x, SNAP) before
 * round(x, decimals). The exact value's denominator is small (far below 10^25), so an exact x.xx5 snaps back to x.xx5
 * and no other value can reach a rounding boundary: the rounded values are those of exact arithmetic.
 */
export const SCALE = 40;
export const SNAP = 30;

/** Columns of one computed row, as the CTE `computed` yields them. */
export interface ComputedRow {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  submissionId: string | null;
  components: Record<string, number | null>;
  final: string;
  band: string;
  bandIndex: number;
  rank: number;
  position: number;
}

/**
 * The WITH list (without the WITH keyword) ending in `computed`: one row per body of the commission in a category that
 * has a questionnaire in the period, with its rounded components and final, band, competition rank per category and
 * listing position. `methodology` is the period's (or a snapshot's) methodology as stored.
 */
export function computedCtes(periodId: string, methodology: unknown): RawBuilder<unknown> {
  const m = JSON.stringify(methodology);
  return sql`
  m as (select cast(${m} as text)::jsonb as j),
  decs as (select (j->>'decimals')::int as d from m),
  comp as (
    select e->>'key' as key, (e->>'weight')::numeric as weight, e->>'source' as source
    from m, jsonb_array_elements(m.j->'components') as e
  ),
  tot as (select sum(weight) as w from comp),
  qcomp as (select key, weight from comp where source = 'questionnaire' limit 1),
  gate as (
    select j->'gate'->>'component' as component, (j->'gate'->>'min')::numeric as min, j->'gate'->>'below' as below
    from m where jsonb_typeof(j->'gate') = 'object'
  ),
  bands as (
    select e->>'label' as label, (e->>'min')::numeric as min, (b.pos - 1)::int as idx
    from m, jsonb_array_elements(m.j->'bands') with ordinality as b(e, pos)
  ),
  panel_base as (
    select coalesce(jsonb_object_agg(key, null::jsonb), '{}'::jsonb) as j from comp where source = 'panel'
  ),
  scope as (
    select b.id as body_id, b.name as body_name, c.code as category_code, q.id as questionnaire_id
    from questionnaires q
    join categories c on c.id = q.category_id
    join bodies b on b.category_id = c.id and b.commission_id = q.commission_id
    where q.period_id = ${periodId}
  ),
  subs as (
    select s.id as submission_id, s.body_id
    from submissions s
    where s.period_id = ${periodId} and (s.submitted_at is not null or s.first_submitted_at is not null)
  ),
  iw as (
    select i.questionnaire_id, sum(i.weight) as w
    from indicators i join questionnaires q on q.id = i.questionnaire_id
    where q.period_id = ${periodId}
    group by i.questionnaire_id
  ),
  ip as (
    select qu.indicator_id, sum(qu.weight) as possible
    from questions qu join questionnaires q on q.id = qu.questionnaire_id
    where q.period_id = ${periodId}
    group by qu.indicator_id
  ),
  -- per question, its whole share of the SAQ per point: 100 x w_q x w_i / (max_q x possible_i x sum w_i),
  -- divided once, on a numerator carried at SCALE digits
  qf as materialized (
    select qu.id as question_id, qu.questionnaire_id,
      round(qu.weight * 100 * i.weight, ${sql.lit(SCALE)}) / (qu.max_points * ip.possible * iw.w) as factor
    from questions qu
    join indicators i on i.id = qu.indicator_id
    join ip on ip.indicator_id = qu.indicator_id
    join iw on iw.questionnaire_id = qu.questionnaire_id
  ),
  saq as materialized (
    select a.submission_id, sum(coalesce(a.verified_points, a.self_points) * qf.factor) as score
    from submissions s
    join bodies b on b.id = s.body_id
    join questionnaires qn on qn.period_id = s.period_id and qn.category_id = b.category_id
    join answers a on a.submission_id = s.id
    join qf on qf.question_id = a.question_id and qf.questionnaire_id = qn.id
    where s.period_id = ${periodId} and (s.submitted_at is not null or s.first_submitted_at is not null)
    group by a.submission_id
  ),
  pmean as (
    select p.submission_id, p.component, round(sum(p.score), ${sql.lit(SCALE)}) / count(*) as score
    from panel_scores p join subs sb on sb.submission_id = p.submission_id
    group by p.submission_id, p.component
  ),
  -- the latest panel correction of a (submission, component) replaces the jurors' mean
  pover as (
    select distinct on (c.submission_id, c.component) c.submission_id, c.component, c.score
    from corrections c
    where c.period_id = ${periodId} and c.kind = 'panel_score'
    order by c.submission_id, c.component, c.created_at desc, c.id desc
  ),
  pscore as materialized (
    select coalesce(o.submission_id, pm.submission_id) as submission_id,
      coalesce(o.component, pm.component) as component,
      coalesce(o.score, pm.score) as score
    from pmean pm full join pover o on o.submission_id = pm.submission_id and o.component = pm.component
  ),
  ppb as materialized (
    select ps.submission_id,
      sum(ps.score * c.weight) as weighted,
      jsonb_object_agg(c.key, round(round(ps.score, ${sql.lit(SNAP)}), (select d from decs))) as shown
    from pscore ps join comp c on c.key = ps.component and c.source = 'panel'
    group by ps.submission_id
  ),
  body as materialized (
    select sc.body_id, sc.body_name, sc.category_code, sb.submission_id,
      coalesce(sq.score, 0) as q,
      case
        when g.component is null then true
        when g.component = (select key from qcomp) then
          round(round(coalesce(sq.score, 0), ${sql.lit(SNAP)}), (select d from decs)) >= g.min
        else round(round(coalesce(gp.score, 0), ${sql.lit(SNAP)}), (select d from decs)) >= g.min
      end as passed,
      g.below
    from scope sc
    left join subs sb on sb.body_id = sc.body_id
    left join saq sq on sq.submission_id = sb.submission_id
    left join gate g on true
    left join pscore gp on gp.submission_id = sb.submission_id and gp.component = g.component
  ),
  finals as (
    select b.body_id, b.body_name, b.category_code, b.submission_id,
      (select j from panel_base)
        || jsonb_build_object((select key from qcomp), round(round(b.q, ${sql.lit(SNAP)}), (select d from decs)))
        || case when b.passed then coalesce(p.shown, '{}'::jsonb) else '{}'::jsonb end as components,
      round(round(
        case
          when not b.passed and b.below = 'questionnaire_only' then b.q
          else (round(b.q * (select weight from qcomp), ${sql.lit(SCALE)})
                + case when b.passed then coalesce(p.weighted, 0) else 0 end) / (select w from tot)
        end, ${sql.lit(SNAP)}), (select d from decs)) as final
    from body b
    left join ppb p on p.submission_id = b.submission_id
  ),
  banded as (
    select f.*,
      coalesce((select min(idx) from bands where f.final >= bands.min), (select max(idx) from bands)) as band_index,
      rank() over (partition by f.category_code order by f.final desc) as rank
    from finals f
  ),
  computed as (
    select b.body_id, b.body_name, b.category_code, b.submission_id, b.components, b.final,
      (select label from bands where idx = b.band_index) as band, b.band_index, b.rank::int as rank,
      (row_number() over (
        order by b.category_code collate "C", b.rank, lower(b.body_name) collate "C", b.body_id collate "C"
      ))::int as position
    from banded b
  )`;
}

/**
 * Runs `work` with nested-loop joins off, inside the caller's transaction (restored after). The computation reads
 * whole tables: hash joins are its plan whatever the planner's estimates say, and estimates are poor over CTEs and over
 * tables that have not been analysed yet (PGlite has no autovacuum), where nested loops turn quadratic.
 */
export async function setBased<T>(trx: Db, work: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ workMem: string; jit: string }>`select current_setting('work_mem') as "workMem",
    current_setting('jit', true) as jit`.execute(trx);
  const workMem = rows[0]?.workMem ?? '4MB';
  const jit = rows[0]?.jit ?? 'off';
  // and memory enough to hash and sort a period's answers without spilling to disk
  // (the costs of discouraged plans trigger JIT compilation, which takes longer than the query: no JIT either)
  await sql`select set_config('enable_nestloop', 'off', true), set_config('enable_sort', 'off', true),
    set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(trx);
  try {
    return await work();
  } finally {
    await sql`select set_config('enable_nestloop', 'on', true), set_config('enable_sort', 'on', true),
      set_config('work_mem', ${workMem}, true), set_config('jit', ${jit}, true)`.execute(trx);
  }
}

/** The preview: the computed rows in listing order. */
export async function computeResults(db: Db, periodId: string, methodology: unknown): Promise<ComputedRow[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => computeResults(trx, periodId, methodology));
  return setBased(db, () => selectComputed(db, periodId, methodology));
}

async function selectComputed(db: Db, periodId: string, methodology: unknown): Promise<ComputedRow[]> {
  const { rows } = await sql<ComputedRow>`
    with ${computedCtes(periodId, methodology)}
    select body_id as "bodyId", body_name as "bodyName", category_code as "categoryCode",
      submission_id as "submissionId", components, final::text as final, band, band_index as "bandIndex", rank, position
    from computed order by position`.execute(db);
  return rows;
}

/**
 * Publishes the computed rows as a new version in one statement: the version row (with `changed`, the bodies whose
 * final, band or rank differ from `previousVersionId`'s rows) and its rows by INSERT ... SELECT.
 */
export async function insertVersionWithRows(
  db: Db,
  input: {
    periodId: string;
    commissionId: string;
    version: number;
    decreeNumber: string;
    decreeDate: string;
    actorId: string | null;
    methodology: unknown;
    previousVersionId: string | null;
    /** Default: the statement's own clock. */
    publishedAt?: Date | undefined;
  },
): Promise<{ id: string; changed: number; rows: number }> {
  const previous = input.previousVersionId;
  const { rows } = await setBased(db, () =>
    sql<{ id: string; changed: number; rows: number }>`
    with ${computedCtes(input.periodId, input.methodology)},
    prev as (select body_id, final, band, rank from result_rows where version_id = ${previous ?? ''}),
    moved as (
      select count(*)::int as n
      from computed n full join prev o on o.body_id = n.body_id
      where o.body_id is null or n.body_id is null or o.final <> n.final or o.band <> n.band or o.rank <> n.rank
    ),
    v as (
      insert into result_versions
        (commission_id, period_id, version, decree_number, decree_date, published_at, published_by, methodology, changed)
      select ${input.commissionId}, ${input.periodId}, ${input.version}, ${input.decreeNumber},
        cast(${input.decreeDate} as date),
        coalesce(cast(${input.publishedAt ? input.publishedAt.toISOString() : null} as timestamptz), clock_timestamp()),
        ${input.actorId}, (select j from m),
        case when ${previous === null} then 0 else (select n from moved) end
      returning id, changed
    ),
    r as (
      insert into result_rows
        (version_id, period_id, body_id, body_name, category_code, submission_id, components, final, band,
         band_index, rank, position)
      select v.id, ${input.periodId}, c.body_id, c.body_name, c.category_code, c.submission_id, c.components, c.final,
        c.band, c.band_index, c.rank, c.position
      from computed c cross join v
      returning 1
    )
    select (select id from v) as id, (select changed from v) as changed, (select count(*)::int from r) as rows
  `.execute(db),
  );
  return rows[0] as { id: string; changed: number; rows: number };
}

/**
 * The diff of an amendment: per body whose final, band or rank moved between the two versions, before and after, with
 * the corrections of its submission made since the previous publication and who made them (compared in SQL, at the
 * timestamps' full precision).
 */
export async function insertDiff(db: Db, input: { versionId: string; previousVersionId: string }): Promise<void> {
  await setBased(db, () =>
    sql`
    insert into result_diffs (version_id, body_id, body_name, category_code, before, after, reasons)
    select ${input.versionId}, coalesce(n.body_id, o.body_id), coalesce(n.body_name, o.body_name),
      coalesce(n.category_code, o.category_code),
      case when o.body_id is null then null
        else jsonb_build_object('final', o.final, 'band', o.band, 'rank', o.rank) end,
      case when n.body_id is null then null
        else jsonb_build_object('final', n.final, 'band', n.band, 'rank', n.rank) end,
      coalesce((
        select jsonb_agg(jsonb_build_object(
          'kind', c.kind, 'questionCode', c.question_code, 'component', c.component, 'before', c.before,
          'after', c.after, 'reason', c.reason,
          'at', to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'actor', u.name
        ) order by c.created_at, c.id)
        from corrections c left join users u on u.id = c.actor_id
        where c.submission_id = coalesce(n.submission_id, o.submission_id) and c.created_at > (select published_at from result_versions where id = ${input.previousVersionId})
      ), '[]'::jsonb)
    from (select * from result_rows where version_id = ${input.versionId}) n
    full join (select * from result_rows where version_id = ${input.previousVersionId}) o on o.body_id = n.body_id
    where o.body_id is null or n.body_id is null or o.final <> n.final or o.band <> n.band or o.rank <> n.rank
  `.execute(db),
  );
}
