import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PASSWORD, type TestContext, unique } from '../helpers/test-app.ts';

// People (issue 25 item 2): invitations that grant their role only when accepted, existing accounts accepting by
// signing in, revoking roles, deactivating accounts, managing invitations, and the operator/evaluator conflict.

let ctx: TestContext;
beforeAll(async () => {
  // a session cache, as the server has: deactivation must end cached sessions too
  ctx = await createTestContext({ sessionCacheMs: 60_000 });
});
afterAll(async () => ctx?.close());

const ip = () => ({ 'x-test-ip': unique('10.') });
const email = (prefix = 'orang') => `${unique(prefix)}@test.example`.toLowerCase();

async function setup() {
  const commission = await ctx.factory.commission();
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const body = await ctx.factory.body(commission.id, 'KEMENTERIAN', 'Kementerian Sosial');
  return { cid: commission.id, admin, body };
}

const invite = (cid: string, cookie: string, body: Record<string, unknown>) =>
  ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: { name: 'Calon Pengguna', ...body } });
const accept = (token: string, password: string) =>
  ctx.request('POST', `/api/auth/invitations/${token}/accept`, { body: { password }, headers: ip() });
const audit = (subjectId: string) =>
  ctx.db
    .selectFrom('auditEvents')
    .select(['event', 'actorId', 'commissionId', 'reason'])
    .where('subjectId', '=', subjectId)
    .orderBy('at')
    .orderBy('id')
    .execute();
const people = async (cid: string, cookie: string) =>
  (await ctx.request('GET', `/api/commissions/${cid}/users`, { cookie })).json.users as {
    id: string;
    email: string;
    active: boolean;
    disabled: boolean;
    rolesElsewhere: boolean;
    roles: { role: string; membershipId: string; bodyId?: string; conflictReason?: string }[];
  }[];

describe('an invitation grants its role only when accepted', () => {
  it('an existing account invited to a role has no access through it until it accepts', async () => {
    const { cid, admin } = await setup();
    const other = await setup();
    // an account of another commission, signed in
    const person = await ctx.factory.user('leadership', { commissionId: other.cid });
    const invited = await invite(cid, admin.cookie, { email: person.email, role: 'evaluator' });
    expect(invited.status).toBe(201);
    expect(invited.json.user.roles).toEqual([]);
    expect(await ctx.db.selectFrom('memberships').select('role').where('userId', '=', person.id).execute()).toEqual([
      { role: 'leadership' },
    ]);
    const me = await ctx.request('GET', '/api/me', { cookie: person.cookie });
    expect(me.json.user.roles.map((r: { commissionId: string }) => r.commissionId)).toEqual([other.cid]);
    expect((await ctx.request('GET', `/api/commissions/${cid}/bodies`, { cookie: person.cookie })).status).toBe(404);
    expect((await people(cid, admin.cookie)).map((u) => u.email)).not.toContain(person.email);

    // the invitation page knows the account exists: accepting is signing in with its own password
    const info = await ctx.request('GET', `/api/auth/invitations/${invited.json.invitation.token}`, { headers: ip() });
    expect(info.json.existingAccount).toBe(true);
    const accepted = await accept(invited.json.invitation.token, TEST_PASSWORD);
    expect(accepted.status).toBe(200);
    expect(accepted.json.user.roles.map((r: { role: string }) => r.role).sort()).toEqual(['evaluator', 'leadership']);
    // the password is unchanged; the session acceptance starts carries the new role
    const login = await ctx.request('POST', '/api/auth/login', {
      body: { email: person.email, password: TEST_PASSWORD },
      headers: ip(),
    });
    expect(login.status).toBe(200);
    const fresh = ctx.sessionCookieOf(accepted);
    expect((await ctx.request('GET', `/api/commissions/${cid}/bodies`, { cookie: fresh })).status).toBe(200);
    const membership = await ctx.db
      .selectFrom('invitations')
      .select('membershipId')
      .where('id', '=', invited.json.invitation.id)
      .executeTakeFirstOrThrow();
    expect(membership.membershipId).toEqual(expect.any(String));
    expect((await audit(person.id)).map((e) => e.event)).toEqual(['user.invited', 'invitation.accepted']);
  });

  it('a new account holds no role before it accepts, and the invitation’s role after', async () => {
    const { cid, admin, body } = await setup();
    const address = email('operator');
    const invited = await invite(cid, admin.cookie, { email: address, role: 'body_operator', bodyId: body.id });
    expect(invited.status).toBe(201);
    expect(
      await ctx.db.selectFrom('memberships').select('id').where('userId', '=', invited.json.user.id).execute(),
    ).toEqual([]);
    const accepted = await accept(invited.json.invitation.token, 'kata sandi operator baru');
    expect(accepted.json.user.roles).toMatchObject([{ role: 'body_operator', commissionId: cid, bodyId: body.id }]);
  });
});

describe('revoking a role', () => {
  it('revokes one role; the person loses its access at their next request; audited', async () => {
    const { cid, admin } = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    expect((await ctx.request('GET', `/api/commissions/${cid}/bodies`, { cookie: evaluator.cookie })).status).toBe(200);
    const [row] = (await people(cid, admin.cookie)).filter((u) => u.id === evaluator.id);
    const membershipId = row!.roles[0]!.membershipId;
    const res = await ctx.request('DELETE', `/api/commissions/${cid}/memberships/${membershipId}`, {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(204);
    // the cached session was forgotten: the role no longer counts
    expect((await ctx.request('GET', `/api/commissions/${cid}/bodies`, { cookie: evaluator.cookie })).status).toBe(404);
    expect((await people(cid, admin.cookie)).map((u) => u.id)).not.toContain(evaluator.id);
    expect(await audit(evaluator.id)).toEqual([
      { event: 'membership.revoked', actorId: admin.id, commissionId: cid, reason: null },
    ]);
    const again = await ctx.request('DELETE', `/api/commissions/${cid}/memberships/${membershipId}`, {
      cookie: admin.cookie,
    });
    expect(again.status).toBe(404);
  });

  it('an accepted invitation’s role can be revoked (the invitation stays, for the history)', async () => {
    const { cid, admin } = await setup();
    const invited = await invite(cid, admin.cookie, { email: email(), role: 'leadership' });
    await accept(invited.json.invitation.token, 'kata sandi pimpinan');
    const [row] = (await people(cid, admin.cookie)).filter((u) => u.id === invited.json.user.id);
    const res = await ctx.request('DELETE', `/api/commissions/${cid}/memberships/${row!.roles[0]!.membershipId}`, {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(204);
    const list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie: admin.cookie });
    expect(list.json.invitations[0]).toMatchObject({ email: invited.json.user.email, status: 'accepted' });
  });

  it('an admin cannot revoke their own admin role; another admin can', async () => {
    const { cid, admin } = await setup();
    const mine = (await people(cid, admin.cookie)).find((u) => u.id === admin.id)!.roles[0]!.membershipId;
    const own = await ctx.request('DELETE', `/api/commissions/${cid}/memberships/${mine}`, { cookie: admin.cookie });
    expect(own.status).toBe(409);
    expect(own.json.detail).toContain('your own admin role');
    const second = await ctx.factory.user('commission_admin', { commissionId: cid });
    const byOther = await ctx.request('DELETE', `/api/commissions/${cid}/memberships/${mine}`, {
      cookie: second.cookie,
    });
    expect(byOther.status).toBe(204);
  });

  it('tenancy: another commission’s admin gets 404; an evaluator 403; a role of another commission 404', async () => {
    const { cid, admin } = await setup();
    const other = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    const theirs = (await people(other.cid, other.admin.cookie))[0]!.roles[0]!.membershipId;
    const target = (await people(cid, admin.cookie)).find((u) => u.id === evaluator.id)!.roles[0]!.membershipId;
    const path = `/api/commissions/${cid}/memberships/${target}`;
    expect((await ctx.request('DELETE', path, { cookie: other.admin.cookie })).status).toBe(404);
    expect((await ctx.request('DELETE', path, { cookie: evaluator.cookie })).status).toBe(403);
    // a membership id of another commission under this commission's path
    expect(
      (await ctx.request('DELETE', `/api/commissions/${cid}/memberships/${theirs}`, { cookie: admin.cookie })).status,
    ).toBe(404);
    expect(
      await ctx.db.selectFrom('memberships').select('id').where('id', 'in', [target, theirs]).execute(),
    ).toHaveLength(2);
  });
});

describe('deactivating and reactivating an account', () => {
  it('a deactivated account cannot sign in and its open sessions end at once, cached or not', async () => {
    const { cid, admin } = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    // two sessions: one cached by a request, one not yet used
    expect((await ctx.request('GET', '/api/me', { cookie: evaluator.cookie })).status).toBe(200);
    const second = await ctx.request('POST', '/api/auth/login', {
      body: { email: evaluator.email, password: TEST_PASSWORD },
      headers: ip(),
    });
    const secondCookie = ctx.sessionCookieOf(second);
    const res = await ctx.request('POST', `/api/commissions/${cid}/users/${evaluator.id}/deactivate`, {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ id: evaluator.id, email: evaluator.email, name: evaluator.name, active: false });
    expect((await ctx.request('GET', '/api/me', { cookie: evaluator.cookie })).status).toBe(401);
    expect((await ctx.request('GET', '/api/me', { cookie: secondCookie })).status).toBe(401);
    expect(await ctx.db.selectFrom('sessions').select('id').where('userId', '=', evaluator.id).execute()).toEqual([]);
    const login = await ctx.request('POST', '/api/auth/login', {
      body: { email: evaluator.email, password: TEST_PASSWORD },
      headers: ip(),
    });
    expect(login.status).toBe(401);
    expect((await people(cid, admin.cookie)).find((u) => u.id === evaluator.id)).toMatchObject({
      active: false,
      disabled: true,
    });

    const back = await ctx.request('POST', `/api/commissions/${cid}/users/${evaluator.id}/reactivate`, {
      cookie: admin.cookie,
    });
    expect(back.json.user.active).toBe(true);
    const relogin = await ctx.request('POST', '/api/auth/login', {
      body: { email: evaluator.email, password: TEST_PASSWORD },
      headers: ip(),
    });
    expect(relogin.status).toBe(200);
    expect(relogin.json.user.roles).toMatchObject([{ role: 'evaluator', commissionId: cid }]);
    expect((await audit(evaluator.id)).map((e) => [e.event, e.actorId])).toEqual([
      ['user.deactivated', admin.id],
      ['user.reactivated', admin.id],
    ]);
  });

  it('a deactivated account’s pending invitation is dead, and it cannot be invited again until reactivated', async () => {
    const { cid, admin } = await setup();
    const invited = await invite(cid, admin.cookie, { email: email(), role: 'leadership' });
    const person = await ctx.factory.user('evaluator', { commissionId: cid });
    const pending = await invite(cid, admin.cookie, { email: person.email, role: 'leadership' });
    await ctx.request('POST', `/api/commissions/${cid}/users/${person.id}/deactivate`, { cookie: admin.cookie });
    expect(
      (await ctx.request('GET', `/api/auth/invitations/${pending.json.invitation.token}`, { headers: ip() })).status,
    ).toBe(404);
    const again = await invite(cid, admin.cookie, { email: person.email, role: 'commission_admin' });
    expect(again.status).toBe(409);
    expect(again.json.detail).toContain('deactivated');
    expect(invited.status).toBe(201);
  });

  it('nobody deactivates their own account; an account with roles elsewhere is the platform admin’s to deactivate', async () => {
    const { cid, admin } = await setup();
    const other = await setup();
    const own = await ctx.request('POST', `/api/commissions/${cid}/users/${admin.id}/deactivate`, {
      cookie: admin.cookie,
    });
    expect(own.status).toBe(409);

    // an evaluator here and leadership in another commission
    const shared = await ctx.factory.user('evaluator', { commissionId: cid });
    await ctx.db
      .insertInto('memberships')
      .values({ userId: shared.id, role: 'leadership', commissionId: other.cid })
      .execute();
    expect((await people(cid, admin.cookie)).find((u) => u.id === shared.id)?.rolesElsewhere).toBe(true);
    const refused = await ctx.request('POST', `/api/commissions/${cid}/users/${shared.id}/deactivate`, {
      cookie: admin.cookie,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain('platform admin');
    expect((await ctx.request('GET', '/api/me', { cookie: shared.cookie })).status).toBe(200);
    const platform = await ctx.factory.user('platform_admin');
    const done = await ctx.request('POST', `/api/commissions/${cid}/users/${shared.id}/deactivate`, {
      cookie: platform.cookie,
    });
    expect(done.status).toBe(200);
    expect((await ctx.request('GET', '/api/me', { cookie: shared.cookie })).status).toBe(401);
  });

  it('tenancy: a person of another commission is a 404; an evaluator may not (403); nothing changes', async () => {
    const { cid, admin } = await setup();
    const other = await setup();
    const stranger = await ctx.factory.user('evaluator', { commissionId: other.cid });
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    const path = (uid: string) => `/api/commissions/${cid}/users/${uid}/deactivate`;
    expect((await ctx.request('POST', path(stranger.id), { cookie: admin.cookie })).status).toBe(404);
    expect((await ctx.request('POST', path(evaluator.id), { cookie: other.admin.cookie })).status).toBe(404);
    expect((await ctx.request('POST', path(admin.id), { cookie: evaluator.cookie })).status).toBe(403);
    const disabled = await ctx.db
      .selectFrom('users')
      .select('disabledAt')
      .where('id', 'in', [stranger.id, evaluator.id, admin.id])
      .execute();
    expect(disabled.every((u) => u.disabledAt === null)).toBe(true);
  });
});

describe('managing invitations', () => {
  it('resend: a new token and a new mail; the old token is dead; audited', async () => {
    const { cid, admin } = await setup();
    const address = email();
    const invited = await invite(cid, admin.cookie, { email: address, role: 'evaluator' });
    const iid = invited.json.invitation.id;
    const res = await ctx.request('POST', `/api/commissions/${cid}/invitations/${iid}/resend`, {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.json.invitation).toMatchObject({ id: iid, url: expect.stringContaining('/invitations/') });
    expect(res.json.invitation.token).not.toBe(invited.json.invitation.token);
    const mails = await ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', address)
      .orderBy('id')
      .execute();
    expect(mails).toHaveLength(2);
    expect(mails[1]!.body).toContain(res.json.invitation.url);
    expect((await accept(invited.json.invitation.token, 'kata sandi lama saya')).status).toBe(404);
    expect((await accept(res.json.invitation.token, 'kata sandi baru saya')).status).toBe(200);
    expect((await audit(iid)).map((e) => e.event)).toEqual(['invitation.resent']);
    // once accepted, it cannot be resent
    const late = await ctx.request('POST', `/api/commissions/${cid}/invitations/${iid}/resend`, {
      cookie: admin.cookie,
    });
    expect(late.status).toBe(409);
  });

  it('an expired invitation can be resent, which revives it', async () => {
    const { cid, admin } = await setup();
    const invited = await invite(cid, admin.cookie, { email: email(), role: 'leadership' });
    await ctx.db
      .updateTable('invitations')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', invited.json.invitation.id)
      .execute();
    const res = await ctx.request('POST', `/api/commissions/${cid}/invitations/${invited.json.invitation.id}/resend`, {
      cookie: admin.cookie,
    });
    expect(new Date(res.json.invitation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86400_000);
    const list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie: admin.cookie });
    expect(list.json.invitations[0].status).toBe('pending');
  });

  it('show the link again: a fresh link, no mail, the old one dead', async () => {
    const { cid, admin } = await setup();
    const address = email();
    const invited = await invite(cid, admin.cookie, { email: address, role: 'evaluator' });
    const iid = invited.json.invitation.id;
    const res = await ctx.request('POST', `/api/commissions/${cid}/invitations/${iid}/link`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', address).execute()).toHaveLength(1);
    expect(
      (await ctx.request('GET', `/api/auth/invitations/${invited.json.invitation.token}`, { headers: ip() })).status,
    ).toBe(404);
    expect(
      (await ctx.request('GET', `/api/auth/invitations/${res.json.invitation.token}`, { headers: ip() })).status,
    ).toBe(200);
    expect((await audit(iid)).map((e) => e.event)).toEqual(['invitation.link_reissued']);
  });

  it('cancel: the link stops working, the invitation shows as cancelled, it grants nothing; a second cancel is 409', async () => {
    const { cid, admin } = await setup();
    const invited = await invite(cid, admin.cookie, { email: email(), role: 'evaluator' });
    const iid = invited.json.invitation.id;
    const res = await ctx.request('DELETE', `/api/commissions/${cid}/invitations/${iid}`, { cookie: admin.cookie });
    expect(res.status).toBe(204);
    expect((await accept(invited.json.invitation.token, 'kata sandi saya sendiri')).status).toBe(404);
    const list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie: admin.cookie });
    expect(list.json.invitations[0]).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect(
      (await ctx.request('DELETE', `/api/commissions/${cid}/invitations/${iid}`, { cookie: admin.cookie })).status,
    ).toBe(409);
    expect(
      (await ctx.request('POST', `/api/commissions/${cid}/invitations/${iid}/link`, { cookie: admin.cookie })).status,
    ).toBe(409);
    expect((await audit(iid)).map((e) => [e.event, e.actorId])).toEqual([['invitation.cancelled', admin.id]]);
    // a cancelled invitation no longer blocks a new one to the same role
    expect((await invite(cid, admin.cookie, { email: invited.json.user.email, role: 'evaluator' })).status).toBe(201);
  });

  it('tenancy: another commission’s admin gets 404 and an evaluator 403, for every action', async () => {
    const { cid, admin } = await setup();
    const other = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    const invited = await invite(cid, admin.cookie, { email: email(), role: 'leadership' });
    const base = `/api/commissions/${cid}/invitations/${invited.json.invitation.id}`;
    const theirBase = `/api/commissions/${other.cid}/invitations/${invited.json.invitation.id}`;
    for (const [method, path] of [
      ['POST', `${base}/resend`],
      ['POST', `${base}/link`],
      ['DELETE', base],
    ] as const) {
      expect((await ctx.request(method, path, { cookie: other.admin.cookie })).status, path).toBe(404);
      expect((await ctx.request(method, path, { cookie: evaluator.cookie })).status, path).toBe(403);
    }
    // the invitation under another commission's path, by that commission's admin
    expect((await ctx.request('POST', `${theirBase}/resend`, { cookie: other.admin.cookie })).status).toBe(404);
    expect((await accept(invited.json.invitation.token, 'kata sandi pimpinan')).status).toBe(200);
  });
});

describe('conflict of interest: a body’s operator and an evaluator of the same commission', () => {
  it('refuses an evaluator invitation for an operator, unless confirmed with a reason, which is kept and shown', async () => {
    const { cid, admin, body } = await setup();
    const operator = await ctx.factory.user('body_operator', { commissionId: cid, bodyId: body.id });
    const refused = await invite(cid, admin.cookie, { email: operator.email, role: 'evaluator' });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('CONFLICT');
    expect(refused.json.detail).toContain('Conflict of interest');
    expect(refused.json.conflict).toEqual({ role: 'body_operator', bodyName: 'Kementerian Sosial' });
    expect(await ctx.db.selectFrom('invitations').select('id').where('userId', '=', operator.id).execute()).toEqual([]);

    const reason = 'Satu-satunya ahli TI di provinsi; tidak menilai badan publiknya sendiri.';
    const confirmed = await invite(cid, admin.cookie, {
      email: operator.email,
      role: 'evaluator',
      conflictReason: reason,
    });
    expect(confirmed.status).toBe(201);
    expect(await accept(confirmed.json.invitation.token, TEST_PASSWORD).then((r) => r.status)).toBe(200);
    const row = (await people(cid, admin.cookie)).find((u) => u.id === operator.id)!;
    expect(row.roles.find((r) => r.role === 'evaluator')?.conflictReason).toBe(reason);
    const list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie: admin.cookie });
    expect(list.json.invitations[0]).toMatchObject({ role: 'evaluator', conflictReason: reason });
    expect((await audit(operator.id)).find((e) => e.event === 'user.invited')?.reason).toBe(reason);
  });

  it('applies the other way (evaluator → operator) and against a pending invitation', async () => {
    const { cid, admin, body } = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    const refused = await invite(cid, admin.cookie, { email: evaluator.email, role: 'body_operator', bodyId: body.id });
    expect(refused.status).toBe(409);
    expect(refused.json.conflict).toEqual({ role: 'evaluator' });

    const address = email();
    expect((await invite(cid, admin.cookie, { email: address, role: 'evaluator' })).status).toBe(201);
    const second = await invite(cid, admin.cookie, { email: address, role: 'body_operator', bodyId: body.id });
    expect(second.status).toBe(409);
    // other commissions do not conflict
    const other = await setup();
    const elsewhere = await invite(other.cid, other.admin.cookie, {
      email: evaluator.email,
      role: 'body_operator',
      bodyId: other.body.id,
    });
    expect(elsewhere.status).toBe(201);
  });

  it('is checked again at acceptance: a conflict that arose since the invitation is refused without a reason', async () => {
    const { cid, admin, body } = await setup();
    const person = await ctx.factory.user('leadership', { commissionId: cid });
    const asEvaluator = await invite(cid, admin.cookie, { email: person.email, role: 'evaluator' });
    // meanwhile the person became the body's operator (granted outside this invitation)
    await ctx.db
      .insertInto('memberships')
      .values({ userId: person.id, role: 'body_operator', commissionId: cid, bodyId: body.id })
      .execute();
    const refused = await accept(asEvaluator.json.invitation.token, TEST_PASSWORD);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('CONFLICT');
    expect(
      await ctx.db.selectFrom('memberships').select('role').where('userId', '=', person.id).execute(),
    ).toHaveLength(2);
    // still pending: the admin can cancel it, or invite again with a reason
    const info = await ctx.request('GET', `/api/auth/invitations/${asEvaluator.json.invitation.token}`, {
      headers: ip(),
    });
    expect(info.status).toBe(200);
  });

  it('a reason that is too short is a 422 naming conflictReason, and nothing is written', async () => {
    const { cid, admin } = await setup();
    const address = email();
    const res = await invite(cid, admin.cookie, { email: address, role: 'evaluator', conflictReason: 'x' });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['conflictReason']);
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', address).execute()).toEqual([]);
  });
});
