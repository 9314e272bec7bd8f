import type { Actor } from '../../domain/access.ts';
import { type Methodology, validateMethodology } from '../../domain/methodology.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import {
  aggregateFractions,
  bandOf,
  pointsToFractions,
  rankWithinCategories,
  scoreFinal,
} from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
// periods' repository, not its service: the engine needs the period and its questionnaires as stored (the service
// answers the API's views), and whatIf authorizes the actor for its own permission (whatif.run), not period.read
import * as periods from '../periods/periods.repository.ts';
import * as repo from './results.repository.ts';
import * as sqlResults from './results-sql.repository.ts';

export interface ScoredBody {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  submitted: boolean;
  /** The verified questionnaire score (null when nothing was submitted). */
  questionnaire: Rational | null;
  panels: Record<string, Rational[]>;
  panelOverrides?: Record<string, Rational>;
}

/** Loads what the engine needs for a period: per body in scope, its verified SAQ and its jurors' panel scores. */
export async function loadPeriodData(deps: AppDeps, periodId: string): Promise<ScoredBody[]> {
  const [bodies, submissions, fractions, panels, corrections] = await Promise.all([
    repo.bodiesInScope(deps.db, periodId),
    repo.submittedSubmissions(deps.db, periodId),
    repo.answerFractions(deps.db, periodId),
    repo.panelScores(deps.db, periodId),
    repo.panelCorrections(deps.db, periodId),
  ]);
  const questionnaires = new Map<string, Questionnaire>();
  for (const id of new Set(bodies.map((b) => b.questionnaireId))) {
    questionnaires.set(id, await periods.loadQuestionnaire(deps.db, id));
  }
  const submissionOf = new Map(submissions.map((s) => [s.bodyId, s.id]));
  const fractionsBy = new Map<string, Map<string, { self: Rational; verified: Rational }>>();
  for (const f of fractions) {
    const map = fractionsBy.get(f.submissionId) ?? new Map();
    const self = Rational.of(f.selfPoints);
    map.set(f.questionCode, { self, verified: f.verifiedPoints === null ? self : Rational.of(f.verifiedPoints) });
    fractionsBy.set(f.submissionId, map);
  }
  const panelsBy = new Map<string, Record<string, Rational[]>>();
  for (const p of panels) {
    const entry = panelsBy.get(p.submissionId) ?? {};
    entry[p.component] = [...(entry[p.component] ?? []), Rational.of(p.score)];
    panelsBy.set(p.submissionId, entry);
  }
  // the latest panel correction of a (submission, component) replaces the jurors' mean (rows come oldest first)
  const overridesBy = new Map<string, Record<string, Rational>>();
  for (const c of corrections) {
    overridesBy.set(c.submissionId, {
      ...(overridesBy.get(c.submissionId) ?? {}),
      [c.component]: Rational.of(c.score),
    });
  }
  return bodies.map((b) => {
    const submissionId = submissionOf.get(b.bodyId);
    const questionnaire = questionnaires.get(b.questionnaireId) as Questionnaire;
    const stored = submissionId ? fractionsBy.get(submissionId) : undefined;
    const score = submissionId
      ? aggregateFractions(questionnaire.indicators, (q) => pointsToFractions(q, stored?.get(q.code))).verified.score
      : null;
    return {
      bodyId: b.bodyId,
      bodyName: b.bodyName,
      categoryCode: b.categoryCode,
      submitted: submissionId !== undefined,
      questionnaire: score,
      panels: (submissionId ? panelsBy.get(submissionId) : undefined) ?? {},
      panelOverrides: (submissionId ? overridesBy.get(submissionId) : undefined) ?? {},
    };
  });
}

export interface ResultRow {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  rank: number;
  final: number;
  band: string;
  components: Record<string, number | null>;
  /** A generated figure (an imported example year). */
  example?: boolean;
}

/** Finals, bands and competition ranks per category for one methodology; shown values rounded at its decimals. */
export function rankResults(methodology: Methodology, data: ScoredBody[]): ResultRow[] {
  const scored = data.map((b) => {
    const result = scoreFinal(methodology, {
      questionnaire: b.questionnaire,
      panels: b.panels,
      ...(b.panelOverrides ? { panelOverrides: b.panelOverrides } : {}),
    });
    return { ...b, final: result.final, result };
  });
  return rankWithinCategories(scored, methodology.decimals).map((row) => ({
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    categoryCode: row.categoryCode,
    rank: row.rank,
    final: Number(row.final.toFixed(methodology.decimals)),
    band: bandOf(methodology, row.final).label,
    components: Object.fromEntries(
      row.result.components.map((c) => [
        c.key,
        c.score === null ? null : Number(c.score.toFixed(methodology.decimals)),
      ]),
    ),
  }));
}

/**
 * What-if: the period's current data under another methodology, beside the current one, without saving anything.
 * Rows keep the current ranking's order.
 */
export async function whatIf(deps: AppDeps, actor: Actor, periodId: string, proposed: Methodology) {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'whatif.run', { commissionId: period.commissionId }, 'period');
  const issues = validateMethodology(proposed).map((i) => ({ path: `methodology.${i.path}`, message: i.message }));
  if (issues.length > 0) throw validationFailed(issues);
  const data = await loadPeriodData(deps, periodId);
  const current = rankResults(period.methodology as Methodology, data);
  const next = new Map(rankResults(proposed, data).map((r) => [r.bodyId, r]));
  return current.map((row) => {
    const p = next.get(row.bodyId) as ResultRow;
    return {
      bodyId: row.bodyId,
      bodyName: row.bodyName,
      categoryCode: row.categoryCode,
      current: { final: row.final, band: row.band, rank: row.rank },
      proposed: { final: p.final, band: p.band, rank: p.rank },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a period's results (issue 23). Shared by the results routes, the dashboard and the scorecard; no
// authorization here (callers authorize for their own permission).

export interface PeriodResults {
  /** False: a preview computed now from the period's data. */
  published: boolean;
  /** The published version read (null: preview). */
  version: number | null;
  rows: ResultRow[];
}

/**
 * The rows of a published version (`version`, or the latest), else a preview computed now from the period's data by
 * the set-based SQL computation (results-sql.repository.ts), the same SELECT that publishing stores.
 */
export async function periodResults(
  deps: AppDeps,
  period: { id: string; methodology: unknown },
  options: { version?: number; previewIfUnpublished?: boolean } = {},
): Promise<PeriodResults | undefined> {
  const versions = await repo.listVersions(deps.db, period.id);
  const chosen = options.version === undefined ? versions.at(-1) : versions.find((v) => v.version === options.version);
  if (chosen) {
    const rows = await repo.versionRows(deps.db, chosen.id);
    return {
      published: true,
      version: chosen.version,
      rows: rows.map((r) => ({
        rank: r.rank,
        bodyId: r.bodyId,
        bodyName: r.bodyName,
        categoryCode: r.categoryCode,
        components: r.components,
        final: Number(r.final),
        band: r.band,
        ...(r.example ? { example: true } : {}),
      })),
    };
  }
  if (options.version !== undefined || options.previewIfUnpublished === false) return undefined;
  const rows = await sqlResults.computeResults(deps.db, period.id, period.methodology);
  return {
    published: false,
    version: null,
    rows: rows.map((r) => ({
      rank: r.rank,
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      categoryCode: r.categoryCode,
      components: r.components,
      final: Number(r.final),
      band: r.band,
    })),
  };
}
