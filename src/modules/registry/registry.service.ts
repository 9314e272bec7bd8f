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

export async function listCategories(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'commission.read', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  return repo.listCategories(deps.db, commissionId);
}

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
      const category = await repo.insertCategory(trx, { commissionId, ...input });
      await auditChange(trx, actor, { commissionId, type: 'category', id: category.id }, 'category.created', {
        after: input,
      });
      return category;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `Category ${input.code} exists.`);
    throw error;
  }
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
/** Category ids by code, for turning a body's `categoryCode` into its category. */
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
