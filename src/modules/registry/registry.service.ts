import type { Actor } from '../../domain/access.ts';
import { commissionIdsOf, isPlatformAdmin } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import { parseCsv } from '../../lib/csv.ts';
import { nameKey, slugify } from '../../lib/text.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import * as repo from './registry.repository.ts';
import { CreateBodySchema } from './registry.schemas.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const iso = (d: Date | string) => new Date(d).toISOString();

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
      await appendAudit(trx, {
        actorId: actor.userId,
        commissionId: c.id,
        event: 'commission.created',
        subjectType: 'commission',
        subjectId: c.id,
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
async function ensureCommission(deps: AppDeps, actor: Actor, commissionId: string) {
  if (actor.memberships.some((m) => m.commissionId === commissionId)) return;
  await existingCommission(deps, commissionId);
}

async function existingCommission(deps: AppDeps, commissionId: string) {
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
      await appendAudit(trx, {
        actorId: actor.userId,
        commissionId,
        event: 'category.created',
        subjectType: 'category',
        subjectId: category.id,
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

async function categoryIdsByCode(deps: AppDeps, commissionId: string) {
  const categories = await repo.listCategories(deps.db, commissionId);
  return new Map(categories.map((c) => [c.code, c.id]));
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
      const [created] = await repo.insertBodies(trx, [
        {
          commissionId,
          categoryId,
          name: input.name,
          nameKey: nameKey(input.name),
          slug: slugify(input.name),
          province: input.province ?? null,
          website: input.website ?? null,
          ppidEmail: input.ppidEmail ?? null,
        },
      ]);
      if (!created) throw new Error('insert returned no row');
      await appendAudit(trx, {
        actorId: actor.userId,
        commissionId,
        event: 'body.created',
        subjectType: 'body',
        subjectId: created.id,
        after: input,
      });
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
      await appendAudit(trx, {
        actorId: actor.userId,
        commissionId: before.commissionId,
        event: 'body.updated',
        subjectType: 'body',
        subjectId: bodyId,
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

const IMPORT_COLUMNS = ['name', 'categoryCode', 'province', 'website', 'ppidEmail'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Imports bodies from CSV (`name,categoryCode,province,website,ppidEmail`, header on line 1). The whole file is
 * checked first: any bad line imports nothing and every problem is reported with its line. A name already
 * registered (ignoring case and spacing) updates that body.
 */
export async function importBodies(deps: AppDeps, actor: Actor, commissionId: string, text: string) {
  authorize(actor, 'registry.write', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const records = parseCsv(text);
  const header = records.shift();
  if (!header)
    throw new AppError('INVALID_CSV', 'The file is empty.', { errors: [{ line: 1, message: 'No header line' }] });
  const errors: ProblemDetail[] = [];
  const index = new Map<ImportColumn, number>();
  header.fields.forEach((field, i) => {
    if ((IMPORT_COLUMNS as readonly string[]).includes(field)) index.set(field as ImportColumn, i);
    else errors.push({ line: header.line, message: `Unknown column “${field}”; expected ${IMPORT_COLUMNS.join(',')}` });
  });
  for (const required of ['name', 'categoryCode'] as const) {
    if (!index.has(required)) errors.push({ line: header.line, message: `Missing column “${required}”` });
  }
  if (errors.length > 0) throw new AppError('INVALID_CSV', 'The header line is wrong.', { errors });

  const categories = await categoryIdsByCode(deps, commissionId);
  const seen = new Map<string, number>();
  const valid: {
    line: number;
    row: {
      name: string;
      categoryCode: string;
      province?: string | undefined;
      website?: string | undefined;
      ppidEmail?: string | undefined;
    };
  }[] = [];
  for (const record of records) {
    const raw: Record<string, string | undefined> = {};
    for (const [column, i] of index) {
      const value = record.fields[i];
      raw[column] = value === undefined || value === '' ? undefined : value;
    }
    if (record.fields.length > header.fields.length) {
      errors.push({
        line: record.line,
        message: `${record.fields.length} fields; the header has ${header.fields.length}`,
      });
    }
    // every problem of the line at once: field rules, then the category and duplicates on whatever is readable
    const parsed = CreateBodySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || 'line';
        const missing = raw[field] === undefined && (field === 'name' || field === 'categoryCode');
        errors.push({ line: record.line, message: `${field}: ${missing ? 'required' : issue.message}` });
      }
    }
    const categoryCode = parsed.success ? parsed.data.categoryCode : raw.categoryCode?.trim();
    if (categoryCode && !categories.has(categoryCode)) {
      errors.push({ line: record.line, message: `categoryCode: unknown category ${categoryCode}` });
    }
    const name = parsed.success ? parsed.data.name : raw.name?.trim();
    if (name) {
      const key = nameKey(name);
      const first = seen.get(key);
      if (first !== undefined) errors.push({ line: record.line, message: `name: the same body as line ${first}` });
      else seen.set(key, record.line);
    }
    if (parsed.success) valid.push({ line: record.line, row: parsed.data });
  }
  if (errors.length > 0) {
    const lines = new Set(errors.map((e) => e.line)).size;
    throw new AppError('INVALID_CSV', `${lines} line(s) have problems; nothing was imported.`, { errors });
  }

  return deps.db.transaction().execute(async (trx) => {
    const existing = new Map(
      (
        await repo.findBodiesByNameKeys(
          trx,
          commissionId,
          valid.map((v) => nameKey(v.row.name)),
        )
      ).map((b) => [b.nameKey, b]),
    );
    const toInsert = valid.filter((v) => !existing.has(nameKey(v.row.name)));
    const created = await repo.insertBodies(
      trx,
      toInsert.map(({ row }) => ({
        commissionId,
        categoryId: categories.get(row.categoryCode) as string,
        name: row.name,
        nameKey: nameKey(row.name),
        slug: slugify(row.name),
        province: row.province ?? null,
        website: row.website ?? null,
        ppidEmail: row.ppidEmail ?? null,
      })),
    );
    let updated = 0;
    for (const { row } of valid) {
      const body = existing.get(nameKey(row.name));
      if (!body) continue;
      const next = {
        name: row.name,
        categoryId: categories.get(row.categoryCode) as string,
        province: row.province ?? null,
        website: row.website ?? null,
        ppidEmail: row.ppidEmail ?? null,
      };
      const same =
        body.name === next.name &&
        body.categoryId === next.categoryId &&
        body.province === next.province &&
        body.website === next.website &&
        body.ppidEmail === next.ppidEmail;
      if (same) continue;
      await repo.updateBody(trx, body.id, { ...next, slug: slugify(row.name) });
      updated++;
    }
    await appendAudit(trx, {
      actorId: actor.userId,
      commissionId,
      event: 'bodies.imported',
      subjectType: 'commission',
      subjectId: commissionId,
      after: { created: created.length, updated, lines: valid.length },
    });
    return { created: created.length, updated, unchanged: valid.length - created.length - updated };
  });
}

const ROLE_LABELS: Record<string, string> = {
  commission_admin: 'admin komisi / commission admin',
  evaluator: 'evaluator',
  leadership: 'pimpinan / leadership',
  body_operator: 'operator PPID',
};

/**
 * Invites a person to a role in the commission: creates the account if the e-mail is new, grants the role, issues a
 * single-use invitation token and queues the invitation e-mail in the outbox (same transaction).
 */
export async function inviteUser(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  input: {
    email: string;
    name: string;
    role: 'commission_admin' | 'evaluator' | 'leadership' | 'body_operator';
    bodyId?: string | undefined;
  },
) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  const commission = await existingCommission(deps, commissionId);
  let bodyName: string | null = null;
  if (input.role === 'body_operator') {
    const body = input.bodyId ? await repo.findBody(deps.db, input.bodyId) : undefined;
    if (!body || body.commissionId !== commissionId) {
      throw validationFailed([{ path: 'bodyId', message: 'A PPID operator needs a body of this commission' }]);
    }
    bodyName = body.name;
  } else if (input.bodyId) {
    throw validationFailed([{ path: 'bodyId', message: 'Only a PPID operator is tied to a body' }]);
  }
  const token = randomToken();
  const expiresAt = new Date((deps.now?.() ?? new Date()).getTime() + INVITATION_TTL_MS);
  const url = `${deps.publicUrl}/invitations/${token}`;
  const user = await deps.db.transaction().execute(async (trx) => {
    const user =
      (await repo.findUserByEmail(trx, input.email)) ??
      (await repo.insertUser(trx, { email: input.email, name: input.name }));
    const membership = { userId: user.id, role: input.role, commissionId, bodyId: input.bodyId ?? null };
    if (await repo.findMembership(trx, membership)) {
      throw new AppError('ALREADY_EXISTS', `${input.email} already has this role.`);
    }
    const { id: membershipId } = await repo.insertMembership(trx, membership);
    await repo.insertInvitation(trx, {
      tokenHash: await hashToken(deps.sessionSecret, token),
      commissionId,
      userId: user.id,
      membershipId,
      invitedBy: actor.userId,
      expiresAt,
    });
    await repo.enqueueMail(trx, {
      kind: 'invitation',
      recipient: input.email,
      subject: `Undangan Informatif — ${commission.name}`,
      body: [
        `Yth. ${input.name},`,
        '',
        `Anda diundang ke Informatif (${commission.name}) sebagai ${ROLE_LABELS[input.role]}${bodyName ? ` untuk ${bodyName}` : ''}.`,
        `Buat kata sandi Anda di: ${url}`,
        `Tautan berlaku sampai ${expiresAt.toISOString()} dan hanya dapat dipakai sekali.`,
        '',
        `You are invited to Informatif (${commission.name}) as ${ROLE_LABELS[input.role]}. Choose your password at the link above.`,
      ].join('\n'),
      payload: { commissionId, role: input.role },
    });
    await appendAudit(trx, {
      actorId: actor.userId,
      commissionId,
      event: 'user.invited',
      subjectType: 'user',
      subjectId: user.id,
      after: { email: input.email, role: input.role, bodyId: input.bodyId ?? null },
    });
    return user;
  });
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: [{ role: input.role, commissionId, ...(input.bodyId ? { bodyId: input.bodyId } : {}) }],
    },
    invitation: { token, url, expiresAt: expiresAt.toISOString() },
  };
}

export async function listUsers(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const rows = await repo.listCommissionUsers(deps.db, commissionId);
  const users = new Map<
    string,
    {
      id: string;
      email: string;
      name: string;
      active: boolean;
      roles: { role: string; bodyId?: string; bodyName?: string }[];
    }
  >();
  for (const r of rows) {
    const user = users.get(r.id) ?? { id: r.id, email: r.email, name: r.name, active: r.active, roles: [] };
    user.roles.push({
      role: r.role,
      ...(r.bodyId ? { bodyId: r.bodyId } : {}),
      ...(r.bodyName ? { bodyName: r.bodyName } : {}),
    });
    users.set(r.id, user);
  }
  return [...users.values()];
}

export async function listInvitations(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const now = (deps.now?.() ?? new Date()).getTime();
  return (await repo.listInvitations(deps.db, commissionId)).map((i) => ({
    ...i,
    createdAt: iso(i.createdAt),
    expiresAt: iso(i.expiresAt),
    usedAt: i.usedAt ? iso(i.usedAt) : null,
    status: i.usedAt
      ? ('accepted' as const)
      : new Date(i.expiresAt).getTime() <= now
        ? ('expired' as const)
        : ('pending' as const),
  }));
}
