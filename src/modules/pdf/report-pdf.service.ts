/**
 * The ranking report PDF of a period (issue 24, item 1): the same reading rules as `GET /periods/:pid/results` (a
 * published version, an older one with `version`, or the preview before publication), the rows from periodResults,
 * the trend over the years from the dashboard's, rendered by the host's renderer from a plain-JSON spec.
 */
import type { Actor } from '../../domain/access.ts';
import { bandEarnsCertificate } from '../../domain/methodology.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { validationFailed } from '../../http/errors.ts';
import type { Dashboard } from '../dashboard/dashboard.schemas.ts';
import { meanOf, publishedTrends } from '../dashboard/dashboard.service.ts';
// the registry's and the public methodology's reads, not their services: the report authorizes as the results view
// does (resultsAccess), and needs the commission's name and the indicator weights of the period's questionnaires
import { findCommission } from '../registry/registry.repository.ts';
import { questionnaireIndicators } from '../results/public.repository.ts';
import { resultsAccess } from '../results/publication.service.ts';
// the results' repository, not a service: the period's categories exactly as the results view lists them (those with a
// questionnaire, and those of its published rows); no service answers them alone
import { resultCategories } from '../results/results.repository.ts';
import { periodResults, type ResultRow } from '../results/results.service.ts';
import type { ReportCategory, ReportData } from './documents/report-data.ts';
import { rendererOf } from './pdf-response.ts';
import type { PdfLang } from './pdf-types.ts';

export interface ReportQuery {
  category?: string | undefined;
  version?: number | undefined;
  lang?: PdfLang | undefined;
}

/** The report's data: authorizes as the results view does; an unknown category is a 422. */
export async function reportData(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  query: ReportQuery,
): Promise<ReportData> {
  const { period, latest, chosen, methodology } = await resultsAccess(deps, actor, periodId, query.version);
  const [results, categories, commission, indicators] = await Promise.all([
    periodResults(deps, period, query.version === undefined ? {} : { version: query.version }),
    resultCategories(deps.db, periodId),
    findCommission(deps.db, period.commissionId),
    questionnaireIndicators(deps.db, periodId),
  ]);
  if (query.category !== undefined && !categories.some((c) => c.code === query.category)) {
    throw validationFailed([{ path: 'category', message: `No category ${query.category} in this period` }]);
  }
  const chosenCategories = categories.filter((c) => query.category === undefined || c.code === query.category);
  const bands = methodology.bands.map((b, i) => ({
    label: b.label,
    min: b.min,
    certificate: bandEarnsCertificate(methodology, i),
  }));
  const rows = results?.rows ?? [];
  const trends = await publishedTrends(
    deps,
    period.commissionId,
    chosenCategories.map((c) => c.code),
  );
  const reportCategories: ReportCategory[] = chosenCategories.map((category, i) => {
    const own = rows.filter((r) => r.categoryCode === category.code);
    return {
      code: category.code,
      name: category.name,
      indicators: indicators
        .filter((x) => x.categoryCode === category.code)
        .map((x) => ({ code: x.code, title: x.title, weight: Number(x.weight) })),
      bandCounts: bandCounts(own, bands),
      trend: trendOf(trends[i] ?? [], period, own, bands, methodology.decimals),
      rows: own.map((r) => ({
        rank: r.rank,
        bodyName: r.bodyName,
        components: r.components,
        final: r.final,
        band: r.band,
      })),
    };
  });
  const gateComponent = methodology.gate
    ? methodology.components.find((c) => c.key === methodology.gate?.component)
    : undefined;
  return {
    commissionName: commission?.name ?? '',
    year: period.year,
    periodTitle: period.title,
    published: results?.published ?? false,
    version: results?.version ?? null,
    latestVersion: latest?.version ?? null,
    decreeNumber: chosen?.decreeNumber ?? null,
    decreeDate: chosen?.decreeDate ?? null,
    generatedAt: nowOf(deps).toISOString(),
    decimals: methodology.decimals,
    components: methodology.components.map((c) => ({
      key: c.key,
      label: c.label,
      weight: c.weight,
      source: c.source,
    })),
    gate: methodology.gate
      ? {
          componentLabel: gateComponent?.label ?? methodology.gate.component,
          min: methodology.gate.min,
          below: methodology.gate.below,
        }
      : null,
    bands,
    categories: reportCategories,
  };
}

/** Bodies per band; a label no band has (never, for stored rows) counts in the lowest. */
function bandCounts(rows: ResultRow[], bands: { label: string }[]): number[] {
  const counts = bands.map(() => 0);
  for (const row of rows) {
    const index = bands.findIndex((b) => b.label === row.band);
    const at = index === -1 ? bands.length - 1 : index;
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}

/**
 * The category's line over the years: its earlier published years (the dashboard's trend: each year's latest version),
 * then this report's year from the rows it shows (the version asked for, or the preview).
 */
function trendOf(
  published: Dashboard['trend'],
  period: { id: string; year: number },
  rows: ResultRow[],
  bands: { label: string }[],
  decimals: number,
): ReportCategory['trend'] {
  const earlier = published
    .filter((p) => p.year < period.year && p.periodId !== period.id && p.bodies > 0)
    .sort((a, b) => a.year - b.year || a.title.localeCompare(b.title))
    .map((p) => ({
      year: p.year,
      bodies: p.bodies,
      averageFinal: p.averageFinal,
      topBandShare: p.topBandShare,
      example: p.example,
      current: false,
    }));
  const current = {
    year: period.year,
    bodies: rows.length,
    averageFinal: meanOf(rows, decimals),
    topBandShare: rows.length > 0 ? rows.filter((r) => r.band === bands[0]?.label).length / rows.length : null,
    example: rows.some((r) => r.example === true),
    current: true,
  };
  return [...earlier, current];
}

/** `laporan-monev-2025-v2.pdf` (en: `monitoring-report-2025-v2.pdf`), `-pratinjau` for a preview, `-<category>`. */
export function reportFileName(data: ReportData, lang: PdfLang, category: string | undefined): string {
  const base = lang === 'en' ? 'monitoring-report' : 'laporan-monev';
  const version = data.version === null ? (lang === 'en' ? 'preview' : 'pratinjau') : `v${data.version}`;
  const suffix = category === undefined ? '' : `-${category.toLowerCase()}`;
  return `${base}-${data.year}-${version}${suffix}.pdf`;
}

/** `GET /periods/:pid/report.pdf`: the report's bytes and its file name. */
export async function reportPdf(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  query: ReportQuery,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const data = await reportData(deps, actor, periodId, query);
  const lang = query.lang ?? 'id';
  const bytes = await rendererOf(deps).render({ kind: 'report', lang, data });
  return { bytes, fileName: reportFileName(data, lang, query.category) };
}
