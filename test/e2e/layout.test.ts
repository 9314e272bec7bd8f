import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
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

/** The page fits a 375 px phone: nothing makes the document scroll sideways (wide tables scroll in their box). */
async function fitsPhone(page: Page, name: string) {
  await shot(page, `${name}-375`);
  expect(await horizontalOverflow(page), `${name} overflows sideways`).toBeLessThanOrEqual(2);
}

describe('at 375 px wide', () => {
  it('the admin’s pages fit the screen and their tables scroll in their own box', async () => {
    const { page, problems, context } = await openTab(browser, server, PHONE);
    await page.goto('/login');
    await visible(page.getByRole('heading', { level: 1, name: 'Masuk' }));
    await fitsPhone(page, 'login');

    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await visible(page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }));
    await fitsPhone(page, 'bodies');
    // the table is wider than the phone, inside a box that scrolls
    const wrap = page.getByRole('region', { name: 'Daftar badan publik' });
    const { scrollWidth, clientWidth } = await wrap.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);

    await page.getByRole('button', { name: 'Impor CSV' }).click();
    await page.getByLabel('atau tempel CSV').fill('name,categoryCode\nLembaga Sempit,TIDAKADA\n,LNS\n');
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await visible(page.getByText('Baris 2'));
    await visible(page.getByText('Baris 3'));
    await fitsPhone(page, 'import-error');

    await page.getByRole('button', { name: 'Tambah badan publik' }).click();
    await visible(page.getByLabel('Nama badan publik'));
    await fitsPhone(page, 'create-body');

    await page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Ubah data badan publik' }));
    await fitsPhone(page, 'edit-body');

    await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Pengguna dan undangan' }));
    await page.getByLabel('E-mail', { exact: true }).fill('pimpinan2@kipusat.demo');
    await page.getByLabel('Nama', { exact: true }).fill('Pimpinan Dua');
    await page.getByLabel('Peran', { exact: true }).selectOption('leadership');
    await page.getByRole('button', { name: 'Kirim undangan' }).click();
    const link = await (await visible(page.getByLabel('Tautan undangan'))).inputValue();
    await fitsPhone(page, 'users');

    await page.getByRole('link', { name: 'Beranda', exact: true }).click();
    await visible(page.getByRole('heading', { level: 2, name: 'Pekerjaan Anda' }));
    await fitsPhone(page, 'home-admin');

    const invitee = await openTab(browser, server, PHONE);
    await invitee.page.goto(link);
    await visible(invitee.page.getByText('pimpinan2@kipusat.demo'));
    await fitsPhone(invitee.page, 'invitation');
    await invitee.context.close();

    expect(problems).toEqual([]);
    expect(invitee.problems).toEqual([]);
    await context.close();
  });

  it('the operator’s and the platform admin’s pages fit the screen, in English too', async () => {
    const operator = await openTab(browser, server, PHONE);
    await signIn(operator.page, 'ppid@badan-meteorologi-klimatologi-dan-geofisika.demo');
    const saq = operator.page.getByRole('region', {
      name: 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026',
    });
    await visible(saq.getByRole('link', { name: /^(Isi kuesioner|Lihat jawaban)$/ }));
    await fitsPhone(operator.page, 'home-operator');
    await operator.page.getByLabel('Bahasa').selectOption('en');
    await visible(saq.getByRole('link', { name: /^(Fill in the questionnaire|View the answers)$/ }));
    await fitsPhone(operator.page, 'home-operator-en');
    expect(operator.problems).toEqual([]);
    await operator.context.close();

    const platform = await openTab(browser, server, PHONE);
    await signIn(platform.page, 'admin@ki.demo');
    await platform.page.waitForURL(/\/commissions$/);
    await visible(platform.page.getByRole('link', { name: 'Komisi Informasi Pusat' }));
    await fitsPhone(platform.page, 'commissions');
    expect(platform.problems).toEqual([]);
    await platform.context.close();
  });
});

describe('keyboard and landmarks', () => {
  it('signs in with the keyboard alone; the page has header, nav and main, and a skip link first', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await page.goto('/login');
    await visible(page.getByLabel('E-mail'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    for (let i = 0; i < 10; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === 'login-email') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email');
    // the focused field shows a visible outline
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('admin@kipusat.demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type('informatif-demo');
    await page.keyboard.press('Enter');
    await toBodies(page);
    await visible(page.getByRole('link', { name: 'Kementerian Keuangan', exact: true }));
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Navigasi utama' }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.locator('[aria-live="polite"][role="status"]').count()).toBeGreaterThan(0);
    // every form control of the page has a label
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => (el as HTMLInputElement).type !== 'hidden')
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the API reference', () => {
  it('renders /api/openapi.json with swagger-ui served from our own assets (no CSP violation)', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await page.goto('/api/docs');
    await visible(page.locator('.swagger-ui .info .title').filter({ hasText: 'Informatif API' }), 20_000);
    await visible(page.getByText('/api/auth/login').first());
    await shot(page, 'api-docs-desktop');
    expect(problems).toEqual([]);
    await context.close();
  });
});
