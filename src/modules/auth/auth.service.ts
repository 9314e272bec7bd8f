import type { Db } from '../../db/database.ts';
import type { Actor, Membership } from '../../domain/access.ts';
import { conflictOf } from '../../domain/people.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { normalizeEmail } from '../../lib/text.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { appendAudit } from '../audit/audit.service.ts';
import * as repo from './auth.repository.ts';
import type { AuthDeps, AuthState } from './auth-state.ts';
import {
  forgiveAttempt,
  LOGIN_THROTTLE,
  loginPlace,
  loginRules,
  rememberLoginPlace,
  reserveAttempt,
} from './throttle.ts';

export const SESSION_COOKIE = 'informatif_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Fixed windows for the invitations: failures counted per client address, and per account when an existing account's
 * password is given. The login has back-offs of its own (throttle.ts, decision 016).
 */
export const THROTTLE = {
  window: 15 * 60 * 1000,
  invitationPerIp: 20,
} as const;

// A hash of a random password, verified against when the e-mail is unknown, so both cases take the same time.
const decoy = (deps: AuthDeps) => {
  deps.auth.decoyHash ??= deps.passwordHasher.hash(randomToken());
  return deps.auth.decoyHash;
};

async function throttle(deps: AppDeps, checks: { kind: string; key: string; limit: number }[]) {
  const since = new Date(nowOf(deps).getTime() - THROTTLE.window);
  for (const check of checks) {
    const { count, oldest } = await repo.failuresSince(deps.db, check.kind, check.key, since);
    if (count >= check.limit) {
      const retryAfter = Math.max(
        1,
        Math.ceil(((oldest?.getTime() ?? 0) + THROTTLE.window - nowOf(deps).getTime()) / 1000),
      );
      throw new AppError(
        'TOO_MANY_REQUESTS',
        'Too many failed attempts. Try again later.',
        { retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
  }
}

async function startSession(deps: AppDeps, userId: string) {
  const token = randomToken();
  const expiresAt = new Date(nowOf(deps).getTime() + SESSION_TTL_MS);
  await repo.insertSession(deps.db, { tokenHash: await hashToken(deps.sessionSecret, token), userId, expiresAt });
  return { token, expiresAt };
}

/** The public shape of the signed-in user (GET /me, login, invitation acceptance). */
export async function describeUser(deps: AppDeps, userId: string) {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  const roles = await repo.membershipsOf(deps.db, userId);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: roles.map((r) => ({
      role: r.role,
      ...(r.commissionId ? { commissionId: r.commissionId } : {}),
      ...(r.bodyId ? { bodyId: r.bodyId } : {}),
      ...(r.commissionCode ? { commissionCode: r.commissionCode } : {}),
      ...(r.commissionName ? { commissionName: r.commissionName } : {}),
      ...(r.bodyName ? { bodyName: r.bodyName } : {}),
    })),
  };
}

/**
 * Signs in with e-mail and password. Unknown e-mail, wrong password and disabled account all answer the same 401
 * (no enumeration). Failures are throttled with a growing back-off (429 with Retry-After) per client address and per
 * account, except from a place the account signed in from before: its known device (the device cookie) or address
 * (decision 016, throttle.ts). A success makes this device and address known; `deviceToken` is the cookie to set.
 */
export async function login(
  deps: AuthDeps,
  input: { email: string; password: string },
  ip: string,
  deviceToken?: string,
) {
  const email = normalizeEmail(input.email);
  const user = await repo.findUserByEmail(deps.db, email);
  const place = await loginPlace(deps, user?.id, ip, deviceToken);
  const rules = loginRules(place, email, ip);
  // counted as a failure before the password is checked, so that parallel guesses wait their turn; forgiven on success
  const reserved = await reserveAttempt(deps, rules);
  const ok =
    user?.passwordHash && !user.disabledAt
      ? await deps.passwordHasher.verify(input.password, user.passwordHash)
      : (await deps.passwordHasher.verify(input.password, await decoy(deps))) && false;
  if (!ok || !user) throw new AppError('INVALID_CREDENTIALS', 'The e-mail or the password is wrong.');
  await forgiveAttempt(deps, reserved);
  await repo.clearFailures(deps.db, LOGIN_THROTTLE.account.kind, email);
  if (place.deviceHash) await repo.clearFailures(deps.db, LOGIN_THROTTLE.device.kind, place.deviceHash);
  const device = await rememberLoginPlace(deps, user.id, place, deviceToken, randomToken);
  const session = await startSession(deps, user.id);
  return { session, device, user: await describeUser(deps, user.id) };
}

export async function logout(deps: AuthDeps, token: string | undefined) {
  if (!token) return;
  deps.auth.sessions.delete(token);
  await repo.deleteSession(deps.db, await hashToken(deps.sessionSecret, token));
}

// per app (AuthState): token -> actor, trusted for deps.sessionCacheMs; bounded so a flood of tokens cannot grow it.
// Keyed by the token itself (this process holds it anyway) so that a hit costs no HMAC.
const SESSION_CACHE_SIZE = 50_000;

/** The actor behind a session cookie, or null when the token is unknown or expired. */
export async function actorForToken(deps: AuthDeps, token: string): Promise<Actor | null> {
  const ttl = deps.sessionCacheMs ?? 0;
  const at = nowOf(deps).getTime();
  const cache = deps.auth.sessions;
  const hit = cache.get(token);
  if (hit && hit.until > at) return hit.actor;
  const tokenHash = await hashToken(deps.sessionSecret, token);
  const found = await repo.findSessionUser(deps.db, tokenHash, nowOf(deps));
  if (!found) {
    cache.delete(token);
    return null;
  }
  const actor: Actor = { userId: found.id, email: found.email, name: found.name, memberships: found.memberships };
  if (ttl > 0) {
    if (cache.size >= SESSION_CACHE_SIZE) cache.clear();
    // never trusted past the session's own expiry
    cache.set(token, { actor, until: Math.min(at + ttl, found.expiresAt.getTime()), tokenHash });
  }
  return actor;
}

/**
 * Revalidates every cached session at once, so that busy sessions are not looked up one request at a time (with a
 * thousand operators saving, that was one query in five): one query per two hundred sessions. A live session is trusted
 * for another cache period from the moment the query started (its actor re-read: roles may have changed); a revoked,
 * expired or disabled one is forgotten. The Node server runs this every half cache period, so the bound on staleness
 * stays SESSION_CACHE_SECONDS; a request whose entry ran out (a late refresh, or none, as on Workers) looks its
 * session up itself as before.
 */
export async function refreshSessions(deps: AuthDeps): Promise<number> {
  const ttl = deps.sessionCacheMs ?? 0;
  const cache = deps.auth.sessions;
  if (ttl <= 0 || cache.size === 0) return 0;
  const at = nowOf(deps);
  const entries = [...cache];
  let kept = 0;
  // in slices, each its own query, so that the server never stops for long to digest them
  for (let i = 0; i < entries.length; i += 200) {
    const chunk = entries.slice(i, i + 200);
    const found = await repo.findSessionUsers(
      deps.db,
      chunk.map(([, e]) => e.tokenHash),
      at,
    );
    for (const [token, entry] of chunk) {
      // a logout or a fresh lookup meanwhile has the last word
      if (cache.get(token) !== entry) continue;
      const row = found.get(entry.tokenHash);
      if (!row) {
        cache.delete(token);
        continue;
      }
      const until = Math.min(at.getTime() + ttl, row.expiresAt.getTime());
      if (sameActor(entry.actor, row)) {
        // unchanged (the common case): the entry is kept and only trusted longer, so a refresh of thousands of
        // sessions leaves nothing new behind for the garbage collector to promote and sweep
        entry.until = until;
      } else {
        const actor: Actor = { userId: row.id, email: row.email, name: row.name, memberships: row.memberships };
        cache.set(token, { actor, until, tokenHash: entry.tokenHash });
      }
      kept++;
    }
  }
  return kept;
}

function sameActor(actor: Actor, row: { id: string; email: string; name: string; memberships: Membership[] }) {
  return (
    actor.userId === row.id &&
    actor.email === row.email &&
    actor.name === row.name &&
    actor.memberships.length === row.memberships.length &&
    actor.memberships.every((m, i) => {
      const r = row.memberships[i];
      return r !== undefined && m.role === r.role && m.commissionId === r.commissionId && m.bodyId === r.bodyId;
    })
  );
}

/**
 * Ends every session of an account at once (its deactivation), in the caller's transaction; call
 * `forgetCachedSessions` after the commit, so that this process stops trusting its cached ones too.
 */
export async function endSessionsOf(db: Db, userId: string): Promise<void> {
  await repo.deleteSessionsOf(db, userId);
}

/**
 * Forgets this process's cached sessions of an account whose roles or state changed, so that its next request reads
 * them afresh (other processes refresh theirs within SESSION_CACHE_SECONDS).
 */
export function forgetCachedSessions(auth: AuthState, userId: string): void {
  for (const [token, entry] of auth.sessions) if (entry.actor.userId === userId) auth.sessions.delete(token);
}

/** Deletes sessions past their expiry (they are refused anyway; this keeps the table small). */
export async function purgeExpiredSessions(deps: AppDeps): Promise<void> {
  await repo.deleteExpiredSessions(deps.db, nowOf(deps));
}

async function liveInvitation(deps: AppDeps, token: string) {
  const invitation = await repo.findInvitationByHash(deps.db, await hashToken(deps.sessionSecret, token));
  // one answer for unknown, expired, used and cancelled tokens: a token's fate does not leak
  // a disabled account's invitation is dead too: accepting it would give a session that cannot be used
  if (
    !invitation ||
    invitation.usedAt ||
    invitation.cancelledAt ||
    invitation.disabledAt ||
    invitation.expiresAt.getTime() <= nowOf(deps).getTime()
  ) {
    throw new AppError('NOT_FOUND', 'This invitation is unknown, used or expired.');
  }
  return invitation;
}

/** What the acceptance page shows before the password is chosen. */
export async function describeInvitation(deps: AppDeps, token: string, ip: string) {
  await throttle(deps, [{ kind: 'invitation-ip', key: ip, limit: THROTTLE.invitationPerIp }]);
  try {
    const inv = await liveInvitation(deps, token);
    return {
      email: inv.email,
      name: inv.name,
      role: inv.role,
      commissionName: inv.commissionName,
      ...(inv.bodyName ? { bodyName: inv.bodyName } : {}),
      expiresAt: inv.expiresAt.toISOString(),
      existingAccount: inv.passwordHash !== null,
    };
  } catch (error) {
    await repo.recordFailures(deps.db, [{ kind: 'invitation-ip', key: ip, at: nowOf(deps) }]);
    throw error;
  }
}

/**
 * Accepts an invitation once and signs in: a new account chooses its password. An account that already has one (a
 * person invited to a further role) signs in with it instead: the inviter holds the token too, and knowing an e-mail
 * address must not let anyone set that account's password. Only now is the offered role granted (its membership
 * created); a conflict of interest that arose since the invitation (a PPID operator becoming an evaluator of the same
 * commission, or the reverse) is refused unless the invitation was confirmed with a reason. Throttled per client
 * address, and per account like a login.
 */
export async function acceptInvitation(deps: AppDeps, token: string, password: string, ip: string) {
  await throttle(deps, [{ kind: 'invitation-ip', key: ip, limit: THROTTLE.invitationPerIp }]);
  let invitation: Awaited<ReturnType<typeof liveInvitation>>;
  try {
    invitation = await liveInvitation(deps, token);
  } catch (error) {
    await repo.recordFailures(deps.db, [{ kind: 'invitation-ip', key: ip, at: nowOf(deps) }]);
    throw error;
  }
  let passwordHash: string | null = null;
  if (invitation.passwordHash) {
    // the password is checked as a login's is: the same back-offs from the same place (decision 016), so a stranger's
    // failures elsewhere cannot stop the owner accepting
    const rules = loginRules(await loginPlace(deps, invitation.userId, ip, undefined), invitation.email, ip);
    const reserved = await reserveAttempt(deps, rules);
    if (!(await deps.passwordHasher.verify(password, invitation.passwordHash))) {
      await repo.recordFailures(deps.db, [{ kind: 'invitation-ip', key: ip, at: nowOf(deps) }]);
      throw new AppError('INVALID_CREDENTIALS', 'This account already has a password: give it to accept.');
    }
    await forgiveAttempt(deps, reserved);
  } else {
    passwordHash = await deps.passwordHasher.hash(password);
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useInvitation(trx, invitation.id, nowOf(deps)))) {
      throw new AppError('NOT_FOUND', 'This invitation is unknown, used or expired.');
    }
    const conflict = conflictOf(invitation.role, await repo.rolesIn(trx, invitation.userId, invitation.commissionId));
    if (conflict && !invitation.conflictReason) {
      throw new AppError(
        'CONFLICT',
        'Conflict of interest: this account would be both a PPID operator and an evaluator in this commission. Ask the commission to confirm the invitation with a reason.',
        { conflict: { role: conflict.role, ...(conflict.bodyName ? { bodyName: conflict.bodyName } : {}) } },
      );
    }
    const membershipId = await repo.grantInvitedRole(trx, invitation);
    if (passwordHash) await repo.setPasswordHash(trx, invitation.userId, passwordHash);
    await appendAudit(trx, {
      actorId: invitation.userId,
      commissionId: invitation.commissionId,
      event: 'invitation.accepted',
      subjectType: 'user',
      subjectId: invitation.userId,
      after: { invitationId: invitation.id, membershipId, role: invitation.role, bodyId: invitation.bodyId },
      reason: invitation.conflictReason,
    });
  });
  const session = await startSession(deps, invitation.userId);
  return { session, user: await describeUser(deps, invitation.userId) };
}
