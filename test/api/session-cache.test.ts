import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { purgeExpiredSessions, refreshSessions } from '../../src/modules/auth/auth.service.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
let clock = Date.now();
beforeAll(async () => {
  ctx = await createTestContext({ sessionCacheMs: 5000, now: () => new Date(clock) });
});
afterAll(async () => ctx?.close());

describe('session cache (SESSION_CACHE_SECONDS)', () => {
  it('trusts a looked-up session for the cache time, never past it, and forgets it at logout here', async () => {
    const commission = await ctx.factory.commission();
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
    // revoked in the database (as another instance would): still trusted within the cache time
    await ctx.db.deleteFrom('sessions').where('userId', '=', admin.id).execute();
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
    clock += 5001;
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(401);
  });

  it('a logout on this instance takes effect at once', async () => {
    const commission = await ctx.factory.commission();
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
    expect((await ctx.request('POST', '/api/auth/logout', { cookie: admin.cookie })).status).toBe(204);
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(401);
  });

  it("is the app's own: a second app in the same process, on the same database, has nothing cached", async () => {
    const commission = await ctx.factory.commission();
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
    const other = createApp(ctx.deps);
    const me = () => other.request('/api/me', { headers: { cookie: admin.cookie } });
    expect((await me()).status).toBe(200);
    // revoked in the database: the first app still trusts its cached lookup; the second looks it up itself
    await ctx.db.deleteFrom('sessions').where('userId', '=', admin.id).execute();
    expect((await ctx.request('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
    clock += 1; // the second app's own entry is still fresh: the cache is per app, so each keeps its own
    expect((await me()).status).toBe(200);
    const third = createApp(ctx.deps);
    expect((await third.request('/api/me', { headers: { cookie: admin.cookie } })).status).toBe(401);
  });

  it('a refresh revalidates every cached session in one go: live ones are trusted anew, revoked ones forgotten', async () => {
    const commission = await ctx.factory.commission();
    const kept = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const revoked = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const demoted = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    for (const u of [kept, revoked, demoted]) {
      expect((await ctx.request('GET', '/api/me', { cookie: u.cookie })).status).toBe(200);
    }
    await ctx.db.deleteFrom('sessions').where('userId', '=', revoked.id).execute();
    await ctx.db.updateTable('memberships').set({ role: 'evaluator' }).where('userId', '=', demoted.id).execute();
    clock += 3000;
    expect(await refreshSessions(ctx.auth)).toBeGreaterThanOrEqual(2);
    // revoked: gone at once, before the cache time would have run out
    expect((await ctx.request('GET', '/api/me', { cookie: revoked.cookie })).status).toBe(401);
    // demoted: the new role, at once (an evaluator may not list the commission's people)
    const users = `/api/commissions/${commission.id}/users`;
    expect((await ctx.request('GET', users, { cookie: kept.cookie })).status).toBe(200);
    expect((await ctx.request('GET', users, { cookie: demoted.cookie })).status).toBe(403);
    // kept: trusted for a cache period from the refresh, with no lookup of its own (its row is gone now)
    await ctx.db.deleteFrom('sessions').where('userId', '=', kept.id).execute();
    clock += 4000; // 7 s after its lookup, 4 s after the refresh
    expect((await ctx.request('GET', '/api/me', { cookie: kept.cookie })).status).toBe(200);
    clock += 1001;
    expect((await ctx.request('GET', '/api/me', { cookie: kept.cookie })).status).toBe(401);
  });

  it('expired sessions are purged; live ones stay', async () => {
    const commission = await ctx.factory.commission();
    const live = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const old = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    await ctx.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(clock - 1000) })
      .where('userId', '=', old.id)
      .execute();
    await purgeExpiredSessions(ctx.deps);
    const left = await ctx.db
      .selectFrom('sessions')
      .select('userId')
      .where('userId', 'in', [live.id, old.id])
      .execute();
    expect(left.map((r) => r.userId)).toEqual([live.id]);
  });
});
