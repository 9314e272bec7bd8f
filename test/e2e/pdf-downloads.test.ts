import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf.ts';
import {
  downloadedBytes,
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  startServer,
  type TestServer,
  until,
  visible,
} from './harness.ts';

/**
 * Issue 24, item 5 for staff, on the demo: the admin downloads the 2025 ranking report and every certificate as one
 * ZIP from the period page, watching the ZIP's progress count the certificates as they stream in; leadership finds the
 * report on the dashboard. The files are checked as files: the PDF's text, the ZIP's entries.
 */
const SHOTS = '/tmp/shots-pdf-downloads';
const ADMIN = 'admin@kipusat.demo';
const LEADERSHIP = 'pimpinan@kipusat.demo';
const DECREE_V2 = 'SK 12/KEP/KIP/XII/2025';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The signed-in user's commission (by role) and its 2025 period, read through the page's own session. */
async function period2025(page: Page, role: string): Promise<{ cid: string; pid: string }> {
  return page.evaluate(async (role) => {
    const me = await (await fetch('/api/me')).json();
    const cid = me.user.roles.find((r: { role: string }) => r.role === role).commissionId as string;
    const list = await (await fetch(`/api/commissions/${cid}/periods`)).json();
    const periods = (Array.isArray(list) ? list : list.periods) as { id: string; year: number }[];
    return { cid, pid: (periods.find((p) => p.year === 2025) as { id: string }).id };
  }, role);
}

/** Records every text the ZIP's progress shows, from now on (the page renders each step; a poll could miss some). */
function recordProgress(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { progressSeen: string[] };
    w.progressSeen = [];
    new MutationObserver(() => {
      const text = document.querySelector('.doc-progress-text')?.textContent ?? '';
      if (text && w.progressSeen.at(-1) !== text) w.progressSeen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

describe('the staff’s PDF downloads', () => {
  it('the admin downloads the report and every certificate (ZIP, with progress) from the period page', async () => {
    const { page, context, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await visible(page.getByRole('link', { name: 'Periode' }));
    const { cid, pid } = await period2025(page, 'commission_admin');
    const valid = await page.evaluate(async (pid) => {
      const list = await (await fetch(`/api/periods/${pid}/certificates`)).json();
      return (list.certificates as { revoked: boolean }[]).filter((c) => !c.revoked).length;
    }, pid);
    expect(valid).toBeGreaterThan(40);

    await page.goto(`/c/${cid}/periods/${pid}`);
    await visible(page.getByRole('heading', { level: 2, name: 'Dokumen' }));
    const section = page.locator('section.doc-section');
    await visible(section.getByText(`${valid} piagam berlaku.`, { exact: false }));
    // the latest version is the one offered first
    expect(await section.getByLabel('Versi', { exact: true }).locator('option:checked').textContent()).toContain(
      DECREE_V2,
    );

    // the ranking report: a PDF in Indonesian carrying version 2's decree
    const [report] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      section.getByRole('button', { name: 'Unduh laporan (PDF)' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await downloadedBytes(report);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(DECREE_V2);

    // the ZIP: cancelled first, while it streams, nothing is saved
    const zipButton = section.getByRole('button', { name: 'Unduh semua piagam (ZIP)' });
    await recordProgress(page);
    await zipButton.click();
    const cancel = section.getByRole('button', { name: 'Batalkan unduhan' });
    await visible(cancel);
    await until(async () => (await progressSeen(page)).some((t) => /^[1-9]\d* dari /.test(t)), 'a first certificate');
    await section.screenshot({ path: `${SHOTS}/zip-progress.png` });
    await cancel.click();
    await visible(page.getByText('Unduhan piagam dibatalkan; tidak ada berkas yang disimpan.'));
    await visible(zipButton);

    // then whole: the count goes up as the certificates arrive, to "n dari n", and the file is saved
    await recordProgress(page);
    const [answer, zipDownload] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/certificates.zip')),
      page.waitForEvent('download', { timeout: 90_000 }),
      zipButton.click(),
    ]);
    const count = Number(answer.headers()['x-certificate-count']);
    expect(count).toBe(valid);
    await visible(section.getByText(`${count} dari ${count} piagam`, { exact: true }));
    const seen = await progressSeen(page);
    // several steps between the first and the last (the stream is counted as it comes, not at its end)
    const steps = seen.map((t) => Number(/^(\d+) dari /.exec(t)?.[1] ?? Number.NaN)).filter((n) => !Number.isNaN(n));
    expect(steps.at(-1)).toBe(count);
    expect(steps.filter((n) => n > 0 && n < count).length).toBeGreaterThan(2);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);

    expect(zipDownload.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(await downloadedBytes(zipDownload));
    const certificates = Object.keys(files).filter((n) => /^piagam\/\d{4}-.+\.pdf$/.test(n));
    expect(certificates).toHaveLength(count);
    expect(Object.keys(files).at(-1)).toBe('daftar-piagam.csv');
    const first = files[certificates[0] as string] as Uint8Array;
    expect(new TextDecoder().decode(first.subarray(0, 5))).toBe('%PDF-');
    await shot(page, 'period-documents', SHOTS);

    // the results page: a PDF link per certificate in force and its verification page
    await page.goto(`/c/${cid}/periods/${pid}/results`);
    const list = page.locator('table.results-certificates');
    await visible(list);
    const links = list.getByRole('link', { name: /^Unduh piagam .+, PDF$/ });
    expect(await links.count()).toBe(valid);
    const [one] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), links.first().click()]);
    const certificate = await downloadedBytes(one);
    expect(new TextDecoder().decode(certificate.subarray(0, 5))).toBe('%PDF-');
    expect(await list.getByRole('link', { name: /^Verifikasi piagam / }).count()).toBeGreaterThanOrEqual(valid);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leadership downloads the report from the dashboard, in English too, and on a phone', async () => {
    const { page, context, problems } = await openTab(browser, server, PHONE);
    await signIn(page, LEADERSHIP);
    await visible(page.getByRole('link', { name: /Dasbor pimpinan/ }));
    const { cid, pid } = await period2025(page, 'leadership');
    await page.goto(`/c/${cid}/dashboard?periodId=${pid}`);
    const button = page.getByRole('button', { name: 'Unduh laporan (PDF)' });
    await visible(button);
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'dashboard-report-phone', SHOTS);

    await page.getByLabel('Bahasa').selectOption('en');
    const english = page.getByRole('button', { name: 'Download report (PDF)' });
    await visible(english);
    const [report] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), english.click()]);
    const text = await pdfText(await downloadedBytes(report));
    expect(text).toContain(DECREE_V2);
    // the English edition: English labels, English number forms
    expect(text).toMatch(/Rank/i);
    expect(problems).toEqual([]);
    await context.close();
  });
});
