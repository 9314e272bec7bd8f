import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
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

/** "Lupa kata sandi" (issue 25): an operator resets a forgotten password from the mail, read in the admin's outbox. */
const SHOTS = '/tmp/shots-password';
const ADMIN = 'admin@kipusat.demo';
const PLATFORM_ADMIN = 'admin@ki.demo';
const OPERATOR = 'ppid@badan-pusat-statistik.demo';
const NEW_PASSWORD = 'kata-sandi-baru-e2e';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Asks for a reset link on the page reached from the login page; the page says the same for any address. */
async function askForLink(page: import('playwright-core').Page, email: string) {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Lupa kata sandi' }));
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Kirim tautan' }).click();
  await visible(page.getByText('Jika alamat itu terdaftar, tautan untuk mengatur ulang kata sandi telah dikirim'));
}

describe('a forgotten password', () => {
  it('an operator asks for a link, the admin reads it in the outbox, the operator sets a new password and signs in', async () => {
    const { page, problems, context } = await openTab(browser, server);
    // the same answer for an address nobody has
    await askForLink(page, 'tidak-ada@contoh.demo');
    await askForLink(page, OPERATOR);
    await shot(page, 'forgot-sent-desktop-id', SHOTS);

    // without SMTP the commission's admin reads the mail in the outbox
    const admin = await openTab(browser, server);
    await signIn(admin.page, ADMIN);
    await toBodies(admin.page);
    await admin.page.getByRole('link', { name: 'Kotak keluar', exact: true }).click();
    await visible(admin.page.getByRole('heading', { level: 1, name: 'Kotak keluar e-mail' }));
    const row = admin.page.getByRole('row').filter({ hasText: OPERATOR }).filter({ hasText: 'Atur ulang kata sandi' });
    await visible(row.first());
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: /Lihat isi/ }).click();
    const field = admin.page.getByLabel('Tautan dalam e-mail');
    await visible(field);
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/reset-password/[A-Za-z0-9_-]{40,}$`));
    await visible(admin.page.getByText('Buat kata sandi baru di:'));
    expect(admin.problems).toEqual([]);
    await admin.context.close();

    // the link: the rules shown, a mismatch refused beside its field, then the new password
    await page.goto(new URL(link).pathname);
    await visible(page.getByRole('heading', { level: 1, name: 'Buat kata sandi baru' }));
    await visible(page.getByText('Paling sedikit 10 karakter.'));
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Ulangi kata sandi', { exact: true }).fill('sesuatu-yang-lain');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await visible(page.getByText('Kedua kata sandi tidak sama.'));
    await shot(page, 'reset-mismatch-desktop-id', SHOTS);
    await page.getByLabel('Ulangi kata sandi', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.waitForURL(`${server.url}/login`);
    await visible(page.getByText('Kata sandi baru tersimpan. Silakan masuk dengan kata sandi itu.'));

    // the old password no longer works, the new one does
    await signInWithForm(page, OPERATOR, DEMO_PASSWORD);
    await visible(page.getByRole('alert').filter({ hasText: 'E-mail atau kata sandi salah.' }));
    await signInWithForm(page, OPERATOR, NEW_PASSWORD);
    await page.waitForURL(`${server.url}/`);

    // the link worked once
    const again = await openTab(browser, server);
    await again.page.goto(new URL(link).pathname);
    await again.page.getByLabel('Kata sandi baru', { exact: true }).fill('lagi-kata-sandi-baru');
    await again.page.getByLabel('Ulangi kata sandi', { exact: true }).fill('lagi-kata-sandi-baru');
    await again.page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await visible(again.page.getByRole('heading', { level: 1, name: 'Tautan tidak berlaku' }));
    await visible(again.page.getByRole('link', { name: 'Minta tautan baru' }));
    expect(again.problems).toEqual([]);
    await again.context.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a platform admin’s link is in the platform’s own outbox, in both languages', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await askForLink(page, PLATFORM_ADMIN);
    await signIn(page, PLATFORM_ADMIN);
    await page.getByRole('link', { name: 'Surel platform', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Surel platform' }));
    const row = page.getByRole('row').filter({ hasText: PLATFORM_ADMIN });
    await visible(row.first());
    await visible(row.first().getByText('Atur ulang kata sandi', { exact: true }));
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'Platform e-mails' }));
    await visible(page.getByText('Password reset', { exact: true }).first());
    // the pages of a forgotten password in English too (signed in or not, they are public)
    await page.goto('/forgot-password');
    await visible(page.getByRole('heading', { level: 1, name: 'Forgotten password' }));
    await visible(page.getByRole('button', { name: 'Send the link' }));
    await page.goto('/reset-password/not-a-real-token-at-all');
    await visible(page.getByRole('heading', { level: 1, name: 'Choose a new password' }));
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await visible(page.getByText('The password must have at least 10 characters.'));
    expect(problems).toEqual([]);
    await context.close();
  });
});
