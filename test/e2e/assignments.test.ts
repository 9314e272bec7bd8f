import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIP_METHODOLOGY } from '../helpers/saq.ts';
import {
  type ApiCall,
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  toBodies,
  until,
  visible,
} from './harness.ts';
import { moveWithReason, questionnaireForEveryCategory } from './stage-move-steps.ts';

/** Issue 22, item 1 in the browser: the admin assigns (by hand, automatically), excludes; the evaluator's queue. */
const SHOTS = '/tmp/shots-assign';
const TITLE = 'Monev Uji Penugasan 2031';
const EVALUATOR_1 = 'evaluator1@kipusat.demo';

let server: TestServer;
let browser: Browser;
let cid = '';
let pid = '';
/** The bodies that submitted in the test's period, by name. */
let submitted: string[] = [];

/** One boolean question without evidence: a body submits it in two calls. */
const ONE_QUESTION = {
  indicators: [
    {
      code: '1',
      title: 'Jenis Informasi',
      weight: 1,
      questions: [{ code: '1.1', text: 'Apakah DIP tersedia?', type: 'boolean', weight: 1, evidence: 'none' }],
    },
  ],
};

/** A period of its own (so the demo's periods stay as they are), with three KEMENTERIAN bodies that submitted. */
async function seedPeriod(admin: ApiCall) {
  const me = await admin('GET', '/me');
  cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
  const created = await admin('POST', `/commissions/${cid}/periods`, {
    year: 2031,
    title: TITLE,
    methodology: KIP_METHODOLOGY,
    schedule: {
      saq: { start: '2031-07-01', end: '2031-08-31' },
      verification: { start: '2031-09-01', end: '2031-09-30' },
    },
  });
  expect(created.status).toBe(201);
  pid = created.body.period.id;
  expect((await admin('PUT', `/periods/${pid}/questionnaires/KEMENTERIAN`, ONE_QUESTION)).status).toBe(200);
  await questionnaireForEveryCategory(admin, cid, pid, ONE_QUESTION);
  await moveWithReason(admin, pid, 'saq');
  const bodies = await admin('GET', `/commissions/${cid}/bodies?category=KEMENTERIAN`);
  const chosen = bodies.body.bodies.slice(0, 3) as { name: string; slug: string }[];
  for (const b of chosen) {
    const operator = await signInApi(server, `ppid@${b.slug}.demo`);
    const mine = await operator('GET', `/periods/${pid}/submissions/mine`);
    expect(mine.status).toBe(200);
    const sid = mine.body.submission.id;
    const saved = await operator(
      'PATCH',
      `/submissions/${sid}/answers`,
      { answers: [{ questionCode: '1.1', value: true }] },
      { 'If-Match': String(mine.body.submission.version) },
    );
    expect(saved.status).toBe(200);
    expect((await operator('POST', `/submissions/${sid}/submit`)).status).toBe(200);
  }
  submitted = chosen.map((b) => b.name);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seedPeriod(await signInApi(server, 'admin@kipusat.demo'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('assignment', () => {
  it('the admin excludes an evaluator, assigns automatically, reassigns one by keyboard, and reads the workload', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await page.goto(`/c/${cid}/periods/${pid}`);
    await page.getByRole('link', { name: 'Penugasan evaluator' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Penugasan evaluator' }));
    const [first, second] = submitted as [string, string];
    for (const name of submitted) {
      await visible(page.getByRole('row').filter({ hasText: name }).getByText('Belum ditugaskan'));
    }

    // a conflict of interest: evaluator 1 never gets the first body
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Tambah pengecualian' }) });
    await form.getByLabel('Badan publik').selectOption({ label: first });
    const evaluator1 = 'Evaluator Satu';
    await form.getByLabel('Evaluator').selectOption({ label: evaluator1 });
    await form.getByLabel('Alasan').fill('Pernah bekerja di badan ini');
    await form.getByRole('button', { name: 'Kecualikan' }).click();
    await visible(page.getByRole('status').filter({ hasText: `${evaluator1} dikecualikan dari ${first}.` }));
    const exclusions = page.getByRole('region', { name: 'Konflik kepentingan' });
    await visible(exclusions.getByRole('row').filter({ hasText: 'Pernah bekerja di badan ini' }));

    // first among evaluator 1 alone (the demo's evaluators are the two and its juror): the body they are excluded
    // from is left for later
    await page.getByText(/^Evaluator yang ikut dibagi: 3 dari 3$/).click();
    await page.getByRole('checkbox', { name: 'Evaluator Dua' }).uncheck();
    await page.getByRole('checkbox', { name: 'Juri Independen' }).uncheck();
    await visible(page.getByText(/^Evaluator yang ikut dibagi: 1 dari 3$/));
    await page.getByRole('button', { name: 'Tugaskan otomatis' }).click();
    await visible(page.getByRole('status').filter({ hasText: '2 SAQ ditugaskan otomatis; 1 tidak dapat ditugaskan' }));
    await visible(page.getByRole('row').filter({ hasText: first }).getByText('Belum ditugaskan'));
    await page.getByRole('checkbox', { name: 'Evaluator Dua' }).check();
    await page.getByRole('button', { name: 'Tugaskan otomatis' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 SAQ ditugaskan otomatis.' }));
    const firstRow = page.getByRole('row').filter({ hasText: first });
    await visible(firstRow.getByText('Belum dimulai'));
    expect(await firstRow.getByLabel(`Evaluator untuk ${first}`).inputValue()).not.toBe('');
    const chosen = await firstRow.getByLabel(`Evaluator untuk ${first}`).locator('option:checked').textContent();
    expect(chosen).toBe('Evaluator Dua');

    // the workload lists each evaluator with what they hold and the deadline
    const workload = page.getByRole('region', { name: 'Beban kerja evaluator' });
    await visible(workload.getByText(/Batas akhir verifikasi: 30 September 2031/));
    const assigned = await workload
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number((r.querySelector('td') as HTMLElement).textContent)));
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(3);
    await shot(page, 'assignments-desktop', SHOTS);

    // reassign the second body by keyboard: the select, then its button
    const secondRow = page.getByRole('row').filter({ hasText: second });
    const select = secondRow.getByLabel(`Evaluator untuk ${second}`);
    const before = await select.inputValue();
    const options = await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    const other = options.find((v) => v && v !== before) as string;
    await select.focus();
    await select.selectOption(other);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('status').filter({ hasText: `${second} dialihkan kepada` }));
    await until(async () => (await select.inputValue()) === other, 'the reassigned evaluator shown');

    // the exclusion goes
    await exclusions.getByRole('button', { name: /^Hapus/ }).click();
    await visible(exclusions.getByText('Belum ada pengecualian.'));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the evaluator finds the queue on the home page and opens a submission to verify', async () => {
    const admin = await signInApi(server, 'admin@kipusat.demo');
    const list = await admin('GET', `/periods/${pid}/assignments`);
    const me = await (await signInApi(server, EVALUATOR_1))('GET', '/me');
    const mine = list.body.assignments.filter((a: { evaluatorId: string }) => a.evaluatorId === me.body.user.id);
    if (mine.length === 0) {
      // the first test may have left evaluator 1 nothing: give them one, as the admin would
      const a = list.body.assignments.find((x: { bodyName: string }) => x.bodyName !== submitted[0]);
      expect((await admin('PATCH', `/assignments/${a.id}`, { evaluatorId: me.body.user.id })).status).toBe(200);
    }
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, EVALUATOR_1);
    await page.waitForURL(`${server.url}/`);
    const card = page.getByRole('region', { name: 'Antrean verifikasi Anda' });
    await visible(card.getByText(/SAQ menunggu verifikasi Anda/));
    await card.getByRole('link', { name: 'Buka antrean' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Antrean verifikasi' }));
    const section = page.getByRole('region', { name: TITLE });
    await visible(section.getByText(/Batas akhir verifikasi/));
    const link = section.getByRole('table').getByRole('link').first();
    const name = await link.textContent();
    await link.click();
    await page.waitForURL(/\/verification\/[^/]+$/);
    expect(name).toBeTruthy();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leadership reads the assignments and the workload, without the admin’s controls', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'pimpinan@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`/c/${cid}/periods/${pid}/assignments`);
    await visible(page.getByText('Daftar SAQ terkirim dan evaluatornya (hanya baca).'));
    await visible(page.getByRole('region', { name: 'Beban kerja evaluator' }).getByText('Evaluator Satu'));
    expect(await page.getByRole('button', { name: 'Tugaskan otomatis' }).count()).toBe(0);
    expect(await page.getByRole('combobox').count()).toBe(1); // the language switch alone
    expect(await page.getByRole('heading', { name: 'Tambah pengecualian' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('both pages read in English and fit a phone', async () => {
    for (const lang of ['id', 'en']) {
      const { page, problems, context } = await openTab(browser, server, PHONE);
      await signIn(page, 'admin@kipusat.demo');
      await toBodies(page);
      // the language is chosen after signing in (the harness signs in with the Indonesian labels)
      await page.evaluate((l) => window.localStorage.setItem('informatif.lang', l), lang);
      await page.goto(`/c/${cid}/periods/${pid}/assignments`);
      await visible(
        page.getByRole('heading', { level: 1, name: lang === 'en' ? 'Evaluator assignment' : 'Penugasan evaluator' }),
      );
      await visible(
        page.getByRole('heading', { level: 2, name: lang === 'en' ? 'Evaluator workload' : 'Beban kerja evaluator' }),
      );
      await shot(page, `assignments-${lang}-375`, SHOTS);
      expect(await horizontalOverflow(page), 'the assignment page overflows sideways').toBeLessThanOrEqual(2);
      expect(problems).toEqual([]);
      await context.close();

      const evaluator = await openTab(browser, server, PHONE);
      await signIn(evaluator.page, EVALUATOR_1);
      await evaluator.page.waitForURL(`${server.url}/`);
      await evaluator.page.evaluate((l) => window.localStorage.setItem('informatif.lang', l), lang);
      await evaluator.page.goto('/evaluations');
      await visible(
        evaluator.page.getByRole('heading', {
          level: 1,
          name: lang === 'en' ? 'Verification queue' : 'Antrean verifikasi',
        }),
      );
      await visible(evaluator.page.getByRole('heading', { level: 2, name: TITLE }));
      await shot(evaluator.page, `evaluations-${lang}-375`, SHOTS);
      expect(await horizontalOverflow(evaluator.page), 'the queue overflows sideways').toBeLessThanOrEqual(2);
      expect(evaluator.problems).toEqual([]);
      await evaluator.context.close();
    }
  });
});
