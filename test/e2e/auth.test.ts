import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openTab,
  shot,
  signIn,
  signInWithForm,
  startServer,
  type TestServer,
  toBodies,
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

describe('signing in', () => {
  it('shows an error for a wrong password and stays on the login page', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signInWithForm(page, 'admin@kipusat.demo', 'salah-sekali');
    const alert = page.getByRole('alert');
    await visible(alert.filter({ hasText: 'E-mail atau kata sandi salah.' }));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Kata sandi').inputValue()).toBe('');
    await shot(page, 'login-error-desktop-id');

    // the same failure in English: the headline is translated, the server's detail is shown as it came
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByLabel('Password').fill('still-wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'The e-mail or the password is wrong.' }));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a signed-out visitor to the login page and back to where they were going', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await page.goto('/commissions');
    await page.waitForURL(/\/login\?next=%2Fcommissions$/);
    await visible(page.getByText('Silakan masuk untuk melanjutkan'));
    await page.getByLabel('E-mail', { exact: true }).fill('admin@ki.demo');
    await page.getByLabel('Kata sandi').fill('informatif-demo');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(`${server.url}/commissions`);
    await visible(page.getByRole('heading', { level: 1, name: 'Komisi informasi' }));
    await visible(page.getByRole('link', { name: 'Komisi Informasi Pusat' }));

    // a platform admin registers a commission; a wrong code comes back beside its field
    await page.getByLabel('Kode').fill('ki jabar');
    await page.getByLabel('Nama', { exact: true }).fill('Komisi Informasi Provinsi Jawa Barat');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await visible(page.locator('#commission-code-error'));
    await page.getByLabel('Kode').fill('KI-JABAR');
    await page.getByLabel('Provinsi').fill('Jawa Barat');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await visible(page.getByRole('link', { name: 'Komisi Informasi Provinsi Jawa Barat' }));
    await visible(page.getByRole('status').filter({ hasText: 'telah didaftarkan' }));
    await shot(page, 'commissions-desktop-id');

    // signing out ends the session: a protected page sends to the login page again
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto('/');
    await page.waitForURL(/\/login\?next=%2F$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a body operator their body and the self-assessment open in the demo’s 2026 period', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'ppid@kementerian-keuangan.demo');
    await page.waitForURL(`${server.url}/`);
    await visible(page.getByRole('heading', { level: 2, name: 'Kementerian Keuangan' }));
    const saq = page.getByRole('region', { name: 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026' });
    await visible(saq.getByRole('link', { name: /^(Isi kuesioner|Lihat jawaban)$/ }));
    expect(await page.getByText('Kuesioner belum dibuka').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Badan publik', exact: true }).count()).toBe(0);
    await shot(page, 'home-operator-desktop-id');
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(saq.getByRole('link', { name: /^(Fill in the questionnaire|View the answers)$/ }));
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('invitations', () => {
  it('an admin invites an evaluator; the invitee opens the link, chooses a password and is signed in', async () => {
    const admin = await openTab(browser, server);
    await signIn(admin.page, 'admin@kipusat.demo');
    await toBodies(admin.page);
    await admin.page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    await visible(admin.page.getByRole('heading', { level: 1, name: 'Pengguna dan undangan' }));
    await visible(admin.page.getByRole('cell', { name: 'evaluator1@kipusat.demo' }));

    await admin.page.getByLabel('E-mail', { exact: true }).fill('evaluator3@kipusat.demo');
    await admin.page.getByLabel('Nama', { exact: true }).fill('Evaluator Tiga');
    await admin.page.getByLabel('Peran', { exact: true }).selectOption('evaluator');
    await admin.page.getByRole('button', { name: 'Kirim undangan' }).click();
    const linkField = admin.page.getByLabel('Tautan undangan');
    await visible(linkField);
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invitations/[\\w-]{10,}$`));
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await admin.page.getByRole('button', { name: 'Salin tautan' }).click();
    await visible(admin.page.getByText('Tautan disalin ke papan klip.'));
    expect(await admin.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const invitationRow = admin.page.getByRole('row').filter({ hasText: 'evaluator3@kipusat.demo' });
    await visible(invitationRow.filter({ hasText: 'Menunggu' }));
    await shot(admin.page, 'users-desktop-id');

    // the invitee, in a browser of their own
    const invitee = await openTab(browser, server);
    await invitee.page.goto(link);
    await visible(invitee.page.getByRole('heading', { level: 1, name: 'Terima undangan' }));
    await visible(invitee.page.getByText('evaluator3@kipusat.demo'));
    await visible(invitee.page.getByText('Komisi Informasi Pusat'));
    await shot(invitee.page, 'invitation-desktop-id');
    await invitee.page.getByLabel('Kata sandi baru').fill('rahasia-sekali-2026');
    await invitee.page.getByLabel('Ulangi kata sandi').fill('rahasia-sekali-2025');
    await invitee.page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
    await visible(invitee.page.getByText('Kedua kata sandi tidak sama.'));
    await invitee.page.getByLabel('Ulangi kata sandi').fill('rahasia-sekali-2026');
    await invitee.page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
    await invitee.page.waitForURL(`${server.url}/`);
    await visible(invitee.page.getByRole('heading', { level: 1, name: 'Selamat datang, Evaluator Tiga' }));
    await visible(invitee.page.getByRole('status').filter({ hasText: 'Akun Anda sudah aktif' }));
    await visible(invitee.page.getByRole('button', { name: 'Keluar' }));
    await shot(invitee.page, 'home-evaluator-desktop-id');

    // the link works once
    await invitee.page.goto(link);
    await visible(invitee.page.getByRole('heading', { level: 1, name: 'Undangan tidak berlaku' }));

    // and the admin sees it accepted
    await admin.page.reload();
    await visible(
      admin.page.getByRole('row').filter({ hasText: 'evaluator3@kipusat.demo' }).filter({ hasText: 'Diterima' }),
    );
    expect(admin.problems).toEqual([]);
    expect(invitee.problems).toEqual([]);
    await admin.context.close();
    await invitee.context.close();
  });

  it('an operator invitation names its body, chosen from a searchable list', async () => {
    const admin = await openTab(browser, server);
    await signIn(admin.page, 'admin@kipusat.demo');
    await toBodies(admin.page);
    await admin.page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    await admin.page.getByLabel('E-mail', { exact: true }).fill('operator2@kemenkeu.example.go.id');
    await admin.page.getByLabel('Nama', { exact: true }).fill('Operator Dua');
    await admin.page.getByLabel('Peran', { exact: true }).selectOption('body_operator');
    // no body chosen: the form says so before asking the server
    await admin.page.getByRole('button', { name: 'Kirim undangan' }).click();
    await visible(admin.page.locator('#invite-body-error'));
    await admin.page.getByLabel('Cari badan publik').fill('Keuangan');
    const select = admin.page.getByLabel('Badan publik', { exact: true });
    // the list narrows to the search's matches (the server searches, so it works for thousands of bodies)
    await admin.page.waitForFunction(
      () => {
        const names = [...document.querySelectorAll('#invite-body option')].slice(1).map((o) => o.textContent ?? '');
        return names.length > 0 && names.every((n) => n.includes('Keuangan'));
      },
      undefined,
      { timeout: 10_000 },
    );
    await select.selectOption({ label: 'Kementerian Keuangan' });
    await admin.page.getByRole('button', { name: 'Kirim undangan' }).click();
    const link = await (await visible(admin.page.getByLabel('Tautan undangan'))).inputValue();

    const invitee = await openTab(browser, server);
    await invitee.page.goto(link);
    await visible(invitee.page.getByText('Operator PPID'));
    await visible(invitee.page.getByText('Kementerian Keuangan'));
    await invitee.page.getByLabel('Kata sandi baru').fill('operator-kemenkeu-1');
    await invitee.page.getByLabel('Ulangi kata sandi').fill('operator-kemenkeu-1');
    await invitee.page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
    await invitee.page.waitForURL(`${server.url}/`);
    // a second operator of the body sees the same self-assessment
    await visible(
      invitee.page
        .getByRole('region', { name: 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026' })
        .getByRole('link', { name: /^(Isi kuesioner|Lihat jawaban)$/ }),
    );
    expect(admin.problems).toEqual([]);
    expect(invitee.problems).toEqual([]);
    await admin.context.close();
    await invitee.context.close();
  });

  it('says clearly when an invitation link is unknown', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await page.goto('/invitations/tidak-ada-undangan-seperti-ini');
    await visible(page.getByRole('heading', { level: 1, name: 'Undangan tidak berlaku' }));
    await visible(page.getByText('sudah kedaluwarsa'));
    expect(problems).toEqual([]);
    await context.close();
  });
});
