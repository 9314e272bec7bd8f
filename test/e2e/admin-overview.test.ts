import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
  until,
  visible,
} from './harness.ts';

/**
 * Issue 25, item 5 in the browser, in Indonesian, on the demo: the admin's home shows the running periods' counts,
 * the submissions list is searched, filtered and exported, and a reminder goes to two chosen bodies.
 */
const SHOTS = '/tmp/shots-admin-overview';
const ADMIN = 'admin@kipusat.demo';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the admin’s overview', () => {
  it('home counts, the list searched, filtered and exported, a reminder to two chosen bodies', async () => {
    const api = await signInApi(server, ADMIN);
    const me = await api('GET', '/me');
    const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
    // one body in progress gets an extension, whose reason the list shows
    const periods = await api('GET', `/commissions/${cid}/periods`);
    const saqId = periods.body.periods.find((p: { stage: string }) => p.stage === 'saq').id;
    const before = await api('GET', `/periods/${saqId}/submissions?status=draft`);
    const extendedRow = before.body.submissions[0];
    const extension = await api('POST', `/submissions/${extendedRow.id}/extension`, {
      until: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      reason: 'E2E: gangguan jaringan',
    });
    expect(extension.status).toBe(200);
    const overview = await api('GET', `/commissions/${cid}/overview`);
    expect(overview.status).toBe(200);
    const saq = overview.body.periods.find((p: { stage: string }) => p.stage === 'saq');
    expect(saq.counts.notStarted).toBeGreaterThan(2);
    expect(saq.counts.extended).toBeGreaterThan(0);

    const { page, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Beranda', exact: true }).click();
    const running = page.getByRole('region', { name: 'Periode yang sedang berjalan' });
    await visible(running);
    const period = running.getByRole('region', { name: saq.title });
    await visible(period);
    const counts = period.getByRole('definition');
    expect(await counts.allInnerTexts()).toEqual(
      [saq.counts.notStarted, saq.counts.inProgress, saq.counts.submitted, saq.counts.extended].map((n: number) =>
        n.toLocaleString('id-ID'),
      ),
    );
    await visible(period.getByText('Belum mulai', { exact: true }));
    await visible(period.getByText('Diperpanjang', { exact: true }));
    await shot(page, 'home-id', SHOTS);

    await period.getByRole('link', { name: 'Lihat pengisian SAQ' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Pengisian SAQ' }));
    const table = page.locator('table.saq-table');
    const bodyCells = page.locator('table.saq-table tbody th');
    await until(async () => (await bodyCells.count()) > 0, 'the list');

    // search by a part of a body's name
    const list = await api('GET', `/periods/${saq.id}/submissions`);
    const target: string = list.body.submissions[0].bodyName;
    const part = target.split(' ').slice(-1)[0] as string;
    await page.getByLabel('Cari badan publik').fill(part.toLowerCase());
    await until(
      async () =>
        (await bodyCells.allInnerTexts()).length > 0 &&
        (await bodyCells.allInnerTexts()).every((n) => n.toLowerCase().includes(part.toLowerCase())),
      'the search to narrow the list',
    );
    expect((await bodyCells.allInnerTexts()).some((n) => n.startsWith(target))).toBe(true);
    // the extended body shows why and until when
    await page.getByLabel('Cari badan publik').fill(extendedRow.bodyName);
    await visible(
      page
        .getByRole('row', { name: new RegExp(extendedRow.bodyName) })
        .getByText(/^Diperpanjang: E2E: gangguan jaringan, sampai \d+ \S+ \d{4}/),
    );
    await page.getByLabel('Cari badan publik').fill('');

    // filter by status: only submitted rows, as many as the API counts
    const submitted = await api('GET', `/periods/${saq.id}/submissions?status=submitted`);
    await page.getByLabel('Status', { exact: true }).selectOption('submitted');
    await visible(page.getByText(`${submitted.body.total} pengisian`, { exact: true }));
    await until(
      async () => (await table.locator('tbody tr').count()) === Math.min(50, submitted.body.total),
      'the submitted rows',
    );
    const badges = await page.locator('table.saq-table tbody td .badge').allInnerTexts();
    expect(new Set(badges)).toEqual(new Set(['Terkirim']));

    // and by category
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Kementerian' });
    const ministries = await api('GET', `/periods/${saq.id}/submissions?category=KEMENTERIAN`);
    await visible(page.getByText(`${ministries.body.total} pengisian`, { exact: true }));
    const categories = await page.locator('table.saq-table tbody td[data-label="Kategori"]').allInnerTexts();
    expect(new Set(categories)).toEqual(new Set(['Kementerian']));

    // the CSV with the same filter
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('pengisian-saq-2026-kementerian.csv');
    const bytes = await downloadedBytes(download);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]?.startsWith('Badan publik;Kategori;Status;Terjawab')).toBe(true);
    expect(lines.slice(1, -1).every((l) => l.includes(';KEMENTERIAN;'))).toBe(true);
    await page.getByLabel('Kategori', { exact: true }).selectOption('');

    // a reminder to two chosen bodies that have not opened the SAQ
    const waiting = page.getByTestId('not-started');
    await visible(waiting);
    const names = (await waiting.locator('tbody th').allInnerTexts()).slice(0, 2);
    expect(names).toHaveLength(2);
    for (const name of names) await page.getByRole('checkbox', { name: `Pilih ${name}`, exact: true }).check();
    await page.getByRole('button', { name: 'Kirim pengingat ke yang dipilih (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kirim pengingat' });
    await visible(dialog.getByText(/Kirim e-mail pengingat ke 2 badan publik/));
    await shot(page, 'reminder-confirm-id', SHOTS);
    await dialog.getByRole('button', { name: 'Kirim pengingat', exact: true }).click();
    const result = page.getByTestId('reminder-result');
    await visible(result);
    expect(await result.textContent()).toContain('Pengingat diantrekan untuk 2 badan publik; 0 dilewati');
    await shot(page, 'reminder-done-id', SHOTS);

    // the outbox holds them, one per body, at the bodies' PPID addresses
    await result.getByRole('link', { name: 'Lihat kotak keluar' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Kotak keluar e-mail' }));
    const reminders = page.getByRole('row').filter({ hasText: 'Pengingat pengisian SAQ' });
    await until(async () => (await reminders.count()) === 2, 'two reminders in the outbox');
    for (const name of names) await visible(reminders.filter({ hasText: name }).first());
    const outbox = await api('GET', `/commissions/${cid}/outbox`);
    const sent = outbox.body.mails.filter((m: { kind: string }) => m.kind === 'reminder.saq');
    expect(sent).toHaveLength(2);

    // a second send to the same bodies today is skipped
    const again = await api('POST', `/periods/${saq.id}/reminders`, {
      bodyIds: list.body.notStarted
        .filter((b: { bodyName: string }) => names.includes(b.bodyName))
        .map((b: { bodyId: string }) => b.bodyId),
    });
    expect(again.body).toEqual({ queued: 0, skipped: 2 });

    // in English too, and on a phone nothing scrolls sideways
    await page.goto(`/c/${cid}/periods/${saq.id}/submissions`);
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('button', { name: 'Download CSV' }));
    // the two reminded today still have not opened it: they stay on the list
    await visible(page.getByRole('button', { name: `Send reminder to all (${saq.counts.notStarted})` }));
    await page.getByLabel('Language').selectOption('id');
    await page.setViewportSize(PHONE);
    await visible(page.getByRole('heading', { level: 1, name: 'Pengisian SAQ' }));
    await visible(page.getByTestId('not-started'));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'list-phone-id', SHOTS);
    expect(problems).toEqual([]);
  });
});
