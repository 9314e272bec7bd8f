import { type Actor, isPlatformAdmin } from '../../domain/access.ts';
import { conflictOf } from '../../domain/people.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { auditChange } from '../audit/audit.service.ts';
import { endSessionsOf, forgetCachedSessions } from '../auth/auth.service.ts';
import type { AuthDeps } from '../auth/auth-state.ts';
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

type InvitedRole = 'commission_admin' | 'evaluator' | 'leadership' | 'body_operator';

/** The invitation e-mail, for a new account (choose a password) or an existing one (sign in to accept). */
function invitationMail(
  invitee: { email: string; name: string; hasPassword: boolean },
  offer: { commissionId: string; commissionName: string; role: string; bodyName: string | null },
  link: { url: string; expiresAt: Date },
) {
  const role = `${ROLE_LABELS[offer.role]}${offer.bodyName ? ` untuk ${offer.bodyName}` : ''}`;
  return {
    kind: 'invitation',
    recipient: invitee.email,
    subject: `Undangan Informatif — ${offer.commissionName}`,
    body: [
      `Yth. ${invitee.name},`,
      '',
      `Anda diundang ke Informatif (${offer.commissionName}) sebagai ${role}.`,
      invitee.hasPassword
        ? `Masuk dengan kata sandi akun Anda untuk menerima peran ini: ${link.url}`
        : `Buat kata sandi Anda di: ${link.url}`,
      `Tautan berlaku sampai ${link.expiresAt.toISOString()} dan hanya dapat dipakai sekali.`,
      '',
      `You are invited to Informatif (${offer.commissionName}) as ${ROLE_LABELS[offer.role]}. ${
        invitee.hasPassword
          ? 'Sign in with your account’s password at the link above to accept this role.'
          : 'Choose your password at the link above.'
      }`,
    ].join('\n'),
    payload: { commissionId: offer.commissionId, role: offer.role },
  };
}

/** The 409 of a conflict of interest not confirmed with a reason (the same words at invitation and acceptance). */
export function conflictOfInterest(email: string, held: { role: string; bodyName: string | null }) {
  return new AppError(
    'CONFLICT',
    `Conflict of interest: ${email} would be both a PPID operator and an evaluator in this commission. Confirm with a reason to go on.`,
    { conflict: { role: held.role, ...(held.bodyName ? { bodyName: held.bodyName } : {}) } },
  );
}

async function newLink(deps: AppDeps) {
  const token = randomToken();
  const expiresAt = new Date(nowOf(deps).getTime() + INVITATION_TTL_MS);
  return {
    token,
    tokenHash: await hashToken(deps.sessionSecret, token),
    url: `${deps.publicUrl}/invitations/${token}`,
    expiresAt,
  };
}

/**
 * Invites a person to a role in the commission: creates the account if the e-mail is new (without a password and
 * without any role), records the offered role on a single-use invitation and queues the invitation e-mail in the
 * outbox (same transaction). The role is granted only when the invitation is accepted (auth.service
 * acceptInvitation); an existing account accepts by signing in. A PPID operator invited as an evaluator of the same
 * commission, or the reverse, is refused unless `conflictReason` confirms it.
 */
export async function inviteUser(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  input: {
    email: string;
    name: string;
    role: InvitedRole;
    bodyId?: string | undefined;
    conflictReason?: string | undefined;
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
  const link = await newLink(deps);
  const now = nowOf(deps);
  const { user, invitationId, roles } = await deps.db.transaction().execute(async (trx) => {
    const user =
      (await repo.findUserByEmail(trx, input.email)) ??
      (await repo.insertUser(trx, { email: input.email, name: input.name }));
    if (user.disabledAt) {
      throw new AppError('CONFLICT', `${input.email} is deactivated: reactivate the account before inviting it.`);
    }
    const offer = { userId: user.id, role: input.role, commissionId, bodyId: input.bodyId ?? null };
    if (await repo.findMembership(trx, offer)) {
      throw new AppError('ALREADY_EXISTS', `${input.email} already has this role.`);
    }
    if (await repo.findPendingInvitation(trx, offer, now)) {
      throw new AppError('ALREADY_EXISTS', `${input.email} already has a pending invitation to this role.`);
    }
    const conflict = conflictOf(input.role, await repo.heldAndOfferedRoles(trx, user.id, commissionId, now));
    if (conflict && !input.conflictReason) throw conflictOfInterest(input.email, conflict);
    const { id } = await repo.insertInvitation(trx, {
      tokenHash: link.tokenHash,
      commissionId,
      userId: user.id,
      role: input.role,
      bodyId: input.bodyId ?? null,
      conflictReason: input.conflictReason ?? null,
      invitedBy: actor.userId,
      expiresAt: link.expiresAt,
    });
    await queueMail(
      trx,
      invitationMail(
        { ...user, name: input.name },
        { commissionId, commissionName: commission.name, role: input.role, bodyName },
        link,
      ),
    );
    await auditChange(trx, actor, { commissionId, type: 'user', id: user.id }, 'user.invited', {
      after: { email: input.email, role: input.role, bodyId: input.bodyId ?? null, invitationId: id },
      reason: input.conflictReason ?? null,
    });
    return { user, invitationId: id, roles: await repo.rolesInCommission(trx, user.id, commissionId) };
  });
  return {
    // the roles the person holds in the commission now: the invited one is granted only at acceptance
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: roles.map((r) => ({ role: r.role, commissionId, ...(r.bodyId ? { bodyId: r.bodyId } : {}) })),
    },
    invitation: { id: invitationId, token: link.token, url: link.url, expiresAt: link.expiresAt.toISOString() },
  };
}

/** A pending invitation of the commission, or 404 (another commission's too); 409 once accepted or cancelled. */
async function pendingInvitation(deps: AppDeps, actor: Actor, commissionId: string, invitationId: string) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  const invitation = await repo.findInvitation(deps.db, invitationId);
  if (!invitation || invitation.commissionId !== commissionId) {
    throw new AppError('NOT_FOUND', 'No such invitation.');
  }
  if (invitation.usedAt || invitation.cancelledAt) {
    throw new AppError('INVITATION_USED', 'This invitation was already accepted or cancelled.');
  }
  return invitation;
}

/**
 * Issues a fresh link for a pending (or expired) invitation: tokens are stored hashed, so an earlier link cannot be
 * shown again; the old one stops working. `mail` sends it again (resend); without it the admin passes it on.
 */
export async function reissueInvitation(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  invitationId: string,
  mail: boolean,
) {
  const invitation = await pendingInvitation(deps, actor, commissionId, invitationId);
  const link = await newLink(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.reissueInvitation(trx, invitationId, link.tokenHash, link.expiresAt))) {
      throw new AppError('INVITATION_USED', 'This invitation was already accepted or cancelled.');
    }
    if (mail) await queueMail(trx, invitationMail(invitation, invitation, link));
    await auditChange(
      trx,
      actor,
      { commissionId, type: 'invitation', id: invitationId },
      mail ? 'invitation.resent' : 'invitation.link_reissued',
      { after: { email: invitation.email, role: invitation.role, expiresAt: link.expiresAt.toISOString() } },
    );
  });
  return { id: invitationId, token: link.token, url: link.url, expiresAt: link.expiresAt.toISOString() };
}

/** Cancels a pending invitation: its link stops working and it grants nothing. */
export async function cancelInvitation(deps: AppDeps, actor: Actor, commissionId: string, invitationId: string) {
  const invitation = await pendingInvitation(deps, actor, commissionId, invitationId);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.cancelInvitation(trx, invitationId, nowOf(deps)))) {
      throw new AppError('INVITATION_USED', 'This invitation was already accepted or cancelled.');
    }
    await auditChange(trx, actor, { commissionId, type: 'invitation', id: invitationId }, 'invitation.cancelled', {
      before: { email: invitation.email, role: invitation.role, bodyId: invitation.bodyId },
    });
  });
}

/**
 * Revokes one role (membership) of the commission. An admin cannot revoke their own admin role (unless they are a
 * platform admin): another admin does it, so a commission is never left without the admin who removed themselves by
 * mistake. The person's cached sessions are forgotten, so the role stops counting at their next request.
 */
export async function revokeMembership(deps: AuthDeps, actor: Actor, commissionId: string, membershipId: string) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  const membership = await repo.findMembershipById(deps.db, membershipId);
  if (!membership || membership.commissionId !== commissionId) throw new AppError('NOT_FOUND', 'No such role.');
  if (membership.userId === actor.userId && membership.role === 'commission_admin' && !isPlatformAdmin(actor)) {
    throw new AppError(
      'CONFLICT',
      'You cannot revoke your own admin role: another admin of the commission must do it.',
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteMembership(trx, membershipId))) throw new AppError('NOT_FOUND', 'No such role.');
    await auditChange(trx, actor, { commissionId, type: 'user', id: membership.userId }, 'membership.revoked', {
      before: { membershipId, role: membership.role, bodyId: membership.bodyId },
    });
  });
  forgetCachedSessions(deps.auth, membership.userId);
}

/**
 * Deactivates (`active: false`) or reactivates an account. A deactivated account cannot sign in and all its sessions
 * end at once. Tenancy: the account must hold a role in this commission (else 404); an account that also holds roles
 * elsewhere (another commission, or platform admin) is the platform admin's to deactivate: a commission admin revokes
 * their commission's roles instead. Nobody deactivates their own account.
 */
export async function setAccountActive(
  deps: AuthDeps,
  actor: Actor,
  commissionId: string,
  userId: string,
  active: boolean,
) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  const account = await repo.findAccount(deps.db, userId);
  if (!account?.memberships.some((m) => m.commissionId === commissionId)) {
    throw new AppError('NOT_FOUND', 'No such person.');
  }
  if (account.id === actor.userId) throw new AppError('CONFLICT', 'You cannot deactivate your own account.');
  if (!isPlatformAdmin(actor) && account.memberships.some((m) => m.commissionId !== commissionId)) {
    throw new AppError(
      'FORBIDDEN',
      'This account also has roles outside this commission: only the platform admin may deactivate it. Revoke this commission’s roles instead.',
    );
  }
  if ((account.disabledAt === null) !== active) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.setDisabled(trx, userId, active ? null : nowOf(deps));
      if (!active) await endSessionsOf(trx, userId);
      await auditChange(
        trx,
        actor,
        { commissionId, type: 'user', id: userId },
        active ? 'user.reactivated' : 'user.deactivated',
        { before: { active: !active }, after: { active } },
      );
    });
    forgetCachedSessions(deps.auth, userId);
  }
  return { id: account.id, email: account.email, name: account.name, active };
}

/**
 * The commission's people with their roles here (each with its membership id, to revoke it, and the reason a conflict
 * of interest was accepted), whether the account is active (has a password and is not deactivated), deactivated, and
 * holds roles elsewhere (then only the platform admin may deactivate it).
 */
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
      disabled: boolean;
      rolesElsewhere: boolean;
      roles: {
        role: string;
        membershipId: string;
        bodyId?: string;
        bodyName?: string;
        conflictReason?: string;
      }[];
    }
  >();
  for (const r of rows) {
    const user = users.get(r.id) ?? {
      id: r.id,
      email: r.email,
      name: r.name,
      active: r.active,
      disabled: r.disabled,
      rolesElsewhere: r.rolesElsewhere,
      roles: [],
    };
    user.roles.push({
      role: r.role,
      membershipId: r.membershipId,
      ...(r.bodyId ? { bodyId: r.bodyId } : {}),
      ...(r.bodyName ? { bodyName: r.bodyName } : {}),
      ...(r.conflictReason ? { conflictReason: r.conflictReason } : {}),
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
    cancelledAt: i.cancelledAt ? iso(i.cancelledAt) : null,
    status: i.usedAt
      ? ('accepted' as const)
      : i.cancelledAt
        ? ('cancelled' as const)
        : new Date(i.expiresAt).getTime() <= now
          ? ('expired' as const)
          : ('pending' as const),
  }));
}
