import { bandEarnsCertificate, type Methodology } from '../../domain/methodology.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { csvCell } from '../../lib/csv-write.ts';
import { iso } from '../../lib/time.ts';
import * as repo from './public.repository.ts';
import type {
  PublicBodyHistory,
  PublicCertificate,
  PublicCommission,
  PublicMethodology,
  PublicResults,
} from './public.schemas.ts';

/**
 * The public side of results (issue 23): no login, no actor. Only published versions are read (result_versions and
 * result_rows), never a period's live data: a year without a publication is a 404 whatever its stage.
 */

type Deps = Pick<AppDeps, 'db'>;

/** Commissions with at least one published year, their years newest first. */
export async function publicCommissions(deps: Deps): Promise<PublicCommission[]> {
  const rows = await repo.publishedYears(deps.db);
  const byCode = new Map<string, PublicCommission>();
  for (const r of rows) {
    const entry = byCode.get(r.code) ?? { code: r.code, name: r.name, province: r.province, years: [] };
    entry.years.push(r.year);
    byCode.set(r.code, entry);
  }
  return [...byCode.values()];
}

/** A stored methodology as published (imported years may carry fewer parts): never trusted to be complete. */
function storedMethodology(value: unknown): Methodology {
  const m = (value ?? {}) as Partial<Methodology>;
  return {
    components: Array.isArray(m.components) ? m.components : [],
    gate: m.gate ?? undefined,
    bands: Array.isArray(m.bands) ? m.bands : [],
    decimals: typeof m.decimals === 'number' ? m.decimals : 2,
  };
}

async function publishedYear(deps: Deps, code: string, year: number) {
  const commission = await repo.commissionByCode(deps.db, code);
  if (!commission) throw new AppError('NOT_FOUND', 'No such commission.');
  const version = await repo.latestVersionOfYear(deps.db, commission.id, year);
  if (!version) throw new AppError('NOT_FOUND', `Nothing is published for ${commission.code} ${year}.`);
  return { commission, version };
}

/** The latest published version of a commission's year (optionally one category's rows); 404 when none. */
export async function publicResults(
  deps: Deps,
  code: string,
  year: number,
  options: { category?: string | undefined } = {},
): Promise<PublicResults> {
  const { commission, version } = await publishedYear(deps, code, year);
  const methodology = storedMethodology(version.methodology);
  const [rows, categories] = await Promise.all([
    repo.versionRows(deps.db, version.versionId, options.category),
    repo.versionCategories(deps.db, commission.id, version.versionId),
  ]);
  return {
    commission: { code: commission.code, name: commission.name },
    year: version.year,
    title: version.title,
    version: version.version,
    decreeNumber: version.decreeNumber,
    decreeDate: version.decreeDate,
    publishedAt: iso(version.publishedAt),
    example: version.example,
    source: version.source,
    decimals: methodology.decimals,
    components: methodology.components.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
    bands: methodology.bands.map((b) => ({ label: b.label, min: b.min })),
    categories,
    rows: rows.map((r) => ({
      rank: r.rank,
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      categoryCode: r.categoryCode,
      components: r.components ?? {},
      final: Number(r.final),
      band: r.band,
      example: r.example,
    })),
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces; a text a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe, as the staff's exports do
 * (`lib/csv-write.ts`): the JSON download keeps every value as it is.
 */
export function csvField(value: string): string {
  return csvCell(value, ',');
}

/**
 * The open-data CSV of a published year: one header line, then one line per body in the listing order. Every line
 * carries the decree (number and date), the version and whether the figure is an example, so that a row copied out of
 * the file still says where it comes from. Numbers are plain (dot decimals, fixed at the methodology's decimals); a
 * component without a score is an empty field. Lines end in CRLF; no BOM.
 */
export function resultsCsv(results: PublicResults): string {
  const keys = results.components.map((c) => c.key);
  const fixed = (n: number) => n.toFixed(results.decimals);
  const header = ['rank', 'bodyName', 'categoryCode', ...keys, 'final', 'band', 'decreeNumber', 'decreeDate']
    .concat(['version', 'example'])
    .join(',');
  const lines = results.rows.map((r) =>
    [
      String(r.rank),
      r.bodyName,
      r.categoryCode,
      ...keys.map((k) => {
        const v = r.components[k];
        return v === null || v === undefined ? '' : fixed(v);
      }),
      fixed(r.final),
      r.band,
      results.decreeNumber,
      results.decreeDate,
      String(results.version),
      String(r.example === true || results.example),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** The download's file name: `kip-2025-v2.csv` (with the category when filtered), in safe characters only. */
export function downloadName(results: PublicResults, extension: 'csv' | 'json', category?: string): string {
  const parts = [results.commission.code, String(results.year), `v${results.version}`];
  if (category) parts.push(category);
  const stem = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '_');
  return `${stem}.${extension}`;
}

/** The methodology a published year was scored with, and the indicator weights of its questionnaires. */
export async function publicMethodology(deps: Deps, code: string, year: number): Promise<PublicMethodology> {
  const { commission, version } = await publishedYear(deps, code, year);
  const methodology = storedMethodology(version.methodology);
  // an imported year has no questionnaire: its decree is all there is
  const indicators = version.source === 'imported' ? [] : await repo.questionnaireIndicators(deps.db, version.periodId);
  const questionnaires: PublicMethodology['questionnaires'] = [];
  for (const i of indicators) {
    let entry = questionnaires.at(-1);
    if (!entry || entry.categoryCode !== i.categoryCode) {
      entry = { categoryCode: i.categoryCode, categoryName: i.categoryName, indicators: [] };
      questionnaires.push(entry);
    }
    entry.indicators.push({ code: i.code, title: i.title, weight: Number(i.weight), questions: Number(i.questions) });
  }
  return {
    commission: { code: commission.code, name: commission.name },
    year: version.year,
    version: version.version,
    decimals: methodology.decimals,
    components: methodology.components.map((c) => ({
      key: c.key,
      label: c.label,
      weight: c.weight,
      source: c.source,
    })),
    gate: methodology.gate
      ? { component: methodology.gate.component, min: methodology.gate.min, below: methodology.gate.below }
      : null,
    bands: methodology.bands.map((b, index) => ({
      label: b.label,
      min: b.min,
      certificate: bandEarnsCertificate(methodology, index),
    })),
    questionnaires,
  };
}

/** A body's published results across years (latest version of each); 404 for an unknown body or nothing published. */
export async function publicBodyHistory(deps: Deps, bodyId: string): Promise<PublicBodyHistory> {
  const body = await repo.bodyWithCommission(deps.db, bodyId);
  if (!body) throw new AppError('NOT_FOUND', 'No such body.');
  const years = await repo.bodyHistory(deps.db, bodyId);
  if (years.length === 0) throw new AppError('NOT_FOUND', 'Nothing is published for this body.');
  return {
    body: { id: body.id, name: body.name, categoryCode: body.categoryCode, province: body.province },
    commission: { code: body.commissionCode, name: body.commissionName },
    years: years.map((y) => ({
      year: y.year,
      version: Number(y.version),
      decreeNumber: y.decreeNumber,
      categoryCode: y.categoryCode,
      final: Number(y.final),
      band: y.band,
      rank: y.rank,
      of: Number(y.of),
      example: y.example,
      decimals: typeof y.decimals === 'number' ? y.decimals : 2,
    })),
  };
}

/** A certificate's check (valid = not revoked; replacedBy when a later publication replaced it); 404 when unknown. */
export async function publicCertificate(deps: Deps, code: string): Promise<PublicCertificate> {
  const c = await repo.certificateByCode(deps.db, code);
  if (!c) throw new AppError('NOT_FOUND', 'No certificate has this code.');
  const revoked = c.revokedAt !== null;
  return {
    valid: !revoked,
    revoked,
    ...(revoked && c.replacedBy ? { replacedBy: c.replacedBy } : {}),
    bodyName: c.bodyName,
    band: c.band,
    final: Number(c.final),
    year: c.year,
    commission: c.commissionName,
    category: c.categoryCode ? { code: c.categoryCode, name: c.categoryName ?? c.categoryCode } : null,
    decreeNumber: c.decreeNumber,
    decreeDate: c.decreeDate,
    decimals: c.decimals,
    version: c.version,
    issuedAt: iso(c.issuedAt),
    revokedAt: c.revokedAt ? iso(c.revokedAt) : null,
  };
}
