import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, Question } from '../../src/domain/questionnaire.ts';
import { type AnswerValue, scoreQuestionnaire } from '../../src/domain/scoring.ts';
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
  until,
  visible,
} from './harness.ts';

/** The self-assessment pages: the operator's home and form (autosave, offline, conflicts, submit), the staff view. */
const SHOTS = '/tmp/shots4';
const TITLE_2026 = 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026';
const KEMENKEU = 'ppid@kementerian-keuangan.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let server: TestServer;
let browser: Browser;
let indicators: Indicator[];
let questions: Question[];
let pid = '';
/** Kementerian Keuangan's submission (the acceptance flow; the staff view reads it afterwards). */
let kemenkeuSid = '';

type Call = ApiCall;

/** Signs in through the API as a demo account and returns a caller with the cookie. */
const apiAs = (email: string): Promise<Call> => signInApi(server, email);

/**
 * The body's 2026 submission, open for answers. The demo's SAQ schedule is fixed (1 July - 31 August 2026); once
 * the machine's clock has passed it, the commission admin extends this body's deadline (the product's own way).
 */
async function openSubmission(email: string): Promise<{ sid: string; version: number }> {
  const operator = await apiAs(email);
  const me = await operator('GET', '/me');
  const cid = me.body.user.roles[0].commissionId;
  const periods = await operator('GET', `/commissions/${cid}/periods`);
  const period = periods.body.periods.find((p: { stage: string }) => p.stage === 'saq');
  pid = period.id;
  const mine = await operator('GET', `/periods/${pid}/submissions/mine`);
  expect(mine.status).toBe(200);
  let submission = mine.body.submission;
  if (!submission.editable) {
    const admin = await apiAs('admin@kipusat.demo');
    const extended = await admin('POST', `/submissions/${submission.id}/extension`, {
      until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      reason: 'E2E: the demo schedule of the SAQ has passed',
    });
    expect(extended.status).toBe(200);
    submission = extended.body.submission;
  }
  expect(submission.editable).toBe(true);
  return { sid: submission.id, version: submission.version };
}

/** The operator's SAQ form in a fresh tab: the submission is opened (and extended if need be), then the page. */
async function openSaqPage(email: string) {
  const { sid } = await openSubmission(email);
  const tab = await openTab(browser, server);
  await signIn(tab.page, email);
  await tab.page.waitForURL(`${server.url}/`);
  await tab.page.goto(`/saq/${pid}`);
  return { sid, ...tab };
}

const esc = (code: string) => code.replaceAll('.', '\\.');
const group = (page: Page, code: string) => page.getByRole('group', { name: new RegExp(`^${esc(code)} `) });
const saveStatus = (page: Page) => page.locator('#save-status');

async function savedStatus(page: Page) {
  await until(
    async () => /^Tersimpan/.test((await saveStatus(page).textContent()) ?? ''),
    'the save status "Tersimpan"',
  );
}

const first = (type: Question['type'], from = 0) => questions.slice(from).find((q) => q.type === type) as Question;

/** Reads the submission as the page's own session does (its cookies), as a colleague's browser would. */
async function mineVia(page: Page) {
  const response = await page.request.get(`/api/periods/${pid}/submissions/mine`);
  expect(response.status()).toBe(200);
  return (await response.json()).submission;
}

async function patchVia(page: Page, sid: string, version: number, answers: unknown[]) {
  return page.request.patch(`/api/submissions/${sid}/answers`, {
    headers: { 'If-Match': String(version), Origin: server.url },
    data: { answers },
  });
}

/** Failed requests the tests provoke (offline, an aborted or refused save) are logged by Chromium; others are not. */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|ERR_FAILED|status of (409|503)/.test(p));

async function fitsPhone(page: Page, name: string) {
  await shot(page, `${name}-375`, SHOTS);
  expect(await horizontalOverflow(page), `${name} overflows sideways`).toBeLessThanOrEqual(2);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const fixture = JSON.parse(await readFile('fixtures/questionnaires/ki-pusat-2025.json', 'utf8'));
  indicators = fixture.indicators;
  questions = indicators.flatMap((i) => i.questions);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the operator fills the SAQ', () => {
  const bool = () => first('boolean');
  const choice = () => first('choice');
  const checklist = () => first('checklist');

  it('opens it from home, answers a boolean, a choice and a checklist, adds a link and a file; a reload shows them', async () => {
    const { sid } = await openSubmission(KEMENKEU);
    kemenkeuSid = sid;
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, KEMENKEU);
    await page.waitForURL(`${server.url}/`);

    // home: period, deadline in WIB with days left, status, progress, self score, what is missing, the way in
    const card = page.getByRole('region', { name: TITLE_2026 });
    await visible(card.getByText('Batas waktu'));
    expect(await card.textContent()).toMatch(/\d{1,2} \p{L}+ 20\d\d \d\d\.\d\d WIB/u);
    expect(await card.textContent()).toMatch(/\d+ hari lagi/);
    await visible(card.getByText('Sedang diisi'));
    await visible(card.getByText('0 dari 69', { exact: true }));
    await visible(card.getByText('Belum lengkap (69)'));
    await visible(card.getByRole('link', { name: questions[0]!.code, exact: true }));
    await visible(card.getByRole('progressbar'));
    expect(await page.getByText('Kuesioner belum dibuka').count()).toBe(0);
    await shot(page, 'home-operator-desktop', SHOTS);

    await card.getByRole('link', { name: 'Isi kuesioner' }).click();
    await page.waitForURL(/\/saq\/[^/]+$/);
    await visible(page.getByRole('heading', { level: 1, name: 'Kuesioner penilaian mandiri' }));
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    await savedStatus(page);

    const b = bool();
    const c = choice();
    const k = checklist();
    await group(page, b.code).getByRole('radio', { name: 'Ya, ada' }).check();
    const optionA = c.options![0]!;
    await group(page, c.code)
      .getByRole('radio', { name: new RegExp(`^${optionA.code}\\. `) })
      .check();
    const [item1, item2] = k.items!;
    await group(page, k.code)
      .getByRole('checkbox', { name: new RegExp(`^${item1!.code}\\. `) })
      .check();
    await group(page, k.code)
      .getByRole('checkbox', { name: new RegExp(`^${item2!.code}\\. `) })
      .check();

    // a link: checked as a web address before it is added
    const links = group(page, b.code);
    await links.getByLabel('Tautan bukti dukung').fill('ftp://ppid.kemenkeu.go.id/dip');
    await links.getByRole('button', { name: /^Tambah tautan/ }).click();
    await visible(links.getByText('Masukkan alamat web yang diawali http:// atau https://', { exact: false }));
    expect(await links.getByLabel('Tautan bukti dukung').getAttribute('aria-invalid')).toBe('true');
    await links.getByLabel('Tautan bukti dukung').fill('https://ppid.kemenkeu.go.id/dip');
    await links.getByLabel('Tautan bukti dukung').press('Enter');
    await visible(links.getByRole('link', { name: 'https://ppid.kemenkeu.go.id/dip' }));

    // a file, uploaded with progress, then listed with its size and a download link
    await group(page, c.code)
      .getByLabel('Unggah berkas bukti')
      .setInputFiles({ name: 'dip-2026.pdf', mimeType: 'application/pdf', buffer: PDF });
    await visible(group(page, c.code).getByRole('link', { name: 'dip-2026.pdf' }));
    expect(await group(page, c.code).getByRole('link', { name: 'dip-2026.pdf' }).getAttribute('href')).toMatch(
      /^\/api\/files\//,
    );
    await savedStatus(page);
    await visible(page.locator('#saq-answered').getByText('3/69 dijawab'));

    // the live score is the server's: the engine's exact score, rounded at 2 decimals
    const answers = new Map<string, { value: AnswerValue }>([
      [b.code, { value: true }],
      [c.code, { value: optionA.code }],
      [k.code, { value: [item1!.code, item2!.code] }],
    ]);
    const expected = scoreQuestionnaire(indicators, answers).self.score.toFixed(2);
    // shown the Indonesian way, with a decimal comma
    expect(await page.locator('#saq-self-score').textContent()).toBe(expected.replace('.', ','));
    const saved = await mineVia(page);
    expect(saved.scores.self.toFixed(2)).toBe(expected);
    expect(saved.progress.answered).toBe(3);
    await shot(page, 'saq-answered-desktop', SHOTS);

    await page.reload();
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    expect(await group(page, b.code).getByRole('radio', { name: 'Ya, ada' }).isChecked()).toBe(true);
    expect(
      await group(page, c.code)
        .getByRole('radio', { name: new RegExp(`^${optionA.code}\\. `) })
        .isChecked(),
    ).toBe(true);
    expect(
      await group(page, k.code)
        .getByRole('checkbox', { name: new RegExp(`^${item2!.code}\\. `) })
        .isChecked(),
    ).toBe(true);
    await visible(group(page, b.code).getByRole('link', { name: 'https://ppid.kemenkeu.go.id/dip' }));
    await visible(group(page, b.code).getByText(/belum diperiksa|tidak dapat dijangkau|HTTP \d+/));
    await visible(group(page, c.code).getByRole('link', { name: 'dip-2026.pdf' }));
    await visible(group(page, c.code).getByText(/\d+ B$/));
    expect(await page.locator('#saq-self-score').textContent()).toBe(expected.replace('.', ','));

    // the history of a question: who, when, before → after
    await group(page, b.code)
      .getByRole('button', { name: /^Riwayat/ })
      .click();
    await visible(group(page, b.code).getByText('PPID Kementerian Keuangan', { exact: false }));
    await visible(group(page, b.code).getByText('Jawaban: belum dijawab → Ya, ada'));
    await shot(page, 'saq-history-desktop', SHOTS);
    expect(await unlabelled(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('submits: first the missing list, then everything answered, then the SAQ is locked', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, KEMENKEU);
    await page.waitForURL(`${server.url}/`);
    // what is missing links to the question itself: the checklist claims points without its evidence
    const k = checklist();
    const home = page.getByRole('region', { name: TITLE_2026 });
    await visible(home.getByText('Belum lengkap (67)'));
    await home.getByRole('link', { name: k.code, exact: true }).click();
    await page.waitForURL(/\/saq\/[^/]+#q-/);
    await until(
      async () => (await page.evaluate(() => document.activeElement?.closest('li.sq')?.id)) === `q-${k.code}`,
      'the focus in the linked question',
    );
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));

    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Kirim kuesioner?' });
    await visible(dialog);
    await shot(page, 'saq-submit-dialog-desktop', SHOTS);
    await dialog.getByRole('button', { name: 'Ya, kirim' }).click();
    // 66 unanswered, and the checklist that claims points without its required evidence
    const missing = page.locator('#saq-missing');
    await visible(missing.getByText('Belum dapat dikirim: 67 pertanyaan belum lengkap'));
    await visible(missing.getByRole('link', { name: k.code, exact: true }));
    await shot(page, 'saq-missing-desktop', SHOTS);
    await missing.getByRole('link', { name: k.code, exact: true }).click();
    await visible(group(page, k.code).getByText('wajib disertai bukti dukung', { exact: false }));
    expect(await page.locator(`li.sq-missing#q-${esc(k.code)}`).count()).toBe(1);
    await group(page, k.code).getByLabel('Tautan bukti dukung').fill('https://ppid.kemenkeu.go.id/dip/unsur');
    await group(page, k.code)
      .getByRole('button', { name: /^Tambah tautan/ })
      .click();
    await savedStatus(page);
    await visible(missing.getByText('Belum dapat dikirim: 66 pertanyaan belum lengkap'));

    // the other 66 answers through the API, with the page's own session
    const current = await mineVia(page);
    const answered = new Set(
      current.answers.filter((a: { value: unknown }) => a.value !== null).map((a: any) => a.questionCode),
    );
    const rest = questions
      .filter((q) => !answered.has(q.code))
      .map((q) => {
        if (q.type === 'boolean') return { questionCode: q.code, value: false };
        if (q.type === 'checklist') return { questionCode: q.code, value: [] };
        const zero = q.options!.find((o) => o.score === 0);
        return zero
          ? { questionCode: q.code, value: zero.code }
          : { questionCode: q.code, value: q.options![0]!.code, evidence: [{ url: 'https://ppid.kemenkeu.go.id/' }] };
      });
    expect(rest.length).toBe(66);
    const filled = await patchVia(page, kemenkeuSid, current.version, rest);
    expect(filled.status()).toBe(200);
    await page.reload();
    await visible(page.locator('#saq-answered').getByText('69/69 dijawab'));
    await savedStatus(page);

    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByRole('dialog', { name: 'Kirim kuesioner?' }).getByRole('button', { name: 'Ya, kirim' }).click();
    const banner = page.locator('#saq-banner');
    await visible(banner.getByText(/^Terkirim pada /));
    await visible(page.getByRole('status').filter({ hasText: 'Kuesioner telah dikirim.' }));
    // locked: the controls are disabled, nothing to add, no submit button, the status says so
    expect(await group(page, bool().code).getByRole('radio', { name: 'Ya, ada' }).isDisabled()).toBe(true);
    expect(await group(page, checklist().code).getByRole('checkbox').first().isDisabled()).toBe(true);
    expect(await page.getByLabel('Tautan bukti dukung').count()).toBe(0);
    expect(await page.getByLabel('Unggah berkas bukti').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Kirim', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Salin jawaban tahun lalu' }).count()).toBe(0);
    expect(await saveStatus(page).textContent()).toMatch(/^Terkirim pada /);
    await visible(page.getByText('Terkirim', { exact: true }).first());
    await shot(page, 'saq-submitted-desktop', SHOTS);

    // and after a reload, and on the home page
    await page.reload();
    await visible(page.locator('#saq-banner').getByText(/^Terkirim pada /));
    expect(await group(page, bool().code).getByRole('radio', { name: 'Ya, ada' }).isDisabled()).toBe(true);
    await page.getByRole('link', { name: '← Beranda' }).click();
    const card = page.getByRole('region', { name: TITLE_2026 });
    await visible(card.getByText('Terkirim', { exact: true }));
    await visible(card.getByRole('link', { name: 'Lihat jawaban' }));
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('keeps a change made offline, says it is not saved and retries; saved once online, and after a reload', async () => {
    const email = 'ppid@kementerian-kesehatan.demo';
    const { sid, page, problems, context } = await openSaqPage(email);
    const b = bool();
    await group(page, b.code).getByRole('radio', { name: 'Ya, ada' }).check();
    await savedStatus(page);

    await context.setOffline(true);
    await group(page, b.code).getByRole('radio', { name: 'Tidak ada' }).check();
    await until(
      async () => /^Belum tersimpan — mencoba lagi dalam \d+ dtk$/.test((await saveStatus(page).textContent()) ?? ''),
      'the "not saved, retrying" status',
    );
    await visible(group(page, b.code).getByText('belum tersimpan'));
    const stored = await page.evaluate((key) => window.localStorage.getItem(key), `informatif.saq.drafts.${sid}`);
    expect(stored).toContain(`"${b.code}"`);
    await shot(page, 'saq-offline-desktop', SHOTS);

    await context.setOffline(false);
    await savedStatus(page);
    expect(await page.evaluate((key) => window.localStorage.getItem(key), `informatif.saq.drafts.${sid}`)).toBeNull();
    await page.reload();
    await visible(group(page, b.code));
    expect(await group(page, b.code).getByRole('radio', { name: 'Tidak ada' }).isChecked()).toBe(true);
    expect((await mineVia(page)).answers.find((a: any) => a.questionCode === b.code).value).toBe(false);

    // saves that never reach the server: the change survives a reload (kept on the device) and is sent again
    const c = choice();
    const optionB = c.options![1]!;
    await page.route('**/api/submissions/*/answers', (route) => route.abort('failed'));
    await group(page, c.code)
      .getByRole('radio', { name: new RegExp(`^${optionB.code}\\. `) })
      .check();
    await until(async () => /^Belum tersimpan/.test((await saveStatus(page).textContent()) ?? ''), 'the save to fail');
    // leaving now would lose nothing, but the browser asks first
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    const again = await context.newPage();
    // the saves fail until the test lets them through, just before it presses "try now"
    let online = false;
    await again.route('**/api/submissions/*/answers', (route) => (online ? route.fallback() : route.abort('failed')));
    await again.goto(`/saq/${pid}`);
    await visible(group(again, c.code));
    expect(
      await group(again, c.code)
        .getByRole('radio', { name: new RegExp(`^${optionB.code}\\. `) })
        .isChecked(),
    ).toBe(true);
    await visible(group(again, c.code).getByText('belum tersimpan'));
    await until(
      async () => /^Belum tersimpan — mencoba lagi/.test((await saveStatus(again).textContent()) ?? ''),
      'the restored change to be retried',
    );
    const tryNow = again.getByRole('button', { name: 'Coba sekarang' });
    await tryNow.click({ trial: true });
    online = true;
    // on a loaded machine the queue's own retry may get there between the two: then the button is gone, saved
    await tryNow.click({ timeout: 5_000 }).catch(() => undefined);
    await savedStatus(again);
    expect((await mineVia(again)).answers.find((a: any) => a.questionCode === c.code).value).toBe(optionB.code);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('shows a conflict with a colleague’s save side by side and keeps mine on request; other changes still save', async () => {
    const email = 'ppid@kementerian-agama.demo';
    const { sid, page, problems, context } = await openSaqPage(email);
    const b = bool();
    const c = choice();
    const k = checklist();
    await group(page, b.code).getByRole('radio', { name: 'Ya, ada' }).check();
    await savedStatus(page);

    // a colleague saves the same question (the API, with the page's cookie and the version the page has seen)
    const seen = await mineVia(page);
    const colleague = await patchVia(page, sid, seen.version, [{ questionCode: b.code, value: false }]);
    expect(colleague.status()).toBe(200);

    // the page changes it too, and another question in the same batch
    await group(page, b.code).getByLabel('Catatan').fill('SK PPID 2026 ditandatangani Menteri');
    await group(page, c.code)
      .getByRole('radio', { name: new RegExp(`^${c.options![0]!.code}\\. `) })
      .check();
    const conflict = page.getByRole('region', { name: `Konflik pada pertanyaan ${b.code}` });
    await visible(conflict);
    await visible(conflict.getByText('Jawaban Anda'));
    await visible(conflict.getByText('Jawaban tersimpan oleh rekan'));
    await visible(conflict.getByText(/^Disimpan oleh .+, /));
    await visible(conflict.getByText('Ya, ada'));
    await visible(conflict.getByText('Tidak ada'));
    await until(async () => /^Konflik/.test((await saveStatus(page).textContent()) ?? ''), 'the conflict status');
    // the other question of the batch was sent again and saved
    await until(
      async () =>
        (await mineVia(page)).answers.find((a: any) => a.questionCode === c.code)?.value === c.options![0]!.code,
      'the non-conflicting change to be saved',
    );
    await shot(page, 'saq-conflict-desktop', SHOTS);

    await conflict.getByRole('button', { name: 'Pakai jawaban saya' }).click();
    await savedStatus(page);
    expect(await conflict.count()).toBe(0);
    const mine = (await mineVia(page)).answers.find((a: any) => a.questionCode === b.code);
    expect(mine.value).toBe(true);
    expect(mine.note).toBe('SK PPID 2026 ditandatangani Menteri');

    // once more, and this time the colleague's answer is kept
    const latest = await mineVia(page);
    expect(
      (await patchVia(page, sid, latest.version, [{ questionCode: k.code, value: [k.items![0]!.code] }])).status(),
    ).toBe(200);
    await group(page, k.code)
      .getByRole('checkbox', { name: new RegExp(`^${k.items![1]!.code}\\. `) })
      .check();
    const second = page.getByRole('region', { name: `Konflik pada pertanyaan ${k.code}` });
    await visible(second);
    await second.getByRole('button', { name: 'Pakai jawaban tersimpan' }).click();
    await savedStatus(page);
    expect(
      await group(page, k.code)
        .getByRole('checkbox', { name: new RegExp(`^${k.items![0]!.code}\\. `) })
        .isChecked(),
    ).toBe(true);
    expect(
      await group(page, k.code)
        .getByRole('checkbox', { name: new RegExp(`^${k.items![1]!.code}\\. `) })
        .isChecked(),
    ).toBe(false);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('stops saving when the SAQ closes, keeps the unsaved text to copy, and sends it once it is open again', async () => {
    const email = 'ppid@kementerian-hukum.demo';
    const { page, problems, context } = await openSaqPage(email);
    const b = bool();
    await visible(group(page, b.code));
    await page.route('**/api/submissions/*/answers', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/problems/stage-closed',
          title: 'Stage closed',
          status: 409,
          detail: 'The self-assessment is closed for this body.',
          code: 'STAGE_CLOSED',
        }),
      }),
    );
    await group(page, b.code).getByRole('radio', { name: 'Ya, ada' }).check();
    await group(page, b.code).getByLabel('Catatan').fill('Catatan yang tidak boleh hilang');
    await visible(page.getByText('Masa pengisian sudah ditutup; perubahan terakhir Anda tidak tersimpan.'));
    expect(await saveStatus(page).textContent()).toMatch(/^Tidak tersimpan/);
    expect(await page.getByLabel('Isian yang belum tersimpan').inputValue()).toContain(
      'Catatan yang tidak boleh hilang',
    );
    await shot(page, 'saq-stopped-desktop', SHOTS);

    // the server accepts again (an extension, say): a reload sends what was kept on the device
    await page.unroute('**/api/submissions/*/answers');
    await page.reload();
    await savedStatus(page);
    const saved = (await mineVia(page)).answers.find((a: any) => a.questionCode === b.code);
    expect(saved.value).toBe(true);
    expect(saved.note).toBe('Catatan yang tidak boleh hilang');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});

/** Form controls without a label (none expected). */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
      .map((el) => el.outerHTML.slice(0, 200)),
  );
}

describe('staff', () => {
  it('the commission admin lists the submissions from the period page, reads one, reopens it and extends it', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Periode' }).click();
    await page.getByRole('link', { name: TITLE_2026 }).click();
    await visible(page.getByRole('heading', { level: 1, name: TITLE_2026 }));
    await page.getByRole('link', { name: 'Pengisian SAQ' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Pengisian SAQ' }));
    const row = page.getByRole('row').filter({ hasText: 'Kementerian Keuangan' });
    await visible(row.getByText('Terkirim'));
    expect(await row.textContent()).toContain('69 / 69');
    // the bodies that must fill but have not opened the questionnaire are listed too
    await visible(page.getByRole('heading', { level: 2, name: /^Belum membuka kuesioner \(\d+\)$/ }));
    const notStarted = page.getByTestId('not-started');
    // a table of the bodies (the header row aside)
    expect(await notStarted.locator('tbody').getByRole('row').count()).toBeGreaterThan(0);
    expect(await notStarted.textContent()).not.toContain('Kementerian Keuangan');
    await shot(page, 'staff-list-desktop', SHOTS);

    await row.getByRole('link', { name: 'Kementerian Keuangan' }).click();
    await page.waitForURL(/\/submissions\/[^/]+$/);
    await visible(page.getByRole('heading', { level: 1, name: 'Kementerian Keuangan' }));
    const b = group(page, first('boolean').code);
    expect(await b.getByRole('radio', { name: 'Ya, ada' }).isChecked()).toBe(true);
    expect(await b.getByRole('radio', { name: 'Ya, ada' }).isDisabled()).toBe(true);
    await visible(b.getByRole('link', { name: 'https://ppid.kemenkeu.go.id/dip' }));
    await visible(b.getByText(/^(belum diperiksa|tidak dapat dijangkau|HTTP \d+.*)$/));
    await visible(group(page, first('choice').code).getByRole('link', { name: 'dip-2026.pdf' }));
    await shot(page, 'staff-submission-desktop', SHOTS);

    await page.getByLabel('Alasan').first().fill('Lampiran DIP keliru, diminta diperbaiki');
    await page.getByRole('button', { name: 'Buka kembali', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Kuesioner telah dibuka kembali.' }));
    await visible(page.getByText('Sedang diisi').first());
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Perpanjang batas waktu' }) });
    await form.getByLabel('Alasan').fill('Gangguan sistem');
    await form.getByLabel('Batas waktu baru (WIB)').fill('2030-01-31T23:59');
    await form.getByRole('button', { name: 'Perpanjang' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Batas waktu telah diperpanjang.' }));
    await visible(page.getByText('31 Januari 2030 23.59 WIB'));
    expect(problems).toEqual([]);
    await context.close();

    // the operator may answer again, until the new deadline
    const operator = await openTab(browser, server);
    await signIn(operator.page, KEMENKEU);
    const card = operator.page.getByRole('region', { name: TITLE_2026 });
    await visible(card.getByText('31 Januari 2030 23.59 WIB'));
    await visible(card.getByRole('link', { name: 'Isi kuesioner' }));
    expect(operator.problems).toEqual([]);
    await operator.context.close();
  });

  it('leadership reads a submission without the admin’s actions; an evaluator not assigned to it finds nothing', async () => {
    const evaluator = await openTab(browser, server);
    await signIn(evaluator.page, 'evaluator1@kipusat.demo');
    await evaluator.page.waitForURL(`${server.url}/`);
    await evaluator.page.goto(`/submissions/${kemenkeuSid}`);
    await visible(evaluator.page.getByRole('heading', { level: 1, name: 'Pengisian tidak ditemukan' }));
    await evaluator.context.close();

    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'pimpinan@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`/submissions/${kemenkeuSid}`);
    await visible(page.getByRole('heading', { level: 1, name: 'Kementerian Keuangan' }));
    await visible(group(page, first('boolean').code));
    expect(await page.getByRole('button', { name: 'Buka kembali', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Perpanjang' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('at 375 px, and what the operator’s pages load', () => {
  it('home and the form fit a phone; the form works there; no chart.js is loaded', async () => {
    const email = 'ppid@badan-pusat-statistik.demo';
    await openSubmission(email);
    const { page, problems, context } = await openTab(browser, server, PHONE);
    const scripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.text().catch(() => ''));
    });
    await signIn(page, email);
    const card = page.getByRole('region', { name: TITLE_2026 });
    await visible(card.getByRole('link', { name: 'Isi kuesioner' }));
    await fitsPhone(page, 'home-operator');
    await card.getByRole('link', { name: 'Isi kuesioner' }).click();
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    const b = first('boolean');
    await group(page, b.code).getByRole('radio', { name: 'Ya, ada' }).check();
    await group(page, b.code)
      .getByLabel('Tautan bukti dukung')
      .fill('ppid.bps.go.id/informasi-berkala/dokumen-daftar-informasi-publik-2026');
    await group(page, b.code)
      .getByRole('button', { name: /^Tambah tautan/ })
      .click();
    await visible(
      group(page, b.code).getByRole('link', {
        name: 'https://ppid.bps.go.id/informasi-berkala/dokumen-daftar-informasi-publik-2026',
      }),
    );
    await savedStatus(page);
    await fitsPhone(page, 'saq-form');
    await page.locator('#saq-jump-title').click();
    await visible(page.getByRole('link', { name: /^3\. Kualitas Informasi/ }));
    await fitsPhone(page, 'saq-jump');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await visible(page.getByRole('dialog', { name: 'Kirim kuesioner?' }));
    await fitsPhone(page, 'saq-submit-dialog');
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'Self-assessment questionnaire' }));
    await visible(saveStatus(page).getByText(/^Saved/));
    await fitsPhone(page, 'saq-form-en');
    await page.getByLabel('Language', { exact: true }).selectOption('id');

    expect(scripts.length).toBeGreaterThan(0);
    for (const code of scripts) expect(code).not.toMatch(/Chart\.js v\d|chartjs|new Chart\(/);
    expect(problems).toEqual([]);
    await context.close();

    // the staff view on a phone
    const staff = await openTab(browser, server, PHONE);
    await signIn(staff.page, 'admin@kipusat.demo');
    await toBodies(staff.page);
    await staff.page.goto(`/submissions/${kemenkeuSid}`);
    await visible(staff.page.getByRole('heading', { level: 1, name: 'Kementerian Keuangan' }));
    await fitsPhone(staff.page, 'staff-submission');
    expect(staff.problems).toEqual([]);
    await staff.context.close();
  });
});

describe('in English', () => {
  it('the home card and the form speak English', async () => {
    const { page, problems, context } = await openTab(browser, server, DESKTOP);
    await signIn(page, 'ppid@badan-pusat-statistik.demo');
    const card = page.getByRole('region', { name: TITLE_2026 });
    await visible(card.getByRole('link', { name: 'Isi kuesioner' }));
    await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
    await visible(card.getByText('Deadline'));
    expect(await card.textContent()).toMatch(/\d{1,2} \p{L}+ 20\d\d \d\d:\d\d WIB/u);
    expect(await card.textContent()).toMatch(/\d+ days left/);
    await card.getByRole('link', { name: 'Fill in the questionnaire' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Self-assessment questionnaire' }));
    await shot(page, 'saq-form-en-desktop', SHOTS);
    // nothing from an earlier year: carry forward is not offered (issue 25, item 6)
    await visible(page.getByRole('heading', { level: 2, name: /^1\. / }));
    expect(await page.getByRole('button', { name: 'Carry forward last year’s answers' }).count()).toBe(0);
    await page.getByLabel('Language', { exact: true }).selectOption('id');
    expect(problems).toEqual([]);
    await context.close();
  });
});
