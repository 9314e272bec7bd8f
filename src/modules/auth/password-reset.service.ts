import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { normalizeEmail } from '../../lib/text.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { queueMail } from '../outbox/outbox.service.ts';
import * as auth from './auth.repository.ts';
import type { AuthDeps } from './auth-state.ts';
import * as repo from './password-reset.repository.ts';
import { failureStreak } from './throttle.repository.ts';
import { type BackOff, checkBackOff, LOGIN_THROTTLE, recordFailure } from './throttle.ts';

const HOUR = 60 * 60 * 1000;
const requests = (kind: string, free: number): BackOff => ({
  kind,
  free,
  baseMs: 1000,
  capMs: 15 * 60 * 1000,
  windowMs: HOUR,
});

/**
 * "Lupa kata sandi" (issue 25, item 3; decision 016): a link lives an hour; an address may ask 10 times an hour, then
 * waits a growing back-off (429); an account gets at most 3 mails an hour (further requests get the same answer and no
 * mail); a bad token costs its address like a failed login. Every request takes at least `minMs`, so an account that
 * exists (a transaction and a mail) does not answer later than one that does not.
 */
export const RESET = {
  ttlMs: HOUR,
  address: requests('reset-ip', 10),
  account: requests('reset-account', 3),
  token: requests('reset-token-ip', 10),
  minMs: 300,
} as const;

/** The single answer to a reset request, whatever the address. */
export const RESET_ACCEPTED = { status: 'accepted' } as const;

/**
 * Queues a reset link for the account of this e-mail, if it is one that can sign in (a password set, not
 * deactivated) and has not had its 3 mails this hour; else nothing. The answer is the same either way.
 */
export async function requestPasswordReset(deps: AppDeps, input: { email: string }, ip: string) {
  const started = performance.now();
  await checkBackOff(deps, RESET.address, ip);
  const email = normalizeEmail(input.email);
  const now = nowOf(deps);
  const recent = await failureStreak(
    deps.db,
    RESET.account.kind,
    email,
    new Date(now.getTime() - RESET.account.windowMs),
  );
  await recordFailure(deps, [
    { rule: RESET.address, key: ip },
    { rule: RESET.account, key: email },
  ]);
  // the token is made for every request, so that both answers cost the same work
  const token = randomToken();
  const tokenHash = await hashToken(deps.sessionSecret, token);
  const user = await auth.findUserByEmail(deps.db, email);
  if (user?.passwordHash && !user.disabledAt && recent.count < RESET.account.free) {
    const memberships = await auth.membershipsOf(deps.db, user.id);
    // a platform admin's mail belongs to no commission (the platform admins' outbox); others' to their first one
    const commissionId = memberships.some((m) => m.role === 'platform_admin')
      ? undefined
      : (memberships.find((m) => m.commissionId)?.commissionId ?? undefined);
    const expiresAt = new Date(now.getTime() + RESET.ttlMs);
    const url = `${deps.publicUrl.replace(/\/$/, '')}/reset-password/${token}`;
    await deps.db.transaction().execute(async (trx) => {
      await repo.deleteUnusedResets(trx, user.id);
      await repo.insertReset(trx, { tokenHash, userId: user.id, expiresAt });
      await queueMail(trx, {
        kind: 'password_reset',
        recipient: user.email,
        subject: 'Atur ulang kata sandi Informatif / Reset your Informatif password',
        body: [
          `Yth. ${user.name},`,
          '',
          'Kami menerima permintaan untuk mengatur ulang kata sandi akun Informatif Anda.',
          `Buat kata sandi baru di: ${url}`,
          `Tautan berlaku satu jam (sampai ${expiresAt.toISOString()}) dan hanya dapat dipakai sekali.`,
          'Jika Anda tidak memintanya, abaikan surel ini: kata sandi Anda tidak berubah.',
          '',
          '---',
          '',
          `Dear ${user.name},`,
          '',
          'We received a request to reset the password of your Informatif account.',
          `Choose a new password at: ${url}`,
          `The link works for one hour (until ${expiresAt.toISOString()}) and only once.`,
          'If you did not ask for it, ignore this e-mail: your password has not changed.',
        ].join('\n'),
        payload: commissionId ? { commissionId } : {},
      });
      await appendAudit(trx, {
        actorId: null,
        commissionId: commissionId ?? null,
        event: 'password.reset_requested',
        subjectType: 'user',
        subjectId: user.id,
      });
    });
  }
  const rest = RESET.minMs - (performance.now() - started);
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  return RESET_ACCEPTED;
}

/**
 * Sets a new password from a reset link (once, before it expires; one 404 for unknown, used, expired and
 * deactivated), ends every session of the account and its other links, and clears its login failures. It does not
 * sign in: the person signs in with the new password, which also makes the device known (decision 016).
 */
export async function resetPassword(deps: AuthDeps, token: string, password: string, ip: string) {
  await checkBackOff(deps, RESET.token, ip);
  const reset = await repo.findResetByHash(deps.db, await hashToken(deps.sessionSecret, token));
  if (!reset || reset.usedAt || reset.disabledAt || reset.expiresAt.getTime() <= nowOf(deps).getTime()) {
    await recordFailure(deps, [{ rule: RESET.token, key: ip }]);
    throw new AppError('NOT_FOUND', 'This reset link is unknown, used or expired.');
  }
  const passwordHash = await deps.passwordHasher.hash(password);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useReset(trx, reset.id, nowOf(deps)))) {
      throw new AppError('NOT_FOUND', 'This reset link is unknown, used or expired.');
    }
    await auth.setPasswordHash(trx, reset.userId, passwordHash);
    await repo.deleteUnusedResets(trx, reset.userId);
    await repo.deleteSessionsOf(trx, reset.userId);
    await auth.clearFailures(trx, LOGIN_THROTTLE.account.kind, reset.email);
    await appendAudit(trx, {
      actorId: reset.userId,
      commissionId: null,
      event: 'password.reset',
      subjectType: 'user',
      subjectId: reset.userId,
    });
  });
  // the session cache must not keep trusting the ended sessions until its next revalidation
  for (const [cached, entry] of deps.auth.sessions) {
    if (entry.actor.userId === reset.userId) deps.auth.sessions.delete(cached);
  }
}
