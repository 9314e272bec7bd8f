import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Download, type Locator, type Page } from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';
import type { User } from '../../web/src/api.ts';
import { homeFor } from '../../web/src/permissions.ts';

/**
 * The browser tier: the real server (`tsx src/server.ts`, embedded PGlite, demo data) on a fresh DATA_DIR and a free
 * port, driven by Debian's Chromium through playwright-core. `npm run test:e2e` builds the client first, so
 * dist/web exists here.
 */

/** E2E_PROFILE=<file>: each timed step appends a JSON line (file, test, step, ms) there, to see where time goes. */
const PROFILE = process.env.E2E_PROFILE;
export async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    const state = expect.getState();
    appendFileSync(
      PROFILE,
      `${JSON.stringify({ file: path.basename(state.testPath ?? '?'), test: state.currentTestName ?? '', step, ms: Math.round(performance.now() - started) })}\n`,
    );
  }
}

export const DEMO_PASSWORD = 'informatif-demo';
export const SHOTS_DIR = '/tmp/shots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

import { sleep, spawnServer, type TestServer } from './server.ts';

export type { TestServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The data directory the e2e global setup seeded the demo into ('' when there is none: each server seeds). */
    e2eDemoTemplate: string;
  }
}

/**
 * Starts a server for one test file on a fresh DATA_DIR: a copy of the demo the global setup seeded once for the run
 * (or, without one, a directory the server seeds itself), and waits until it is healthy.
 */
export async function startServer(): Promise<TestServer> {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build` first');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'informatif-e2e-'));
  const template = inject('e2eDemoTemplate');
  return timed('server start', async () => {
    if (template) await cp(template, dataDir, { recursive: true });
    const server = await spawnServer(dataDir, true);
    return { ...server, stop: () => timed('server stop', server.stop) };
  });
}

export function launchBrowser(): Promise<Browser> {
  return timed('browser launch', () =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(process.env.CHROMIUM_EXTRA_ARGS ?? '').split(' ').filter(Boolean),
      ],
    }),
  );
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 740 };

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions (a CSP violation is one); each test expects none. */
  problems: string[];
}

/*
 * Accessibility, checked on every page any browser test visits: each tab runs axe-core on each distinct page it shows
 * (a path with its ids folded, in a language, at a viewport width) once it has settled after a navigation, and again
 * when the tab closes. A serious or critical WCAG 2.2 A/AA violation fails the test that showed the page, in an
 * afterEach registered here, so a page added by a later issue joins the check as soon as a test visits it.
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** How long a page must stay on one URL before it is checked (the client renders after its data arrives). */
const SETTLE_MS = 600;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface A11yViolation {
  url: string;
  lang: string;
  width: number;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Pages whose markup is not ours: the API reference is Swagger UI's own page (swagger-ui-dist, for developers), whose
 * operation rows nest buttons and whose colours we do not set; its accessibility is Swagger UI's to fix, not a finding
 * of this product's interface.
 */
const NOT_OURS = new Set(['/api/docs']);

/** Pages already checked in this test file (the same page in the same language and width is checked once). */
const audited = new Set<string>();
/** Violations found since the last afterEach, and checks still running. */
const found: A11yViolation[] = [];
const running = new Set<Promise<void>>();

/** Ids in paths (uuids, tokens, numbers) are folded, so /c/<uuid>/bodies is one page whatever the commission. */
const pageOf = (url: string) =>
  new URL(url).pathname
    .split('/')
    .map((part) => (/^[0-9a-f-]{16,}$|^\d+$|^[A-Za-z0-9_-]{24,}$/i.test(part) ? ':id' : part))
    .join('/');

/** Runs axe on what the page shows now; the result is the serious and critical violations, readable. */
export function axeViolations(page: Page): Promise<A11yViolation[]> {
  return queued(page, () => runAxe(page));
}

async function runAxe(page: Page): Promise<A11yViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // evaluate() is not subject to the page's CSP, which refuses an injected <script>
  if (!hasAxe) await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
    };
    // Sticky bars (the SAQ's score bar) lie over whatever the scroll position puts under them, so target-size would
    // judge the test's scroll position, not the page: they are laid out in the flow while axe runs, then put back.
    const sticky = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (el) => getComputedStyle(el).position === 'sticky',
    );
    for (const el of sticky) el.style.setProperty('position', 'static');
    let run: AxeResults;
    try {
      run = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    } finally {
      for (const el of sticky) el.style.removeProperty('position');
    }
    return {
      lang: document.documentElement.lang,
      width: window.innerWidth,
      url: window.location.href,
      violations: run.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      })),
    };
  }, AXE_TAGS);
  return result.violations
    .filter((v) => FAILING_IMPACTS.has(v.impact))
    .map((v) => ({ ...v, url: result.url, lang: result.lang, width: result.width }));
}

/** Renders violations one per line: rule, impact, page, language, width, help and the elements concerned. */
export function describeViolations(violations: readonly A11yViolation[]): string {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}) on ${v.url} [lang=${v.lang}, ${v.width}px]: ${v.help}\n    ${v.targets.slice(0, 8).join('\n    ')}`,
    )
    .join('\n');
}

/** The check running on each page: axe refuses a second run on a page while one is going, so they queue. */
const pageQueues = new WeakMap<Page, Promise<unknown>>();

function queued<T>(page: Page, work: () => Promise<T>): Promise<T> {
  const previous = pageQueues.get(page) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  pageQueues.set(page, next);
  return next;
}

/** Checks the page once per page/language/width, after any check already running on it. */
function auditOnce(page: Page, again = false): Promise<void> {
  return queued(page, () => auditNow(page, again));
}

/** A page or context closed meanwhile is no finding. */
async function auditNow(page: Page, again: boolean): Promise<void> {
  if (page.isClosed()) return;
  try {
    const where = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      width: window.innerWidth,
    }));
    const url = page.url();
    const key = `${pageOf(url)} ${where.lang} ${where.width}`;
    if ((audited.has(key) && !again) || !url.startsWith('http') || NOT_OURS.has(pageOf(url))) return;
    const violations = await timed(`axe ${key}`, () => runAxe(page));
    // a page left while axe ran is checked again when a test comes back to it
    if (page.url() !== url) return;
    audited.add(key);
    found.push(...violations);
  } catch (error) {
    if (page.isClosed() || /closed|destroyed|navigat/i.test(String(error))) return;
    throw error;
  }
}

function track(work: Promise<void>): void {
  const p = work.catch((error) => {
    found.push({
      url: '?',
      lang: '?',
      width: 0,
      id: 'axe-error',
      impact: 'critical',
      help: String(error),
      targets: [],
    });
  });
  running.add(p);
  void p.finally(() => running.delete(p));
}

/** Checks each page the tab settles on, and the page it shows when it closes. */
function watchA11y(context: BrowserContext, page: Page): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    clearTimeout(timer);
    timer = setTimeout(() => track(auditOnce(page)), SETTLE_MS);
  });
  const close = context.close.bind(context);
  context.close = async (...args: Parameters<BrowserContext['close']>) => {
    clearTimeout(timer);
    await timed('close: audits', async () => {
      await Promise.all(running);
      await auditOnce(page).catch(() => undefined);
    });
    return timed('close', () => close(...args));
  };
}

/**
 * Checks the page now (unless this page, language and width were checked already, or `again`: a panel opened since),
 * for a test that wants the check at a moment of its choosing; the findings fail the test in afterEach like the
 * automatic ones.
 */
export async function checkA11y(page: Page, options: { again?: boolean } = {}): Promise<void> {
  await Promise.all(running);
  await auditOnce(page, options.again);
}

afterEach(async () => {
  await Promise.all(running);
  const violations = found.splice(0);
  if (violations.length > 0) {
    throw new Error(
      `serious or critical accessibility violations (axe-core, WCAG 2.2 AA):\n${describeViolations(violations)}`,
    );
  }
});

/** A fresh browser context (its own cookies and storage) with one page. */
export async function openTab(
  browser: Browser,
  server: TestServer,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Tab> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport,
    deviceScaleFactor: 1,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  context.setDefaultTimeout(15_000);
  serverOfContext.set(context, server);
  const page = await context.newPage();
  const problems: string[] = [];
  watchA11y(context, page);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // failed requests the test provokes on purpose (401 from /me, 422 from a bad import) are logged by Chromium
    if (/Failed to load resource: the server responded with a status of (401|404|409|422)/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}

/** The server each tab was opened on, so that signIn can give the tab a session of that server. */
const serverOfContext = new WeakMap<BrowserContext, TestServer>();

/**
 * Session cookies by server, account and password. Each sign-in costs a scrypt hash (slow on purpose: about a second
 * of CPU on a busy two-core machine), so a file signs each account in once and its tabs and API callers share that
 * session; a session that no longer answers /api/me (signed out, disabled) is replaced by a fresh sign-in.
 */
type Cookie = { name: string; value: string };
const sessions = new Map<string, { cookies: Cookie[]; user: User }>();
const cookieHeader = (cookies: Cookie[]) => cookies.map((c) => `${c.name}=${c.value}`).join('; ');

async function session(
  server: TestServer,
  email: string,
  password: string,
): Promise<{ cookies: Cookie[]; user: User }> {
  const key = `${server.url} ${email} ${password}`;
  const cached = sessions.get(key);
  if (cached) {
    const me = await fetch(`${server.url}/api/me`, { headers: { Cookie: cookieHeader(cached.cookies) } });
    if (me.status === 200) return { cookies: cached.cookies, user: ((await me.json()) as { user: User }).user };
    await me.body?.cancel();
    sessions.delete(key);
  }
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status, `sign-in of ${email}`).toBe(200);
  const { user } = (await login.json()) as { user: User };
  const cookies = login.headers.getSetCookie().map((c) => {
    const pair = c.split(';')[0] ?? '';
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  sessions.set(key, { cookies, user });
  return { cookies, user };
}

/**
 * Signs the tab in and opens the page the login form sends the account to (its home, by the client's own homeFor).
 * The session comes from the API (see `sessions`); the login form itself is the subject of signInWithForm, which the
 * tests of signing in use. A tab not opened by openTab goes through the form.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const server = serverOfContext.get(page.context());
  if (!server) return signInWithForm(page, email, password);
  await timed('signIn', async () => {
    const { cookies, user } = await session(server, email, password);
    await page.context().addCookies(cookies.map((c) => ({ ...c, url: server.url, httpOnly: true, sameSite: 'Lax' })));
    await page.goto(homeFor(user));
  });
}

/**
 * From a commission admin's home (where signing in lands: the overview) to the commission's body list, by the
 * navigation's own address, which every layout has (the phone's included).
 */
export async function toBodies(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/');
  const href = await page.locator('nav.site-nav a[href$="/bodies"]').first().getAttribute('href');
  if (!href) throw new Error('no link to the body list in the navigation');
  await page.goto(href);
  await page.waitForURL(/\/c\/[^/]+\/bodies$/);
}

/** Signs in through the login page (Indonesian labels, the default language): the form is what is tested. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** A call to the API as a signed-in account: JSON in and out, with the Origin the server expects. */
export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: any }>;

/**
 * A caller of the API as `email` (Node's fetch, the Origin the server expects), on the file's session of that account
 * (see `sessions`).
 */
export async function signInApi(server: TestServer, email: string, password = DEMO_PASSWORD): Promise<ApiCall> {
  const cookie = cookieHeader((await session(server, email, password)).cookies);
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        Cookie: cookie,
        Origin: server.url,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** Waits for a locator to be visible (the tests' expect: playwright-core has no auto-waiting assertions). */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** Polls `check` until it returns true (at most `timeout` ms): for state that settles after an async step. */
export async function until(check: () => Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Full-page screenshots only with E2E_SHOTS=full: one of a long page (the SAQ's 69 questions) costs seconds of
 * relayout and PNG encoding, and past 15 s under load it failed the test; they are for a person to look at, no test
 * reads them.
 */
const FULL_SHOTS = process.env.E2E_SHOTS === 'full';

/**
 * A screenshot of what the viewport shows (`name.png`), and with E2E_SHOTS=full of the whole page too
 * (`name-full.png`), in /tmp/shots.
 */
export async function shot(page: Page, name: string, dir = SHOTS_DIR): Promise<void> {
  await mkdir(dir, { recursive: true });
  await timed('shot', () => page.screenshot({ path: path.join(dir, `${name}.png`) }));
  if (FULL_SHOTS) {
    await timed('shot full', () => page.screenshot({ path: path.join(dir, `${name}-full.png`), fullPage: true }));
  }
}

/** The bytes of a file the page saved (a `download` event), once it has arrived. */
export async function downloadedBytes(download: Download): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await download.path()) as string));
}

/** How far the page is wider than its viewport (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
