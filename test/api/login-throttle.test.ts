import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backOffDelay, DEVICE_COOKIE, LOGIN_THROTTLE } from '../../src/modules/auth/throttle.ts';
import { createTestContext, TEST_PASSWORD, type TestContext, unique } from '../helpers/test-app.ts';

// Decision 016: a stranger's failures hold back the stranger's address and the account from new places, never the
// owner's known device; every wait grows 1 s, 2 s, 4 s … (429 with Retry-After). The clock is the test's own.
let ctx: TestContext;
let clock = Date.now();
beforeAll(async () => {
  ctx = await createTestContext({ now: () => new Date(clock) });
});
afterAll(async () => ctx?.close());

const tick = (seconds: number) => {
  clock += seconds * 1000;
};
const address = () => unique('10.');

function login(email: string, password: string, ip: string, device?: string) {
  return ctx.request('POST', '/api/auth/login', {
    body: { email, password },
    headers: { 'x-test-ip': ip },
    ...(device ? { cookie: `${DEVICE_COOKIE}=${device}` } : {}),
  });
}

function deviceOf(response: { headers: Headers }): string {
  const set = response.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  expect(set).toBeDefined();
  return set!.split(';')[0]!.split('=')[1]!;
}

async function owner() {
  const commission = await ctx.factory.commission();
  const user = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const home = address();
  const first = await login(user.email, TEST_PASSWORD, home);
  expect(first.status).toBe(200);
  return { user, home, device: deviceOf(first) };
}

/** A stranger's wrong passwords, each waited out so that every one counts as a failure. */
async function hammer(email: string, ip: string, times: number) {
  for (let i = 0; i < times; i++) {
    const res = await login(email, `guess-${i}`, ip);
    if (res.status === 429) {
      tick(Number(res.headers.get('retry-after')));
      i--;
      continue;
    }
    expect(res.status).toBe(401);
  }
}

describe('login throttling a stranger cannot turn against the owner', () => {
  it('many failures from a stranger’s address: the owner still signs in from the known device, anywhere', async () => {
    const { user, home, device } = await owner();
    const stranger = address();
    await hammer(user.email, stranger, 15);
    // the account is throttled for places it has not used …
    const blocked = await login(user.email, TEST_PASSWORD, address());
    expect(blocked.status).toBe(429);
    expect(blocked.json.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // … but not for the owner's device, from a new address, nor from the stranger's own address (a shared NAT)
    expect((await login(user.email, TEST_PASSWORD, address(), device)).status).toBe(200);
    await hammer(user.email, stranger, 5);
    expect((await login(user.email, TEST_PASSWORD, stranger, device)).status).toBe(200);
    // and not from the address it signed in from, without the cookie (another browser at home)
    await hammer(user.email, stranger, 5);
    expect((await login(user.email, TEST_PASSWORD, home)).status).toBe(200);
  });

  it('the stranger’s address waits a back-off that grows 1 s, 2 s, 4 s, 8 s, capped', async () => {
    const stranger = address();
    // a different account each time: the address's own rule, not an account's
    const spray = () => login(`${unique('spray')}@test.example`, 'guess-123', stranger);
    for (let i = 0; i < LOGIN_THROTTLE.address.free; i++) expect((await spray()).status).toBe(401);
    const waits: number[] = [];
    for (let step = 0; step < 4; step++) {
      const refused = await spray();
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      // hammering during the wait neither counts nor lengthens it
      expect(Number((await spray()).headers.get('retry-after'))).toBe(wait);
      tick(wait);
      expect((await spray()).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect(backOffDelay(LOGIN_THROTTLE.address, 1000)).toBe(LOGIN_THROTTLE.address.capMs);
    // an unknown e-mail and a wrong password answer alike
    const unknown = await login(`${unique('nobody')}@test.example`, 'x', address());
    const { user } = await owner();
    const wrong = await login(user.email, 'x', address());
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.json.detail).toBe(wrong.json.detail);
  });

  it('a known device guesses slowly too: its own failures hold it back', async () => {
    const { user, device } = await owner();
    const ip = address();
    for (let i = 0; i < LOGIN_THROTTLE.device.free; i++) {
      expect((await login(user.email, `wrong-${i}`, ip, device)).status).toBe(401);
    }
    const refused = await login(user.email, TEST_PASSWORD, ip, device);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    tick(1);
    expect((await login(user.email, TEST_PASSWORD, ip, device)).status).toBe(200);
    // the success cleared the device's failures
    expect((await login(user.email, 'wrong', ip, device)).status).toBe(401);
    expect((await login(user.email, TEST_PASSWORD, ip, device)).status).toBe(200);
  });

  it('a device cookie of another account, or a made-up one, counts for nothing', async () => {
    const { device } = await owner();
    const { user } = await owner();
    await hammer(user.email, address(), LOGIN_THROTTLE.account.free);
    expect((await login(user.email, TEST_PASSWORD, address(), device)).status).toBe(429);
    expect((await login(user.email, TEST_PASSWORD, address(), 'not-a-device-token-of-ours-at-all')).status).toBe(429);
  });

  it('the device cookie: random, HttpOnly, SameSite=Strict, sent to the login only, a year; kept when known', async () => {
    const { user, device } = await owner();
    const again = await login(user.email, TEST_PASSWORD, address(), device);
    const set = again.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!;
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=Strict/i);
    expect(set).toMatch(/;\s*Path=\/api\/auth\/login/i);
    expect(set).toMatch(/;\s*Max-Age=31536000/i);
    expect(deviceOf(again)).toBe(device);
    expect(device.length).toBeGreaterThanOrEqual(22);
    // only keyed hashes are stored
    const rows = await ctx.db
      .selectFrom('knownLogins')
      .select(['kind', 'keyHash'])
      .where('userId', '=', user.id)
      .execute();
    expect(rows.map((r) => r.kind).sort()).toEqual(['address', 'address', 'device']);
    expect(rows.map((r) => r.keyHash)).not.toContain(device);
  });

  it('failures age out of the window', async () => {
    const { user } = await owner();
    await hammer(user.email, address(), LOGIN_THROTTLE.account.free + 3);
    expect((await login(user.email, TEST_PASSWORD, address())).status).toBe(429);
    tick(LOGIN_THROTTLE.account.windowMs / 1000 + 1);
    expect((await login(user.email, TEST_PASSWORD, address())).status).toBe(200);
  });

  it('guesses sent in parallel are counted before they are checked: no more get through than one by one', async () => {
    const { user } = await owner();
    const stranger = address();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(user.email, `parallel-${i}`, stranger)));
    const statuses = burst.map((r) => r.status).sort();
    // the account's free failures from a new place, then the back-off: the rest wait
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.account.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LOGIN_THROTTLE.account.free);
    const failures = await ctx.db
      .selectFrom('authFailures')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', LOGIN_THROTTLE.account.kind)
      .where('key', '=', user.email)
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBe(LOGIN_THROTTLE.account.free);
  });

  it('a successful sign-in counts nothing against its address, even in parallel with others', async () => {
    const office = address();
    const people = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const commission = await ctx.factory.commission();
        return ctx.factory.user('evaluator', { commissionId: commission.id });
      }),
    );
    const signedIn = await Promise.all(people.map((p) => login(p.email, TEST_PASSWORD, office)));
    expect(signedIn.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const failures = await ctx.db
      .selectFrom('authFailures')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', LOGIN_THROTTLE.address.kind)
      .where('key', '=', office)
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBe(0);
  });
});
