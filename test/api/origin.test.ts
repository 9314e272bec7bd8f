import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { nodeDeps } from '../../src/bootstrap.ts';
import { loadEnv } from '../../src/env.ts';
import { createTestContext, TEST_PASSWORD, type TestContext, unique } from '../helpers/test-app.ts';

/**
 * The origins a browser may write from, wired as the Node server wires them (env -> nodeDeps -> createApp), on the test
 * database: a newcomer who opens http://127.0.0.1:3000 instead of http://localhost:3000 can save when PUBLIC_URL is
 * unset, and is told which address to use when it is set.
 */
let ctx: TestContext;
let dataDir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  dataDir = await mkdtemp(path.join(tmpdir(), 'informatif-origin-'));
});
afterAll(async () => {
  await ctx?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The app as `tsx src/server.ts` builds it from this environment (port 3000). */
async function appWith(publicUrl?: string) {
  const env = loadEnv({
    PORT: '3000',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: ctx.deps.sessionSecret,
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
  });
  return createApp(await nodeDeps(env, ctx.database));
}

async function writeFrom(app: Awaited<ReturnType<typeof appWith>>, origin: string) {
  const commission = await ctx.factory.commission();
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const response = await app.request(`/api/commissions/${commission.id}/bodies`, {
    method: 'POST',
    headers: { origin, cookie: admin.cookie, 'content-type': 'application/json', 'x-test-ip': unique('10.') },
    body: JSON.stringify({ name: unique('Badan Asal '), categoryCode: 'KEMENTERIAN' }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('with PUBLIC_URL unset', () => {
  it('accepts a cookie-authenticated write from each loopback name of the port', async () => {
    const app = await appWith();
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect((await writeFrom(app, origin)).status, origin).toBe(201);
    }
  });

  it('still refuses a foreign origin and another port', async () => {
    const app = await appWith();
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3001']) {
      const res = await writeFrom(app, origin);
      expect(res.status, origin).toBe(403);
      expect(res.json.code).toBe('ORIGIN_MISMATCH');
    }
  });
});

describe('with PUBLIC_URL set', () => {
  it('refuses a write from 127.0.0.1 with 403 and names the address to use', async () => {
    const app = await appWith('http://localhost:3000');
    const res = await writeFrom(app, 'http://127.0.0.1:3000');
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('ORIGIN_MISMATCH');
    expect(res.json.detail).toContain('http://localhost:3000');
    expect(res.json.publicUrl).toBe('http://localhost:3000');
    expect((await writeFrom(app, 'http://localhost:3000')).status).toBe(201);
  });

  it('refuses a foreign origin, naming the public address', async () => {
    const app = await appWith('https://informatif.example');
    const res = await writeFrom(app, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.json.detail).toContain('https://informatif.example');
  });
});

describe('login', () => {
  it('signs in from any loopback name with PUBLIC_URL unset; with it set, the login checks the Origin like any write', async () => {
    for (const publicUrl of [undefined, 'http://localhost:3000']) {
      const app = await appWith(publicUrl);
      const commission = await ctx.factory.commission();
      const user = await ctx.factory.user('evaluator', { commissionId: commission.id });
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { origin: 'http://127.0.0.1:3000', 'content-type': 'application/json', 'x-test-ip': unique('10.') },
        body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
      });
      if (publicUrl === undefined) {
        expect(res.status, 'unset').toBe(200);
      } else {
        // refused at the login, naming the address to use, rather than at the first write after it
        expect(res.status, publicUrl).toBe(403);
        expect((await res.json()).publicUrl).toBe(publicUrl);
      }
    }
  });

  it('a login that carries a session cookie from a foreign origin is refused, as before', async () => {
    const app = await appWith();
    const commission = await ctx.factory.commission();
    const user = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        cookie: user.cookie,
        'content-type': 'application/json',
        'x-test-ip': unique('10.'),
      },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(403);
  });
});
