import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  visible,
} from './harness.ts';

/** The outbox page (an admin copies an invitation link) and the history page (a body and the staff read the trail). */
const SHOTS = '/tmp/shots-notify';
const ADMIN = 'admin@kipusat.demo';
const KEMENKEU = 'ppid@kementerian-keuangan.demo';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The operator's submission in the period at the SAQ stage, with one answer saved (extended first if need be). */
async function savedAnswer(): Promise<{ sid: string; code: string }> {
  const operator: ApiCall = await signInApi(server, KEMENKEU);
  const me = await operator('GET', '/me');
  const cid = me.body.user.roles[0].commissionId;
  const periods = await operator('GET', `/commissions/${cid}/periods`);
  const period = periods.body.periods.find((p: { stage: string }) => p.stage === 'saq');
  const mine = await operator('GET', `/periods/${period.id}/submissions/mine`);
  expect(mine.status).toBe(200);
  let submission = mine.body.submission;
  if (!submission.editable) {
    const admin = await signInApi(server, ADMIN);
    const extended = await admin('POST', `/submissions/${submission.id}/extension`, {
      until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      reason: 'E2E: the demo schedule of the SAQ has passed',
    });
    expect(extended.status).toBe(200);
    submission = extended.body.submission;
  }
  const questionnaire = await operator('GET', `/periods/${period.id}/questionnaires/${submission.categoryCode}`);
  const question = questionnaire.body.indicators
    .flatMap((i: { questions: { code: string; type: string }[] }) => i.questions)
    .find((q: { type: string }) => q.type === 'boolean');
  const saved = await operator(
    'PATCH',
    `/submissions/${submission.id}/answers`,
    { answers: [{ questionCode: question.code, value: false, note: 'Belum tersedia (E2E)' }] },
    { 'if-match': `"${submission.version}"` },
  );
  expect(saved.status).toBe(200);
  return { sid: submission.id, code: question.code };
}

describe('the outbox page', () => {
  it('lists the invitation just sent, filters by status and shows its link to copy; in English and on a phone', async () => {
    const admin = await signInApi(server, ADMIN);
    const me = await admin('GET', '/me');
    const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
    const email = `penilai.e2e.${Date.now()}@kipusat.demo`;
    const invited = await admin('POST', `/commissions/${cid}/users`, {
      email,
      name: 'Penilai E2E',
      role: 'evaluator',
    });
    expect(invited.status).toBe(201);

    const { page, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await toBodies(page);
    await page.getByRole('link', { name: 'Kotak keluar', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Kotak keluar e-mail' }));
    const row = page.getByRole('row', { name: new RegExp(email.replaceAll('.', '\\.')) });
    await visible(row);
    await visible(row.getByText('Undangan', { exact: true }));
    // the log sender (no SMTP_URL) marks it sent within a couple of seconds
    await page.getByLabel('Status', { exact: true }).selectOption('sent');
    await visible(page.getByRole('row', { name: new RegExp(email.replaceAll('.', '\\.')) }).getByText('Terkirim'));
    // the content by keyboard: the button opens it, the link is offered to copy
    const show = page.getByRole('button', { name: new RegExp(`Lihat isi: ${email.replaceAll('.', '\\.')}`) });
    await show.focus();
    await page.keyboard.press('Enter');
    const hide = page.getByRole('button', { name: new RegExp(`Tutup isi: ${email.replaceAll('.', '\\.')}`) });
    await expect.poll(() => hide.getAttribute('aria-expanded')).toBe('true');
    const link = page.getByLabel('Tautan dalam e-mail');
    await visible(link);
    expect(await link.inputValue()).toMatch(new RegExp(`^${server.url}/invitations/`));
    await visible(page.getByText('Anda diundang ke Informatif'));
    await shot(page, 'outbox-desktop-id', SHOTS);

    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'E-mail outbox' }));
    await visible(page.getByText('Invitation', { exact: true }).first());
    await page.setViewportSize(PHONE);
    await visible(page.getByRole('heading', { level: 1, name: 'E-mail outbox' }));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'outbox-phone-en', SHOTS);
    expect(problems).toEqual([]);
  });

  it('is closed to a body operator', async () => {
    const admin = await signInApi(server, ADMIN);
    const me = await admin('GET', '/me');
    const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
    const { page, problems } = await openTab(browser, server);
    await signIn(page, KEMENKEU);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`/c/${cid}/outbox`);
    await visible(page.getByText('Hanya admin komisi yang dapat melihat kotak keluar.'));
    expect(problems).toEqual([]);
  });
});

describe('the history page', () => {
  it('the body reads its trail from its SAQ, filtered by question; the staff reach it from the submission', async () => {
    const { sid, code } = await savedAnswer();
    const body = await openTab(browser, server);
    await signIn(body.page, KEMENKEU);
    await body.page.waitForURL(`${server.url}/`);
    await body.page.goto(`/submissions/${sid}/history`);
    await visible(body.page.getByRole('heading', { level: 1, name: 'Riwayat penilaian' }));
    await visible(body.page.getByText('Catatan verifikasi, sanggah, dan panel tampil setelah hasil dirilis.'));
    const saved = body.page.getByRole('row', { name: /Jawaban disimpan/ }).filter({ hasText: code });
    await visible(saved.first());
    await visible(saved.first().getByText('Tidak', { exact: false }));
    // the filter by question, by keyboard: the address follows
    const filter = body.page.getByLabel('Butir', { exact: true });
    await filter.focus();
    await filter.selectOption(code);
    await body.page.waitForURL(new RegExp(`questionCode=${code.replaceAll('.', '\\.')}$`));
    const rows = body.page.locator('table.history-table tbody tr');
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes(code))).toBe(true);
    await shot(body.page, 'history-desktop-id', SHOTS);
    await body.page.setViewportSize(PHONE);
    await body.page.getByLabel('Bahasa').selectOption('en');
    await visible(body.page.getByRole('heading', { level: 1, name: 'Scoring history' }));
    await visible(body.page.getByRole('row', { name: /Answer saved/ }).first());
    expect(await horizontalOverflow(body.page)).toBeLessThanOrEqual(0);
    await shot(body.page, 'history-phone-en', SHOTS);
    expect(body.problems).toEqual([]);

    const staff = await openTab(browser, server);
    await signIn(staff.page, ADMIN);
    await toBodies(staff.page);
    await staff.page.goto(`/submissions/${sid}`);
    await staff.page.getByRole('link', { name: 'Riwayat penilaian' }).click();
    await staff.page.waitForURL(`${server.url}/submissions/${sid}/history`);
    await visible(staff.page.getByRole('row', { name: /Jawaban disimpan/ }).first());
    expect(staff.problems).toEqual([]);
  });
});
