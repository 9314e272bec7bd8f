import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NewBody } from '../../db/schema.ts';

export async function listCommissions(db: Db, onlyIds?: string[]) {
  let q = db.selectFrom('commissions').selectAll().orderBy('name');
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    q = q.where('id', 'in', onlyIds);
  }
  return q.execute();
}

export async function findCommission(db: Db, id: string) {
  return db.selectFrom('commissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCommissionByCode(db: Db, code: string) {
  return db.selectFrom('commissions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCommission(db: Db, values: { code: string; name: string; province: string | null }) {
  return db.insertInto('commissions').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A commission's categories in use (retired ones too with `includeRetired`), oldest first. */
export async function listCategories(db: Db, commissionId: string, options: { includeRetired?: boolean } = {}) {
  let q = db
    .selectFrom('categories')
    .select(['id', 'code', 'name', 'retiredAt', 'version'])
    .where('commissionId', '=', commissionId)
    .orderBy('createdAt')
    .orderBy('code');
  if (!options.includeRetired) q = q.where('retiredAt', 'is', null);
  return q.execute();
}

/** Categories with their number of bodies, for the categories page (one grouped count, not one query per row). */
export async function listCategoriesWithCounts(db: Db, commissionId: string, includeRetired: boolean) {
  let q = db
    .selectFrom('categories as c')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.retiredAt',
      'c.version',
      (eb) =>
        eb
          .selectFrom('bodies as b')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('b.categoryId', '=', 'c.id')
          .as('bodyCount'),
    ])
    .where('c.commissionId', '=', commissionId)
    .orderBy('c.createdAt')
    .orderBy('c.code');
  if (!includeRetired) q = q.where('c.retiredAt', 'is', null);
  return q.execute();
}

export async function findCategory(db: Db, id: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'commissionId', 'code', 'name', 'retiredAt', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCategory(
  db: Db,
  values: { commissionId: string; code: string; name: string; createdAt?: Date },
) {
  return db
    .insertInto('categories')
    .values(values)
    .returning(['id', 'code', 'name', 'retiredAt', 'version'])
    .executeTakeFirstOrThrow();
}

/** Puts a retired category back in use under the given name (creating a code that was retired restores it). */
export async function restoreCategory(db: Db, commissionId: string, code: string, name: string) {
  return db
    .updateTable('categories')
    .set({ name, retiredAt: null, version: sql`version + 1` })
    .where('commissionId', '=', commissionId)
    .where('code', '=', code)
    .where('retiredAt', 'is not', null)
    .returning(['id', 'code', 'name', 'retiredAt', 'version'])
    .executeTakeFirst();
}

/** Renames the category; with `expectedVersion`, only if nobody changed it since (undefined when gone or changed). */
export async function renameCategory(db: Db, id: string, name: string, expectedVersion?: number) {
  let q = db.updateTable('categories').set({ name, version: sql`version + 1` }).where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q.returning(['id', 'code', 'name', 'retiredAt', 'version']).executeTakeFirst();
}

/**
 * Bodies and questionnaires of the category, counted under a lock on its row so that no body joins it while it is
 * retired; null when it is gone.
 */
export async function lockCategoryAndCountBodies(db: Db, id: string) {
  const locked = await db.selectFrom('categories').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!locked) return null;
  const bodies = await db
    .selectFrom('bodies')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('categoryId', '=', id)
    .executeTakeFirstOrThrow();
  const questionnaires = await db
    .selectFrom('questionnaires')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('categoryId', '=', id)
    .executeTakeFirstOrThrow();
  return { bodies: bodies.n, questionnaires: questionnaires.n };
}

export async function deleteCategory(db: Db, id: string) {
  await db.deleteFrom('categories').where('id', '=', id).execute();
}

export async function retireCategory(db: Db, id: string) {
  return db
    .updateTable('categories')
    .set({ retiredAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .returning(['id', 'code', 'name', 'retiredAt', 'version'])
    .executeTakeFirstOrThrow();
}

/** The commission's bodies among `ids`, with their PPID address. */
export async function findBodiesOfCommission(db: Db, commissionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('bodies')
    .select(['id', 'name', 'ppidEmail'])
    .where('commissionId', '=', commissionId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The PPID operators of these bodies, held (a membership) or offered (an invitation neither used, cancelled nor
 * expired at `now`, marked `pending`): an invited operator and one who accepted are told apart in a bulk invitation.
 */
export async function operatorRolesOfBodies(db: Db, bodyIds: string[], now: Date) {
  if (bodyIds.length === 0) return [];
  // an accepted invitation is a membership; an open one (not used, cancelled or expired) grants nothing yet
  return db
    .selectFrom('memberships as m')
    .select(['m.bodyId', sql<boolean>`false`.as('pending')])
    .where('m.role', '=', 'body_operator')
    .where('m.bodyId', 'in', bodyIds)
    .unionAll(
      db
        .selectFrom('invitations as i')
        .select(['i.bodyId', sql<boolean>`true`.as('pending')])
        .where('i.role', '=', 'body_operator')
        .where('i.bodyId', 'in', bodyIds)
        .where('i.usedAt', 'is', null)
        .where('i.cancelledAt', 'is', null)
        .where('i.expiresAt', '>', now),
    )
    .execute();
}

function bodiesWithCategory(db: Db) {
  return db
    .selectFrom('bodies as b')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .select([
      'b.id',
      'b.commissionId',
      'c.code as categoryCode',
      'c.name as categoryName',
      'b.name',
      'b.slug',
      'b.province',
      'b.website',
      'b.ppidEmail',
      'b.version',
      'b.createdAt',
      'b.updatedAt',
    ]);
}

export type BodyView = Awaited<ReturnType<typeof findBody>> & {};

export async function findBody(db: Db, id: string) {
  return bodiesWithCategory(db).where('b.id', '=', id).executeTakeFirst();
}

/** One page of a commission's bodies, filtered by category code and a case-insensitive name search, with the total. */
export async function listBodies(
  db: Db,
  commissionId: string,
  filter: { category?: string | undefined; q?: string | undefined; limit: number; offset: number },
) {
  let q = bodiesWithCategory(db).where('b.commissionId', '=', commissionId);
  if (filter.category) q = q.where('c.code', '=', filter.category);
  if (filter.q) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('b.name', 'ilike', pattern), eb('b.ppidEmail', 'ilike', pattern)]));
  }
  // the total comes with the page (a window count): one round trip; a page past the end needs its own count
  const page = await q
    .select(sql<number>`(count(*) over ())::int`.as('total'))
    .orderBy('c.code')
    .orderBy('b.name')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const first = page[0];
  if (first) return { rows: page.map(({ total: _, ...row }) => row), total: first.total };
  const total =
    filter.offset === 0
      ? { n: 0 }
      : await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows: [], total: total.n };
}

/**
 * Rows and keys per statement: PostgreSQL takes at most 65,535 parameters in one statement (a body row has 8), and a
 * CSV import may hold tens of thousands of lines.
 */
const ROWS_PER_INSERT = 1000;
const KEYS_PER_SELECT = 10_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function findBodiesByNameKeys(db: Db, commissionId: string, keys: string[]) {
  const found = [];
  for (const part of chunks(keys, KEYS_PER_SELECT)) {
    found.push(
      ...(await db
        .selectFrom('bodies')
        .select(['id', 'nameKey', 'name', 'categoryId', 'province', 'website', 'ppidEmail', 'version'])
        .where('commissionId', '=', commissionId)
        .where('nameKey', 'in', part)
        .execute()),
    );
  }
  return found;
}

export async function insertBodies(db: Db, values: NewBody[]) {
  const inserted = [];
  for (const part of chunks(values, ROWS_PER_INSERT)) {
    inserted.push(...(await db.insertInto('bodies').values(part).returning(['id', 'name', 'ppidEmail']).execute()));
  }
  return inserted;
}

/** What an import changes of a body it matched by name. */
export interface ImportedBodyChange {
  id: string;
  name: string;
  slug: string;
  categoryId: string;
  province: string | null;
  website: string | null;
  ppidEmail: string | null;
}

/** Updates the bodies an import changed: one statement per thousand rows (7 parameters a row), not one per body. */
export async function updateImportedBodies(db: Db, changes: ImportedBodyChange[]): Promise<void> {
  for (const part of chunks(changes, ROWS_PER_INSERT)) {
    const rows = part.map(
      (c) => sql`(${c.id}, ${c.name}, ${c.slug}, ${c.categoryId}, ${c.province}, ${c.website}, ${c.ppidEmail})`,
    );
    await sql`update bodies b set name = v.name, slug = v.slug, category_id = v.category_id, province = v.province,
        website = v.website, ppid_email = v.ppid_email, version = b.version + 1, updated_at = now()
      from (values ${sql.join(rows)}) as v(id, name, slug, category_id, province, website, ppid_email)
      where b.id = v.id`.execute(db);
  }
}

export async function updateBody(
  db: Db,
  id: string,
  changes: Partial<Pick<NewBody, 'name' | 'nameKey' | 'slug' | 'categoryId' | 'province' | 'website' | 'ppidEmail'>>,
  expectedVersion?: number,
) {
  let q = db
    .updateTable('bodies')
    .set({ ...changes, version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q.returning(['id', 'version']).executeTakeFirst();
}
