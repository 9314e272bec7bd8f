import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Actions whose whole input is the path: they take no body. */
const BODILESS_ACTIONS = ['/api/auth/logout', '/api/submissions/{sid}/submit', '/api/submissions/{sid}/carry-forward'];
// verification screen (issue 22): completing a verification takes no body
BODILESS_ACTIONS.push('/api/submissions/{sid}/verification/complete');
// the people page's actions (issue 25 item 2) take no body
BODILESS_ACTIONS.push(
  '/api/commissions/{cid}/users/{uid}/deactivate',
  '/api/commissions/{cid}/users/{uid}/reactivate',
  '/api/commissions/{cid}/invitations/{iid}/resend',
  '/api/commissions/{cid}/invitations/{iid}/link',
);

/** The operations anyone may call (the authorization matrix's: every role gets the same answer). */
const ANONYMOUS = [
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  'POST /api/auth/login',
  'GET /api/auth/invitations/{token}',
  'POST /api/auth/invitations/{token}/accept',
  // public pages (issue 23)
  'GET /api/public/commissions',
  'GET /api/public/commissions/{code}/results/{year}',
  'GET /api/public/commissions/{code}/results/{year}/methodology',
  'GET /api/public/bodies/{bid}/history',
  'GET /api/public/certificates/{code}',
  // passwords (issue 25)
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/{token}',
];
/** Works with or without a session. */
const SESSION_OPTIONAL = ['POST /api/auth/logout'];

type Doc = {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any>; securitySchemes?: Record<string, any> };
  tags?: { name: string; description?: string }[];
};

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries<any>(ops).map(([method, op]) => ({ path, method, op, name: `${method.toUpperCase()} ${path}` })),
  );

/**
 * Every schema reachable from `schema` (refs resolved once each), with where it is, for checks on strings and arrays.
 * `not` is skipped: what a value must not be carries no limit.
 */
function walk(doc: Doc, schema: any, where: string, visit: (s: any, where: string) => void, seen = new Set<any>()) {
  if (!schema || typeof schema !== 'object') return;
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (seen.has(target)) return;
    seen.add(target);
    return walk(doc, target, `${where}(${schema.$ref.split('/').pop()})`, visit, seen);
  }
  visit(schema, where);
  for (const [key, sub] of Object.entries<any>(schema.properties ?? {})) walk(doc, sub, `${where}.${key}`, visit, seen);
  if (schema.items) walk(doc, schema.items, `${where}[]`, visit, seen);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, sub] of (schema[k] ?? []).entries()) walk(doc, sub, `${where}|${i}`, visit, seen);
  }
  if (typeof schema.additionalProperties === 'object')
    walk(doc, schema.additionalProperties, `${where}.*`, visit, seen);
}

/** Whether a string schema is bounded: a length limit, or a closed set of values. */
const boundedString = (s: any) =>
  s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || s.format === 'date-time';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('/api/openapi.json', () => {
  it('is OpenAPI 3.1 and documents every operation with its request and response schemas', async () => {
    const res = await ctx.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    const problems: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary) problems.push(`${name}: no summary`);
        const success = Object.entries<any>(op.responses).filter(([status]) => status.startsWith('2'));
        if (success.length === 0) problems.push(`${name}: no success response`);
        for (const [status, response] of success) {
          if (status !== '204' && !response.content) problems.push(`${name}: ${status} has no content schema`);
        }
        if (path.startsWith('/api/') && !['/api/openapi.json', '/api/docs'].includes(path)) {
          if (!op.responses['503']) problems.push(`${name}: 503 not documented`);
          for (const [status, response] of Object.entries<any>(op.responses)) {
            if (Number(status) >= 400 && !response.content?.['application/problem+json']) {
              problems.push(`${name}: ${status} is not problem+json`);
            }
          }
        }
        if (['post', 'put', 'patch'].includes(method) && !BODILESS_ACTIONS.includes(path)) {
          const content = op.requestBody?.content;
          if (!content || Object.values<any>(content).some((c) => !c.schema))
            problems.push(`${name}: no request body schema`);
        }
        // a route that answers 428 (If-Match required) documents the header
        if (op.responses['428'] && !op.parameters?.some((x: any) => x.in === 'header' && x.name === 'If-Match'))
          problems.push(`${name}: If-Match undocumented`);
        const params = (path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
        for (const p of params) {
          if (!op.parameters?.some((x: any) => x.in === 'path' && x.name === p))
            problems.push(`${name}: path parameter ${p} undocumented`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(20);
  });

  it('names and tags every operation, with the tags declared and described', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).json as Doc;
    const declared = new Map<string, string>((doc.tags ?? []).map((t: any) => [t.name, t.description]));
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const { op, name } of operations(doc)) {
      if (typeof op.operationId !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(op.operationId))
        problems.push(`${name}: operationId ${op.operationId} is not camelCase`);
      else if (ids.has(op.operationId))
        problems.push(`${name}: operationId ${op.operationId} is also ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, name);
      if (!op.tags?.length) problems.push(`${name}: no tag`);
      for (const tag of op.tags ?? [])
        if (!declared.get(tag)) problems.push(`${name}: tag ${tag} not declared with a description`);
    }
    expect(problems).toEqual([]);
    // the ids are the contract's names: clients generated from the document call them
    expect(ids.get('listBodies')).toBe('GET /api/commissions/{cid}/bodies');
    expect(ids.get('saveAnswers')).toBe('PATCH /api/submissions/{sid}/answers');
    expect(ids.get('login')).toBe('POST /api/auth/login');
  });

  it('declares the session cookie as a security scheme, with the Origin rule, on every operation that needs it', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).json as Doc;
    const schemes = doc.components.securitySchemes ?? {};
    const [schemeName, scheme] = Object.entries<any>(schemes).find(([, s]) => s.in === 'cookie') ?? [];
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'informatif_session' });
    expect(scheme.description).toMatch(/Origin/);
    expect(scheme.description).toMatch(/ORIGIN_MISMATCH/);
    expect(scheme.description).toMatch(/PUBLIC_URL/);
    const problems: string[] = [];
    for (const { op, name } of operations(doc)) {
      const security = op.security;
      if (!Array.isArray(security)) {
        problems.push(`${name}: no security`);
        continue;
      }
      const expected = ANONYMOUS.includes(name)
        ? []
        : SESSION_OPTIONAL.includes(name)
          ? [{ [schemeName as string]: [] }, {}]
          : [{ [schemeName as string]: [] }];
      if (JSON.stringify(security) !== JSON.stringify(expected))
        problems.push(`${name}: security ${JSON.stringify(security)}, expected ${JSON.stringify(expected)}`);
    }
    expect(problems).toEqual([]);
  });

  it('documents the errors each operation can give, all as problem+json', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).json as Doc;
    const problems: string[] = [];
    for (const { path, method, op, name } of operations(doc)) {
      const documented = new Set(Object.keys(op.responses));
      const need = (status: number, why: string) => {
        if (!documented.has(String(status))) problems.push(`${name}: ${status} (${why}) not documented`);
      };
      const needsSession = op.security?.length > 0 && !op.security.some((s: any) => Object.keys(s).length === 0);
      if (needsSession) need(401, 'signed out');
      const takesInput =
        op.parameters?.some((p: any) => p.in === 'path' || p.in === 'query') || op.requestBody !== undefined;
      if (takesInput) need(422, 'bad text or shape in the input');
      if (method !== 'get') {
        need(403, 'a write from another origin');
        need(413, 'a body over the limit');
      }
      if (op.requestBody) {
        need(400, 'a body that cannot be parsed');
        need(415, 'a body of another type');
      }
      if (needsSession && method !== 'get') need(404, 'an unknown or foreign id');
      if (path.startsWith('/api/') && !['/api/openapi.json', '/api/docs'].includes(path)) need(503, 'database down');
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (
          Number(status) >= 400 &&
          response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem'
        )
          problems.push(`${name}: ${status} is not the Problem schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('bounds every string and array a request may send, and publishes patterns without regex flags', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).json as Doc;
    const problems: string[] = [];
    const check = (s: any, where: string) => {
      if (s.type === 'string' && !boundedString(s)) problems.push(`${where}: string without maxLength`);
      if (s.type === 'array' && s.maxItems === undefined) problems.push(`${where}: array without maxItems`);
    };
    for (const { op, name } of operations(doc)) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'path' || p.in === 'query') walk(doc, p.schema, `${name} ${p.in}.${p.name}`, check);
      }
      for (const [type, content] of Object.entries<any>(op.requestBody?.content ?? {})) {
        if (type === 'application/json') walk(doc, content.schema, `${name} body`, check);
      }
    }
    expect(problems).toEqual([]);
    // a pattern is published as the regex's source: a flag must not leak into it (`/i` made every value fail)
    const patterns = [...JSON.stringify(doc).matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map((m) =>
      JSON.parse(`"${m[1]}"`),
    );
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((p) => /\/[dgimsuvy]*$/.test(p) || !p.startsWith('^'))).toEqual([]);
    for (const p of patterns) expect(() => new RegExp(p, 'u')).not.toThrow();
  });

  it('publishes the methodology key pattern as the one enforced', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).json as Doc;
    const key = doc.components.schemas.Methodology.properties.components.items.properties.key;
    expect(key.pattern).toBe('^[A-Za-z0-9_-]+$');
    const pattern = new RegExp(key.pattern);
    expect(pattern.test('questionnaire')).toBe(true);
    expect(pattern.test('Panel_2')).toBe(true);
    expect(pattern.test('no spaces')).toBe(false);
  });
});
