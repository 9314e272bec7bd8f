import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIP_METHODOLOGY, SMALL_SAQ, saqWorld } from '../helpers/saq.ts';
import { createTestContext, PUBLIC_URL, type TestContext, unique } from '../helpers/test-app.ts';

/**
 * Issue 21, the edge: text PostgreSQL cannot store is a 422 (not a 500) wherever it comes in, a caller without a
 * session gets 401 before any shape check, the security headers agree with each other, the login checks the Origin,
 * and large JSON answers are compressed.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const NUL = '\u0000';
const LONE = '\ud800';

async function draftPeriod() {
  const commission = await ctx.factory.commission(['KEMENTERIAN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
    cookie: admin.cookie,
    body: { year: 2030, title: 'Monev 2030', methodology: KIP_METHODOLOGY },
  });
  expect(created.status).toBe(201);
  return { commission, admin, periodId: created.json.period.id as string };
}

const expectUnstorable = (res: { status: number; headers: Headers; json: any }, path: string) => {
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json.code).toBe('VALIDATION_FAILED');
  expect(res.json.errors).toContainEqual({ path, message: expect.stringMatching(/NUL|surrogate/) });
};

describe('text that PostgreSQL cannot store', () => {
  it('an anonymous login with a NUL in the e-mail is a 422 naming the field, not a 500', async () => {
    const res = await ctx.request('POST', '/api/auth/login', {
      body: { email: `x${NUL}@x.test`, password: 'whatever-password' },
    });
    expectUnstorable(res, 'email');
  });

  it('a questionnaire with a lone surrogate is a 422 with its path, and nothing is stored', async () => {
    const { admin, periodId } = await draftPeriod();
    const bad = structuredClone(SMALL_SAQ) as any;
    bad.indicators[0].questions[0].text = `Apakah ${LONE} DIP tersedia?`;
    const res = await ctx.request('PUT', `/api/periods/${periodId}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: bad,
    });
    expectUnstorable(res, 'indicators.0.questions.0.text');
    const read = await ctx.request('GET', `/api/periods/${periodId}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
    });
    expect(read.status).toBe(404);
  });

  it('a NUL or a lone surrogate in an object key is refused too; a surrogate pair (an emoji) passes', async () => {
    const { admin, periodId } = await draftPeriod();
    const keyed = await ctx.request('PATCH', `/api/periods/${periodId}`, {
      cookie: admin.cookie,
      body: { [`title${NUL}`]: 'x' },
    });
    expect(keyed.status).toBe(422);
    expect(keyed.json.errors[0].message).toMatch(/key/i);
    const emoji = await ctx.request('PATCH', `/api/periods/${periodId}`, {
      cookie: admin.cookie,
      body: { title: 'Monev 😀 2030' },
    });
    expect(emoji.status).toBe(200);
    expect(emoji.json.period.title).toBe('Monev 😀 2030');
    // a backslash before u0000 is text, not an escape: it passes the raw scan's suspicion and the exact check
    const escaped = await ctx.request('PATCH', `/api/periods/${periodId}`, {
      cookie: admin.cookie,
      body: { title: 'Monev \\u0000 2030' },
    });
    expect(escaped.status).toBe(200);
  });

  it('an autosave with a NUL in an evidence URL is a 422 and the submission keeps its version', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const res = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '"0"' },
      body: { answers: [{ questionCode: '1.1', value: true, evidence: [{ url: `https://x.example/${NUL}` }] }] },
    });
    expectUnstorable(res, 'answers.0.evidence.0.url');
    const read = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    expect(read.json.submission.version).toBe(0);
    const ok = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '"0"' },
      body: { answers: [{ questionCode: '1.1', value: true }] },
    });
    expect(ok.status).toBe(200);
  });

  it('%00 in a path id or in a query is a 422 naming where (documented: a malformed id is a 422, like any bad text)', async () => {
    const { admin, commission } = await draftPeriod();
    const inPath = await ctx.request('GET', `/api/commissions/${commission.id}%00/bodies`, { cookie: admin.cookie });
    expectUnstorable(inPath, 'path');
    const inQuery = await ctx.request('GET', `/api/commissions/${commission.id}/bodies?q=a%00b`, {
      cookie: admin.cookie,
    });
    expectUnstorable(inQuery, 'query.q');
    const surrogate = await ctx.request('GET', `/api/commissions/${commission.id}/bodies?q=%ED%A0%80`, {
      cookie: admin.cookie,
    });
    expectUnstorable(surrogate, 'query.q');
    const fine = await ctx.request('GET', `/api/commissions/${commission.id}/bodies?q=%C3%A9`, {
      cookie: admin.cookie,
    });
    expect(fine.status).toBe(200);
  });

  it('a CSV import with a NUL answers 422 with the line and imports nothing', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const csv = `name,categoryCode\nBadan Baik,KEMENTERIAN\nBadan ${NUL}Buruk,KEMENTERIAN\n`;
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/bodies/import`, {
      cookie: admin.cookie,
      raw: csv,
      contentType: 'text/csv',
    });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('INVALID_CSV');
    expect(res.json.errors).toEqual([{ line: 3, message: expect.stringMatching(/NUL/) }]);
    const list = await ctx.request('GET', `/api/commissions/${commission.id}/bodies`, { cookie: admin.cookie });
    expect(list.json.total).toBe(0);
  });
});

describe('authentication before shape', () => {
  const routes = async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    return { bodies: `/api/commissions/${commission.id}/bodies` };
  };

  it('without a session: malformed JSON, a wrong content type and an invalid body are all 401', async () => {
    const { bodies } = await routes();
    const malformed = await ctx.request('POST', bodies, { raw: '{"name": ' });
    const wrongType = await ctx.request('POST', bodies, { raw: 'name=x', contentType: 'text/plain' });
    const invalid = await ctx.request('POST', bodies, { body: { name: 42 } });
    const nul = await ctx.request('POST', bodies, { body: { name: `x${NUL}` } });
    const badPath = await ctx.request('GET', '/api/commissions/%00/bodies');
    for (const res of [malformed, wrongType, invalid, nul, badPath]) {
      expect(res.status).toBe(401);
      expect(res.json.code).toBe('UNAUTHENTICATED');
    }
  });

  it('with a session the same requests keep their answers (400, 415, 422)', async () => {
    const { bodies } = await routes();
    const cid = bodies.split('/')[3] as string;
    const admin = await ctx.factory.user('commission_admin', { commissionId: cid });
    const malformed = await ctx.request('POST', bodies, { cookie: admin.cookie, raw: '{"name": ' });
    const wrongType = await ctx.request('POST', bodies, {
      cookie: admin.cookie,
      raw: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    const invalid = await ctx.request('POST', bodies, { cookie: admin.cookie, body: { name: 42 } });
    expect([malformed.status, wrongType.status, invalid.status]).toEqual([400, 415, 422]);
  });

  it('anonymous routes still answer without a session', async () => {
    expect((await ctx.request('GET', '/api/health')).status).toBe(200);
    expect((await ctx.request('GET', '/api/openapi.json')).status).toBe(200);
    const login = await ctx.request('POST', '/api/auth/login', { raw: '{"email": ' });
    expect(login.status).toBe(400);
    const invitation = await ctx.request('GET', `/api/auth/invitations/${unique('token-unknown-')}`);
    expect(invitation.status).toBe(404);
  });

  it('an unknown /api route is a 401 without a session (no map of what exists) and a 404 with one', async () => {
    expect((await ctx.request('GET', '/api/no-such-route')).status).toBe(401);
    const user = await ctx.factory.user('platform_admin');
    expect((await ctx.request('GET', '/api/no-such-route', { cookie: user.cookie })).status).toBe(404);
  });
});

describe('headers', () => {
  it('no HSTS over plain http; a Permissions-Policy; X-Frame-Options agrees with frame-ancestors', async () => {
    const res = await ctx.request('GET', '/api/health');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    expect(res.headers.get('permissions-policy')).toMatch(/payment=\(\)/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('HSTS over https: the request URL, or X-Forwarded-Proto behind a trusted proxy only', async () => {
    const direct = await ctx.app.request('https://localhost:3000/api/health');
    expect(direct.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const forwarded = await ctx.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(forwarded.headers.get('strict-transport-security')).toBeNull();
    const proxied = await createTestContext({ trustProxy: true });
    try {
      const res = await proxied.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const plain = await proxied.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await proxied.close();
    }
    const https = await createTestContext({ publicUrl: 'https://monev.example.go.id' });
    try {
      const res = await https.request('GET', '/api/health', { origin: null });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await https.close();
    }
  });

  it('the autosave answers with the same security headers (no HSTS over http there either)', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '"0"', 'accept-encoding': 'gzip' },
      body: { answers: [{ questionCode: '1.1', value: true }] },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('a login from a foreign Origin is 403 ORIGIN_MISMATCH without a cookie; without Origin it passes', async () => {
    const user = await ctx.factory.user('platform_admin');
    const credentials = { email: user.email, password: 'correct horse battery' };
    const foreign = await ctx.request('POST', '/api/auth/login', { body: credentials, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json.code).toBe('ORIGIN_MISMATCH');
    expect(ctx.sessionCookieOf(foreign)).toBeUndefined();
    const crossSite = await ctx.request('POST', '/api/auth/login', {
      body: credentials,
      origin: null,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const own = await ctx.request('POST', '/api/auth/login', { body: credentials, origin: PUBLIC_URL });
    expect(own.status).toBe(200);
    const script = await ctx.request('POST', '/api/auth/login', { body: credentials, origin: null });
    expect(script.status).toBe(200);
  });

  it('a large JSON list comes back gzip when accepted and decodes to the same JSON; small answers are not', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    for (let i = 0; i < 40; i++) await ctx.factory.body(commission.id, 'KEMENTERIAN', `Badan Publik Nomor ${i}`);
    const path = `/api/commissions/${commission.id}/bodies`;
    const plain = await ctx.request('GET', path, { cookie: admin.cookie });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.bytes.byteLength).toBeGreaterThan(1024);
    const zipped = await ctx.app.request(path, {
      headers: { cookie: admin.cookie, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('content-length')).toBeNull();
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(zipped.headers.get('x-request-id')).toMatch(/\S/);
    const compressed = new Uint8Array(await zipped.arrayBuffer());
    expect(compressed.byteLength).toBeLessThan(plain.bytes.byteLength / 2);
    const text = await new Response(
      new Blob([compressed]).stream().pipeThrough(new DecompressionStream('gzip')),
    ).text();
    expect(JSON.parse(text)).toEqual(plain.json);
    const deflated = await ctx.app.request(path, { headers: { cookie: admin.cookie, 'accept-encoding': 'deflate' } });
    expect(deflated.headers.get('content-encoding')).toBe('deflate');
    const small = await ctx.app.request('/api/health', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toMatchObject({ status: expect.any(String) });
  });
});
