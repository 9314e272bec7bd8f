import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { Rational } from '../../domain/rational.ts';
import { bandOf, rankWithinCategories } from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import { LIMIT } from '../../http/openapi.ts';
import { badText } from '../../http/text-guard.ts';
import { type CsvRecord, parseCsv } from '../../lib/csv.ts';
import { nameKey } from '../../lib/text.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { newBodyRow } from '../registry/registry.service.ts';
import * as repo from './history.repository.ts';
import type { HistoryImportResult } from './public.schemas.ts';

/**
 * The history import (API.md `POST /commissions/:cid/history/import`, issue 23): the finals of earlier decrees become
 * one published period per year, each with an imported version 1 ranked per category (competition ranking on the
 * rounded final, ties listed by name: the domain's rankWithinCategories) and banded with the given band minimums.
 * Bodies are matched by name ignoring case and spacing; unknown ones are added to the registry. The whole file is
 * checked first: any bad line imports nothing, and every bad line is reported.
 */

/** The band labels of an imported year, highest first; the last one starts at 0. */
export const HISTORY_BAND_LABELS = [
  'Informatif',
  'Menuju Informatif',
  'Cukup Informatif',
  'Kurang Informatif',
  'Tidak Informatif',
] as const;

export const DEFAULT_HISTORY_BANDS = [90, 80, 60, 40] as const;

const REQUIRED_COLUMNS = ['year', 'bodyName', 'categoryCode', 'final'] as const;
const OPTIONAL_COLUMNS = ['decreeNumber', 'decreeDate'] as const;
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const FINAL = /^\d{1,3}(?:\.\d{1,2})?$/;
const BAND_MIN = /^\d{1,3}(?:\.\d{1,2})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECREE_NUMBER_MAX = 100;

/**
 * The band minimums of `?bands=`: four numbers (0-100, at most 2 decimals), strictly descending and above 0; the
 * fifth band (Tidak Informatif) starts at 0. Absent: 90,80,60,40. A bad list is a 422 naming `bands`.
 */
export function parseBands(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_HISTORY_BANDS];
  const parts = raw.split(',').map((p) => p.trim());
  const errors: ProblemDetail[] = [];
  const expected = HISTORY_BAND_LABELS.length - 1;
  if (parts.length !== expected) {
    errors.push({
      path: 'query.bands',
      message: `Give ${expected} band minimums, highest first (e.g. 90,80,60,40); got ${parts.length}`,
    });
  }
  const values = parts.map((p, i) => {
    const ok = BAND_MIN.test(p) && Number(p) <= 100;
    if (!ok)
      errors.push({ path: `query.bands.${i}`, message: `“${p}” is not a number from 0 to 100 (at most 2 decimals)` });
    return ok ? Number(p) : Number.NaN;
  });
  values.forEach((v, i) => {
    const previous = values[i - 1];
    if (i > 0 && !Number.isNaN(v) && previous !== undefined && !Number.isNaN(previous) && !(v < previous)) {
      errors.push({ path: `query.bands.${i}`, message: 'Band minimums must be strictly descending' });
    }
  });
  const last = values.at(-1);
  if (last !== undefined && last === 0) {
    errors.push({
      path: `query.bands.${values.length - 1}`,
      message: 'The lowest minimum must be above 0 (the last band starts at 0)',
    });
  }
  if (errors.length > 0) throw validationFailed(errors, 'The band minimums are wrong.');
  return values;
}

/** The methodology of an imported year: one component "Nilai akhir" (weight 100), the bands, 2 decimals. */
export function historyMethodology(bands: readonly number[]): Methodology {
  return {
    components: [{ key: 'final', label: 'Nilai akhir', weight: 100, source: 'questionnaire' }],
    bands: HISTORY_BAND_LABELS.map((label, i) => ({ label, min: bands[i] ?? 0, certificate: i < 3 })),
    decimals: 2,
  };
}

export interface HistoryOptions {
  /** Band minimums, highest first (four numbers; the last band starts at 0). */
  bands: readonly number[];
  /**
   * Generated figures, marked as examples in the data: true for the whole file, or per line (the demo's years where
   * no decree's figure exists). Default false.
   */
  example?: boolean | ((line: { line: number; year: number; bodyName: string }) => boolean);
}

/**
 * POST /commissions/:cid/history/import: authorizes, then imports the file in one transaction (importHistoryCsv).
 */
export async function importHistory(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  text: string,
  query: { bands?: string | undefined; example?: string | undefined },
): Promise<HistoryImportResult> {
  authorize(actor, 'history.import', { commissionId }, 'commission');
  if (!(await repo.findCommission(deps.db, commissionId))) throw new AppError('NOT_FOUND', 'No such commission.');
  const bands = parseBands(query.bands);
  const example = query.example === 'true';
  return deps.db
    .transaction()
    .execute((trx) => importHistoryCsv(trx, { commissionId, actorId: actor.userId }, text, { bands, example }));
}

interface HistoryLine {
  line: number;
  year: number;
  bodyName: string;
  key: string;
  categoryCode: string;
  final: string;
  decreeNumber: string | undefined;
  decreeDate: string | undefined;
}

function invalid(errors: ProblemDetail[], what: 'line(s)' | 'unstorable' | 'header' | 'problems'): AppError {
  const lines = new Set(errors.map((e) => e.line)).size;
  // each detail written out whole, so that the messages' catalogue has it (issue 25 item 8)
  const detail = {
    'line(s)': `${lines} line(s); nothing was imported.`,
    unstorable: `${lines} line(s) hold text that cannot be stored; nothing was imported.`,
    header: `${lines} header problem(s); nothing was imported.`,
    problems: `${lines} line(s) have problems; nothing was imported.`,
  }[what];
  return new AppError('INVALID_CSV', detail, {
    errors: [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  });
}

function validDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && Number(m[1]) >= 1900;
}

/** Reads and checks every line; throws INVALID_CSV (422) listing every bad line, or returns the lines. */
async function readLines(db: Db, commissionId: string, text: string): Promise<HistoryLine[]> {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw invalid([{ line: 1, message: 'No header line (year,bodyName,categoryCode,final)' }], 'line(s)');
  const unstorable: ProblemDetail[] = [];
  for (const record of [header, ...records]) {
    const message = record.fields.map(badText).find((m) => m !== undefined);
    if (message) unstorable.push({ line: record.line, message });
  }
  if (unstorable.length > 0) throw invalid(unstorable, 'unstorable');

  const errors: ProblemDetail[] = [];
  const index = new Map<Column, number>();
  header.fields.forEach((field, i) => {
    if (!COLUMNS.includes(field)) {
      errors.push({ line: header.line, message: `Unknown column “${field}”; expected ${COLUMNS.join(',')}` });
    } else if (index.has(field as Column)) {
      errors.push({ line: header.line, message: `Column “${field}” appears twice` });
    } else index.set(field as Column, i);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!index.has(required)) errors.push({ line: header.line, message: `Missing column “${required}”` });
  }
  if (errors.length > 0) throw invalid(errors, 'header');

  const [categories, takenYears] = await Promise.all([
    repo.categoriesByCode(db, commissionId),
    repo.periodYears(db, commissionId),
  ]);
  const field = (record: CsvRecord, column: Column) => {
    const i = index.get(column);
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
  const seen = new Map<string, number>();
  const decrees = new Map<number, { line: number; number: string; date: string }>();
  const lines: HistoryLine[] = [];
  for (const record of records) {
    const line = record.line;
    const problem = (message: string) => errors.push({ line, message });
    if (record.fields.length > header.fields.length) {
      problem(`${record.fields.length} fields; the header has ${header.fields.length}`);
    }
    const yearText = field(record, 'year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(year >= 2000 && year <= 2100)) {
      problem(yearText === '' ? 'year: required' : `year: “${yearText}” is not a year from 2000 to 2100`);
    } else if (takenYears.has(year)) {
      problem(`year: the commission already has a period for ${year}`);
    }
    const bodyName = field(record, 'bodyName').replace(/\s+/g, ' ');
    if (bodyName === '') problem('bodyName: required');
    else if (bodyName.length < 2 || bodyName.length > LIMIT.bodyName) {
      problem(`bodyName: must be 2 to ${LIMIT.bodyName} characters`);
    }
    const categoryCode = field(record, 'categoryCode');
    if (categoryCode === '') problem('categoryCode: required');
    else if (!categories.has(categoryCode)) problem(`categoryCode: unknown category ${categoryCode}`);
    const final = field(record, 'final');
    if (final === '') problem('final: required');
    else if (!FINAL.test(final) || Number(final) > 100) {
      problem(`final: “${final}” is not a number from 0 to 100 with at most 2 decimals (a point as separator)`);
    }
    const key = nameKey(bodyName);
    if (bodyName !== '' && !Number.isNaN(year)) {
      const first = seen.get(`${year}\u0000${key}`);
      if (first !== undefined) problem(`bodyName: the same body as line ${first} in ${year}`);
      else seen.set(`${year}\u0000${key}`, line);
    }
    const decreeNumber = field(record, 'decreeNumber') || undefined;
    const decreeDate = field(record, 'decreeDate') || undefined;
    if (decreeNumber !== undefined && decreeNumber.length > DECREE_NUMBER_MAX) {
      problem(`decreeNumber: at most ${DECREE_NUMBER_MAX} characters`);
    }
    if (decreeDate !== undefined && !validDate(decreeDate)) {
      problem(`decreeDate: “${decreeDate}” is not a date (YYYY-MM-DD)`);
    }
    if (!Number.isNaN(year)) {
      const decree = decrees.get(year);
      const number = decreeNumber ?? '';
      const date = decreeDate ?? '';
      if (!decree) decrees.set(year, { line, number, date });
      else if (decree.number !== number || decree.date !== date) {
        problem(`decreeNumber/decreeDate: differ from line ${decree.line}; one decree per year`);
      }
    }
    lines.push({ line, year, bodyName, key, categoryCode, final, decreeNumber, decreeDate });
  }
  if (records.length === 0) errors.push({ line: header.line, message: 'The file has no line after the header' });
  if (errors.length > 0) throw invalid(errors, 'problems');
  return lines;
}

/**
 * Imports a history CSV into the commission, in the caller's transaction `db` (the route's, or the demo's seeding
 * one): checks every line first (INVALID_CSV listing every bad line, nothing written), then adds the unknown bodies,
 * and per year a published period, its imported version 1 and its ranked rows, all in bulk.
 */
export async function importHistoryCsv(
  db: Db,
  by: { commissionId: string; actorId: string | null },
  text: string,
  options: HistoryOptions,
): Promise<HistoryImportResult> {
  const { commissionId, actorId } = by;
  const lines = await readLines(db, commissionId, text);
  const methodology = historyMethodology(options.bands);
  const exampleOf = (l: HistoryLine) =>
    typeof options.example === 'function'
      ? options.example({ line: l.line, year: l.year, bodyName: l.bodyName })
      : options.example === true;

  // bodies: matched by folded name; the unknown ones added in the category of their first line
  const categories = await repo.categoriesByCode(db, commissionId);
  const bodyIds = new Map(
    (
      await repo.bodiesByNameKey(
        db,
        commissionId,
        lines.map((l) => l.key),
      )
    ).map((b) => [b.nameKey, b.id]),
  );
  const firstLineOf = new Map<string, HistoryLine>();
  for (const l of lines) if (!bodyIds.has(l.key) && !firstLineOf.has(l.key)) firstLineOf.set(l.key, l);
  const added = await repo.insertBodies(
    db,
    [...firstLineOf.values()].map((l) =>
      newBodyRow(commissionId, categories.get(l.categoryCode) as string, { name: l.bodyName }),
    ),
  );
  for (const b of added) bodyIds.set(b.nameKey, b.id);
  const addedInYear = new Map<number, number>();
  for (const l of firstLineOf.values()) addedInYear.set(l.year, (addedInYear.get(l.year) ?? 0) + 1);
  // one audit row per body added, as the registry records a body it creates (in chunks: 8 parameters a row)
  const created = [...firstLineOf.values()].map((l) => ({
    actorId,
    commissionId,
    event: 'body.created',
    subjectType: 'body',
    subjectId: bodyIds.get(l.key) as string,
    after: { name: l.bodyName, categoryCode: l.categoryCode, source: 'history.import', line: l.line },
  }));
  for (let i = 0; i < created.length; i += 1000) await appendAudit(db, created.slice(i, i + 1000));

  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const result: HistoryImportResult = { imported: lines.length, errors: [], years: [] };
  const rows: repo.ImportedRow[] = [];
  for (const year of years) {
    const ofYear = lines.filter((l) => l.year === year);
    const first = ofYear[0] as HistoryLine;
    const decreeNumber = first.decreeNumber ?? `Impor riwayat ${year}`;
    const decreeDate = first.decreeDate ?? `${year}-12-31`;
    const examples = new Map(ofYear.map((l) => [l.key, exampleOf(l)]));
    const periodId = await repo.insertPublishedPeriod(db, {
      commissionId,
      year,
      title: `Monev KIP ${year} (impor)`,
      methodology,
      actorId,
    });
    const versionId = await repo.insertImportedVersion(db, {
      commissionId,
      periodId,
      decreeNumber,
      decreeDate,
      actorId,
      methodology,
      example: ofYear.every((l) => examples.get(l.key) === true),
    });
    const ranked = rankWithinCategories(
      ofYear.map((l) => ({
        bodyId: bodyIds.get(l.key) as string,
        bodyName: l.bodyName,
        categoryCode: l.categoryCode,
        final: Rational.of(l.final),
        key: l.key,
      })),
      methodology.decimals,
    );
    ranked.forEach((r, i) => {
      const band = bandOf(methodology, r.final);
      rows.push({
        versionId,
        periodId,
        bodyId: r.bodyId,
        bodyName: r.bodyName,
        categoryCode: r.categoryCode,
        final: r.final.toFixed(methodology.decimals),
        band: band.label,
        bandIndex: band.index,
        rank: r.rank,
        position: i + 1,
        example: examples.get(r.key) === true,
      });
    });
    await appendAudit(db, {
      actorId,
      commissionId,
      event: 'history.imported',
      subjectType: 'period',
      subjectId: periodId,
      after: { year, rows: ofYear.length, decreeNumber, decreeDate, bands: [...options.bands] },
    });
    result.years.push({ year, periodId, rows: ofYear.length, bodiesAdded: addedInYear.get(year) ?? 0 });
  }
  await repo.insertResultRows(db, rows);
  return result;
}
