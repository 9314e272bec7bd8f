import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { NewBody } from '../../db/schema.ts';

// The history import's reads and writes (issue 23): earlier decrees become published periods with one imported
// version each. Rows go in bulk, in chunks that stay far below PostgreSQL's 65,535 bind parameters.

const ROWS_PER_INSERT = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function findCommission(db: Db, commissionId: string) {
  return db.selectFrom('commissions').select(['id', 'code']).where('id', '=', commissionId).executeTakeFirst();
}

export async function categoriesByCode(db: Db, commissionId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'code'])
    .where('commissionId', '=', commissionId)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The years that already have a period in the commission (any stage). */
export async function periodYears(db: Db, commissionId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('periods').select('year').where('commissionId', '=', commissionId).execute();
  return new Set(rows.map((r) => Number(r.year)));
}

/** The commission's bodies whose folded name is one of `keys`. */
export async function bodiesByNameKey(db: Db, commissionId: string, keys: string[]) {
  const found: { id: string; name: string; nameKey: string }[] = [];
  for (const part of chunks([...new Set(keys)], ROWS_PER_INSERT)) {
    if (part.length === 0) continue;
    found.push(
      ...(await db
        .selectFrom('bodies')
        .select(['id', 'name', 'nameKey'])
        .where('commissionId', '=', commissionId)
        .where('nameKey', 'in', part)
        .execute()),
    );
  }
  return found;
}

export async function insertBodies(db: Db, values: NewBody[]) {
  const inserted: { id: string; nameKey: string }[] = [];
  for (const part of chunks(values, ROWS_PER_INSERT)) {
    inserted.push(...(await db.insertInto('bodies').values(part).returning(['id', 'nameKey']).execute()));
  }
  return inserted;
}

export interface ImportedPeriod {
  commissionId: string;
  year: number;
  title: string;
  methodology: unknown;
  actorId: string | null;
}

/** A published period of an imported year, with the stage move that records how it came to be published. */
export async function insertPublishedPeriod(db: Db, p: ImportedPeriod): Promise<string> {
  const row = await db
    .insertInto('periods')
    .values({
      commissionId: p.commissionId,
      year: p.year,
      title: p.title,
      stage: 'published',
      methodology: jsonb(p.methodology),
      schedule: jsonb({}),
      settings: jsonb({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('stageEvents')
    .values({
      periodId: row.id,
      fromStage: 'draft',
      toStage: 'published',
      actorId: p.actorId,
      reason: 'Impor riwayat hasil',
    })
    .execute();
  return row.id;
}

export interface ImportedVersion {
  commissionId: string;
  periodId: string;
  decreeNumber: string;
  decreeDate: string;
  actorId: string | null;
  methodology: unknown;
  example: boolean;
}

export async function insertImportedVersion(db: Db, v: ImportedVersion): Promise<string> {
  const row = await db
    .insertInto('resultVersions')
    .values({
      commissionId: v.commissionId,
      periodId: v.periodId,
      version: 1,
      decreeNumber: v.decreeNumber,
      decreeDate: v.decreeDate,
      publishedBy: v.actorId,
      methodology: jsonb(v.methodology),
      source: 'imported',
      example: v.example,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ImportedRow {
  versionId: string;
  periodId: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  final: string;
  band: string;
  bandIndex: number;
  rank: number;
  position: number;
  example: boolean;
}

export async function insertResultRows(db: Db, rows: ImportedRow[]): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_INSERT)) {
    await db
      .insertInto('resultRows')
      .values(part.map((r) => ({ ...r, submissionId: null, components: jsonb({}) })))
      .execute();
  }
}

/** The commission's period of a year (the demo's history anchors its generated figures on the 2025 results). */
export async function findPeriodOfYear(db: Db, commissionId: string, year: number) {
  return db
    .selectFrom('periods')
    .select(['id', 'methodology', 'stage'])
    .where('commissionId', '=', commissionId)
    .where('year', '=', year)
    .executeTakeFirst();
}
