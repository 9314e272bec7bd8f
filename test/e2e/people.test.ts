import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  openTab,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  toBodies,
  visible,
} from './harness.ts';

// People (issue 25 item 2), in the Indonesian interface: invitations granted at acceptance, an existing account that
// accepts by signing in, a deactivated account whose open session is refused, a conflict of interest confirmed.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function peoplePage(page: Page) {
  await signIn(page, 'admin@kipusat.demo');
  await toBodies(page);
  await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Pengguna dan undangan' }));
}

async function invite(page: Page, email: string, name: string, role: string) {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Nama', { exact: true }).fill(name);
  await page.getByLabel('Peran', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
}

describe('people', () => {
  it('an admin invites an evaluator who is given the role only on accepting', async () => {
    const admin = await openTab(browser, server);
    await peoplePage(admin.page);
    await invite(admin.page, 'evaluator.baru@kipusat.demo', 'Evaluator Baru', 'evaluator');
    const link = await (await visible(admin.page.getByLabel('Tautan undangan', { exact: true }))).inputValue();
    // pending: among the invitations, not yet among the commission's people
    const usersTable = admin.page.getByRole('region', { name: 'Pengguna komisi' });
    await visible(
      admin.page.getByRole('row').filter({ hasText: 'evaluator.baru@kipusat.demo' }).filter({ hasText: 'Menunggu' }),
    );
    await visible(usersTable.getByText('admin@kipusat.demo'));
    expect(await usersTable.getByText('evaluator.baru@kipusat.demo').count()).toBe(0);

    const invitee = await openTab(browser, server);
    await invitee.page.goto(link);
    await visible(invitee.page.getByRole('heading', { level: 1, name: 'Terima undangan' }));
    await invitee.page.getByLabel('Kata sandi baru').fill('evaluator-baru-2026');
    await invitee.page.getByLabel('Ulangi kata sandi').fill('evaluator-baru-2026');
    await invitee.page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
    await invitee.page.waitForURL(`${server.url}/`);
    await visible(invitee.page.getByRole('heading', { level: 1, name: 'Selamat datang, Evaluator Baru' }));

    await admin.page.reload();
    const person = usersTable.getByRole('row').filter({ hasText: 'evaluator.baru@kipusat.demo' });
    await visible(person.getByText('Evaluator', { exact: true }));
    await visible(person.getByText('Aktif', { exact: true }));
    expect(admin.problems).toEqual([]);
    expect(invitee.problems).toEqual([]);
    await admin.context.close();
    await invitee.context.close();
  });

  it('an existing account accepts a new role by signing in with its password', async () => {
    const admin = await openTab(browser, server);
    await peoplePage(admin.page);
    // the leadership account is invited to be an evaluator as well
    await invite(admin.page, 'pimpinan@kipusat.demo', 'Pimpinan KI Pusat', 'evaluator');
    const link = await (await visible(admin.page.getByLabel('Tautan undangan', { exact: true }))).inputValue();
    const before = await signInApi(server, 'pimpinan@kipusat.demo');
    expect((await before('GET', '/me')).body.user.roles.map((r: { role: string }) => r.role)).toEqual(['leadership']);

    const invitee = await openTab(browser, server);
    await invitee.page.goto(link);
    await visible(invitee.page.getByText('Anda sudah memiliki akun'));
    // no new password asked: one field for the password the account has
    expect(await invitee.page.getByLabel('Ulangi kata sandi').count()).toBe(0);
    await shot(invitee.page, 'invitation-existing-account-desktop-id');
    await invitee.page.getByLabel('Kata sandi Anda').fill(DEMO_PASSWORD);
    await invitee.page.getByRole('button', { name: 'Masuk untuk menerima' }).click();
    await invitee.page.waitForURL((url) => !url.pathname.startsWith('/invitations/'));
    await visible(invitee.page.getByRole('status').filter({ hasText: 'Peran baru sudah ditambahkan' }));
    const after = await signInApi(server, 'pimpinan@kipusat.demo');
    expect((await after('GET', '/me')).body.user.roles.map((r: { role: string }) => r.role).sort()).toEqual([
      'evaluator',
      'leadership',
    ]);
    expect(admin.problems).toEqual([]);
    expect(invitee.problems).toEqual([]);
    await admin.context.close();
    await invitee.context.close();
  });

  it('an admin deactivates an evaluator, whose open session is refused at once, then reactivates them', async () => {
    const evaluator = await openTab(browser, server);
    await signIn(evaluator.page, 'evaluator2@kipusat.demo');
    await visible(evaluator.page.getByRole('button', { name: 'Keluar' }));

    const admin = await openTab(browser, server);
    await peoplePage(admin.page);
    await admin.page.getByRole('button', { name: 'Nonaktifkan akun Evaluator Dua' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Nonaktifkan akun' });
    await visible(dialog.getByText('semua sesinya berakhir sekarang'));
    await shot(admin.page, 'people-deactivate-desktop-id');
    await dialog.getByRole('button', { name: 'Nonaktifkan akun' }).click();
    await visible(admin.page.getByRole('status').filter({ hasText: 'Akun Evaluator Dua dinonaktifkan.' }));
    const row = admin.page.getByRole('row').filter({ hasText: 'evaluator2@kipusat.demo' });
    await visible(row.filter({ hasText: 'Dinonaktifkan' }));

    // the evaluator's open session is over: the next page sends them to the login page
    await evaluator.page.goto('/evaluations');
    await evaluator.page.waitForURL(/\/login/);

    await admin.page.getByRole('button', { name: 'Aktifkan kembali akun Evaluator Dua' }).click();
    await admin.page
      .getByRole('dialog', { name: 'Aktifkan kembali akun' })
      .getByRole('button', { name: 'Aktifkan kembali akun' })
      .click();
    await visible(row.getByText('Aktif', { exact: true }));
    expect(admin.problems).toEqual([]);
    await admin.context.close();
    await evaluator.context.close();
  });

  it('a conflict of interest is refused until confirmed with a reason, shown on the page', async () => {
    const admin = await openTab(browser, server);
    await peoplePage(admin.page);
    // the PPID operator of a body invited as an evaluator of the same commission
    await invite(admin.page, 'ppid@kementerian-keuangan.demo', 'Operator Kemenkeu', 'evaluator');
    await visible(admin.page.getByRole('alert').filter({ hasText: 'Konflik kepentingan' }));
    await admin.page.getByLabel('Alasan konflik kepentingan').fill('Tenaga ahli satu-satunya; tidak menilai Kemenkeu.');
    await admin.page.getByRole('button', { name: 'Tetap undang dengan alasan ini' }).click();
    await visible(admin.page.getByLabel('Tautan undangan', { exact: true }));
    await visible(
      admin.page
        .getByRole('row')
        .filter({ hasText: 'ppid@kementerian-keuangan.demo' })
        .filter({ hasText: 'Konflik kepentingan diterima: Tenaga ahli satu-satunya' }),
    );

    // the pending invitation's actions: a fresh link (the old one dies), then cancel
    const invitationRow = admin.page.getByRole('row').filter({ hasText: 'Menunggu' }).filter({
      hasText: 'ppid@kementerian-keuangan.demo',
    });
    await invitationRow
      .getByRole('button', { name: 'Tampilkan tautan baru untuk ppid@kementerian-keuangan.demo' })
      .click();
    const linkDialog = admin.page.getByRole('dialog', { name: 'Buat tautan baru' });
    await visible(linkDialog.getByText('disimpan tersandi'));
    await linkDialog.getByRole('button', { name: 'Buat tautan baru' }).click();
    await visible(admin.page.getByText('Tautan baru untuk ppid@kementerian-keuangan.demo'));
    await invitationRow.getByRole('button', { name: 'Batalkan undangan untuk ppid@kementerian-keuangan.demo' }).click();
    await admin.page
      .getByRole('dialog', { name: 'Batalkan undangan' })
      .getByRole('button', { name: 'Batalkan undangan' })
      .click();
    await visible(
      admin.page
        .getByRole('row')
        .filter({ hasText: 'ppid@kementerian-keuangan.demo' })
        .filter({ hasText: 'Dibatalkan' }),
    );
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });
});
