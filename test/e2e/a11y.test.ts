import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  checkA11y,
  DESKTOP,
  describeViolations,
  launchBrowser,
  openTab,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  toBodies,
} from './harness.ts';

/**
 * Every page of every role, in Indonesian and English, on a desktop and a phone, checked by axe-core (WCAG 2.2 A/AA,
 * serious and critical: the harness fails the test and lists rule, impact, page and elements). The other browser
 * tests check the pages they pass through as well; this one makes sure no page is left out.
 *
 * Each page is checked in three of the four language × width combinations. What the language changes is text: the
 * document's lang, names and labels, the text whose contrast is measured; what the width changes is layout: what the
 * media queries show or hide, target sizes, the boxes that scroll. The desktop in both languages covers the first and
 * the phone in Indonesian the second. English at phone width is left to the files that show pages so (the harness
 * checks every page a test shows): the operator's home in layout, the panel, the assignments and the verification
 * queue in assignments, the verification screen; they look at what longer English text does to a phone layout.
 */
const PHONE_A11Y = { width: 390, height: 844 };
const COMBINATIONS = [
  { lang: 'id', size: DESKTOP },
  { lang: 'en', size: DESKTOP },
  { lang: 'id', size: PHONE_A11Y },
] as const;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** GET through the API as a demo account, to learn the ids the pages are addressed by. */
async function apiAs(email: string) {
  const call = await signInApi(server, email);
  return async <T>(path: string): Promise<T> => {
    const response = await call('GET', path);
    expect(response.status, path).toBe(200);
    return response.body as T;
  };
}

/** Waits until the page has its heading and nothing loading, then checks it. */
async function settleAndCheck(page: Page, path: string) {
  await page.goto(path);
  await page.locator('main h1').first().waitFor({ state: 'visible' });
  await page.locator('.loading').first().waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await checkA11y(page);
}

/**
 * Visits `paths` signed in as `email` (or signed out) in each combination, in one tab: one sign-in per account, the
 * width and language changed between the rounds.
 */
async function visitAll(email: string | null, paths: string[]) {
  const tab = await openTab(browser, server, DESKTOP);
  if (email) {
    await signIn(tab.page, email);
    await tab.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  } else {
    await tab.page.goto('/login');
  }
  for (const combination of COMBINATIONS) {
    await tab.page.setViewportSize(combination.size);
    // the language is the page's stored choice: each page below is loaded afresh in it
    await tab.page.evaluate((l) => window.localStorage.setItem('informatif.lang', l), combination.lang);
    for (const path of paths) await settleAndCheck(tab.page, path);
  }
  expect(tab.problems, email ?? 'signed out').toEqual([]);
  await tab.context.close();
}

interface Me {
  user: { roles: { role: string; commissionId: string | null; bodyId: string | null }[] };
}

describe('the check itself', () => {
  it('finds a serious violation and reports its rule, impact, page and element', async () => {
    const { page, context } = await openTab(browser, server);
    await page.goto('/login');
    await page.locator('main h1').first().waitFor({ state: 'visible' });
    // the page as it is passes (and is marked checked, so the harness's own check does not run on the probe below)
    await checkA11y(page);
    // an input nobody labelled, and a button with no name: what a careless change would add
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'a11y-probe';
      box.innerHTML = '<input type="text" id="probe-input"><button type="button" id="probe-button"></button>';
      document.querySelector('main')?.append(box);
    });
    const violations = await axeViolations(page);
    await page.evaluate(() => document.getElementById('a11y-probe')?.remove());
    const ids = violations.map((v) => v.id);
    expect(ids).toContain('label');
    expect(ids).toContain('button-name');
    const report = describeViolations(violations);
    expect(report).toMatch(/- label \(critical\) on http:\/\/localhost:\d+\/login \[lang=id, 1280px\]/);
    expect(report).toContain('#probe-input');
    expect(report).toContain('#probe-button');
    await context.close();
  });
});

// each test walks many pages in three language × width combinations, an axe run on each: minutes on a busy machine
describe('accessibility of every page (axe-core, WCAG 2.2 AA)', { timeout: 300_000 }, () => {
  let cid = '';
  let pid = '';
  let bid = '';
  let category = '';

  beforeAll(async () => {
    const admin = await apiAs('admin@kipusat.demo');
    const me = await admin<Me>('/me');
    cid = me.user.roles.find((r) => r.commissionId)?.commissionId ?? '';
    const { periods } = await admin<{ periods: { id: string }[] }>(`/commissions/${cid}/periods`);
    pid = periods[0]?.id ?? '';
    const { bodies } = await admin<{ bodies: { id: string; categoryCode: string }[] }>(`/commissions/${cid}/bodies`);
    bid = bodies[0]?.id ?? '';
    category = bodies[0]?.categoryCode ?? '';
    expect([cid, pid, bid, category].every(Boolean)).toBe(true);
  });

  it('signed out: the login page, an unknown invitation and an unknown page', async () => {
    await visitAll(null, ['/login', '/invitations/unknown-token-0000000000000000', '/no-such-page']);
  });

  it('a body operator: home and the self-assessment form', async () => {
    await visitAll('ppid@kementerian-keuangan.demo', ['/', `/saq/${pid}`]);
  });

  it('a commission admin: every registry and period page, the submissions and one submission', async () => {
    const admin = await apiAs('admin@kipusat.demo');
    const { submissions } = await admin<{ submissions: { id: string }[] }>(`/periods/${pid}/submissions`);
    const sid = submissions[0]?.id;
    expect(sid, 'the operator test opened a submission').toBeTruthy();
    await visitAll('admin@kipusat.demo', [
      '/',
      `/c/${cid}/bodies`,
      `/c/${cid}/bodies/${bid}`,
      `/c/${cid}/users`,
      `/c/${cid}/periods`,
      `/c/${cid}/periods/${pid}`,
      `/c/${cid}/periods/${pid}/questionnaires/${category}`,
      `/c/${cid}/periods/${pid}/submissions`,
      `/submissions/${sid}`,
    ]);
  });

  it('an evaluator and the leadership: home and the pages they may read', async () => {
    await visitAll('evaluator1@kipusat.demo', ['/', `/c/${cid}/periods`, `/c/${cid}/periods/${pid}/submissions`]);
    await visitAll('pimpinan@kipusat.demo', ['/']);
  });

  it('the bodies page with its import and create panels open, on a phone', async () => {
    const tab = await openTab(browser, server, PHONE_A11Y);
    await signIn(tab.page, 'admin@kipusat.demo');
    await toBodies(tab.page);
    await tab.page.getByRole('button', { name: 'Impor CSV' }).click();
    await tab.page.getByLabel('atau tempel CSV').waitFor({ state: 'visible' });
    await checkA11y(tab.page, { again: true });
    await tab.page.getByRole('button', { name: 'Tambah badan publik' }).click();
    await tab.page.getByLabel('Nama badan publik').waitFor({ state: 'visible' });
    await checkA11y(tab.page, { again: true });
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('the platform admin: the commissions', async () => {
    await visitAll('admin@ki.demo', ['/commissions', `/c/${cid}/bodies`]);
  });
});
