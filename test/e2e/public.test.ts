import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import {
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  visible,
} from './harness.ts';

let server: TestServer;
let browser: Browser;
/** The demo's decree for 2025 as published (by the demo, or by this test when the demo publishes nothing yet). */
let decree: { version: number; decreeNumber: string };
let certificate: string | undefined;
/** A certificate revoked by the amendment, and its replacement. */
let revoked: { code: string; replacedBy: string } | undefined;

const ADMIN = 'admin@kipusat.demo';

/**
 * The demo publishes 2025 (version 1, then an amendment) once the publication lands in the demo seed; until then this
 * test publishes and amends it itself through the API, as the commission admin would. Either way 2025 ends up
 * published with an amendment.
 */
async function ensurePublished(): Promise<void> {
  const admin = await signInApi(server, ADMIN);
  const me = await admin('GET', '/me');
  const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId as string;
  const periods = await admin('GET', `/commissions/${cid}/periods`);
  const p2025 = periods.body.periods.find((p: { year: number }) => p.year === 2025) as { id: string };
  const listed = await fetch(`${server.url}/api/public/commissions`).then((r) => r.json());
  const kip = listed.commissions.find((c: { code: string }) => c.code === 'KIP');
  if (!kip?.years.includes(2025)) {
    const published = await admin('POST', `/periods/${p2025.id}/results/publish`, {
      decreeNumber: '77/KEP/KIP/XII/2025',
      decreeDate: '2025-12-10',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    // and amended as the demo will: a correction raises a certified body's presentation score, version 2 revokes its
    // certificate and issues the replacement
    const issued = await admin('GET', `/periods/${p2025.id}/certificates`);
    const holder = issued.body.certificates[0] as { bodyId: string };
    const submissions = await admin('GET', `/periods/${p2025.id}/submissions`);
    const sid = submissions.body.submissions.find((x: { bodyId: string }) => x.bodyId === holder.bodyId).id as string;
    const results = await admin('GET', `/periods/${p2025.id}/results`);
    const row = results.body.rows.find((r: { bodyId: string }) => r.bodyId === holder.bodyId);
    const corrected = await admin('POST', `/submissions/${sid}/corrections`, {
      component: 'presentation',
      score: row.components.presentation === 100 ? 99 : 100,
      reason: 'Salah ketik nilai juri',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    const amended = await admin('POST', `/periods/${p2025.id}/results/publish`, {
      decreeNumber: '78/KEP/KIP/XII/2025',
      decreeDate: '2025-12-17',
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
  }
  const results = await fetch(`${server.url}/api/public/commissions/KIP/results/2025`).then((r) => r.json());
  decree = { version: results.version, decreeNumber: results.decreeNumber };
  const certificates = await admin('GET', `/periods/${p2025.id}/certificates`);
  type Certificate = { code: string; revoked: boolean; replacedBy: string | null };
  const list = (certificates.body?.certificates ?? []) as Certificate[];
  certificate = list.find((c) => !c.revoked)?.code;
  const replaced = list.find((c) => c.revoked && c.replacedBy);
  revoked = replaced ? { code: replaced.code, replacedBy: replaced.replacedBy as string } : undefined;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await ensurePublished();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the public results, as a visitor without an account', () => {
  it('opens the 2025 results, filters a category, searches, and downloads the CSV with the decree inside', async () => {
    const { page, problems } = await openTab(browser, server);
    await page.goto('/public');
    await visible(page.getByRole('heading', { level: 1, name: 'Hasil keterbukaan informasi publik' }));
    // signed out: no navigation of the staff, the language switch still there
    expect(await page.getByRole('navigation', { name: /navigasi/i }).count()).toBe(0);
    await visible(page.getByLabel('Bahasa'));
    const kip = page.getByRole('region', { name: 'Komisi Informasi Pusat' });
    await visible(kip);
    await shot(page, 'public-home-desktop-id');
    await kip.getByRole('link', { name: 'Hasil 2025' }).click();

    await page.waitForURL(/\/public\/KIP\/2025$/);
    await visible(page.getByRole('heading', { level: 1, name: /^Hasil 2025 · Komisi Informasi Pusat/ }));
    await visible(page.getByText(decree.decreeNumber));
    const table = page.getByRole('table');
    await visible(table);
    const total = await table.locator('tbody tr').count();
    expect(total).toBeGreaterThan(10);
    // Indonesian numbers: a decimal comma, two decimals
    const finals = await table.locator('td.public-final').allTextContents();
    expect(finals.every((f) => /^\d{1,3},\d{2}$/.test(f))).toBe(true);
    await shot(page, 'public-results-desktop-id');

    // the category filter: only that category's rows, and the count says so
    await page.getByLabel('Kategori').selectOption('PEMPROV');
    const categories = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.length).toBeLessThan(total);
    expect(new Set(categories.map((c) => c.trim()))).toEqual(new Set(['PEMPROV']));
    await visible(page.getByText(`Menampilkan ${categories.length} dari ${total} badan publik`));
    const firstName = (await table.locator('tbody tr th').first().textContent())?.trim() ?? '';

    // the download carries the filter: the CSV of that category, with the decree and the version on every line
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`kip-2025-v${decree.version}-pemprov.csv`);
    const text = await readFile((await download.path()) as string, 'utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header?.fields.slice(0, 3)).toEqual(['rank', 'bodyName', 'categoryCode']);
    expect(header?.fields.slice(-6)).toEqual(['final', 'band', 'decreeNumber', 'decreeDate', 'version', 'example']);
    expect(rows).toHaveLength(categories.length);
    const first = rows.find((r) => r.fields[1] === firstName);
    expect(first, `${firstName} in the CSV`).toBeDefined();
    const fields = first?.fields ?? [];
    expect(fields[2]).toBe('PEMPROV');
    expect(fields.at(-4)).toBe(decree.decreeNumber);
    expect(fields.at(-2)).toBe(String(decree.version));
    expect(fields.at(-6)).toMatch(/^\d{1,3}\.\d{2}$/);

    // the search narrows to one body by name; the body's page shows its years
    const matching = rows.filter((r) => r.fields[1]?.toLowerCase().includes(firstName.toLowerCase())).length;
    await page.getByLabel('Cari badan publik').fill(firstName.toLowerCase());
    await visible(page.getByText(`Menampilkan ${matching} dari ${total} badan publik`));
    await table.getByRole('link', { name: firstName, exact: true }).click();
    await page.waitForURL(/\/public\/bodies\//);
    await visible(page.getByRole('heading', { level: 1, name: firstName }));
    await visible(page.getByRole('table').getByRole('link', { name: '2025' }));
    await shot(page, 'public-body-desktop-id');

    // the methodology of the year
    await page.goBack();
    await page.getByRole('link', { name: 'Metodologi' }).click();
    await visible(page.getByRole('heading', { level: 1, name: /^Metodologi 2025/ }));
    await visible(page.getByRole('heading', { level: 2, name: 'Indikator kuesioner' }));
    await shot(page, 'public-methodology-desktop-id');

    // in English the same page speaks English and writes numbers with a point
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: /^Methodology 2025/ }));
    await page.goto('/public/KIP/2025');
    await visible(page.getByRole('heading', { level: 1, name: /^Results 2025/ }));
    const english = await page.getByRole('table').locator('td.public-final').allTextContents();
    expect(english.every((f) => /^\d{1,3}\.\d{2}$/.test(f))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('an unpublished year says so; a certificate is checked by its code, an unknown code is refused', async () => {
    const { page, problems } = await openTab(browser, server);
    await page.goto('/public/KIP/2026');
    await visible(page.getByText('Belum ada hasil yang diterbitkan untuk komisi dan tahun ini.'));
    expect(await page.getByRole('table').count()).toBe(0);

    // the publication issues certificates to the bands that earn one
    expect(certificate).toBeDefined();
    const checked = await fetch(`${server.url}/api/public/certificates/${certificate}`).then((r) => r.json());
    await page.goto(`/verify/${certificate}`);
    await visible(page.getByText('Sertifikat sah'));
    await visible(page.getByText(checked.decreeNumber));
    await visible(page.getByText(checked.bodyName));
    // what the certificate prints can be compared: its category, the decree's date, the final at its decimals
    const decreeDate = new Intl.DateTimeFormat('id-ID', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Jakarta',
    }).format(new Date(checked.decreeDate));
    const facts = page.getByRole('definition');
    await visible(facts.filter({ hasText: new RegExp(`^${decreeDate}$`) }));
    await visible(facts.filter({ hasText: new RegExp(`^${checked.category.name}$`) }));
    await visible(
      facts.filter({ hasText: new RegExp(`^${checked.final.toFixed(checked.decimals).replace('.', ',')}$`) }),
    );
    // an amendment revoked a certificate (the demo's, or this test's) and issued its replacement
    expect(revoked).toBeDefined();
    if (revoked) {
      await page.goto(`/verify/${revoked.code}`);
      await visible(page.getByText('Sertifikat dicabut'));
      await shot(page, 'public-verify-revoked-id');
      await page.getByRole('link', { name: 'Lihat sertifikat penggantinya' }).click();
      await page.waitForURL(new RegExp(`/verify/${revoked.replacedBy}$`));
      await visible(page.getByText('Sertifikat sah'));
    }
    await page.goto('/verify/BUKANKODESERTIFIKAT');
    await visible(page.getByText('Kode tidak dikenal'));
    // another code from the form
    await page.getByLabel('Kode sertifikat').fill('KODELAIN');
    await page.getByRole('button', { name: 'Periksa' }).click();
    await page.waitForURL(/\/verify\/KODELAIN$/);
    await visible(page.getByText('Tidak ada sertifikat dengan kode KODELAIN.', { exact: false }));
    expect(problems).toEqual([]);
  });

  it('works on a phone: the table scrolls inside its box, not the page', async () => {
    const { page, problems } = await openTab(browser, server, PHONE);
    await page.goto('/public/KIP/2025');
    await visible(page.getByRole('table'));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'public-results-phone-id');
    expect(problems).toEqual([]);
  });

  it('looks the same to a signed-in admin, with the staff navigation', async () => {
    const { page, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/public/KIP/2025');
    await visible(page.getByRole('heading', { level: 1, name: /^Hasil 2025/ }));
    await visible(page.getByRole('link', { name: 'Unduh JSON' }));
    expect(await page.getByRole('button', { name: 'Keluar' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
