import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  launchBrowser,
  openTab,
  shot,
  signIn,
  startServer,
  type TestServer,
  until,
  visible,
} from './harness.ts';

/** Issue 23, item 6 in the browser: leadership's dashboard on the demo data, every chart drawn, on a phone too. */
const SHOTS = '/tmp/shots-dashboard';
const LEADERSHIP = 'pimpinan@kipusat.demo';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Per canvas of the page: its chart's id and how many of its pixels are painted (not transparent, not white). */
function paintedPixels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('.dash-panel canvas')].map((canvas) => {
      const g = canvas.getContext('2d');
      const { width, height } = canvas;
      let painted = 0;
      if (g && width > 0 && height > 0) {
        const pixels = g.getImageData(0, 0, width, height).data;
        for (let i = 0; i < pixels.length; i += 4) {
          const [r, gr, b, a] = [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0];
          if (a > 0 && !(r > 245 && gr > 245 && b > 245)) painted += 1;
        }
      }
      return { chart: canvas.closest('[data-chart]')?.getAttribute('data-chart') ?? '?', width, height, painted };
    }),
  );
}

/** Waits until every canvas of the dashboard has drawn, and returns what each one painted. */
async function chartsDrawn(page: Page, atLeast: number) {
  let last: Awaited<ReturnType<typeof paintedPixels>> = [];
  await until(
    async () => {
      last = await paintedPixels(page);
      return last.length >= atLeast && last.every((c) => c.painted > 1500);
    },
    'every chart to draw',
    20_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(last)}`);
  });
  return last;
}

describe('the leadership dashboard', () => {
  it('leadership opens it from home; every chart draws, with its table, a PNG, and the filters', async () => {
    const { page, context, problems } = await openTab(browser, server);
    await signIn(page, LEADERSHIP);
    const card = page.getByRole('link', { name: /Dasbor pimpinan/ });
    await visible(card);
    await card.click();
    await visible(page.getByRole('heading', { level: 1, name: 'Dasbor pimpinan' }));
    expect(page.url()).toMatch(/\/c\/[^/]+\/dashboard$/);

    // six charts, all drawn on the demo data: 2025 published (version 2, the amendment) and the imported 2021-2024
    // decrees, which give the trend its years and the movers their previous year
    const panels = page.locator('.dash-panel');
    await until(async () => (await panels.count()) === 6, 'the six chart panels');
    const drawn = await chartsDrawn(page, 6);
    for (const chart of [
      'dash-bands',
      'dash-trend',
      'dash-indicators',
      'dash-movers',
      'dash-participation',
      'dash-evaluators',
    ]) {
      expect(
        drawn.map((c) => c.chart),
        chart,
      ).toContain(chart);
    }
    await visible(page.getByText('Hasil yang dipublikasikan, versi 2.'));

    // every chart has its data table beside it, with a caption, and the canvas names it
    for (const panel of await panels.all()) {
      if ((await panel.locator('canvas').count()) === 0) {
        await visible(panel.locator('.dash-empty'));
        continue;
      }
      const title = (await panel.getByRole('heading', { level: 2 }).textContent()) ?? '';
      expect(await panel.locator('table caption').textContent()).toBe(title);
      expect(await panel.locator('table tbody tr').count()).toBeGreaterThan(0);
      expect(await panel.locator('canvas').getAttribute('aria-label')).toContain(title);
    }
    // the trend's table has a row per year, 2021-2025, each a published version; participation counts registered
    // bodies in the Indonesian form
    const trend = page.locator('[data-chart="dash-trend"]');
    expect(await trend.locator('tbody tr').count()).toBe(5);
    await visible(trend.getByRole('cell', { name: 'Dipublikasikan, versi 2' }));
    const registered = page
      .locator('[data-chart="dash-participation"] tr', { hasText: 'Terdaftar' })
      .locator('td')
      .first();
    expect(await registered.textContent()).toMatch(/^\d{1,3}(\.\d{3})*$/);
    await shot(page, 'dashboard', SHOTS);

    // a PNG download of a chart: an image on a white background
    const bands = page.locator('[data-chart="dash-bands"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bands.getByRole('button', { name: /Unduh PNG/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const file = await readFile((await download.path()) as string);
    expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    // the category filter goes into the address and the charts redraw for it
    const category = page.getByLabel('Kategori', { exact: true });
    const options = await category.locator('option').all();
    const value = await options[1]?.getAttribute('value');
    expect(value).toBeTruthy();
    await category.selectOption(value as string);
    await until(
      async () => page.url().includes(`category=${encodeURIComponent(value as string)}`),
      'the category in the URL',
    );
    await until(
      async () => (await bands.locator('table tbody tr').count()) <= 1,
      'the band table to keep to one category',
    );
    await chartsDrawn(page, 4);

    // the period filter: every period of the commission, with its stage; another period goes into the address
    const period = page.getByLabel('Periode', { exact: true });
    const periods = await period.locator('option').all();
    expect(periods.length).toBeGreaterThan(1);
    const selected = await period.inputValue();
    const other = await Promise.all(periods.map((o) => o.getAttribute('value')));
    const next = other.find((v) => v && v !== selected) as string;
    await period.selectOption(next);
    await until(async () => page.url().includes(`periodId=${encodeURIComponent(next)}`), 'the period in the URL');
    await until(async () => (await period.inputValue()) === next, 'the period shown');

    // in English too: the headings, the tables and the charts follow the language
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'Leadership dashboard' }));
    await visible(page.getByRole('heading', { level: 2, name: 'Participation' }));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works on a phone: one column, charts drawn, no sideways scroll of the page', async () => {
    const { page, context, problems } = await openTab(browser, server, { width: 390, height: 844 });
    await signIn(page, LEADERSHIP);
    await visible(page.getByRole('link', { name: /Dasbor pimpinan/ }));
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    const cid = me.user.roles.find((r: { role: string }) => r.role === 'leadership').commissionId as string;
    await page.goto(`/c/${cid}/dashboard`);
    await visible(page.getByRole('heading', { level: 1, name: 'Dasbor pimpinan' }));
    const drawn = await chartsDrawn(page, 5);
    // a chart fills the phone's width (less the page's margins), never more
    for (const c of drawn) expect(c.width).toBeLessThanOrEqual(390);
    expect(await horizontalOverflow(page)).toBe(0);
    // one column: the table comes under its chart
    const chartBox = await page.locator('[data-chart="dash-bands"] .dash-chart').boundingBox();
    const tableBox = await page.locator('[data-chart="dash-bands"] .table-wrap').boundingBox();
    expect(tableBox && chartBox && tableBox.y >= chartBox.y + chartBox.height).toBe(true);
    await shot(page, 'dashboard-phone', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  });
});
