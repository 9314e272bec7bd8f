import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  DESKTOP,
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
  visible,
} from './harness.ts';
import { questionnaireForEveryCategory } from './stage-move-steps.ts';

/**
 * The presentation panel in the browser: a juror reaches the scoring page from home and scores a body by keyboard;
 * the admin reads the divergence and calibration. The period is made through the API on the demo commission: a small
 * questionnaire, two ministries (one above the gate, one below), moved to the presentation stage.
 */
const SHOTS = '/tmp/shots-panel';
const TITLE = 'Uji Panel Presentasi E2E';
const STRONG = 'Kementerian Keuangan';
const WEAK = 'Kementerian Dalam Negeri';
const QUESTIONNAIRE = {
  indicators: [
    {
      code: '1',
      title: 'Jenis Informasi',
      weight: 1,
      questions: [
        { code: '1.1', text: 'Apakah DIP tersedia?', type: 'boolean', weight: 1, evidence: 'none' },
        { code: '1.2', text: 'Apakah SOP layanan tersedia?', type: 'boolean', weight: 1, evidence: 'none' },
      ],
    },
  ],
};

let server: TestServer;
let browser: Browser;
let cid = '';
let pid = '';
let strongSid = '';
let evaluator1 = '';

async function submitAs(email: string, value: boolean): Promise<string> {
  const operator = await signInApi(server, email);
  const mine = await operator('GET', `/periods/${pid}/submissions/mine`);
  expect(mine.status).toBe(200);
  const { id, version } = mine.body.submission;
  const saved = await operator(
    'PATCH',
    `/submissions/${id}/answers`,
    {
      answers: [
        { questionCode: '1.1', value },
        { questionCode: '1.2', value },
      ],
    },
    { 'If-Match': `"${version}"` },
  );
  expect(saved.status).toBe(200);
  expect((await operator('POST', `/submissions/${id}/submit`)).status).toBe(200);
  return id;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const admin: ApiCall = await signInApi(server, 'admin@kipusat.demo');
  cid = (await admin('GET', '/me')).body.user.roles.find(
    (r: { role: string }) => r.role === 'commission_admin',
  ).commissionId;
  const presets = await admin('GET', '/presets');
  const methodology = presets.body.methodologies.find((m: { key: string }) => m.key === 'ki-pusat-2025').methodology;
  const created = await admin('POST', `/commissions/${cid}/periods`, { year: 2034, title: TITLE, methodology });
  expect(created.status).toBe(201);
  pid = created.body.period.id;
  expect((await admin('PUT', `/periods/${pid}/questionnaires/KEMENTERIAN`, QUESTIONNAIRE)).status).toBe(200);
  await questionnaireForEveryCategory(admin, cid, pid, QUESTIONNAIRE);
  expect((await admin('POST', `/periods/${pid}/stage`, { to: 'saq' })).status).toBe(200);
  strongSid = await submitAs('ppid@kementerian-keuangan.demo', true);
  await submitAs('ppid@kementerian-dalam-negeri.demo', false);
  for (const to of ['verification', 'objection', 'presentation']) {
    expect((await admin('POST', `/periods/${pid}/stage`, { to })).status).toBe(200);
  }
  const users = (await admin('GET', `/commissions/${cid}/users`)).body.users as { id: string; email: string }[];
  const idOf = (email: string) => users.find((u) => u.email === email)?.id as string;
  evaluator1 = idOf('evaluator1@kipusat.demo');
  const panel = await admin('PUT', `/periods/${pid}/panel`, {
    evaluatorIds: [evaluator1, idOf('evaluator2@kipusat.demo')],
  });
  expect(panel.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function fitsPhone(page: Page, name: string) {
  await shot(page, `${name}-375`, SHOTS);
  expect(await horizontalOverflow(page), `${name} overflows sideways`).toBeLessThanOrEqual(2);
}

describe('the jurors’ page', () => {
  it('a juror reaches the panel from home and scores a body with the keyboard', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await signIn(page, 'evaluator1@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    const home = page.getByRole('region', { name: 'Panel penilaian Anda' });
    await home.getByRole('link', { name: TITLE }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Penilaian panel' }));
    const card = page.locator('li.jury-body').filter({ has: page.getByRole('heading', { name: STRONG }) });
    await visible(card);
    // the body below the gate is listed apart and marked
    const below = page.getByRole('region', { name: 'Tidak lanjut ke presentasi' }).first();
    await visible(below.getByRole('row', { name: new RegExp(WEAK) }));
    expect(await below.getByText('Tidak lanjut', { exact: true }).count()).toBe(1);

    const input = card.getByLabel('Nilai Presentasi / Uji Publik');
    // a score out of range is refused on the page, next to its input
    await input.focus();
    await page.keyboard.type('120');
    await page.keyboard.press('Enter');
    await visible(card.getByText('Isi angka 0 sampai 100 dengan paling banyak dua desimal.'));
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'panel-juror-invalid', SHOTS);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('85,5');
    await page.keyboard.press('Enter');
    await visible(card.getByRole('status').filter({ hasText: `Nilai untuk ${STRONG} tersimpan.` }));
    await visible(page.getByText('1 dari 1 badan publik sudah Anda nilai.'));
    await shot(page, 'panel-juror-saved', SHOTS);

    const juror = await signInApi(server, 'evaluator1@kipusat.demo');
    const scores = await juror('GET', `/submissions/${strongSid}/panel-scores`);
    expect(scores.body).toEqual({
      scores: [{ jurorId: evaluator1, jurorName: expect.any(String), component: 'presentation', score: 85.5 }],
    });
    // other jurors' scores are not shown before the results stage
    expect(await card.getByText('Nilai semua juri').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a phone and speaks English', async () => {
    const { page, problems, context } = await openTab(browser, server, PHONE);
    await signIn(page, 'evaluator2@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`/panel/${pid}`);
    await visible(page.getByRole('heading', { level: 2, name: STRONG }));
    await fitsPhone(page, 'panel-juror');
    await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'Panel scoring' }));
    const input = page.getByLabel('Presentasi / Uji Publik score');
    await input.fill('60');
    await page.getByRole('button', { name: 'Save score' }).click();
    await visible(page.getByRole('status').filter({ hasText: `Score for ${STRONG} saved.` }));
    await fitsPhone(page, 'panel-juror-en');
    await page.getByLabel('Language', { exact: true }).selectOption('id');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the admin’s panel page', () => {
  it('shows the jurors, the diverging scores and the calibration, on a phone too', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await page.goto(`/c/${cid}/periods/${pid}/panel`);
    await visible(page.getByRole('heading', { level: 1, name: 'Panel juri' }));
    const members = page.getByRole('group', { name: 'Evaluator komisi' });
    await visible(members.getByRole('checkbox').first());
    expect(await members.getByRole('checkbox', { checked: true }).count()).toBe(2);
    // 85.5 and 60: a spread of 25.5 over the default threshold of 15
    const divergent = page.getByRole('region', { name: 'Nilai juri yang berselisih' }).first();
    await visible(divergent.getByRole('row', { name: new RegExp(STRONG) }));
    expect(await divergent.getByRole('row', { name: new RegExp(STRONG) }).textContent()).toContain('25,50');
    const calibration = page.getByRole('region', { name: 'Kalibrasi juri' }).first();
    // each juror against the panel's mean of 72.75: +12.75 and -12.75
    await visible(calibration.getByText('+12,75'));
    await visible(calibration.getByText('\u221212,75'));
    await shot(page, 'panel-admin', SHOTS);
    await page.setViewportSize(PHONE);
    await fitsPhone(page, 'panel-admin');
    // the admin reads the jurors' list with every score and the mean (no score entry: not a juror)
    await page.setViewportSize(DESKTOP);
    await page.getByRole('link', { name: 'Daftar badan publik panel' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Penilaian panel' }));
    const card = page.locator('li.jury-body').filter({ has: page.getByRole('heading', { name: STRONG }) });
    await visible(card.getByRole('heading', { name: 'Nilai semua juri' }));
    expect(await card.getByRole('textbox').count()).toBe(0);
    await visible(card.getByText('72,75'));
    await shot(page, 'panel-admin-bodies', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  });
});
