import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openTab,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  toBodies,
  visible,
} from './harness.ts';

/** Issue 25 item 8, in the Indonesian interface: the server's messages in Indonesian, and a refusal said as one. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = 'admin@kipusat.demo';
const OPERATOR = 'ppid@kementerian-keuangan.demo';

describe('messages in the user’s language', () => {
  it('a body form with a too-short name shows the server’s Indonesian message under “Nama badan publik”', async () => {
    const { page, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await toBodies(page);
    await page.getByRole('button', { name: 'Tambah badan publik' }).click();
    const form = page.locator('#panel-create');
    const name = form.getByLabel('Nama badan publik');
    await name.fill('A');
    await form.getByLabel('Kategori').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Simpan badan publik' }).click();

    // the inline error under the field is the server's message, in Indonesian, and the field is marked invalid
    await visible(form.getByText('Terlalu kecil: diharapkan teks memiliki >=2 karakter'));
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy.split(' ').filter(Boolean),
    );
    expect(described).toContain('Terlalu kecil');
    // the alert: Indonesian headline and detail, nothing in English, no raw path
    const alert = form.getByRole('alert');
    await visible(alert);
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Isian melanggar satu atau beberapa aturan.');
    expect(text).not.toMatch(/Too small|The input breaks|expected string/);

    // the same mistake through the API in Indonesian names the field “Nama”
    const api = await signInApi(server, ADMIN);
    const me = await api('GET', '/me');
    const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
    const answer = await page.evaluate(async (commission) => {
      const res = await fetch(`/api/commissions/${commission}/bodies`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'id' },
        body: JSON.stringify({ name: 'A', categoryCode: 'LNS' }),
      });
      return res.json();
    }, cid);
    expect(answer.errors).toContainEqual({
      path: 'name',
      field: 'Nama',
      message: 'Terlalu kecil: diharapkan teks memiliki >=2 karakter',
    });
    expect(problems).toEqual([]);
  });

  it('an operator opening an admin page sees the no-access page; an unknown address is still “not found”', async () => {
    const admin = await signInApi(server, ADMIN);
    const me = await admin('GET', '/me');
    const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
    const { page, problems } = await openTab(browser, server);
    await signIn(page, OPERATOR);
    await page.waitForURL(`${server.url}/`);

    await page.goto(`/c/${cid}/users`);
    await visible(page.getByRole('heading', { level: 1, name: 'Anda tidak memiliki akses ke halaman ini' }));
    await visible(page.getByText('Hanya admin komisi yang dapat mengelola pengguna.'));
    expect(await page.getByText('Halaman tidak ditemukan').count()).toBe(0);

    await page.goto(`/c/${cid}/periods`);
    await visible(page.getByRole('heading', { level: 1, name: 'Anda tidak memiliki akses ke halaman ini' }));

    await page.goto('/alamat-yang-tidak-ada');
    await visible(page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }));

    // in English too
    await page.getByLabel('Bahasa').selectOption('en');
    await page.goto(`/c/${cid}/dashboard`);
    await visible(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }));
    expect(problems).toEqual([]);
  });
});
