import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  checkA11y,
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  until,
  visible,
} from './harness.ts';

/**
 * The admin's results page on the demo's 2025 period: the admin sees the rows, files a correction, publishes (or,
 * when the demo has already published 2025, amends) and sees the new version and its diff; an older version is read
 * only; leadership reads the page without the forms. Works whether 2025 starts at the results stage or published.
 */
const SHOTS = '/tmp/shots-results';
const ADMIN = 'admin@kipusat.demo';
const LEADERSHIP = 'pimpinan@kipusat.demo';
const REASON = 'Salah input nilai presentasi pada rekap juri (uji E2E)';

let server: TestServer;
let browser: Browser;
let admin: ApiCall;
let cid = '';
let pid = '';

interface Row {
  bodyId: string;
  bodyName: string;
  final: number;
  components: Record<string, number | null>;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await signInApi(server, ADMIN);
  cid = (await admin('GET', '/me')).body.user.roles.find(
    (r: { role: string }) => r.role === 'commission_admin',
  ).commissionId;
  const periods = await admin('GET', `/commissions/${cid}/periods`);
  const period = periods.body.periods.find((p: { year: number }) => p.year === 2025);
  expect(period, 'the demo has a 2025 period').toBeTruthy();
  expect(['results', 'published']).toContain(period.stage);
  pid = period.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const resultsUrl = () => `/c/${cid}/periods/${pid}/results`;

async function latestVersion(): Promise<number> {
  const versions = await admin('GET', `/periods/${pid}/results/versions`);
  expect(versions.status).toBe(200);
  return (versions.body as { version: number }[]).reduce((m, v) => Math.max(m, v.version), 0);
}

/** Fills the decree and confirms in the dialog; resolves once the page says the version is published. */
async function publishThroughPage(page: Page, decree: string, date: string, expected: number) {
  await page.locator('#publish-number').fill(decree);
  await page.locator('#publish-date').fill(date);
  await page.getByRole('button', { name: /^(Publikasikan…|Terbitkan amandemen…)$/ }).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog);
  expect(await dialog.textContent()).toContain('final');
  if (expected > 1) expect(await dialog.textContent()).toContain('sertifikat');
  await checkA11y(page, { again: true });
  await dialog.getByRole('button', { name: 'Ya, publikasikan' }).click();
  await visible(page.getByText(`Versi ${expected} telah dipublikasikan.`, { exact: true }).first());
}

describe('the admin results page', () => {
  it('shows the rows, takes a correction, publishes or amends, and shows the new version and its diff', async () => {
    const { page, context, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // from the period's overview, the Hasil link
    await page.goto(`/c/${cid}/periods/${pid}`);
    await page.getByRole('link', { name: 'Hasil', exact: true }).click();
    await page.waitForURL((url) => url.pathname === resultsUrl());
    await visible(page.getByRole('heading', { level: 1, name: /^Hasil: / }));
    const table = page.locator('table.results-table');
    await visible(table);
    const preview = await admin('GET', `/periods/${pid}/results`);
    expect(preview.status).toBe(200);
    const rows = preview.body.rows as Row[];
    expect(rows.length).toBeGreaterThan(0);
    expect(await table.locator('tbody tr').count()).toBe(rows.length);
    // Indonesian numbers: a decimal comma in the finals
    const firstFinal = await table.locator('tbody tr td.results-final').first().textContent();
    expect(firstFinal).toMatch(/^\d+,\d{2}$/);

    // the search narrows the table
    const top = [...rows].sort((a, b) => b.final - a.final)[0] as Row;
    await page.locator('#results-search').fill(top.bodyName);
    await until(async () => (await table.locator('tbody tr').count()) < rows.length || rows.length === 1, 'search');
    expect(await table.locator('tbody th').first().textContent()).toContain(top.bodyName);
    await page.locator('#results-search').fill('');
    await checkA11y(page);
    await shot(page, 'results-admin', SHOTS);

    // before the first publication: publish version 1 through the page, so that what follows is an amendment
    let latest = await latestVersion();
    if (latest === 0) {
      await visible(page.getByText('Pratinjau (belum dipublikasikan)').first());
      await publishThroughPage(page, 'SK-E2E/1/2025', '2025-12-20', 1);
      latest = 1;
      await visible(page.locator('.results-state').getByText('Versi 1', { exact: true }));
    }

    // a correction: the strongest body's presentation score becomes 1
    await page.locator('#correct-body').selectOption({ label: top.bodyName });
    // a question correction offers the question's own controls and "unanswered"
    const firstQuestion = page.locator('#correct-question option').nth(1);
    await firstQuestion.waitFor({ state: 'attached' });
    await page.locator('#correct-question').selectOption({ index: 1 });
    await visible(page.locator('#correct-value legend'));
    await visible(page.getByLabel('Tandai tidak dijawab (nilai 0)'));
    await page.getByLabel('Nilai komponen panel').check();
    await page.locator('#correct-component').selectOption('presentation');
    await page.locator('#correct-score').fill('1');
    await page.locator('#correct-reason').fill(REASON);
    await checkA11y(page, { again: true });
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    const corrections = page.locator('table.results-corrections');
    const filed = corrections.locator('tbody tr', { hasText: REASON });
    await visible(filed);
    expect(await filed.textContent()).toContain('tertunda');
    expect(await filed.textContent()).toContain(top.bodyName);
    await visible(page.getByText(/koreksi akan masuk pada publikasi berikutnya/));

    // the amendment: a new version, its diff opened with the corrected body and the reason
    const next = latest + 1;
    await publishThroughPage(page, `SK-E2E/${next}/2025`, '2025-12-22', next);
    const diff = page.locator('#results-diff');
    await visible(diff.getByRole('heading', { name: `Perubahan pada versi ${next}` }));
    const changed = diff.locator('tbody tr', { hasText: top.bodyName });
    await visible(changed);
    expect(await changed.textContent()).toContain(REASON);
    expect(await changed.textContent()).toMatch(/peringkat \d+/);
    await visible(page.locator('.results-state').getByText(`Versi ${next}`, { exact: true }));
    // the correction now names the version that carries it
    await visible(corrections.locator('tbody tr', { hasText: REASON }).getByText(`di versi ${next}`));
    // the versions list has the new decree
    await visible(page.locator('table.results-versions').getByText(`SK-E2E/${next}/2025`));
    await checkA11y(page, { again: true });
    await shot(page, 'results-amended', SHOTS);

    // an older version is read-only and marked as such
    await page.locator('#results-version').selectOption(String(latest));
    await visible(page.getByText('Versi lama', { exact: true }));
    expect(await page.locator('#publish-number').count()).toBe(0);
    expect(await page.locator('#correct-body').count()).toBe(0);
    await page.getByRole('button', { name: 'Lihat versi terbaru' }).click();
    await visible(page.locator('#publish-number'));

    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('is read-only for leadership and fits a phone', async () => {
    const { page, context, problems } = await openTab(browser, server, PHONE);
    await signIn(page, LEADERSHIP);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(resultsUrl());
    await visible(page.locator('table.results-table tbody tr'));
    expect(await page.locator('#publish-number').count()).toBe(0);
    expect(await page.locator('#correct-body').count()).toBe(0);
    await page.locator('#results-category').selectOption({ index: 1 });
    const categories = await page.locator('table.results-table tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(categories).size).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkA11y(page);
    await shot(page, 'results-leadership-phone', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
