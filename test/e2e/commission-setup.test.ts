import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadedBytes,
  launchBrowser,
  openTab,
  shot,
  signIn,
  startServer,
  type Tab,
  type TestServer,
  toBodies,
  visible,
} from './harness.ts';
import { applyQuestionnaireToAllCategories, createPeriodInPage, openSaqEarly } from './stage-move-steps.ts';

// A commission that starts from nothing (issue 25): the platform admin registers it and invites its admin, who sets up
// the categories, imports the bodies from a file saved by Excel in an Indonesian locale, and invites their PPID
// operators in one step; then creates the year's period, gives all seven categories KI Pusat's questionnaire in one
// step and opens the SAQ early, after the dialog's consequences, a reason and the typed year.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const suffix = Date.now().toString(36).toUpperCase();
const COMMISSION = { code: `KI-SULTRA-${suffix}`, name: 'Komisi Informasi Provinsi Sulawesi Tenggara' };
const ADMIN = { email: `admin-${suffix.toLowerCase()}@kisultra.example`, name: 'Admin KI Sultra' };
const PASSWORD = 'sultra-rahasia-2026';
// the year after today's: its SAQ is scheduled from July, so opening it now is early
const YEAR = new Date().getFullYear() + 1;
const PERIOD_TITLE = `Monev KI Sultra ${YEAR}`;
const REASON = 'Badan publik Sultra diminta mulai lebih awal';

/** Excel's "CSV (pemisah titik koma)" in an Indonesian locale: BOM, `;`, CRLF, Indonesian headers, a quoted field. */
const EXCEL_CSV = `\ufeff${[
  'Nama;Kode Kategori;Provinsi;Situs;Email PPID',
  'Pemerintah Provinsi Sulawesi Tenggara;PEMPROV;Sulawesi Tenggara;https://sultraprov.go.id;ppid@sultraprov.example',
  '"Universitas Halu Oleo; Kendari";PTN;Sulawesi Tenggara;;ppid@uho.example',
  'Partai Contoh Sultra;PARPOL;Sulawesi Tenggara;;',
].join('\r\n')}\r\n`;

async function platformAdminRegistersCommission(page: Page) {
  await signIn(page, 'admin@ki.demo');
  await page.goto('/commissions');
  await visible(page.getByRole('heading', { level: 1, name: 'Komisi informasi' }));
  await page.getByLabel('Kode', { exact: true }).fill(COMMISSION.code);
  await page.getByLabel('Nama', { exact: true }).fill(COMMISSION.name);
  await page.getByLabel(/^Provinsi/).fill('Sulawesi Tenggara');
  await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
  await visible(page.getByRole('row').filter({ hasText: COMMISSION.code }));
}

/** Returns the invitation link the page shows. */
async function platformAdminInvitesCommissionAdmin(page: Page): Promise<string> {
  await page
    .getByRole('row')
    .filter({ hasText: COMMISSION.code })
    .getByRole('link', { name: 'Pengguna', exact: true })
    .click();
  await visible(page.getByRole('heading', { level: 1, name: 'Pengguna dan undangan' }));
  await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Nama', { exact: true }).fill(ADMIN.name);
  await page.getByLabel('Peran', { exact: true }).selectOption('commission_admin');
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  return (await visible(page.getByLabel('Tautan undangan'))).inputValue();
}

async function newAdminAcceptsInvitation(page: Page, link: string) {
  await page.goto(link);
  await visible(page.getByRole('heading', { level: 1, name: 'Terima undangan' }));
  await page.getByLabel('Kata sandi baru').fill(PASSWORD);
  await page.getByLabel('Ulangi kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
  // a commission admin lands on the home page: a new commission's first steps, none done, categories first
  await page.waitForURL((url) => url.pathname === '/');
  const steps = page.getByRole('region', { name: 'Langkah awal komisi' });
  for (const step of ['Kategori badan publik', 'Badan publik dan operator PPID', 'Periode evaluasi']) {
    await visible(steps.getByRole('listitem').filter({ hasText: step }).filter({ hasText: 'Belum' }));
  }
  expect(await steps.locator('a[aria-current="step"]').textContent()).toBe('Kategori badan publik');
  await shot(page, 'home-new-commission-id');
  // the body list says categories come first too
  await toBodies(page);
  await visible(page.getByText('Komisi ini belum memiliki kategori; badan publik baru dapat ditambahkan'));
}

/** Back home once categories, bodies and a period exist: the first steps are done and gone, the period runs. */
async function homeAfterSetup(page: Page) {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Beranda' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await visible(page.getByRole('region', { name: 'Periode yang sedang berjalan' }).getByText(PERIOD_TITLE));
  expect(await page.getByRole('region', { name: 'Langkah awal komisi' }).count()).toBe(0);
}

async function adminSetsUpCategories(page: Page) {
  await page.getByRole('link', { name: 'Kategori', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Kategori badan publik' }));
  // a new commission: the empty state says what to do and offers KI Pusat's categories
  await visible(page.getByText('Komisi ini belum memiliki kategori'));
  await shot(page, 'categories-empty-desktop-id');
  await page.getByRole('button', { name: 'Terapkan kategori KI Pusat' }).click();
  await visible(page.getByRole('status').filter({ hasText: '7 kategori ditambahkan, 0 sudah ada.' }));
  const table = page.getByRole('region', { name: 'Daftar kategori' });
  await visible(table.getByRole('row').filter({ hasText: 'Perguruan Tinggi Negeri' }));

  // one more by hand, then retired again: with no body and no questionnaire it is simply deleted
  await page.getByLabel('Kode', { exact: true }).fill('pemkab');
  await page.getByLabel('Nama', { exact: true }).fill('Pemerintah Kabupaten');
  await page.getByRole('button', { name: 'Simpan kategori' }).click();
  const pemkab = table.getByRole('row').filter({ hasText: 'PEMKAB' });
  await visible(pemkab);
  // renamed while another admin renames it too: the page shows both names and saves ours only when asked
  await pemkab.getByRole('button', { name: 'Ubah nama PEMKAB' }).click();
  const cid = new URL(page.url()).pathname.split('/')[2] as string;
  const theirs = await page.evaluate(async (cid) => {
    const list = await (await fetch(`/api/commissions/${cid}/categories`)).json();
    const category = list.categories.find((c: { code: string }) => c.code === 'PEMKAB');
    const res = await fetch(`/api/categories/${category.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'If-Match': `"${category.version}"` },
      body: JSON.stringify({ name: 'Pemerintah Kabupaten (lama)' }),
    });
    return res.status;
  }, cid);
  expect(theirs).toBe(200);
  await pemkab.getByLabel('Nama PEMKAB').fill('Pemerintah Kabupaten/Kota');
  await pemkab.getByRole('button', { name: 'Simpan nama', exact: true }).click();
  const conflict = pemkab.getByRole('alert');
  await visible(conflict.getByText('menjadi “Pemerintah Kabupaten (lama)”', { exact: false }));
  await visible(conflict.getByText('Nama Anda: “Pemerintah Kabupaten/Kota”', { exact: false }));
  await shot(page, 'categories-rename-conflict-desktop-id');
  await conflict.getByRole('button', { name: 'Simpan nama saya' }).click();
  await visible(page.getByRole('status').filter({ hasText: 'Nama kategori PEMKAB telah diubah.' }));
  await visible(table.getByRole('cell', { name: 'Pemerintah Kabupaten/Kota' }));
  await pemkab.getByRole('button', { name: 'Pensiunkan PEMKAB' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pensiunkan kategori PEMKAB?' });
  await visible(dialog);
  await dialog.getByRole('button', { name: 'Ya, pensiunkan' }).click();
  await visible(page.getByRole('status').filter({ hasText: 'Kategori PEMKAB telah dihapus.' }));
  // the list reloads after the message: the row goes then
  await table.getByRole('row').filter({ hasText: 'PEMKAB' }).waitFor({ state: 'detached' });
  await shot(page, 'categories-desktop-id');
}

async function adminImportsBodiesFromExcel(page: Page) {
  await page.getByRole('link', { name: 'Badan publik', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Badan publik' }));
  await page.getByRole('button', { name: 'Impor CSV' }).click();
  // the template: Indonesian headers, `;`, one example line in one of the commission's categories
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh templat CSV' }).click(),
  ]);
  const template = new TextDecoder().decode(await downloadedBytes(download));
  expect(template).toContain('nama;kodeKategori;provinsi;situs;emailPpid');

  await page.getByLabel('Pilih berkas CSV').setInputFiles({
    name: 'badan-publik-sultra.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(EXCEL_CSV),
  });
  await page.getByRole('button', { name: 'Impor', exact: true }).click();
  const success = page.locator('.alert-success').filter({ hasText: 'Impor berhasil' });
  await visible(success);
  expect(await success.textContent()).toMatch(/Baru\s*3/);
  await visible(page.getByRole('link', { name: 'Universitas Halu Oleo; Kendari', exact: true }));
}

async function adminInvitesOperatorsInOneStep(page: Page) {
  const panel = page.getByRole('region', { name: 'Undang operator PPID' });
  await visible(panel.getByText('2 badan publik baru memiliki alamat email PPID.'));
  await shot(page, 'import-invite-desktop-id');
  await panel.getByRole('button', { name: 'Undang operator PPID' }).click();
  await visible(page.getByRole('status').filter({ hasText: '2 operator PPID diundang.' }));
  await visible(panel.getByText('Pemerintah Provinsi Sulawesi Tenggara: ppid@sultraprov.example'));
  await visible(panel.getByText('Universitas Halu Oleo; Kendari: ppid@uho.example'));
  // the users page lists both invitations, waiting for acceptance
  await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
  for (const email of ['ppid@sultraprov.example', 'ppid@uho.example']) {
    await visible(page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Menunggu' }));
  }
}

describe('a new commission, set up from nothing', () => {
  it('the platform admin registers it; its admin sets up categories, bodies, operators, the period and opens the SAQ', async () => {
    const platform: Tab = await openTab(browser, server);
    await platformAdminRegistersCommission(platform.page);
    const link = await platformAdminInvitesCommissionAdmin(platform.page);

    const admin: Tab = await openTab(browser, server);
    await newAdminAcceptsInvitation(admin.page, link);
    await adminSetsUpCategories(admin.page);
    await adminImportsBodiesFromExcel(admin.page);
    await adminInvitesOperatorsInOneStep(admin.page);
    await createPeriodInPage(admin.page, YEAR, PERIOD_TITLE);
    await applyQuestionnaireToAllCategories(admin.page, { copied: 7 });
    // the three imported bodies, none started; the move lands in the period's history with its reason
    await openSaqEarly(admin.page, YEAR, REASON, { notStarted: 3 });
    await visible(admin.page.locator('.step-current').filter({ hasText: 'Penilaian mandiri (SAQ)' }));
    await homeAfterSetup(admin.page);

    expect(platform.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
    await platform.context.close();
    await admin.context.close();
  });
});
