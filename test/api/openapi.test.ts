import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Actions whose whole input is the path: they take no body. */
const BODILESS_ACTIONS = ['/api/auth/logout', '/api/submissions/{sid}/submit', '/api/submissions/{sid}/carry-forward'];

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
});
