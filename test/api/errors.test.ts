import net from 'node:net';
import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import { isDatabaseUnavailable } from '../../src/http/errors.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { PasswordHasher } from '../../src/lib/password.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, TEST_PASSWORD, type TestContext, unique } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

type Response = Awaited<ReturnType<TestContext['request']>>;

/** Every error is RFC 9457 problem+json with the fields the contract names. */
function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({
    type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
    title: expect.stringMatching(/\S/),
    status,
    detail: expect.stringMatching(/\S/),
    code,
  });
  expect(res.headers.get('x-request-id')).toBeTruthy();
  return res.json;
}

async function setup() {
  const commission = await ctx.factory.commission();
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  return { commission, admin };
}

const countBodies = async (cid: string) =>
  (
    await ctx.db
      .selectFrom('bodies')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('commissionId', '=', cid)
      .executeTakeFirstOrThrow()
  ).n;

describe('malformed and invalid input', () => {
  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    const { commission, admin } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, {
      cookie: admin.cookie,
      raw: '{"name": "Badan", "categoryCode": ',
    });
    expectProblem(res, 400, 'MALFORMED_JSON');
    expect(await countBodies(commission.id)).toBe(0);
  });

  it('an empty JSON body is 400 MALFORMED_JSON too; no body at all is a 422 naming the missing fields', async () => {
    expectProblem(await ctx.request('POST', '/api/auth/login', { raw: '' }), 400, 'MALFORMED_JSON');
    const none = await ctx.request('POST', '/api/auth/login');
    expect(
      expectProblem(none, 422, 'VALIDATION_FAILED')
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['email', 'password']);
  });

  it('a schema violation is 422 VALIDATION_FAILED listing every failing path, not the first', async () => {
    const { commission, admin } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, {
      cookie: admin.cookie,
      body: { name: '', categoryCode: 'KEMENTERIAN', website: 'javascript:alert(1)', ppidEmail: 'x' },
    });
    const problem = expectProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors).toHaveLength(3);
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'ppidEmail', 'website']);
    for (const e of problem.errors) expect(e.message).toMatch(/\S/);
    expect(await countBodies(commission.id)).toBe(0);
  });

  it('names nested paths, query parameters and a body of the wrong JSON type', async () => {
    const { commission, admin } = await setup();
    const query = await ctx.request('GET', `/api/commissions/${commission.id}/bodies?limit=0&offset=-1`, {
      cookie: admin.cookie,
    });
    expect(
      expectProblem(query, 422, 'VALIDATION_FAILED')
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['query.limit', 'query.offset']);
    const array = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, {
      cookie: admin.cookie,
      body: [1, 2],
    });
    expect(expectProblem(array, 422, 'VALIDATION_FAILED').errors).toEqual([
      { path: '(root)', message: expect.any(String) },
    ]);
  });

  it('a JSON body over 1 MB is 413 PAYLOAD_TOO_LARGE and creates nothing', async () => {
    const { commission, admin } = await setup();
    const raw = JSON.stringify({ name: 'Badan Besar', categoryCode: 'KEMENTERIAN', province: 'x'.repeat(1024 * 1024) });
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, { cookie: admin.cookie, raw });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countBodies(commission.id)).toBe(0);
  });

  it('a JSON body over 1 MB with its Content-Length is refused before it is read', async () => {
    const { commission, admin } = await setup();
    const raw = JSON.stringify({ name: 'Badan Besar', categoryCode: 'KEMENTERIAN', province: 'x'.repeat(1024 * 1024) });
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, {
      cookie: admin.cookie,
      raw,
      headers: { 'content-length': String(Buffer.byteLength(raw)) },
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countBodies(commission.id)).toBe(0);
  });

  it('a body just under 1 MB is read (and then judged by the schema)', async () => {
    const { commission, admin } = await setup();
    const raw = JSON.stringify({ name: 'Badan', categoryCode: 'KEMENTERIAN', province: 'x'.repeat(1000 * 1000) });
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, { cookie: admin.cookie, raw });
    expectProblem(res, 422, 'VALIDATION_FAILED');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['province']);
  });

  it('JSON sent as text/plain to a JSON route is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const { commission, admin } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, {
      cookie: admin.cookie,
      raw: JSON.stringify({ name: 'Badan Teks', categoryCode: 'KEMENTERIAN' }),
      contentType: 'text/plain',
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countBodies(commission.id)).toBe(0);
  });

  it('a form post to a JSON route is 415, and no content type at all is 415 too', async () => {
    const form = await ctx.request('POST', '/api/auth/login', {
      raw: 'email=a%40b.example&password=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const { commission, admin } = await setup();
    const none = await ctx.app.request(`/api/commissions/${commission.id}/bodies`, {
      method: 'POST',
      headers: { cookie: admin.cookie, origin: 'http://localhost:3000' },
      body: JSON.stringify({ name: 'Badan Tanpa Jenis', categoryCode: 'KEMENTERIAN' }),
    });
    // a string body gets text/plain from fetch; either way the route wants application/json
    expect(none.status).toBe(415);
    expect(await countBodies(commission.id)).toBe(0);
  });

  it('JSON with a charset parameter is accepted', async () => {
    const { commission, admin } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies`, {
      cookie: admin.cookie,
      raw: JSON.stringify({ name: 'Badan Charset', categoryCode: 'KEMENTERIAN' }),
      contentType: 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(201);
  });

  it('a CSV route refuses JSON with 415', async () => {
    const { commission, admin } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies/import`, {
      cookie: admin.cookie,
      body: { name: 'x' },
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('unknown routes and ids', () => {
  it('an unknown API route is a 404 problem; without a session a 401 (a stranger gets no map of the routes)', async () => {
    const { admin } = await setup();
    const res = await ctx.request('GET', '/api/no-such-route', { cookie: admin.cookie });
    expectProblem(res, 404, 'NOT_FOUND');
    expectProblem(await ctx.request('GET', '/api/no-such-route'), 401, 'UNAUTHENTICATED');
  });

  it('an unknown method on a known path is a 404 problem', async () => {
    const { admin } = await setup();
    expectProblem(await ctx.request('DELETE', '/api/commissions', { cookie: admin.cookie }), 404, 'NOT_FOUND');
  });

  it('does not echo an invitation token of an unknown path into the problem', async () => {
    const token = unique('secret-token-');
    const { admin } = await setup();
    const res = await ctx.request('GET', `/api/auth/invitations/${token}/nope`, { cookie: admin.cookie });
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.text).not.toContain(token);
  });

  it('an unknown id is a 404 problem', async () => {
    const { admin } = await setup();
    expectProblem(await ctx.request('GET', '/api/bodies/no-such-body', { cookie: admin.cookie }), 404, 'NOT_FOUND');
    expectProblem(
      await ctx.request('GET', '/api/commissions/no-such-commission/categories', { cookie: admin.cookie }),
      404,
      'NOT_FOUND',
    );
  });

  it('a page route without a built web client is a 404 problem, not a crash', async () => {
    expectProblem(await ctx.request('GET', '/some/page'), 404, 'NOT_FOUND');
  });

  it('401, 403 and 409 are problems as well', async () => {
    const { commission, admin } = await setup();
    expectProblem(await ctx.request('GET', '/api/commissions'), 401, 'UNAUTHENTICATED');
    const leader = await ctx.factory.user('leadership', { commissionId: commission.id });
    expectProblem(
      await ctx.request('POST', `/api/commissions/${commission.id}/categories`, {
        cookie: leader.cookie,
        body: { code: 'LNS', name: 'Lembaga Non Struktural' },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await ctx.request('POST', `/api/commissions/${commission.id}/categories`, {
        cookie: admin.cookie,
        body: { code: 'KEMENTERIAN', name: 'Kementerian' },
      }),
      409,
      'ALREADY_EXISTS',
    );
  });
});

describe('unexpected failures', () => {
  it('an unknown error is a generic 500 that does not leak its message, and is logged', async () => {
    const lines: string[] = [];
    const broken: PasswordHasher = {
      hash: async () => 'unused',
      verify: async () => {
        throw new Error('scrypt exploded at /srv/secret/path with key 0xdeadbeef');
      },
    };
    const failing = await createTestContext({
      passwordHasher: broken,
      logger: createLogger('error', (line) => lines.push(line)),
    });
    try {
      const commission = await failing.factory.commission();
      const user = await failing.factory.user('evaluator', { commissionId: commission.id });
      const res = await failing.request('POST', '/api/auth/login', {
        body: { email: user.email, password: TEST_PASSWORD },
        headers: { 'x-request-id': 'req-500-test' },
      });
      const problem = expectProblem(res, 500, 'INTERNAL');
      expect(problem.instance).toBe('req-500-test');
      expect(res.text).not.toMatch(/scrypt|secret|deadbeef|exploded/);
      const logged = lines.map((l) => JSON.parse(l));
      expect(logged).toContainEqual(
        expect.objectContaining({ level: 'error', msg: 'unhandled', requestId: 'req-500-test' }),
      );
      expect(lines.join('\n')).toContain('scrypt exploded');
    } finally {
      await failing.close();
    }
  });
});

describe('database unavailable', () => {
  it('a closed database answers 503 with Retry-After at once, on health and on any route', async () => {
    const down = await createTestContext();
    const commission = await down.factory.commission();
    const admin = await down.factory.user('commission_admin', { commissionId: commission.id });
    expect((await down.request('GET', '/api/health')).json).toEqual({ status: 'ok', database: down.deps.databaseKind });
    await down.close();

    const started = performance.now();
    const health = await down.request('GET', '/api/health');
    expectProblem(health, 503, 'DATABASE_UNAVAILABLE');
    expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);
    const me = await down.request('GET', '/api/me', { cookie: admin.cookie });
    expectProblem(me, 503, 'DATABASE_UNAVAILABLE');
    expect(Number(me.headers.get('retry-after'))).toBeGreaterThan(0);
    const loginRes = await down.request('POST', '/api/auth/login', {
      body: { email: admin.email, password: TEST_PASSWORD },
    });
    expectProblem(loginRes, 503, 'DATABASE_UNAVAILABLE');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  /**
   * A real outage on PostgreSQL: the app talks to the server through a TCP proxy that the test cuts (connections
   * reset, nothing listening) or stalls (connections accepted, nothing answered), then restores.
   */
  it.runIf(Boolean(inject('databaseUrl')))(
    'PostgreSQL: health is 503 within seconds when the server is cut off or stalls, and recovers',
    async () => {
      const target = new URL(inject('databaseUrl'));
      const proxy = await startProxy(target.hostname, Number(target.port || 5432));
      const viaProxy = new URL(target);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const database = createPostgresDatabase({ url: viaProxy.toString(), max: 2 });
      const app = await createTestContext({ db: database.db, databaseKind: 'postgres' });
      const timed = async () => {
        const started = performance.now();
        const res = await app.request('GET', '/api/health');
        return { res, ms: performance.now() - started };
      };
      try {
        expect((await timed()).res.status).toBe(200);

        proxy.cut();
        for (let i = 0; i < 2; i++) {
          const { res, ms } = await timed();
          expectProblem(res, 503, 'DATABASE_UNAVAILABLE');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(ms).toBeLessThan(7000);
        }

        await proxy.restore();
        expect((await timed()).res.status).toBe(200);

        proxy.stall();
        const { res, ms } = await timed();
        expectProblem(res, 503, 'DATABASE_UNAVAILABLE');
        expect(ms).toBeLessThan(7000);

        await proxy.restore();
        await expect.poll(async () => (await timed()).res.status, { timeout: 15_000, interval: 500 }).toBe(200);
      } finally {
        proxy.cut();
        await app.close();
        await Promise.race([database.close(), new Promise((r) => setTimeout(r, 2000))]);
      }
    },
    40_000,
  );
});

describe('database too slow', () => {
  /**
   * A save that waits on another session's lock, and a statement that runs too long, are cancelled by the sessions'
   * limits (src/db/postgres.ts): the request gets a 503 with Retry-After instead of hanging, and changes nothing.
   */
  it.runIf(Boolean(inject('databaseUrl')))(
    'PostgreSQL: a save stuck on a lock is a 503 within the lock limit and changes nothing; a long statement is cancelled',
    async () => {
      const database = createPostgresDatabase({
        url: inject('databaseUrl'),
        max: 2,
        timeouts: { statementMs: 1500, lockMs: 300, idleInTransactionMs: 60_000 },
      });
      const locker = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
      const app = await createTestContext({ db: database.db, databaseKind: 'postgres' });
      try {
        const w = await saqWorld(app);
        const sid = w.submission.id;
        const save = (version: number, value: boolean) =>
          app.request('PATCH', `/api/submissions/${sid}/answers`, {
            cookie: w.operator.cookie,
            headers: { 'if-match': `"${version}"` },
            body: { answers: [{ questionCode: '1.1', value }] },
          });
        const first = await save(w.submission.version, true);
        expect(first.status).toBe(200);
        const version = first.json.version as number;

        // another session holds the submission's row lock
        const holder = await locker.reserve();
        await holder`begin`;
        await holder`select id from submissions where id = ${sid} for update`;
        const started = performance.now();
        const stuck = await save(version, false);
        const waited = performance.now() - started;
        expectProblem(stuck, 503, 'DATABASE_UNAVAILABLE');
        expect(Number(stuck.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(waited).toBeGreaterThanOrEqual(250);
        expect(waited).toBeLessThan(3000);
        await holder`rollback`;
        holder.release();

        // nothing of the cancelled save was kept: the same version saves now, and history has two entries
        const again = await save(version, false);
        expect(again.status).toBe(200);
        expect(again.json.version).toBe(version + 1);
        const history = await app.request('GET', `/api/submissions/${sid}/history?questionCode=1.1`, {
          cookie: w.operator.cookie,
        });
        expect(history.json.history.map((h: { after: { value: unknown } }) => h.after.value)).toEqual([true, false]);

        const slow = sql`select pg_sleep(5)`.execute(database.db);
        const slowStarted = performance.now();
        const error = await slow.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect((error as { code?: string }).code).toBe('57014');
        expect(isDatabaseUnavailable(error)).toBe(true);
        expect(performance.now() - slowStarted).toBeLessThan(4000);
      } finally {
        await app.close();
        await locker.end({ timeout: 2 });
        await database.close();
      }
    },
    30_000,
  );
});

/** A TCP proxy to PostgreSQL that a test can cut (reset everything, stop listening), stall, or restore. */
async function startProxy(host: string, port: number) {
  const sockets = new Set<net.Socket>();
  let mode: 'forward' | 'stall' = 'forward';
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const onConnection = (client: net.Socket) => {
    track(client);
    if (mode === 'stall') return; // accepted, never answered
    const upstream = net.connect(port, host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  let server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port: address.port,
    cut() {
      server.close();
      destroyAll();
    },
    stall() {
      mode = 'stall';
      // open connections go quiet: no bytes either way, no reset
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    async restore() {
      mode = 'forward';
      destroyAll();
      if (!server.listening) {
        server = net.createServer(onConnection);
        await new Promise<void>((resolve) => server.listen(address.port, '127.0.0.1', resolve));
      }
    },
  };
}
