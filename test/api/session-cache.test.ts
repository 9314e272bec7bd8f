import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
