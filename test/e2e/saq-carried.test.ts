import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorEmail } from '../../src/modules/demo/demo.service.ts';
import {
  type ApiCall,
  launchBrowser,
  openTab,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  until,
  visible,
} from './harness.ts';

/**
 * Issue 25, items 5-7, in Indonesian: a demo operator whose body answered 2025 copies last year's answers into the 2026
 * SAQ, confirms one, clears an answer and undoes it, submits after a confirmation that lists the carried answers, and
 * reads the receipt; the extension that reopened the SAQ is explained on the page.
 */
const SHOTS = '/tmp/shots-saq-carried';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const esc = (code: string) => code.replaceAll('.', '\\.');
const group = (page: Page, code: string) => page.getByRole('group', { name: new RegExp(`^${esc(code)} `) });

/**
 * A body that submitted its 2025 SAQ and has not opened 2026, its operator's caller, and its 2026 submission opened
 * and extended by the admin (the demo's SAQ window is fixed in 2026; the machine's clock may have passed it).
 */
async function bodyWithLastYear(): Promise<{ operator: ApiCall; email: string; pid: string; sid: string }> {
  const admin = await signInApi(server, 'admin@kipusat.demo');
  const me = await admin('GET', '/me');
  const cid = me.body.user.roles[0].commissionId;
  const { periods } = (await admin('GET', `/commissions/${cid}/periods`)).body;
  const current = periods.find((p: { year: number }) => p.year === 2026);
  const past = periods.find((p: { year: number }) => p.year === 2025);
  const now = (await admin('GET', `/periods/${current.id}/submissions`)).body;
  const then = (await admin('GET', `/periods/${past.id}/submissions`)).body;
  const submitted = new Set(
    then.submissions
      .filter((s: { status: string; answered: number }) => s.status !== 'draft' && s.answered > 0)
      .map((s: { bodyId: string }) => s.bodyId),
  );
  const body = now.notStarted.find((b: { bodyId: string }) => submitted.has(b.bodyId));
  expect(body, 'a body with 2025 answers that has not opened 2026').toBeDefined();
  const email = operatorEmail(body.bodyName);
  const operator = await signInApi(server, email);
  const mine = await operator('GET', `/periods/${current.id}/submissions/mine`);
  expect(mine.status).toBe(200);
  const sid = mine.body.submission.id as string;
  const extended = await admin('POST', `/submissions/${sid}/extension`, {
    until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    reason: 'gangguan sistem',
  });
  expect(extended.status).toBe(200);
  return { operator, email, pid: current.id, sid };
}

describe('the operator submits last year’s answers', () => {
  it('copies them, confirms, undoes a clear, submits after a confirmation listing them, and reads the receipt', async () => {
    const { operator, email, pid, sid } = await bodyWithLastYear();
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, email);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`/saq/${pid}`);
    await visible(page.getByRole('heading', { level: 1, name: 'Kuesioner penilaian mandiri' }));

    // why the SAQ is open again, and until when
    await visible(page.getByText(/^Diperpanjang karena gangguan sistem, sampai /));

    // copy last year's answers
    await page.getByRole('button', { name: 'Salin jawaban tahun lalu' }).click();
    await page
      .getByRole('dialog', { name: 'Salin jawaban tahun lalu?' })
      .getByRole('button', { name: 'Ya, salin' })
      .click();
    await visible(page.getByText(/jawaban disalin dari tahun 2025/));
    const carried = (await operator('GET', `/submissions/${sid}`)).body.submission.answers.filter(
      (a: { carried: boolean }) => a.carried,
    ) as { questionCode: string; value: unknown }[];
    expect(carried.length).toBeGreaterThan(2);
    const panel = page.locator('#saq-carried-panel');
    await visible(panel.getByText(`${carried.length} jawaban yang disalin dari tahun lalu belum dikonfirmasi`));
    await shot(page, 'saq-carried-panel', SHOTS);

    // one confirmed on its own, its value unchanged
    const [one, cleared] = carried;
    const question = group(page, one!.questionCode);
    await visible(question.getByText('Disalin dari tahun 2025 — konfirmasi'));
    await question.getByRole('button', { name: `Konfirmasi ${one!.questionCode}` }).click();
    await visible(panel.getByText(`${carried.length - 1} jawaban yang disalin dari tahun lalu belum dikonfirmasi`));
    expect(await question.getByText('Disalin dari tahun 2025 — konfirmasi').count()).toBe(0);

    // an answer cleared, then put back with "Urungkan" through the autosave
    const clearedGroup = group(page, cleared!.questionCode);
    await clearedGroup.getByRole('button', { name: `Hapus jawaban ${cleared!.questionCode}` }).click();
    const toast = page.locator('.undo-toast');
    await visible(toast.getByText(`Jawaban ${cleared!.questionCode} dihapus.`));
    await until(
      async () =>
        (await operator('GET', `/submissions/${sid}`)).body.submission.answers.find(
          (a: { questionCode: string }) => a.questionCode === cleared!.questionCode,
        )?.value === null,
      'the cleared answer saved',
      15_000,
    );
    await toast.getByRole('button', { name: 'Urungkan' }).click();
    await until(
      async () => {
        const back = (await operator('GET', `/submissions/${sid}`)).body.submission.answers.find(
          (a: { questionCode: string }) => a.questionCode === cleared!.questionCode,
        );
        return JSON.stringify(back?.value) === JSON.stringify(cleared!.value);
      },
      'the answer restored and saved',
      15_000,
    );
    await until(
      async () => /^Tersimpan/.test((await page.locator('#save-status').textContent()) ?? ''),
      'the save status "Tersimpan"',
    );

    // submit: the dialog lists what is still carried, with links, and confirms them with the submit
    const left = (await operator('GET', `/submissions/${sid}`)).body.submission.answers.filter(
      (a: { carried: boolean }) => a.carried,
    ) as { questionCode: string }[];
    expect(left.length).toBe(carried.length - 2);
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Kirim kuesioner?' });
    await visible(dialog.getByText(`Jawaban salinan yang belum dikonfirmasi (${left.length})`));
    await visible(dialog.getByRole('link', { name: left[0]!.questionCode, exact: true }));
    expect(await dialog.getByRole('listitem').count()).toBe(left.length);
    await shot(page, 'saq-submit-carried', SHOTS);
    await dialog.getByRole('button', { name: `Konfirmasi ${left.length} jawaban dan kirim` }).click();
    await visible(page.locator('#saq-banner').getByText(/^Terkirim pada /));
    const after = (await operator('GET', `/submissions/${sid}`)).body.submission;
    expect(after.status).toBe('submitted');
    expect(after.answers.filter((a: { carried: boolean }) => a.carried)).toEqual([]);

    // the receipt: body, period, time, answers and the fingerprint the API gives
    await page.getByRole('link', { name: 'Lihat tanda terima' }).click();
    await page.waitForURL(/\/submissions\/[^/]+\/receipt$/);
    await visible(page.getByRole('heading', { level: 1, name: 'Tanda terima SAQ' }));
    const receipt = (await operator('GET', `/submissions/${sid}/receipt`)).body;
    await visible(page.getByText(receipt.bodyName, { exact: true }));
    await visible(page.getByText(`${receipt.answered} dari ${receipt.total} pertanyaan`));
    expect(await page.locator('#receipt-fingerprint').getAttribute('data-fingerprint')).toBe(receipt.fingerprint);
    expect((await page.locator('#receipt-fingerprint').textContent())?.trim()).toBe(
      receipt.fingerprintLines.join('\n'),
    );
    await shot(page, 'saq-receipt', SHOTS);

    // in English too
    await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'SAQ receipt' }));
    await visible(page.getByText(`${receipt.answered} of ${receipt.total} questions`));
    await page.getByLabel('Language', { exact: true }).selectOption('id');

    expect(problems).toEqual([]);
    await context.close();
  });
});
