import categoryPresetFixture from '../../../fixtures/categories/presets.json' with { type: 'json' };
import type { NewBody } from '../../db/schema.ts';
import type { Actor } from '../../domain/access.ts';
import { commissionIdsOf, isPlatformAdmin } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { nameKey, slugify } from '../../lib/text.ts';
import { iso } from '../../lib/time.ts';
import { auditChange } from '../audit/audit.service.ts';
import * as repo from './registry.repository.ts';

// The registry's commissions, categories and bodies. Users and invitations: users.service.ts; the CSV import of
// bodies: body-import.service.ts.

/** A set of categories a commission can start from (a bundled fixture: Workers has no file system). */
export interface CategoryPreset {
  key: string;
  name: string;
  categories: { code: string; name: string }[];
}

/** KI Pusat's categories, with the demo registry's codes and names. */
const CATEGORY_PRESETS = categoryPresetFixture.presets as CategoryPreset[];

function commissionView(c: { id: string; code: string; name: string; province: string | null; createdAt: Date }) {
  return { id: c.id, code: c.code, name: c.name, province: c.province, createdAt: iso(c.createdAt) };
}

export function bodyView(b: NonNullable<Awaited<ReturnType<typeof repo.findBody>>>) {
  return { ...b, createdAt: iso(b.createdAt), updatedAt: iso(b.updatedAt) };
}

/** True for a unique-constraint violation (23505), whichever driver raised it. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

/** Commissions the actor can see: all for a platform admin, else those it holds a role in. */
export async function listCommissions(deps: AppDeps, actor: Actor) {
  const rows = await repo.listCommissions(deps.db, isPlatformAdmin(actor) ? undefined : commissionIdsOf(actor));
  return rows.map(commissionView);
}

export async function getCommission(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'commission.read', { commissionId }, 'commission');
  const c = await repo.findCommission(deps.db, commissionId);
  if (!c) throw new AppError('NOT_FOUND', 'No such commission.');
  return commissionView(c);
}

/** Creates a commission (platform admins only); its code is unique across the platform. */
export async function createCommission(
  deps: AppDeps,
  actor: Actor,
  input: { code: string; name: string; province?: string | undefined },
) {
  if (!isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', 'Only a platform admin creates commissions.');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const c = await repo.insertCommission(trx, {
        code: input.code,
        name: input.name,
        province: input.province ?? null,
      });
      await auditChange(trx, actor, { commissionId: c.id, type: 'commission', id: c.id }, 'commission.created', {
        after: input,
      });
      return commissionView(c);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `A commission with code ${input.code} exists.`);
    throw error;
  }
}

/**
 * After `authorize` passed: a member of the commission proves it exists (foreign key); only a platform admin's call
 * needs the look-up.
 */
export async function ensureCommission(deps: AppDeps, actor: Actor, commissionId: string) {
  if (actor.memberships.some((m) => m.commissionId === commissionId)) return;
  await existingCommission(deps, commissionId);
}

/** The commission, or 404: for callers whose actor may not be a member of it (a platform admin). */
export async function existingCommission(deps: AppDeps, commissionId: string) {
  const c = await repo.findCommission(deps.db, commissionId);
  if (!c) throw new AppError('NOT_FOUND', 'No such commission.');
  return c;
}

function categoryView(c: {
  id: string;
  code: string;
  name: string;
  retiredAt: Date | null;
  version: number;
  bodyCount?: number | null;
}) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    retiredAt: c.retiredAt ? iso(c.retiredAt) : null,
    version: c.version,
    ...(c.bodyCount === undefined ? {} : { bodyCount: c.bodyCount ?? 0 }),
  };
}

/** The commission's categories in use, each with its number of bodies; retired ones too on request. */
export async function listCategories(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  options: { includeRetired?: boolean } = {},
) {
  authorize(actor, 'commission.read', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const rows = await repo.listCategoriesWithCounts(deps.db, commissionId, options.includeRetired ?? false);
  return rows.map(categoryView);
}

/**
 * Adds a category. A code already in use is 409; the code of a retired category puts that category back in use under
 * the given name (its history stays attached to it).
 */
export async function createCategory(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  input: { code: string; name: string },
) {
  authorize(actor, 'registry.write', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const restored = await repo.restoreCategory(trx, commissionId, input.code, input.name);
      const category = restored ?? (await repo.insertCategory(trx, { commissionId, ...input }));
      await auditChange(
        trx,
        actor,
        { commissionId, type: 'category', id: category.id },
        restored ? 'category.restored' : 'category.created',
        { after: input },
      );
      return categoryView(category);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `Category ${input.code} exists.`);
    throw error;
  }
}

/** The category, after checking the actor may manage its commission's registry (404 outside the tenant). */
async function manageableCategory(deps: AppDeps, actor: Actor, categoryId: string) {
  const category = await repo.findCategory(deps.db, categoryId);
  if (!category) throw new AppError('NOT_FOUND', 'No such category.');
  authorize(actor, 'registry.write', { commissionId: category.commissionId }, 'commission');
  return category;
}

/**
 * Renames a category; its code (which imports and questionnaires refer to) stays. Published results keep the old name.
 * With `expectedVersion` (If-Match), one changed by another admin since that version is 409 with `current`.
 */
export async function renameCategory(
  deps: AppDeps,
  actor: Actor,
  categoryId: string,
  input: { name: string },
  expectedVersion?: number,
) {
  const before = await manageableCategory(deps, actor, categoryId);
  return deps.db.transaction().execute(async (trx) => {
    const category = await repo.renameCategory(trx, categoryId, input.name, expectedVersion);
    if (!category) {
      const current = await repo.findCategory(trx, categoryId);
      // deleted by another admin since it was read
      if (!current) throw new AppError('NOT_FOUND', 'No such category.');
      throw new AppError('VERSION_CONFLICT', 'The category was changed by someone else since you opened it.', {
        current: categoryView(current),
      });
    }
    await auditChange(
      trx,
      actor,
      { commissionId: before.commissionId, type: 'category', id: categoryId },
      'category.renamed',
      { before: { name: before.name }, after: input },
    );
    return categoryView(category);
  });
}

/**
 * Retires a category that no body belongs to: deleted when nothing refers to it, else (a period's questionnaire does)
 * kept for history with `retiredAt` set and hidden from the choices of new bodies. One that still has bodies is 409
 * naming how many.
 */
export async function retireCategory(deps: AppDeps, actor: Actor, categoryId: string) {
  const category = await manageableCategory(deps, actor, categoryId);
  return deps.db.transaction().execute(async (trx) => {
    const uses = await repo.lockCategoryAndCountBodies(trx, categoryId);
    // deleted by another admin since it was read
    if (!uses) throw new AppError('NOT_FOUND', 'No such category.');
    if (uses.bodies > 0) {
      throw new AppError(
        'CONFLICT',
        `Category ${category.code} still has ${uses.bodies} bodies; move them to another category first.`,
        { bodies: uses.bodies },
      );
    }
    const scope = { commissionId: category.commissionId, type: 'category', id: categoryId };
    if (uses.questionnaires === 0) {
      await repo.deleteCategory(trx, categoryId);
      await auditChange(trx, actor, scope, 'category.deleted', {
        before: { code: category.code, name: category.name },
      });
      return { outcome: 'deleted' as const, category: categoryView({ ...category, bodyCount: 0 }) };
    }
    const retired = await repo.retireCategory(trx, categoryId);
    await auditChange(trx, actor, scope, 'category.retired', { before: { code: category.code, name: category.name } });
    return { outcome: 'retired' as const, category: categoryView({ ...retired, bodyCount: 0 }) };
  });
}

/** The category presets offered to a commission (fixtures/categories/presets.json). */
export async function categoryPresets(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'commission.read', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  return CATEGORY_PRESETS;
}

/**
 * Applies a preset's categories in one transaction: codes already in use are skipped (their names left as they are),
 * retired ones are restored, the rest are created.
 */
export async function applyCategoryPreset(deps: AppDeps, actor: Actor, commissionId: string, input: { key: string }) {
  authorize(actor, 'registry.write', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const preset = CATEGORY_PRESETS.find((p) => p.key === input.key);
  if (!preset) throw validationFailed([{ path: 'key', message: `Unknown preset ${input.key}` }]);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const existing = await repo.listCategories(trx, commissionId, { includeRetired: true });
    const byCode = new Map(existing.map((c) => [c.code, c]));
    const created: string[] = [];
    const restored: string[] = [];
    const skipped: string[] = [];
    // one statement time for all: a millisecond apart, so the list (oldest first) keeps the preset's order
    const start = Date.now();
    for (const [i, wanted] of preset.categories.entries()) {
      const found = byCode.get(wanted.code);
      if (!found) {
        await repo.insertCategory(trx, { commissionId, ...wanted, createdAt: new Date(start + i) });
        created.push(wanted.code);
      } else if (found.retiredAt) {
        await repo.restoreCategory(trx, commissionId, wanted.code, wanted.name);
        restored.push(wanted.code);
      } else skipped.push(wanted.code);
    }
    await auditChange(trx, actor, { commissionId, type: 'commission', id: commissionId }, 'categories.preset', {
      after: { key: preset.key, created, restored, skipped },
    });
    return { created, restored, skipped };
  });
  return { ...outcome, categories: await listCategories(deps, actor, commissionId) };
}

export async function listBodies(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  filter: { category?: string | undefined; q?: string | undefined; limit: number; offset: number },
) {
  authorize(actor, 'registry.read', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const { rows, total } = await repo.listBodies(deps.db, commissionId, filter);
  return { bodies: rows.map(bodyView), total };
}

export async function getBody(deps: AppDeps, actor: Actor, bodyId: string) {
  const body = await repo.findBody(deps.db, bodyId);
  if (!body) throw new AppError('NOT_FOUND', 'No such body.');
  authorize(actor, 'body.read', { commissionId: body.commissionId, bodyId }, 'body');
  return bodyView(body);
}
/** Category ids by code (categories in use: a retired one takes no new body), for a body's `categoryCode`. */
export async function categoryIdsByCode(deps: AppDeps, commissionId: string) {
  const categories = await repo.listCategories(deps.db, commissionId);
  return new Map(categories.map((c) => [c.code, c.id]));
}

/** A body's row as stored: its name's key and slug derived from the name, absent fields null. */
export function newBodyRow(
  commissionId: string,
  categoryId: string,
  body: { name: string; province?: string | undefined; website?: string | undefined; ppidEmail?: string | undefined },
): NewBody {
  return {
    commissionId,
    categoryId,
    name: body.name,
    nameKey: nameKey(body.name),
    slug: slugify(body.name),
    province: body.province ?? null,
    website: body.website ?? null,
    ppidEmail: body.ppidEmail ?? null,
  };
}

function nameTaken(name: string) {
  return new AppError('ALREADY_EXISTS', `A body named “${name}” is already registered.`, {
    errors: [{ path: 'name', message: 'A body with this name is already registered' }],
  });
}

export async function createBody(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  input: {
    name: string;
    categoryCode: string;
    province?: string | undefined;
    website?: string | undefined;
    ppidEmail?: string | undefined;
  },
) {
  authorize(actor, 'registry.write', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const categoryId = (await categoryIdsByCode(deps, commissionId)).get(input.categoryCode);
  if (!categoryId)
    throw validationFailed([{ path: 'categoryCode', message: `Unknown category ${input.categoryCode}` }]);
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const [created] = await repo.insertBodies(trx, [newBodyRow(commissionId, categoryId, input)]);
      if (!created) throw new Error('insert returned no row');
      await auditChange(trx, actor, { commissionId, type: 'body', id: created.id }, 'body.created', { after: input });
      return created.id;
    });
    return getBody(deps, actor, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Edits a body. With `expectedVersion` (the client's If-Match) a body changed since that version is a 409 carrying
 * the current body, so concurrent edits are detected rather than overwritten.
 */
export async function updateBody(
  deps: AppDeps,
  actor: Actor,
  bodyId: string,
  input: {
    name?: string | undefined;
    categoryCode?: string | undefined;
    province?: string | null | undefined;
    website?: string | null | undefined;
    ppidEmail?: string | null | undefined;
  },
  expectedVersion?: number,
) {
  const before = await repo.findBody(deps.db, bodyId);
  if (!before) throw new AppError('NOT_FOUND', 'No such body.');
  authorize(actor, 'body.write', { commissionId: before.commissionId, bodyId }, 'body');
  const changes: Parameters<typeof repo.updateBody>[2] = {};
  if (input.name !== undefined)
    Object.assign(changes, { name: input.name, nameKey: nameKey(input.name), slug: slugify(input.name) });
  if (input.categoryCode !== undefined) {
    const categoryId = (await categoryIdsByCode(deps, before.commissionId)).get(input.categoryCode);
    if (!categoryId)
      throw validationFailed([{ path: 'categoryCode', message: `Unknown category ${input.categoryCode}` }]);
    changes.categoryId = categoryId;
  }
  if (input.province !== undefined) changes.province = input.province;
  if (input.website !== undefined) changes.website = input.website;
  if (input.ppidEmail !== undefined) changes.ppidEmail = input.ppidEmail;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const updated = await repo.updateBody(trx, bodyId, changes, expectedVersion);
      if (!updated) {
        const current = await repo.findBody(trx, bodyId);
        throw new AppError('VERSION_CONFLICT', 'The body was changed by someone else since you opened it.', {
          current: current ? bodyView(current) : null,
        });
      }
      await auditChange(trx, actor, { commissionId: before.commissionId, type: 'body', id: bodyId }, 'body.updated', {
        before: bodyView(before),
        after: input,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? before.name);
    throw error;
  }
  return getBody(deps, actor, bodyId);
}
