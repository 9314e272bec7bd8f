import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET } from '../../src/modules/auth/password-reset.service.ts';
import { createTestContext, PUBLIC_URL, TEST_PASSWORD, type TestContext, unique } from '../helpers/test-app.ts';

let ctx: TestContext;
let clock = Date.now();
beforeAll(async () => {
  ctx = await createTestContext({ now: () => new Date(clock) });
});
afterAll(async () => ctx?.close());

const address = () => ({ 'x-test-ip': unique('10.') });
const NEW_PASSWORD = 'kata-sandi-baru-yang-panjang';

const ask = (email: string, headers = address()) =>
  ctx.request('POST', '/api/auth/password-reset', { body: { email }, headers });
const reset = (token: string, password: string, headers = address()) =>
  ctx.request('POST', `/api/auth/password-reset/${token}`, { body: { password }, headers });
const login = (email: string, password: string) =>
  ctx.request('POST', '/api/auth/login', { body: { email, password }, headers: address() });

/** The reset mails queued for an address, newest first. */
async function mailsTo(email: string) {
  return ctx.db
    .selectFrom('outbox')
    .select(['id', 'kind', 'subject', 'body', 'payload'])
    .where('recipient', '=', email)
    .where('kind', '=', 'password_reset')
    .orderBy('id', 'desc')
    .execute();
}

const tokenOf = (body: string) => {
  const match = body.match(/\/reset-password\/([A-Za-z0-9_-]+)/);
  expect(match).not.toBeNull();
  return match![1]!;
};

async function operator() {
  const commission = await ctx.factory.commission();
  const body = await ctx.factory.body(commission.id);
  const user = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: body.id });
  return { commission, user };
}

describe('asking for a reset link', () => {
  it('answers 202 alike, no sooner than the floor, whether the account exists or not; only an account gets a mail', async () => {
    const { commission, user } = await operator();
    const nobody = `${unique('nobody')}@test.example`;
    const started = performance.now();
    const known = await ask(user.email.toUpperCase());
    const knownMs = performance.now() - started;
    const again = performance.now();
    const unknown = await ask(nobody);
    const unknownMs = performance.now() - again;
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    expect(known.json).toEqual({ status: 'accepted' });
    expect(knownMs).toBeGreaterThanOrEqual(RESET.minMs - 5);
    expect(unknownMs).toBeGreaterThanOrEqual(RESET.minMs - 5);
    expect(await mailsTo(nobody)).toEqual([]);

    const [mail] = await mailsTo(user.email);
    expect(mail).toBeDefined();
    expect(mail!.payload).toEqual({ commissionId: commission.id });
    expect(mail!.subject).toBe('Atur ulang kata sandi Informatif / Reset your Informatif password');
    // Indonesian first, English below; the link to the reset page
    expect(mail!.body.indexOf('Buat kata sandi baru')).toBeLessThan(mail!.body.indexOf('Choose a new password'));
    const token = tokenOf(mail!.body);
    expect(mail!.body).toContain(`${PUBLIC_URL}/reset-password/${token}`);
    expect(token.length).toBeGreaterThanOrEqual(22);
    // only its keyed hash is stored, and it lives an hour
    const rows = await ctx.db.selectFrom('passwordResets').selectAll().where('userId', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(token);
    expect(rows[0]!.expiresAt.getTime() - clock).toBe(RESET.ttlMs);
  });

  it('sends nothing to a deactivated account, nor to one that never set a password; the same answer', async () => {
    const { user } = await operator();
    await ctx.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', user.id).execute();
    const { user: invited } = await operator();
    await ctx.db.updateTable('users').set({ passwordHash: null }).where('id', '=', invited.id).execute();
    for (const email of [user.email, invited.email]) {
      const res = await ask(email);
      expect(res.status).toBe(202);
      expect(res.json).toEqual({ status: 'accepted' });
      expect(await mailsTo(email)).toEqual([]);
    }
  });

  it('a platform admin’s link belongs to no commission: the platform admins’ outbox lists it, a commission’s does not', async () => {
    const admin = await ctx.factory.user('platform_admin');
    expect((await ask(admin.email)).status).toBe(202);
    const [mail] = await mailsTo(admin.email);
    expect(mail!.payload).toEqual({});
    const other = await ctx.factory.user('platform_admin');
    const list = await ctx.request('GET', '/api/outbox', { cookie: other.cookie });
    expect(list.status).toBe(200);
    expect(list.json.mails.map((m: { id: number }) => m.id)).toContain(Number(mail!.id));
    const { commission } = await operator();
    const commissionAdmin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    expect((await ctx.request('GET', '/api/outbox', { cookie: commissionAdmin.cookie })).status).toBe(403);
    expect((await ctx.request('GET', `/api/outbox/${mail!.id}`, { cookie: commissionAdmin.cookie })).status).toBe(404);
    const one = await ctx.request('GET', `/api/outbox/${mail!.id}`, { cookie: other.cookie });
    expect(one.json.mail.body).toContain('/reset-password/');
  });

  it('an account gets at most 3 mails an hour (further requests: the same answer, no mail)', async () => {
    const { user } = await operator();
    for (let i = 0; i < RESET.account.free + 2; i++) expect((await ask(user.email)).status).toBe(202);
    expect(await mailsTo(user.email)).toHaveLength(RESET.account.free);
    clock += RESET.account.windowMs + 1000;
    expect((await ask(user.email)).status).toBe(202);
    expect(await mailsTo(user.email)).toHaveLength(RESET.account.free + 1);
  });

  it('an address that asks too often waits a growing back-off (429 with Retry-After)', async () => {
    const client = address();
    for (let i = 0; i < RESET.address.free; i++) {
      expect((await ask(`${unique('x')}@test.example`, client)).status).toBe(202);
    }
    const refused = await ask(`${unique('x')}@test.example`, client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    clock += 1000;
    expect((await ask(`${unique('x')}@test.example`, client)).status).toBe(202);
    expect((await ask(`${unique('x')}@test.example`, client)).headers.get('retry-after')).toBe('2');
  });

  it('refuses a malformed request with 422 and queues nothing', async () => {
    const res = await ctx.request('POST', '/api/auth/password-reset', { body: { mail: 'x' }, headers: address() });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
  });
});

describe('setting a new password from the link', () => {
  async function linkFor(email: string) {
    expect((await ask(email)).status).toBe(202);
    return tokenOf((await mailsTo(email))[0]!.body);
  }

  it('sets the password, ends every session, and works once', async () => {
    const { user } = await operator();
    const signedIn = await login(user.email, TEST_PASSWORD);
    const sessions = [user.cookie, ctx.sessionCookieOf(signedIn)!];
    for (const cookie of sessions) expect((await ctx.request('GET', '/api/me', { cookie })).status).toBe(200);
    const token = await linkFor(user.email);

    const done = await reset(token, NEW_PASSWORD);
    expect(done.status).toBe(204);
    // the interface sends the person to the login: no session is started here
    expect(done.headers.getSetCookie()).toEqual([]);
    for (const cookie of sessions) expect((await ctx.request('GET', '/api/me', { cookie })).status).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);

    const twice = await reset(token, 'yet-another-password');
    expect(twice.status).toBe(404);
    expect(twice.json.detail).toBe('This reset link is unknown, used or expired.');
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    const audit = await ctx.db.selectFrom('auditEvents').select('event').where('subjectId', '=', user.id).execute();
    expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset']));
  });

  it('expires after an hour', async () => {
    const { user } = await operator();
    const token = await linkFor(user.email);
    clock += RESET.ttlMs + 1000;
    expect((await reset(token, NEW_PASSWORD)).status).toBe(404);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('a newer request supersedes the older link', async () => {
    const { user } = await operator();
    const older = await linkFor(user.email);
    const newer = await linkFor(user.email);
    expect(newer).not.toBe(older);
    expect((await reset(older, NEW_PASSWORD)).status).toBe(404);
    expect((await reset(newer, NEW_PASSWORD)).status).toBe(204);
  });

  it('a deactivated account’s link no longer works', async () => {
    const { user } = await operator();
    const token = await linkFor(user.email);
    await ctx.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', user.id).execute();
    expect((await reset(token, NEW_PASSWORD)).status).toBe(404);
  });

  it('a password that breaks the rules is 422 and the link still works', async () => {
    const { user } = await operator();
    const token = await linkFor(user.email);
    const short = await reset(token, 'short');
    expect(short.status).toBe(422);
    expect(short.json.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
    expect((await reset(token, NEW_PASSWORD)).status).toBe(204);
  });

  it('an address trying bad tokens is throttled (429 with Retry-After)', async () => {
    const client = address();
    for (let i = 0; i < RESET.token.free; i++) {
      expect((await reset(unique('bad-token-'), NEW_PASSWORD, client)).status).toBe(404);
    }
    const refused = await reset(unique('bad-token-'), NEW_PASSWORD, client);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
