import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_REPORT, type ChunkReport, modulesLoaded } from '../../web/build/chunk-report.ts';
import {
  launchBrowser,
  openTab,
  signIn,
  signInWithForm,
  startServer,
  type TestServer,
  toBodies,
  visible,
} from './harness.ts';

/**
 * What an operator downloads. The operator's pages stay small on a slow connection: the scripts of a first visit
 * to the SAQ page weigh at most 150 kB as transferred (compressed), they arrive compressed, and none of them carries
 * chart.js, which only staff pages use. The chart.js check goes by the build's chunk report (modules per chunk),
 * so that it keeps working however the library is minified or renamed.
 */
const BUDGET_BYTES = 150 * 1024;
const CHART_JS = /(^|\/)node_modules\/chart\.js\//;
const OPERATOR = 'ppid@kementerian-keuangan.demo';
const TITLE_2026 = 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026';

let server: TestServer;
let browser: Browser;
let report: ChunkReport;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  report = JSON.parse(await readFile(CHUNK_REPORT, 'utf8')) as ChunkReport;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Script {
  url: string;
  /** The body's bytes as they crossed the wire (compressed when the server compressed). */
  transferred: number;
  encoding: string | undefined;
}

/** Records every script the page fetches (module preloads included), with its size on the wire. */
function recordScripts(page: Page): Script[] {
  const scripts: Script[] = [];
  page.on('requestfinished', async (request) => {
    if (!new URL(request.url()).pathname.endsWith('.js')) return;
    const response = await request.response();
    const sizes = await request.sizes();
    scripts.push({
      url: request.url(),
      transferred: sizes.responseBodySize,
      encoding: (await response?.allHeaders())?.['content-encoding'],
    });
  });
  return scripts;
}

const total = (scripts: Script[]) => scripts.reduce((sum, s) => sum + s.transferred, 0);
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

describe('the operator’s bundle', () => {
  it('the SAQ page loads at most 150 kB of compressed JS, none of it chart.js', async () => {
    // the whole way an operator comes: sign-in page, home, the SAQ
    const { page, context, problems } = await openTab(browser, server);
    const journey = recordScripts(page);
    // through the form: the sign-in page's scripts are part of the journey
    await signInWithForm(page, OPERATOR);
    const link = page.getByRole('region', { name: TITLE_2026 }).getByRole('link', { name: 'Isi kuesioner' });
    await visible(link);
    const saqPath = await link.getAttribute('href');
    expect(saqPath).toMatch(/^\/saq\//);
    await link.click();
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    await page.waitForLoadState('networkidle');

    // a first visit straight to the SAQ page (signed in, nothing cached): what the budget is about
    const state = await context.storageState();
    const cold = await browser.newContext({ baseURL: server.url, storageState: state, locale: 'id-ID' });
    const coldPage = await cold.newPage();
    const first = recordScripts(coldPage);
    await coldPage.goto(saqPath as string);
    await visible(coldPage.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    await coldPage.waitForLoadState('networkidle');
    await cold.close();

    const lines = first.map((s) => `${new URL(s.url).pathname} ${kB(s.transferred)} ${s.encoding ?? 'plain'}`);
    console.info(
      `BUDGET saq first load ${kB(total(first))} in ${first.length} scripts; whole journey ${kB(total(journey))}\n  ${lines.join('\n  ')}`,
    );
    expect(first.length).toBeGreaterThan(1); // the entry and the SAQ page's own chunk at least
    expect(total(first), 'JS of a first visit to the SAQ page').toBeLessThanOrEqual(BUDGET_BYTES);
    expect(total(journey), 'JS of sign-in, home and the SAQ page together').toBeLessThanOrEqual(BUDGET_BYTES);

    // every script arrives compressed (Chromium asks for br where it may, gzip otherwise)
    for (const script of [...first, ...journey]) {
      expect(script.encoding, new URL(script.url).pathname).toMatch(/^(br|gzip)$/);
    }

    // no chunk the operator loaded holds a module of chart.js, and every loaded file is one the report knows
    const urls = [...first, ...journey].map((s) => s.url);
    expect(modulesLoaded(report, urls, CHART_JS)).toEqual({ offending: [], unknown: [] });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the SAQ page’s own chunk is not part of what staff or the sign-in page load', async () => {
    const { page, context } = await openTab(browser, server);
    const scripts = recordScripts(page);
    await page.goto('/login');
    await visible(page.getByRole('button', { name: 'Masuk', exact: true }));
    await page.waitForLoadState('networkidle');
    const files = scripts.map((s) => new URL(s.url).pathname.replace(/^\//, ''));
    const saqChunks = Object.entries(report.chunks)
      .filter(([, chunk]) => chunk.modules.includes('web/src/pages/SaqPage.tsx'))
      .map(([file]) => file);
    expect(saqChunks).toHaveLength(1);
    expect(files).not.toContain(saqChunks[0]);
    await context.close();
  });

  it('the check has teeth: a staff what-if loads chart.js, and the same check finds it', async () => {
    // the build really has chart.js in a chunk (the what-if's chart), so a leak into an operator's chunk would show
    const withChart = Object.entries(report.chunks).filter(([, chunk]) => chunk.modules.some((m) => CHART_JS.test(m)));
    expect(withChart.length).toBeGreaterThan(0);

    const { page, context, problems } = await openTab(browser, server);
    const scripts = recordScripts(page);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Periode' }).click();
    await page.getByRole('link', { name: TITLE_2026 }).click();
    await visible(page.getByRole('heading', { level: 1, name: TITLE_2026 }));
    await page.getByRole('tab', { name: 'Simulasi (what-if)' }).click();
    const before = modulesLoaded(
      report,
      scripts.map((s) => s.url),
      CHART_JS,
    );
    expect(before.offending, 'chart.js before any chart is drawn').toEqual([]);
    await page.getByRole('button', { name: 'Jalankan simulasi' }).click();
    // the chart: an image described in words, and its table of figures
    const chart = page.getByRole('img', { name: /^Diagram batang jumlah badan publik per kualifikasi/ });
    await visible(chart);
    expect(await chart.evaluate((canvas) => (canvas as HTMLCanvasElement).width)).toBeGreaterThan(0);
    await visible(page.getByRole('table', { name: /^Jumlah badan publik per kualifikasi/ }));
    await page.waitForLoadState('networkidle');
    const after = modulesLoaded(
      report,
      scripts.map((s) => s.url),
      CHART_JS,
    );
    expect(after.unknown).toEqual([]);
    expect(after.offending.map((o) => o.module)).toContain('node_modules/chart.js/dist/chart.js');
    expect(problems).toEqual([]);
    await context.close();
  });
});
