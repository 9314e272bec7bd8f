import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
// the certificates' one read lives with the PDFs, which print it; the public check reads the same record
import { certificateRecords } from '../pdf/certificates.repository.ts';

/**
 * Reads of the public side (issue 23). Every read here goes through result_versions: a period without a published
 * version has nothing to show, whatever its stage.
 */

/** Each commission with a published year, and those years (one row per commission and year). */
export async function publishedYears(db: Db) {
  return db
    .selectFrom('commissions as c')
    .innerJoin('periods as p', 'p.commissionId', 'c.id')
    .select(['c.code', 'c.name', 'c.province', 'p.year'])
    .where((eb) => eb.exists(eb.selectFrom('resultVersions as v').select('v.id').whereRef('v.periodId', '=', 'p.id')))
    .orderBy('c.code')
    .orderBy('p.year', 'desc')
    .execute();
}

/** A commission by its code as written in a URL (any case; an exact match wins). */
export async function commissionByCode(db: Db, code: string) {
  return db
    .selectFrom('commissions')
    .select(['id', 'code', 'name'])
    .where(sql<boolean>`upper(code) = upper(${code})`)
    .orderBy(sql`code = ${code}`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest published version of a commission's year, with its period; undefined when nothing is published. */
export async function latestVersionOfYear(db: Db, commissionId: string, year: number) {
  return db
    .selectFrom('periods as p')
    .innerJoin('resultVersions as v', 'v.periodId', 'p.id')
    .select([
      'p.id as periodId',
      'p.title',
      'p.year',
      'v.id as versionId',
      'v.version',
      'v.decreeNumber',
      sql<string>`to_char(v.decree_date, 'YYYY-MM-DD')`.as('decreeDate'),
      'v.publishedAt',
      'v.methodology',
      'v.source',
      'v.example',
    ])
    .where('p.commissionId', '=', commissionId)
    .where('p.year', '=', year)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A version's rows in their listing order (category, rank, name), optionally of one category. */
export async function versionRows(db: Db, versionId: string, categoryCode?: string) {
  let query = db
    .selectFrom('resultRows')
    .select(['rank', 'bodyId', 'bodyName', 'categoryCode', 'components', 'final', 'band', 'example'])
    .where('versionId', '=', versionId);
  if (categoryCode !== undefined) query = query.where('categoryCode', '=', categoryCode);
  return query.orderBy('position').execute();
}

/** The categories a version ranks (codes as published), with the commission's current names where they exist. */
export async function versionCategories(db: Db, commissionId: string, versionId: string) {
  const rows = await db
    .selectFrom('resultRows as r')
    .leftJoin('categories as c', (join) =>
      join.onRef('c.code', '=', 'r.categoryCode').on('c.commissionId', '=', commissionId),
    )
    .select(['r.categoryCode as code', 'c.name'])
    .where('r.versionId', '=', versionId)
    .groupBy(['r.categoryCode', 'c.name'])
    .orderBy('r.categoryCode')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name ?? r.code }));
}

/** The period's questionnaires: per category, its indicators (in order) with their weight and number of questions. */
export async function questionnaireIndicators(db: Db, periodId: string) {
  return db
    .selectFrom('questionnaires as q')
    .innerJoin('categories as c', 'c.id', 'q.categoryId')
    .innerJoin('indicators as i', 'i.questionnaireId', 'q.id')
    .select((eb) => [
      'c.code as categoryCode',
      'c.name as categoryName',
      'i.code',
      'i.title',
      'i.weight',
      eb
        .selectFrom('questions as qu')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('qu.indicatorId', '=', 'i.id')
        .as('questions'),
    ])
    .where('q.periodId', '=', periodId)
    .orderBy('c.code')
    .orderBy('i.position')
    .execute();
}

/** A body with its commission and category (undefined: no such body). */
export async function bodyWithCommission(db: Db, bodyId: string) {
  return db
    .selectFrom('bodies as b')
    .innerJoin('commissions as m', 'm.id', 'b.commissionId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .select([
      'b.id',
      'b.name',
      'b.province',
      'c.code as categoryCode',
      'm.code as commissionCode',
      'm.name as commissionName',
    ])
    .where('b.id', '=', bodyId)
    .executeTakeFirst();
}

/**
 * The body's row in the latest version of every published period, oldest year first, with the number of bodies ranked
 * in its category in that version.
 */
export async function bodyHistory(db: Db, bodyId: string) {
  return db
    .with('latest', (w) =>
      w
        .selectFrom('resultVersions as v')
        .innerJoin('resultRows as r', 'r.versionId', 'v.id')
        .select(['v.periodId', sql<number>`max(v.version)`.as('version')])
        .where('r.bodyId', '=', bodyId)
        .groupBy('v.periodId'),
    )
    .selectFrom('latest as l')
    .innerJoin('resultVersions as v', (join) =>
      join.onRef('v.periodId', '=', 'l.periodId').onRef('v.version', '=', 'l.version'),
    )
    .innerJoin('periods as p', 'p.id', 'v.periodId')
    .innerJoin('resultRows as r', (join) => join.onRef('r.versionId', '=', 'v.id').on('r.bodyId', '=', bodyId))
    .select((eb) => [
      'p.year',
      'v.version',
      'v.decreeNumber',
      'r.categoryCode',
      'r.final',
      'r.band',
      'r.rank',
      'r.example',
      sql<unknown>`v.methodology -> 'decimals'`.as('decimals'),
      eb
        .selectFrom('resultRows as o')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('o.versionId', '=', 'v.id')
        .whereRef('o.categoryCode', '=', 'r.categoryCode')
        .as('of'),
    ])
    .orderBy('p.year')
    .execute();
}

/** A certificate by its code, read as every list of certificates reads them (`certificateRecords`). */
export async function certificateByCode(db: Db, code: string) {
  const [record] = await certificateRecords(db, { code });
  return record;
}
