import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  DESKTOP,
  downloadedBytes,
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  toBodies,
  visible,
} from './harness.ts';

/**
 * The scorecard on the demo data: the demo's 2025 period is at the results stage (or published, once the publication
 * work lands), so the admin sees a final with its rank, and the body its scores and recommendations.
 */
const SHOTS = '/tmp/shots-scorecard';
const ADMIN = 'admin@kipusat.demo';
const OPERATOR = 'ppid@kementerian-keuangan.demo';

let server: TestServer;
let browser: Browser;
let sid = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const operator: ApiCall = await signInApi(server, OPERATOR);
  const me = await operator('GET', '/me');
  const grant = me.body.user.roles.find((r: { role: string }) => r.role === 'body_operator');
  const { periods } = (await operator('GET', `/commissions/${grant.commissionId}/periods`)).body;
  const period = periods.find((p: { year: number }) => p.year === 2025);
  expect(period, 'the demo has a 2025 period').toBeDefined();
  const mine = await operator('GET', `/periods/${period.id}/submissions/mine`);
  expect(mine.status).toBe(200);
  sid = mine.body.submission.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the scorecard page', () => {
  it('shows the admin the final, band and rank, the indicators and the recommendations, on a phone too', async () => {
    for (const [viewport, name] of [
      [DESKTOP, 'admin'],
      [PHONE, 'admin-375'],
    ] as const) {
      const { page, problems, context } = await openTab(browser, server, viewport);
      await signIn(page, ADMIN);
      await toBodies(page);
      await page.goto(`/submissions/${sid}/scorecard`);
      await visible(page.getByRole('heading', { level: 1, name: /^Rapor / }));
      await visible(page.getByRole('heading', { name: 'Hasil' }));
      await visible(page.getByText(/Peringkat \d+ dari \d+/));
      await visible(page.getByRole('region', { name: /^Indikator:/ }).getByRole('table'));
      await visible(page.getByRole('heading', { name: /Rekomendasi/ }));
      // Indonesian numbers: a decimal comma in the final
      expect(await page.locator('.sc-final-value').textContent()).toMatch(/^\d{1,3},\d{2}$/);
      await shot(page, name, SHOTS);
      expect(await horizontalOverflow(page), `${name} overflows sideways`).toBeLessThanOrEqual(2);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 120_000);

  it('the body reaches its scorecard from home and reads its scores', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await signIn(page, OPERATOR);
    await page.waitForURL(`${server.url}/`);
    const link = page.locator(`a[href="/submissions/${sid}/scorecard"]`);
    await (await visible(link)).click();
    await visible(page.getByRole('heading', { level: 1, name: /^Rapor / }));
    await visible(page.getByRole('region', { name: /^Indikator:/ }).getByRole('table'));
    await visible(page.getByRole('heading', { name: /Rekomendasi/ }));
    await shot(page, 'operator', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('the body downloads its scorecard and certificate from home, in the interface’s language', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await signIn(page, OPERATOR);
    await page.waitForURL(`${server.url}/`);
    // 2025 is published: Kementerian Keuangan's band earns a certificate
    const scorecard = await visible(page.getByRole('link', { name: 'Unduh rapor (PDF)' }));
    const certificate = page.getByRole('link', { name: 'Unduh piagam (PDF)' });
    const verify = page.getByRole('link', { name: 'Periksa keaslian' });
    expect(await scorecard.getAttribute('href')).toBe(`/api/submissions/${sid}/scorecard.pdf?lang=id`);
    expect(await certificate.getAttribute('href')).toBe(`/api/submissions/${sid}/certificate.pdf?lang=id`);
    expect(await verify.getAttribute('href')).toMatch(/^\/verify\/[a-z2-7]{26}$/);
    for (const link of [scorecard, certificate]) {
      expect(await link.getAttribute('download')).not.toBeNull();
      const href = (await link.getAttribute('href')) ?? '';
      const res = await page.request.get(`${server.url}${href}`);
      expect(res.status(), href).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await shot(page, 'operator-downloads', SHOTS);

    // a plain click is fetched by the page (download.ts) and saved under the server's name
    const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), scorecard.click()]);
    expect(saved.suggestedFilename()).toMatch(/\.pdf$/);
    expect(new TextDecoder().decode((await downloadedBytes(saved)).subarray(0, 5))).toBe('%PDF-');
    // a refusal shows as its problem beside the links instead of being saved as a .pdf
    let downloads = 0;
    page.on('download', () => downloads++);
    const refused = /\/certificate\.pdf\?/;
    await page.route(refused, (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'None.',
          code: 'NOT_FOUND',
        }),
      }),
    );
    await certificate.click();
    await visible(page.getByRole('alert').filter({ hasText: 'Data tidak ditemukan.' }));
    expect(downloads).toBe(0);
    await page.unroute(refused);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
