import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openTab,
  shot,
  signIn,
  startServer,
  type TestServer,
  toBodies,
  until,
  visible,
} from './harness.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const BAD_CSV = [
  'name,categoryCode,province,website,ppidEmail',
  'Lembaga Uji Coba Satu,LNS,DKI Jakarta,https://satu.example.go.id,ppid@satu.example.go.id',
  'Lembaga Uji Coba Dua,TIDAKADA,Jawa Barat,,',
].join('\n');

const GOOD_CSV = BAD_CSV.replace('TIDAKADA', 'LNLPNK');

describe('the registry, as a commission admin', () => {
  it('signs in, lists KI Pusat’s bodies, switches to English and imports a CSV: a bad line first, then fixed', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');

    // a commission admin lands on that commission's body list
    await toBodies(page);
    await visible(page.getByRole('heading', { level: 1, name: 'Badan publik' }));
    await visible(page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }));
    await visible(page.getByText('Komisi Informasi Pusat'));
    await visible(page.getByText('77 badan publik terdaftar'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    await shot(page, 'bodies-desktop-id');

    // the language switch: labels change, <html lang> follows, the choice survives a reload
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'Public bodies' }));
    await visible(page.getByLabel('Language'));
    await visible(page.getByText('77 public bodies registered'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, name: 'Public bodies' }));

    // the import: one bad line (line 3, an unknown category) imports nothing and is reported with its line
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('or paste CSV').fill(BAD_CSV);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'nothing was imported' });
    await visible(alert);
    await visible(alert.getByRole('row').filter({ hasText: 'Line 3' }));
    expect(await alert.getByRole('row').filter({ hasText: 'Line 3' }).textContent()).toContain('TIDAKADA');
    expect(await alert.textContent()).not.toContain('Line 2');
    await shot(page, 'import-error-desktop-en');
    expect(await page.getByRole('link', { name: 'Lembaga Uji Coba Satu' }).count()).toBe(0);

    // fixed: the file input loads the corrected file into the box; the import succeeds and the list refreshes
    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'badan-publik.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD_CSV),
    });
    const box = page.getByLabel('or paste CSV');
    await until(async () => (await box.inputValue()).includes('LNLPNK'), 'the file to load into the box');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const success = page.locator('.alert-success').filter({ hasText: 'Import succeeded' });
    await visible(success);
    expect(await success.textContent()).toMatch(/Created\s*2/);
    await visible(page.getByRole('link', { name: 'Lembaga Uji Coba Dua', exact: true }));
    await visible(page.getByRole('link', { name: 'Lembaga Uji Coba Satu', exact: true }));
    await visible(page.getByText('79 public bodies registered'));
    await visible(page.getByRole('status').filter({ hasText: '2 created' }));
    await shot(page, 'import-success-desktop-en');

    // the search and the category filter narrow the list
    await page.getByLabel('Search by name').fill('uji coba');
    await visible(page.getByText('2 public bodies match'));
    await page.getByLabel('Search by name').fill('');
    await page.getByLabel('Category', { exact: true }).selectOption('LNLPNK');
    await visible(page.getByRole('link', { name: 'Lembaga Uji Coba Dua', exact: true }));
    expect(await page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('adds a body with per-field errors from the server, then edits it with If-Match and meets a conflict', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    const listUrl = page.url();

    await page.getByRole('button', { name: 'Tambah badan publik' }).click();
    await page.getByLabel('Nama badan publik').fill('Kementerian Keuangan');
    await page.getByLabel('Kategori', { exact: true }).first().selectOption('KEMENTERIAN');
    await page.getByLabel('Situs web').fill('bukan-alamat');
    await page.getByRole('button', { name: 'Simpan badan publik' }).click();
    // zod answers first (the website), with the field's own message beside it
    await visible(page.locator('#new-body-website-error'));
    expect(await page.getByLabel('Situs web').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Situs web').fill('https://www.kemenkeu.go.id');
    await page.getByRole('button', { name: 'Simpan badan publik' }).click();
    // then the duplicate name: 409 ALREADY_EXISTS with errors[].path = name
    await visible(page.locator('#new-body-name-error'));
    await visible(page.getByText('Data ini sudah terdaftar.'));
    await shot(page, 'create-errors-desktop-id');

    await page.getByLabel('Nama badan publik').fill('Badan Riset Keterbukaan');
    await page.getByRole('button', { name: 'Simpan badan publik' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Badan Riset Keterbukaan' }));
    await visible(page.getByRole('link', { name: 'Badan Riset Keterbukaan', exact: true }));

    // two tabs on the same body: the second save meets the first one's version
    await page.getByRole('link', { name: 'Badan Riset Keterbukaan', exact: true }).click();
    await page.waitForURL(/\/bodies\/[^/]+$/);
    const editUrl = page.url();
    await visible(page.getByRole('heading', { name: 'Ubah data badan publik' }));
    const other = await context.newPage();
    await other.goto(editUrl);
    await visible(other.getByRole('heading', { name: 'Ubah data badan publik' }));

    await other.getByLabel('Provinsi').fill('Jawa Tengah');
    await other.getByRole('button', { name: 'Simpan perubahan' }).click();
    await other.waitForURL(listUrl);
    await visible(other.getByRole('status').filter({ hasText: 'telah disimpan' }));

    await page.getByLabel('Provinsi').fill('Bali');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Data ini telah diubah orang lain' });
    await visible(conflict);
    expect(await conflict.textContent()).toContain('Jawa Tengah');
    expect(await conflict.textContent()).toContain('Bali');
    await shot(page, 'edit-conflict-desktop-id');
    await page.getByRole('button', { name: 'Simpan isian saya' }).click();
    await page.waitForURL(listUrl);
    const row = page.getByRole('row').filter({ hasText: 'Badan Riset Keterbukaan' });
    await visible(row);
    expect(await row.textContent()).toContain('Bali');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows evaluators the list read-only', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'evaluator1@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Badan publik', exact: true }).click();
    await visible(page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }));
    await visible(page.getByText('(hanya baca)'));
    expect(await page.getByRole('button', { name: 'Impor CSV' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tambah badan publik' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Pengguna', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Kementerian Keuangan' }));
    expect(await page.getByRole('button', { name: 'Simpan perubahan' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('pages through more than 200 bodies', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    const lines = Array.from({ length: 130 }, (_, i) => `Lembaga Halaman ${String(i + 1).padStart(3, '0')},LNS`);
    await page.getByRole('button', { name: 'Impor CSV' }).click();
    await page.getByLabel('atau tempel CSV').fill(['name,categoryCode', ...lines].join('\n'));
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await visible(page.locator('.alert-success').filter({ hasText: 'Impor berhasil' }));
    await visible(page.getByText(/^Menampilkan 1–200 dari 2\d\d badan publik/));
    await visible(page.getByText('Halaman 1 dari 2'));
    expect(await page.getByRole('button', { name: 'Sebelumnya' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await visible(page.getByText('Halaman 2 dari 2'));
    await visible(page.getByText(/^Menampilkan 201–2\d\d dari 2\d\d badan publik/));
    expect(await page.getByRole('button', { name: 'Berikutnya' }).isDisabled()).toBe(true);
    // a new search starts again at the first page
    await page.getByLabel('Cari nama').fill('Lembaga Halaman');
    await visible(page.getByText('130 badan publik cocok'));
    expect(await page.getByText('Halaman 1 dari 2').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
