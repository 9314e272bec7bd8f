import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  checkA11y,
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  visible,
} from './harness.ts';
import { moveWithReason } from './stage-move-steps.ts';

/**
 * Clarification (issue 22, item 3), in the browser: the commission asks about one item after the SAQ closed; the body
 * sees the request on its home page, answers it with a file on its review page, and the file joins that item.
 */
const SHOTS = '/tmp/shots-threads';
const ADMIN = 'admin@kipusat.demo';
const KEMENKEU = 'ppid@kementerian-keuangan.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const QUESTION = 'Tautan daftar informasi publik tidak dapat dibuka. Mohon unggah dokumennya.';

let server: TestServer;
let browser: Browser;
let admin: ApiCall;
let cid = '';
let pid = '';
let sid = '';
let code = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await signInApi(server, ADMIN);
  const operator = await signInApi(server, KEMENKEU);
  const me = await operator('GET', '/me');
  cid = me.body.user.roles[0].commissionId;
  const periods = await operator('GET', `/commissions/${cid}/periods`);
  pid = periods.body.periods.find((p: { stage: string }) => p.stage === 'saq').id;
  const mine = await operator('GET', `/periods/${pid}/submissions/mine`);
  expect(mine.status).toBe(200);
  sid = mine.body.submission.id;
  const questionnaire = await admin('GET', `/periods/${pid}/questionnaires/${mine.body.submission.categoryCode}`);
  code = questionnaire.body.indicators[0].questions[0].code;
  // the SAQ closes: verification begins, and the commission asks about one item
  // the demo's SAQ closes 30 days after it is seeded: an early move, with its reason and the typed year
  await moveWithReason(admin, pid, 'verification');
  const asked = await admin('POST', `/submissions/${sid}/clarifications`, {
    questionCode: code,
    message: QUESTION,
    dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  expect(asked.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a clarification', () => {
  it('the body answers from its home page with a file, by keyboard, and the file joins that item', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, KEMENKEU);
    await page.waitForURL(`${server.url}/`);
    const request = await visible(
      page.getByRole('link', { name: new RegExp(`^Butir ${code.replaceAll('.', '\\.')} `) }),
    );
    await expect(page.getByText('1 permintaan klarifikasi menunggu jawaban Anda.')).toBeTruthy();
    await request.click();
    await page.waitForURL(new RegExp(`/submissions/${sid}/review`));
    await visible(page.getByRole('heading', { name: 'Hasil verifikasi belum dirilis' }));
    const thread = page.getByRole('region', { name: `Klarifikasi dan sanggahan butir ${code}` });
    await visible(thread.getByText(QUESTION));
    await visible(thread.getByText('Menunggu jawaban'));
    await checkA11y(page);

    await thread.getByLabel('Jawaban Anda').focus();
    await page.keyboard.type('Dokumen daftar informasi publik terlampir.');
    await thread
      .getByLabel('Unggah berkas bukti')
      .setInputFiles({ name: 'dip-kemenkeu.pdf', mimeType: 'application/pdf', buffer: PDF });
    await visible(thread.getByRole('list', { name: 'Bukti yang akan dikirim' }).getByText('dip-kemenkeu.pdf'));
    await thread.getByRole('button', { name: 'Kirim jawaban' }).focus();
    await page.keyboard.press('Enter');
    await visible(thread.getByText('Dijawab'));
    const link = await visible(thread.getByRole('link', { name: 'dip-kemenkeu.pdf' }));
    expect(await link.getAttribute('href')).toMatch(/^\/api\/files\//);
    await shot(page, 'clarification-answered', SHOTS);

    // the file is now evidence of that item, and the trail says so
    const view = await admin('GET', `/submissions/${sid}`);
    const answer = view.body.submission.answers.find((a: { questionCode: string }) => a.questionCode === code);
    expect(answer.evidence.map((e: { name?: string }) => e.name)).toContain('dip-kemenkeu.pdf');
    const history = await admin('GET', `/submissions/${sid}/history?questionCode=${encodeURIComponent(code)}`);
    expect(history.body.history.at(-1).event).toBe('clarification.evidence_added');

    // the caller's list shows it answered
    await page.goto('/clarifications');
    await page.getByLabel('Tampilkan').selectOption('answered');
    await visible(page.getByRole('heading', { name: new RegExp(`^Butir ${code.replaceAll('.', '\\.')} `) }));
    await checkA11y(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff see the thread and the period’s objections; the review page fits a phone', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto('/clarifications');
    await page.getByLabel('Tampilkan').selectOption('all');
    const row = await visible(page.getByRole('listitem').filter({ hasText: QUESTION }));
    await row.getByText('Lihat dan balas').click();
    await visible(row.getByRole('button', { name: 'Tutup klarifikasi' }));
    await checkA11y(page);
    await page.goto(`/c/${cid}/periods/${pid}/objections`);
    await visible(page.getByText('Tidak ada sanggahan.'));
    await checkA11y(page);
    // the same pages in English
    await page.getByLabel('Bahasa').selectOption('en');
    await visible(page.getByRole('heading', { name: 'Objections', level: 1 }));
    await visible(page.getByText('No objections.'));
    await checkA11y(page);
    await page.goto('/clarifications');
    await page.getByLabel('Show').selectOption('all');
    const english = await visible(page.getByRole('listitem').filter({ hasText: QUESTION }));
    await english.getByText('View and reply').click();
    await visible(english.getByRole('button', { name: 'Close the clarification' }));
    await checkA11y(page);
    expect(problems).toEqual([]);
    await context.close();

    const phone = await openTab(browser, server, PHONE);
    await signIn(phone.page, KEMENKEU);
    await phone.page.waitForURL(`${server.url}/`);
    await phone.page.goto(`/submissions/${sid}/review`);
    await visible(phone.page.getByRole('link', { name: 'dip-kemenkeu.pdf' }));
    await checkA11y(phone.page);
    expect(await horizontalOverflow(phone.page)).toBe(0);
    await shot(phone.page, 'clarification-phone', SHOTS);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it('at the objection stage the body objects to the item and the admin accepts it on the objections page', async () => {
    await moveWithReason(admin, pid, 'objection');
    const body = await openTab(browser, server);
    await signIn(body.page, KEMENKEU);
    await body.page.waitForURL((url) => url.pathname !== '/login');
    await body.page.goto(`/submissions/${sid}/review`);
    await visible(body.page.getByText('Nilai terverifikasi'));
    const thread = body.page.getByRole('region', { name: `Klarifikasi dan sanggahan butir ${code}` });
    await thread.getByRole('button', { name: `Ajukan sanggahan ${code}` }).click();
    await thread.getByLabel('Alasan sanggahan').fill('DIP kami ditetapkan pimpinan; dokumennya sudah dilampirkan.');
    await thread.getByRole('button', { name: 'Kirim sanggahan' }).click();
    await visible(thread.getByText('Menunggu keputusan'));
    await checkA11y(body.page);
    expect(body.problems).toEqual([]);
    await body.context.close();

    const staff = await openTab(browser, server);
    await signIn(staff.page, ADMIN);
    await staff.page.waitForURL((url) => url.pathname !== '/login');
    await staff.page.goto(`/c/${cid}/periods/${pid}/objections`);
    const form = await visible(staff.page.getByRole('form', { name: `Putuskan sanggahan butir ${code}` }));
    await checkA11y(staff.page);
    await form.getByLabel('Terima (ubah nilai verifikasi)').check();
    await form.getByRole('group', { name: 'Nilai verifikasi baru' }).getByLabel('Ya').check();
    await form.getByLabel('Alasan keputusan').focus();
    await staff.page.keyboard.type('DIP yang ditandatangani pimpinan terlampir pada klarifikasi.');
    await form.getByRole('button', { name: 'Simpan keputusan' }).focus();
    await staff.page.keyboard.press('Enter');
    await visible(staff.page.locator('.badge').filter({ hasText: 'Diterima' }));
    await visible(staff.page.getByText('Nilai verifikasi berubah: belum dijawab → Ya'));
    await shot(staff.page, 'objection-accepted', SHOTS);
    expect(staff.problems).toEqual([]);
    await staff.context.close();

    const view = await admin('GET', `/submissions/${sid}`);
    expect(view.body.submission.verification).toContainEqual(
      expect.objectContaining({
        questionCode: code,
        value: true,
        reason: 'DIP yang ditandatangani pimpinan terlampir pada klarifikasi.',
      }),
    );
  });
});
