import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkA11y,
  DEMO_PASSWORD,
  DESKTOP,
  launchBrowser,
  openTab,
  signIn,
  startServer,
  type TestServer,
} from './harness.ts';

/**
 * Every page of every role, in Indonesian and English, on a desktop and a phone, checked by axe-core (WCAG 2.2 A/AA,
 * serious and critical: the harness fails the test and lists rule, impact, page and elements). The other browser
 * tests check the pages they pass through as well; this one makes sure no page is left out.
 */
const PHONE_A11Y = { width: 390, height: 844 };
const VIEWPORTS = [
  { name: 'desktop', size: DESKTOP },
  { name: 'phone', size: PHONE_A11Y },
] as const;
const LANGS = ['id', 'en'] as const;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** GET through the API as a demo account (Node's fetch), to learn the ids the pages are addressed by. */
async function apiAs(email: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server.url}/api${path}`, {
      headers: { Cookie: cookie, Accept: 'application/json' },
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
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

/** Visits `paths` signed in as `email` (or signed out) in each language and viewport. */
async function visitAll(email: string | null, paths: string[]) {
  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      const tab = await openTab(browser, server, viewport.size);
      if (email) {
        await signIn(tab.page, email);
        await tab.page.waitForURL((url) => !url.pathname.startsWith('/login'));
      } else {
        await tab.page.goto('/login');
      }
      // the language is the page's stored choice: each page below is loaded afresh in it
      await tab.page.evaluate((l) => window.localStorage.setItem('informatif.lang', l), lang);
      for (const path of paths) await settleAndCheck(tab.page, path);
      expect(tab.problems, `${email ?? 'signed out'} ${lang} ${viewport.name}`).toEqual([]);
      await tab.context.close();
    }
  }
}

interface Me {
  user: { roles: { role: string; commissionId: string | null; bodyId: string | null }[] };
}

describe('accessibility of every page (axe-core, WCAG 2.2 AA)', () => {
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

  it('the platform admin: the commissions', async () => {
    await visitAll('admin@ki.demo', ['/commissions', `/c/${cid}/bodies`]);
  });
});
