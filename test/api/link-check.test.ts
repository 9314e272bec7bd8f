import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import { createNodeLinkProbe } from '../../src/lib/node-link-probe.ts';
import { checkDueLinks } from '../../src/modules/submissions/link-check.service.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
let server: Server;
let base: string;
beforeAll(async () => {
  ctx = await createTestContext();
  server = createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200).end('ok');
    else if (req.url === '/no-head' && req.method === 'HEAD') res.writeHead(405).end();
    else if (req.url === '/no-head') res.writeHead(200).end('ok');
    else if (req.url === '/moved') res.writeHead(301, { location: '/ok' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await ctx?.close();
});

describe('background link checks', () => {
  it('records each evidence link’s status for the evaluator, after the save and apart from it', async () => {
    const w = await saqWorld(ctx);
    const links = ['/ok', '/no-head', '/moved', '/missing'].map((p) => `${base}${p}`);
    const save = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '0' },
      body: { answers: [{ questionCode: '1.1', value: true, evidence: links.map((url) => ({ url })) }] },
    });
    expect(save.status).toBe(200);
    const before = await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: w.admin.cookie });
    expect(before.json.submission.answers[0].evidence.map((e: any) => e.linkStatus)).toEqual([null, null, null, null]);
    // on a shared PostgreSQL the queue also holds other suites' links (the demo's hundreds among them): those are
    // answered at once without the network, and the checker runs until this test's four are recorded
    const real = createNodeLinkProbe({ allowPrivate: true, timeoutMs: 2000 });
    const probe: typeof real = (url) =>
      url.startsWith(base) ? real(url) : Promise.resolve({ status: 200, error: null });
    const recorded = async () =>
      (
        await ctx.db
          .selectFrom('linkChecks')
          .select('url')
          .where('url', 'in', links)
          .where('checkedAt', 'is not', null)
          .execute()
      ).length;
    for (let i = 0; i < 200 && (await recorded()) < links.length; i++)
      await checkDueLinks(ctx.db, probe, createLogger('silent'), 50);
    const after = await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: w.admin.cookie });
    expect(after.json.submission.answers[0].evidence.map((e: any) => e.linkStatus)).toEqual([200, 200, 301, 404]);
    expect(after.json.submission.answers[0].evidence[0].linkCheckedAt).toEqual(expect.any(String));
  });

  it('never probes private or loopback addresses in production', async () => {
    const probe = createNodeLinkProbe();
    expect(await probe(`${base}/ok`)).toEqual({ status: null, error: 'not a public address' });
    expect(await probe('http://10.0.0.1/')).toEqual({ status: null, error: 'not a public address' });
    expect(await probe('ftp://example.go.id/')).toEqual({ status: null, error: 'not an http(s) link' });
  });
});
