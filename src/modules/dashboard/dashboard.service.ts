import type { Actor } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { Rational } from '../../domain/rational.ts';
import { STAGES, type Stage } from '../../domain/stages.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { type PeriodResults, periodResults, type ResultRow } from '../results/results.service.ts';
// the review's assignment repository, not its service: the workload service authorizes for the review's oversight
// and answers per state only; the dashboard needs the same assignment rows with their verified and total questions,
// under its own permission (dashboard.read)
import * as assignments from '../review/assignments.repository.ts';
import * as repo from './dashboard.repository.ts';
import type { Dashboard, DashboardQuery } from './dashboard.schemas.ts';

const MOVERS = 10;

/** Results exist (published, or as a preview) from the results stage on. */
const hasResults = (stage: string) => STAGES.indexOf(stage as Stage) >= STAGES.indexOf('results');

/** A shown statistic: an exact decimal (text from SQL, or a sum over rounded finals) rounded half-up at `decimals`. */
const rounded = (value: Rational | string | null, decimals: number) =>
  value === null ? null : Number((typeof value === 'string' ? Rational.of(value) : value).toFixed(decimals));

/** The mean of rows' (rounded) finals, rounded half-up at `decimals` (the trend's figure; null without rows). */
export function meanOf(rows: ResultRow[], decimals: number) {
  if (rows.length === 0) return null;
  const sum = rows.reduce((acc, r) => acc.add(Rational.of(String(r.final))), Rational.of(0));
  return rounded(sum.div(Rational.of(rows.length)), decimals);
}

/**
 * The leadership dashboard of a commission for one period (issue 23, item 6): the band distribution, the trend over
 * the years, indicator averages, the biggest movers against last year, participation and the evaluators' progress.
 * Commission admins, leadership and platform admins; another commission's is a 404.
 */
export async function dashboard(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  query: DashboardQuery,
): Promise<Dashboard> {
  authorize(actor, 'dashboard.read', { commissionId }, 'commission');
  if (!(await repo.commissionExists(deps.db, commissionId))) throw new AppError('NOT_FOUND', 'No such commission.');
  const [periods, categories] = await Promise.all([
    repo.commissionPeriods(deps.db, commissionId),
    repo.commissionCategories(deps.db, commissionId),
  ]);
  const category = query.category ?? null;
  if (category !== null && !categories.some((c) => c.code === category)) {
    throw validationFailed([{ path: 'category', message: `No category ${category} in this commission` }]);
  }
  let period = periods.find((p) => hasResults(p.stage)) ?? periods[0];
  if (query.periodId !== undefined) {
    period = periods.find((p) => p.id === query.periodId);
    if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  }
  const option = (p: repo.PeriodRow) => ({ id: p.id, year: p.year, title: p.title, stage: p.stage });
  const base = {
    periods: periods.map(option),
    categories,
    category,
  };
  if (!period) {
    return {
      ...base,
      period: null,
      bands: [],
      decimals: 2,
      bandDistribution: null,
      trend: [],
      indicators: [],
      movers: null,
      participation: null,
      evaluators: [],
    };
  }
  const chosen = period;
  const methodology = chosen.methodology as Methodology;
  const decimals = methodology.decimals;
  const inCategory = (r: { categoryCode: string }) => category === null || r.categoryCode === category;

  const [results, published, indicatorRows, counts, latest, evaluatorRows, evaluatorList] = await Promise.all([
    hasResults(chosen.stage) ? periodResults(deps, chosen) : Promise.resolve(undefined),
    publishedTrend(deps, commissionId, category, periods),
    repo.indicatorAverages(deps.db, chosen.id),
    repo.participation(deps.db, chosen.id),
    repo.latestVersion(deps.db, chosen.id),
    assignments.listAssignments(deps.db, chosen.id),
    assignments.commissionEvaluators(deps.db, commissionId),
  ]);

  const bands = methodology.bands.map((b) => b.label);
  const bandDistribution = results ? distribution(results, bands, categories, inCategory) : null;

  const trend = [...published];
  if (results && !results.published) {
    const rows = results.rows.filter(inCategory);
    trend.push({
      periodId: chosen.id,
      year: chosen.year,
      title: chosen.title,
      published: false,
      version: null,
      example: false,
      bodies: rows.length,
      averageFinal: meanOf(rows, decimals),
      topBandShare: rows.length > 0 ? rows.filter((r) => r.band === bands[0]).length / rows.length : null,
    });
  }
  trend.sort((a, b) => a.year - b.year || a.title.localeCompare(b.title));
  // within a category, a year where it had no bodies is no point of its line
  const points = category === null ? trend : trend.filter((p) => p.bodies > 0);

  return {
    ...base,
    period: option(chosen),
    bands,
    decimals,
    bandDistribution,
    trend: points,
    indicators: indicators(indicatorRows, decimals, category),
    movers: results ? await movers(deps, chosen, periods, results, decimals, inCategory) : null,
    participation: {
      ...counts,
      published: latest ? await repo.versionRowCount(deps.db, latest.id) : null,
    },
    evaluators: evaluatorProgress(evaluatorRows, evaluatorList),
  };
}

/**
 * The trend over the years (the dashboard's, and the report PDF's): per period of the commission with a published
 * result, its latest version's body count, mean final (rounded at that period's decimals) and share in the first band
 * (Informatif), optionally within one category; unordered. `periods`: the commission's.
 */
async function publishedTrend(
  deps: AppDeps,
  commissionId: string,
  category: string | null,
  periods: repo.PeriodRow[],
): Promise<Dashboard['trend']> {
  const rows = await repo.publishedTrend(deps.db, commissionId, category);
  const periodById = new Map(periods.map((p) => [p.id, p]));
  return rows.flatMap((r) => {
    const p = periodById.get(r.periodid);
    if (!p) return [];
    const d = (p.methodology as Methodology).decimals;
    return [
      {
        periodId: p.id,
        year: p.year,
        title: p.title,
        published: true,
        version: r.version,
        example: r.example,
        bodies: r.bodies,
        averageFinal: r.bodies > 0 ? rounded(r.average, d) : null,
        topBandShare: r.bodies > 0 ? r.top / r.bodies : null,
      },
    ];
  });
}

/** The trend of each of these categories (the report PDF's), the commission's periods read once for all. */
export async function publishedTrends(
  deps: AppDeps,
  commissionId: string,
  categories: readonly string[],
): Promise<Dashboard['trend'][]> {
  const periods = await repo.commissionPeriods(deps.db, commissionId);
  return Promise.all(categories.map((category) => publishedTrend(deps, commissionId, category, periods)));
}

function distribution(
  results: PeriodResults,
  bands: string[],
  categories: { code: string; name: string }[],
  inCategory: (r: { categoryCode: string }) => boolean,
): NonNullable<Dashboard['bandDistribution']> {
  const byCategory = new Map<string, number[]>();
  for (const row of results.rows) {
    if (!inCategory(row)) continue;
    const counts = byCategory.get(row.categoryCode) ?? bands.map(() => 0);
    const index = bands.indexOf(row.band);
    // a published row's band is always one of its methodology's; an unknown label counts in the lowest band
    counts[index === -1 ? bands.length - 1 : index] = (counts[index === -1 ? bands.length - 1 : index] ?? 0) + 1;
    byCategory.set(row.categoryCode, counts);
  }
  const names = new Map(categories.map((c) => [c.code, c.name]));
  return {
    published: results.published,
    version: results.version,
    categories: [...byCategory.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, counts]) => ({
        code,
        name: names.get(code) ?? code,
        total: counts.reduce((a, b) => a + b, 0),
        counts,
      })),
  };
}

function indicators(rows: repo.IndicatorAverageRow[], decimals: number, category: string | null) {
  const byCode = new Map<string, Dashboard['indicators'][number]>();
  for (const r of rows) {
    let entry = byCode.get(r.code);
    if (!entry) {
      entry = { code: r.code, title: r.title, commission: null, byCategory: [] };
      byCode.set(r.code, entry);
    }
    if (r.category === null) entry.commission = rounded(r.average, decimals);
    else if (category === null || r.category === category) {
      entry.byCategory.push({ categoryCode: r.category, average: rounded(r.average, decimals) });
    }
  }
  return [...byCode.values()];
}

/**
 * Bodies whose final moved most against the previous year's latest published version (the commission's nearest
 * earlier year with one), matched by body id.
 */
async function movers(
  deps: AppDeps,
  chosen: repo.PeriodRow,
  periods: repo.PeriodRow[],
  results: PeriodResults,
  decimals: number,
  inCategory: (r: { categoryCode: string }) => boolean,
): Promise<Dashboard['movers']> {
  for (const previous of periods.filter((p) => p.year < chosen.year)) {
    const before = await periodResults(deps, previous, { previewIfUnpublished: false });
    if (!before) continue;
    const old = new Map(before.rows.map((r) => [r.bodyId, r.final]));
    // a body that never sent this year's SAQ scores 0: its "fall" says it did not take part, not that it got worse,
    // so it is left out of the movers and counted beside them (a year without SAQs, imported, leaves out nobody)
    const submitted = await repo.submittedBodies(deps.db, chosen.id);
    const tookPart = (bodyId: string) => submitted.size === 0 || submitted.has(bodyId);
    let leftOut = 0;
    const changes = results.rows.filter(inCategory).flatMap((r) => {
      const was = old.get(r.bodyId);
      if (was === undefined) return [];
      if (!tookPart(r.bodyId)) {
        leftOut++;
        return [];
      }
      const change = Rational.of(String(r.final)).sub(Rational.of(String(was)));
      return [
        {
          bodyId: r.bodyId,
          bodyName: r.bodyName,
          categoryCode: r.categoryCode,
          before: was,
          after: r.final,
          change: Number(change.toFixed(decimals)),
        },
      ];
    });
    const byName = (a: { bodyName: string }, b: { bodyName: string }) => a.bodyName.localeCompare(b.bodyName, 'id');
    return {
      against: {
        periodId: previous.id,
        year: previous.year,
        title: previous.title,
        version: before.version ?? 1,
      },
      notSubmitted: leftOut,
      up: changes
        .filter((c) => c.change > 0)
        .sort((a, b) => b.change - a.change || byName(a, b))
        .slice(0, MOVERS),
      down: changes
        .filter((c) => c.change < 0)
        .sort((a, b) => a.change - b.change || byName(a, b))
        .slice(0, MOVERS),
    };
  }
  return null;
}

function evaluatorProgress(
  rows: assignments.AssignmentRow[],
  evaluators: assignments.EvaluatorRow[],
): Dashboard['evaluators'] {
  const byId = new Map<string, Dashboard['evaluators'][number]>();
  const rowOf = (id: string, name: string) => {
    let row = byId.get(id);
    if (!row) {
      row = {
        evaluatorId: id,
        name,
        assigned: 0,
        complete: 0,
        inProgress: 0,
        notStarted: 0,
        verifiedQuestions: 0,
        totalQuestions: 0,
      };
      byId.set(id, row);
    }
    return row;
  };
  for (const e of evaluators) rowOf(e.id, e.name);
  // an evaluator who has since lost the role still holds their assignments until reassigned: they stay listed
  for (const a of rows) {
    const row = rowOf(a.evaluatorId, a.evaluatorName);
    row.assigned += 1;
    if (a.verificationState === 'complete') row.complete += 1;
    else if (a.verificationState === 'in_progress') row.inProgress += 1;
    else row.notStarted += 1;
    row.verifiedQuestions += a.verified ?? 0;
    row.totalQuestions += a.total ?? 0;
  }
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'id') || (a.evaluatorId < b.evaluatorId ? -1 : 1),
  );
}
