import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import type { MailSender, OutgoingMail } from '../../src/lib/mail.ts';
import { THROTTLE } from '../../src/modules/auth/auth.service.ts';
import { LOGIN_THROTTLE } from '../../src/modules/auth/throttle.ts';
import { deliverPending } from '../../src/modules/outbox/outbox.service.ts';
import { createTestContext, TEST_PASSWORD, type TestContext, unique } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** A client address of its own, so that one test's failures never throttle another's. */
const ip = () => ({ 'x-test-ip': unique('10.') });
const login = (email: string, password: string, headers: Record<string, string> = ip()) =>
  ctx.request('POST', '/api/auth/login', { body: { email, password }, headers });

async function setup() {
  const commission = await ctx.factory.commission();
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  return { commission, admin };
}

async function invite(cid: string, adminCookie: string, extra: Record<string, unknown> = {}) {
  const email = `${unique('inv')}@test.example`.toLowerCase();
  const res = await ctx.request('POST', `/api/commissions/${cid}/users`, {
    cookie: adminCookie,
    body: { email, name: 'Calon Evaluator', role: 'evaluator', ...extra },
  });
  expect(res.status).toBe(201);
  return { email, res, token: res.json.invitation.token as string };
}

describe('login', () => {
  it('signs in, sets an HttpOnly SameSite=Lax cookie without Secure on http, and /me gives the roles', async () => {
    const { commission } = await setup();
    const user = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: user.id, email: user.email });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('informatif_session='));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    // the database keeps only a hash of the token
    const token = ctx.sessionCookieOf(res)!.split('=')[1]!;
    const sessions = await ctx.db.selectFrom('sessions').select('tokenHash').where('userId', '=', user.id).execute();
    expect(sessions.map((s) => s.tokenHash)).not.toContain(token);

    const me = await ctx.request('GET', '/api/me', { cookie: ctx.sessionCookieOf(res) });
    expect(me.status).toBe(200);
    expect(me.json.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      roles: [
        {
          role: 'evaluator',
          commissionId: commission.id,
          commissionCode: commission.code,
          commissionName: commission.name,
        },
      ],
    });
  });

  it('sets a Secure cookie when PUBLIC_URL is https', async () => {
    const secure = await createTestContext({ publicUrl: 'https://informatif.example' });
    try {
      const commission = await secure.factory.commission();
      const user = await secure.factory.user('leadership', { commissionId: commission.id });
      const res = await secure.request('POST', '/api/auth/login', {
        body: { email: user.email, password: TEST_PASSWORD },
        origin: 'https://informatif.example',
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('informatif_session='));
      expect(setCookie).toMatch(/;\s*Secure/i);
      expect(setCookie).toMatch(/;\s*HttpOnly/i);
    } finally {
      await secure.close();
    }
  });

  it('answers wrong password and unknown e-mail with the same 401 (no enumeration)', async () => {
    const { admin } = await setup();
    const wrong = await login(admin.email, 'not-the-password');
    const unknown = await login(`${unique('nobody')}@test.example`, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.json.code).toBe('INVALID_CREDENTIALS');
    const { instance: _a, ...wrongBody } = wrong.json;
    const { instance: _b, ...unknownBody } = unknown.json;
    expect(wrongBody).toEqual(unknownBody);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refuses an account that has not chosen a password yet, with the same 401', async () => {
    const { commission, admin } = await setup();
    const { email } = await invite(commission.id, admin.cookie);
    const res = await login(email, 'whatever-password');
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('INVALID_CREDENTIALS');
  });

  it('treats the e-mail case-insensitively and ignores surrounding spaces', async () => {
    const { admin } = await setup();
    const res = await login(`  ${admin.email.toUpperCase()} `, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.json.user.id).toBe(admin.id);
  });

  it('is case-sensitive about the password', async () => {
    const { admin } = await setup();
    expect((await login(admin.email, TEST_PASSWORD.toUpperCase())).status).toBe(401);
  });

  it('validates the request shape (422 listing the fields)', async () => {
    const res = await ctx.request('POST', '/api/auth/login', { body: { email: 'x' }, headers: ip() });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
  });
});

describe('login throttling', () => {
  it('after 5 failures for one account, a 6th try from a new place at once is 429 even with the right password; others are unaffected', async () => {
    const { commission, admin } = await setup();
    const other = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const client = ip();
    for (let i = 0; i < LOGIN_THROTTLE.account.free; i++) {
      expect((await login(admin.email, `wrong-${i}`, client)).status).toBe(401);
    }
    const blocked = await login(admin.email, TEST_PASSWORD, client);
    expect(blocked.status).toBe(429);
    expect(blocked.json.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    // the back-off's first step: one second (throttle.test.ts follows it further)
    expect(retryAfter).toBe(1);
    expect(blocked.headers.getSetCookie()).toEqual([]);
    // from another address the account has not used either: the account is what is throttled
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(429);
    expect((await login(other.email, TEST_PASSWORD, client)).status).toBe(200);
  });

  it('a success before the limit clears the account’s failures', async () => {
    const { admin } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.account.free - 1; i++)
      expect((await login(admin.email, 'wrong')).status).toBe(401);
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOGIN_THROTTLE.account.free - 1; i++)
      expect((await login(admin.email, 'wrong')).status).toBe(401);
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('throttles a client address after 10 failures across different accounts', async () => {
    const { admin } = await setup();
    const client = ip();
    for (let i = 0; i < LOGIN_THROTTLE.address.free; i++) {
      expect((await login(`${unique('spray')}@test.example`, 'guess-123', client)).status).toBe(401);
    }
    const blocked = await login(admin.email, TEST_PASSWORD, client);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // the account itself is not blocked: another address signs in
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('forgets failures older than the window', async () => {
    const { admin } = await setup();
    for (let i = 0; i < LOGIN_THROTTLE.account.free; i++) expect((await login(admin.email, 'wrong')).status).toBe(401);
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(429);
    await ctx.db
      .updateTable('authFailures')
      .set({ at: new Date(Date.now() - LOGIN_THROTTLE.account.windowMs - 60_000) })
      .where('kind', '=', 'login-account')
      .where('key', '=', admin.email)
      .execute();
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout deletes the session: the cookie no longer works', async () => {
    const { admin } = await setup();
    const signedIn = await login(admin.email, TEST_PASSWORD);
    const cookie = ctx.sessionCookieOf(signedIn)!;
    const before = await ctx.db.selectFrom('sessions').select('id').where('userId', '=', admin.id).execute();
    expect((await ctx.request('GET', '/api/me', { cookie })).status).toBe(200);
    const out = await ctx.request('POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('informatif_session='))).toMatch(/Max-Age=0|Expires=/i);
    const after = await ctx.db.selectFrom('sessions').select('id').where('userId', '=', admin.id).execute();
    expect(after.length).toBe(before.length - 1);
    const me = await ctx.request('GET', '/api/me', { cookie });
    expect(me.status).toBe(401);
    expect(me.json.code).toBe('UNAUTHENTICATED');
    // the factory's session of the same user is untouched
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
  });

  it('a logout from another origin is refused (403) and the session survives', async () => {
    const { admin } = await setup();
    const res = await ctx.request('POST', '/api/auth/logout', { cookie: admin.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('ORIGIN_MISMATCH');
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
  });

  it('an expired session is no session (401)', async () => {
    const { admin } = await setup();
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
    await ctx.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', admin.id)
      .execute();
    const me = await ctx.request('GET', '/api/me', { cookie: admin.cookie });
    expect(me.status).toBe(401);
    expect(me.json.code).toBe('UNAUTHENTICATED');
  });

  it('an unknown or tampered cookie is no session (401)', async () => {
    const { admin } = await setup();
    const res = await ctx.request('GET', '/api/me', { cookie: `${admin.cookie}x` });
    expect(res.status).toBe(401);
    expect((await ctx.request('GET', '/api/me')).status).toBe(401);
  });

  it('a disabled account loses its sessions', async () => {
    const { admin } = await setup();
    await ctx.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', admin.id).execute();
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(401);
    expect((await login(admin.email, TEST_PASSWORD)).status).toBe(401);
  });
});

describe('CSRF (Origin check on cookie-authenticated writes)', () => {
  const bodyCount = async (cid: string) =>
    (
      await ctx.db
        .selectFrom('bodies')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('commissionId', '=', cid)
        .executeTakeFirstOrThrow()
    ).n;
  const write = (cid: string, cookie: string, options: { origin?: string | null; headers?: Record<string, string> }) =>
    ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: unique('Badan CSRF '), categoryCode: 'KEMENTERIAN' },
      ...options,
    });

  it('refuses a write from another origin with 403 ORIGIN_MISMATCH and creates nothing', async () => {
    const { commission, admin } = await setup();
    const res = await write(commission.id, admin.cookie, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('ORIGIN_MISMATCH');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await bodyCount(commission.id)).toBe(0);
  });

  it('refuses an origin that only looks like ours', async () => {
    const { commission, admin } = await setup();
    for (const origin of [
      'http://localhost:3000.evil.example',
      'http://localhost:3001',
      'https://localhost:3000',
      'null',
    ]) {
      const res = await write(commission.id, admin.cookie, { origin });
      expect(res.status, origin).toBe(403);
    }
    expect(await bodyCount(commission.id)).toBe(0);
  });

  it('refuses a write without Origin that the browser marks cross-site', async () => {
    const { commission, admin } = await setup();
    const res = await write(commission.id, admin.cookie, { origin: null, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('ORIGIN_MISMATCH');
    expect(await bodyCount(commission.id)).toBe(0);
  });

  it('lets a write without Origin and without Sec-Fetch-Site through (a non-browser client)', async () => {
    const { commission, admin } = await setup();
    const res = await write(commission.id, admin.cookie, { origin: null });
    expect(res.status).toBe(201);
    expect(await bodyCount(commission.id)).toBe(1);
  });

  it('lets a same-origin write through', async () => {
    const { commission, admin } = await setup();
    expect((await write(commission.id, admin.cookie, {})).status).toBe(201);
    const sameSite = await write(commission.id, admin.cookie, {
      origin: null,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameSite.status).toBe(201);
  });

  it('lets reads through from any origin', async () => {
    const { admin } = await setup();
    const res = await ctx.request('GET', '/api/me', { cookie: admin.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(200);
  });

  it('refuses a login from a foreign origin even without a cookie (login CSRF), and passes one without Origin', async () => {
    const { admin } = await setup();
    const foreign = await ctx.request('POST', '/api/auth/login', {
      body: { email: admin.email, password: TEST_PASSWORD },
      origin: 'https://evil.example',
      headers: ip(),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.json.code).toBe('ORIGIN_MISMATCH');
    const script = await ctx.request('POST', '/api/auth/login', {
      body: { email: admin.email, password: TEST_PASSWORD },
      origin: null,
      headers: ip(),
    });
    expect(script.status).toBe(200);
  });
});

describe('invitations', () => {
  it('invites: 201 with token and link, an invitation e-mail queued in the outbox', async () => {
    const { commission, admin } = await setup();
    const { email, res, token } = await invite(commission.id, admin.cookie);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(res.json.invitation.url).toBe(`http://localhost:3000/invitations/${token}`);
    expect(new Date(res.json.invitation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    // an invitation grants nothing until it is accepted
    expect(res.json.user).toMatchObject({ email, roles: [] });
    const accepted = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'kata sandi evaluator' },
      headers: ip(),
    });
    expect(accepted.json.user).toMatchObject({ email, roles: [{ role: 'evaluator', commissionId: commission.id }] });

    const rows = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', email).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'invitation', sentAt: null, attempts: 0 });
    expect(rows[0]!.body).toContain(res.json.invitation.url);
    expect(rows[0]!.subject).toContain(commission.name);
    // only the token's hash is stored
    const stored = await ctx.db.selectFrom('invitations').select('tokenHash').execute();
    expect(stored.map((r) => r.tokenHash)).not.toContain(token);
  });

  it('describes a live invitation', async () => {
    const { commission, admin } = await setup();
    const { email, token, res: invited } = await invite(commission.id, admin.cookie, { name: 'Budi Santoso' });
    const res = await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: ip() });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      email,
      name: 'Budi Santoso',
      role: 'evaluator',
      commissionName: commission.name,
      existingAccount: false,
      expiresAt: invited.json.invitation.expiresAt,
    });
  });

  it('names the body in a PPID operator’s invitation', async () => {
    const { commission, admin } = await setup();
    const body = await ctx.factory.body(commission.id);
    const { token } = await invite(commission.id, admin.cookie, { role: 'body_operator', bodyId: body.id });
    const res = await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: ip() });
    expect(res.json).toMatchObject({ role: 'body_operator', bodyName: body.name });
  });

  it('refuses a short password with 422 on path password, and keeps the invitation usable', async () => {
    const { commission, admin } = await setup();
    const { token } = await invite(commission.id, admin.cookie);
    const res = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'short' },
      headers: ip(),
    });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('VALIDATION_FAILED');
    expect(res.json.errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    expect((await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: ip() })).status).toBe(200);
  });

  it('accepts once: sets the password, signs in; the token then is dead', async () => {
    const { commission, admin } = await setup();
    const { email, token } = await invite(commission.id, admin.cookie);
    const accepted = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'kata sandi baru saya' },
      headers: ip(),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.user).toMatchObject({ email, roles: [{ role: 'evaluator', commissionId: commission.id }] });
    const cookie = ctx.sessionCookieOf(accepted);
    expect(cookie).toBeDefined();
    const me = await ctx.request('GET', '/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe(email);

    expect((await login(email, 'kata sandi baru saya')).status).toBe(200);

    const again = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'another password 123' },
      headers: ip(),
    });
    expect(again.status).toBe(404);
    expect(again.json.code).toBe('NOT_FOUND');
    expect((await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: ip() })).status).toBe(404);
    // the second try did not change the password
    expect((await login(email, 'another password 123')).status).toBe(401);
    expect((await login(email, 'kata sandi baru saya')).status).toBe(200);

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'actorId'])
      .where('subjectId', '=', me.json.user.id)
      .where('event', '=', 'invitation.accepted')
      .execute();
    expect(audit).toEqual([{ event: 'invitation.accepted', actorId: me.json.user.id }]);
  });

  it('an expired invitation is a 404, for describing and accepting', async () => {
    const { commission, admin } = await setup();
    const { token, res } = await invite(commission.id, admin.cookie);
    await ctx.db
      .updateTable('invitations')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', res.json.user.id)
      .execute();
    expect((await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: ip() })).status).toBe(404);
    const accept = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'kata sandi baru saya' },
      headers: ip(),
    });
    expect(accept.status).toBe(404);
    const user = await ctx.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', res.json.user.id)
      .executeTakeFirstOrThrow();
    expect(user.passwordHash).toBeNull();
  });

  it('cannot take over an existing account: accepting needs that account’s own password', async () => {
    // a commission admin invites the e-mail of an account that already has a password (here a platform admin)
    const { commission, admin } = await setup();
    const victim = await ctx.factory.user('platform_admin');
    const { token } = await invite(commission.id, admin.cookie, { email: victim.email });
    const info = await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: ip() });
    expect(info.json.existingAccount).toBe(true);

    const hijack = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'chosen by the inviter' },
      headers: ip(),
    });
    expect(hijack.status).toBe(401);
    expect(hijack.json.code).toBe('INVALID_CREDENTIALS');
    expect(hijack.headers.getSetCookie()).toEqual([]);
    expect((await login(victim.email, 'chosen by the inviter')).status).toBe(401);
    expect((await login(victim.email, TEST_PASSWORD)).status).toBe(200);

    // the account holder accepts with the password it already has
    const own = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: TEST_PASSWORD },
      headers: ip(),
    });
    expect(own.status).toBe(200);
    expect(own.json.user.roles.map((r: { role: string }) => r.role).sort()).toEqual(['evaluator', 'platform_admin']);
    expect((await login(victim.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('throttles a client address after 20 bad tokens (429 with Retry-After), for describing and accepting', async () => {
    const { commission, admin } = await setup();
    const { token } = await invite(commission.id, admin.cookie);
    const client = ip();
    for (let i = 0; i < THROTTLE.invitationPerIp; i++) {
      const res =
        i % 2 === 0
          ? await ctx.request('GET', `/api/auth/invitations/${unique('guess-token-')}`, { headers: client })
          : await ctx.request('POST', `/api/auth/invitations/${unique('guess-token-')}/accept`, {
              body: { password: 'kata sandi baru saya' },
              headers: client,
            });
      expect(res.status).toBe(404);
    }
    const blocked = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'kata sandi baru saya' },
      headers: client,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ctx.request('GET', `/api/auth/invitations/${token}`, { headers: client })).status).toBe(429);
    // another address still may use the real token
    const accepted = await ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
      body: { password: 'kata sandi baru saya' },
      headers: ip(),
    });
    expect(accepted.status).toBe(200);
  });
});

describe('outbox delivery', () => {
  const quiet = createLogger('silent');
  /** Delivers until nothing is pending (PostgreSQL runs share the outbox with other files, and older runs). */
  async function drain(sender: MailSender) {
    for (let i = 0; i < 100; i++) if ((await deliverPending(ctx.db, sender, quiet, 200)) === 0) return;
  }
  const row = (recipient: string) =>
    ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).executeTakeFirstOrThrow();
  /** Seconds until the mail is due again, by the database's clock. */
  const dueIn = async (recipient: string) =>
    Number(
      (
        await sql<{ s: string }>`select extract(epoch from next_attempt_at - now())::text as s from outbox
          where recipient = ${recipient}`.execute(ctx.db)
      ).rows[0]?.s,
    );
  /** Ends the mail's back-off, as if its time had come. */
  const makeDue = (recipient: string) =>
    sql`update outbox set next_attempt_at = now() - interval '1 second' where recipient = ${recipient}`.execute(ctx.db);

  it('sends a queued invitation through the sender once and marks it sent', async () => {
    const { commission, admin } = await setup();
    const { email, res } = await invite(commission.id, admin.cookie);
    const mine = () => ctx.mails.filter((m) => m.recipient === email);
    expect(mine()).toHaveLength(0);

    await drain(ctx.deps.mailSender);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ kind: 'invitation', recipient: email });
    expect(mine()[0]!.body).toContain(res.json.invitation.url);
    const sent = await row(email);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.attempts).toBe(1);
    expect(sent.lastError).toBeNull();

    const again = await deliverPending(ctx.db, ctx.deps.mailSender, quiet);
    // a file's own PGlite holds nothing else; a shared PostgreSQL may get other files' mails meanwhile
    if (!inject('databaseUrl')) expect(again).toBe(0);
    expect(mine()).toHaveLength(1);
    expect((await row(email)).attempts).toBe(1);
  });

  it('counts a failed delivery, records the error and tries again only after a back-off that doubles', async () => {
    await drain(ctx.deps.mailSender);
    const { commission, admin } = await setup();
    const { email } = await invite(commission.id, admin.cookie);
    const delivered: OutgoingMail[] = [];
    const failing: MailSender = {
      async send(mail) {
        if (mail.recipient === email) throw new Error('SMTP 421 service not available');
        delivered.push(mail);
      },
    };
    await deliverPending(ctx.db, failing, quiet, 200);
    let failed = await row(email);
    expect(failed.sentAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('SMTP 421 service not available');
    expect(await dueIn(email)).toBeGreaterThan(25);
    expect(await dueIn(email)).toBeLessThanOrEqual(30);

    // not due yet: the next runs leave it alone
    await deliverPending(ctx.db, failing, quiet, 200);
    expect((await row(email)).attempts).toBe(1);

    await makeDue(email);
    await deliverPending(ctx.db, failing, quiet, 200);
    failed = await row(email);
    expect(failed.attempts).toBe(2);
    expect(await dueIn(email)).toBeGreaterThan(55);
    expect(await dueIn(email)).toBeLessThanOrEqual(60);
    expect(delivered.some((m) => m.recipient === email)).toBe(false);

    // the server is back and the back-off over: the next run delivers it, once
    await makeDue(email);
    await drain(ctx.deps.mailSender);
    const sent = await row(email);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.attempts).toBe(3);
    expect(ctx.mails.filter((m) => m.recipient === email)).toHaveLength(1);
  });

  it('gives a mail up after ten failed attempts, and waits at most an hour between them', async () => {
    await drain(ctx.deps.mailSender);
    const { commission, admin } = await setup();
    const { email } = await invite(commission.id, admin.cookie);
    const failing: MailSender = {
      async send(mail) {
        if (mail.recipient === email) throw new Error('mailbox unavailable');
      },
    };
    await sql`update outbox set attempts = 8 where recipient = ${email}`.execute(ctx.db);
    await deliverPending(ctx.db, failing, quiet, 200);
    expect(await dueIn(email)).toBeGreaterThan(3500);
    expect(await dueIn(email)).toBeLessThanOrEqual(3600);
    await makeDue(email);
    await deliverPending(ctx.db, failing, quiet, 200);
    expect((await row(email)).attempts).toBe(10);
    await makeDue(email);
    await drain(ctx.deps.mailSender);
    const given = await row(email);
    expect(given.attempts).toBe(10);
    expect(given.sentAt).toBeNull();
    expect(ctx.mails.filter((m) => m.recipient === email)).toHaveLength(0);
  });

  it('a failing mail does not hold back the mails behind it', async () => {
    await drain(ctx.deps.mailSender);
    const { commission, admin } = await setup();
    const first = await invite(commission.id, admin.cookie);
    const second = await invite(commission.id, admin.cookie);
    const failing: MailSender = {
      async send(mail) {
        if (mail.recipient === first.email) throw new Error('mailbox unavailable');
      },
    };
    await deliverPending(ctx.db, failing, quiet, 200);
    expect((await row(first.email)).sentAt).toBeNull();
    expect((await row(second.email)).sentAt).toBeInstanceOf(Date);
  });
});
