import type { Actor } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { auditChange } from '../audit/audit.service.ts';
import { queueMail } from '../outbox/outbox.service.ts';
import * as registry from './registry.repository.ts';
import { ensureCommission, existingCommission } from './registry.service.ts';
import * as repo from './users.repository.ts';

// The registry's people: invitations to a role in a commission, and who holds which role.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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
    const body = input.bodyId ? await registry.findBody(deps.db, input.bodyId) : undefined;
    if (!body || body.commissionId !== commissionId) {
      throw validationFailed([{ path: 'bodyId', message: 'A PPID operator needs a body of this commission' }]);
    }
    bodyName = body.name;
  } else if (input.bodyId) {
    throw validationFailed([{ path: 'bodyId', message: 'Only a PPID operator is tied to a body' }]);
  }
  const token = randomToken();
  const expiresAt = new Date(nowOf(deps).getTime() + INVITATION_TTL_MS);
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
    await queueMail(trx, {
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
    await auditChange(trx, actor, { commissionId, type: 'user', id: user.id }, 'user.invited', {
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
  const now = nowOf(deps).getTime();
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
