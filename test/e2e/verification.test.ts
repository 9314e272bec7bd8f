import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
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
  until,
  visible,
} from './harness.ts';
import { questionnaireForEveryCategory } from './stage-move-steps.ts';

/** The verification screen: an evaluator previews a PDF inline, corrects one answer by keyboard, and completes. */
const SHOTS = '/tmp/shots-verify';
const ADMIN = 'admin@kipusat.demo';
const EVALUATOR = 'evaluator1@kipusat.demo';
const OPERATOR = 'ppid@kementerian-keuangan.demo';
/** The id of Chromium's built-in PDF viewer (an extension frame it puts inside a frame that shows a PDF). */
const PDF_VIEWER = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

/** A one-page PDF that Chromium's viewer can draw (valid cross-reference table, a line of text). */
function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 40 120 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 240] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Uploads an evidence file as the operator (multipart: the JSON caller of the harness does not send forms). */
async function uploadAs(server: TestServer, email: string, sid: string, bytes: Buffer, name: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email, password: 'informatif-demo' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${server.url}/api/submissions/${sid}/files`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: server.url },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { fileId: string }).fileId;
}

let server: TestServer;
let browser: Browser;
let sid = '';
let pdfId = '';

/**
 * A period of its own (SMALL_SAQ for ministries), Kementerian Keuangan's SAQ answered with a PDF and submitted, the
 * period moved to verification and the submission assigned to the first demo evaluator.
 */
async function verificationScenario() {
  const admin = await signInApi(server, ADMIN);
  const me = await admin('GET', '/me');
  const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId;
  const created = await admin('POST', `/commissions/${cid}/periods`, {
    year: 2031,
    title: 'Monev Verifikasi E2E',
    methodology: KIP_METHODOLOGY,
  });
  expect(created.status).toBe(201);
  const pid = created.body.period.id as string;
  expect((await admin('PUT', `/periods/${pid}/questionnaires/KEMENTERIAN`, SMALL_SAQ)).status).toBe(200);
  await questionnaireForEveryCategory(admin, cid, pid, SMALL_SAQ);
  expect((await admin('POST', `/periods/${pid}/stage`, { to: 'saq' })).status).toBe(200);

  const operator: ApiCall = await signInApi(server, OPERATOR);
  const mine = await operator('GET', `/periods/${pid}/submissions/mine`);
  expect(mine.status).toBe(200);
  sid = mine.body.submission.id;
  pdfId = await uploadAs(server, OPERATOR, sid, onePagePdf('Daftar Informasi Publik 2031'), 'dip-2031.pdf');
  const saved = await operator(
    'PATCH',
    `/submissions/${sid}/answers`,
    {
      answers: [
        { questionCode: '1.1', value: true, evidence: [{ fileId: pdfId }] },
        { questionCode: '1.2', value: 'A', note: 'Diperbarui tiap semester' },
        { questionCode: '2.1', value: ['a', 'b', 'c'], evidence: [{ url: 'https://www.kemenkeu.go.id/ppid' }] },
      ],
    },
    { 'If-Match': `"${mine.body.submission.version}"` },
  );
  expect(saved.status).toBe(200);
  expect((await operator('POST', `/submissions/${sid}/submit`)).status).toBe(200);
  expect((await admin('POST', `/periods/${pid}/stage`, { to: 'verification' })).status).toBe(200);

  const evaluator = await signInApi(server, EVALUATOR);
  const evaluatorId = (await evaluator('GET', '/me')).body.user.id as string;
  const assigned = await admin('POST', `/periods/${pid}/assignments`, { submissionId: sid, evaluatorId });
  expect(assigned.status).toBe(201);
  return { admin, evaluator };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('verification screen', () => {
  it('an evaluator previews a PDF inline, corrects one answer with a reason by keyboard, and completes', async () => {
    const { evaluator } = await verificationScenario();
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, EVALUATOR);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`/verification/${sid}`);
    await visible(page.getByRole('heading', { name: 'Kementerian Keuangan', level: 1 }));
    await visible(page.getByText('0 dari 3 pertanyaan diverifikasi'));
    // the shortcuts are listed on the page
    await visible(page.getByRole('heading', { name: 'Pintasan papan ketik' }));

    // the first question is the current one: its PDF is previewed beside it, served inline in its sandbox
    const frame = page.locator('iframe[title="Pratinjau dip-2031.pdf"]');
    await visible(frame);
    expect(await frame.getAttribute('src')).toBe(`/api/files/${pdfId}?inline=1`);
    const served = await page.request.get(`/api/files/${pdfId}?inline=1`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-disposition']).toMatch(/^inline;/);
    expect(served.headers()['content-security-policy']).toMatch(/^sandbox;/);
    // Chromium's PDF viewer took the sandboxed frame (its viewer's own frame inside it, not an error page or a download)
    await until(async () => {
      const frames = page.frames();
      const file = frames.find((f) => f.url().includes(`/api/files/${pdfId}?inline=1`));
      const viewer = frames.find((f) => f.url().startsWith(`chrome-extension://${PDF_VIEWER}/`));
      let up = viewer?.parentFrame();
      while (up && up !== file) up = up.parentFrame();
      return file !== undefined && up === file;
    }, 'the PDF viewer in the preview frame');
    await shot(page, 'verify-preview', SHOTS);

    // a: accept 1.1 and go on; a: accept 1.2 and go on (to 2.1)
    await page.keyboard.press('a');
    await visible(page.getByText('1 dari 3 pertanyaan diverifikasi'));
    await until(
      async () => (await page.evaluate(() => document.activeElement?.id)) === 'v-1.2-title',
      'the focus on question 1.2',
    );
    await page.keyboard.press('a');
    await visible(page.getByText('2 dari 3 pertanyaan diverifikasi'));
    await until(
      async () => (await page.evaluate(() => document.activeElement?.id)) === 'v-2.1-title',
      'the focus on question 2.1',
    );

    // c: the value control of 2.1 (its first ticked item); untick "c. Media sosial", give a reason, save
    await page.keyboard.press('c');
    await until(
      async () => (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)) === 'checkbox',
      'the focus on the value control',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    // typed in the reason field: its letters (a, c, n among them) are text, not shortcuts
    await page.keyboard.type('Akun media sosial tidak ditemukan');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await visible(page.getByText('3 dari 3 pertanyaan diverifikasi'));
    // verified: indicator 2 = 100 x 2/3; SAQ = (100 x 40 + 200/3 x 20) / 60 = 88.888... -> 88,89 (self: 100,00)
    await visible(page.locator('#verify-score', { hasText: '88,89' }));
    await visible(page.getByText('Akun media sosial tidak ditemukan'));
    await shot(page, 'verify-corrected', SHOTS);

    // Complete, by keyboard too
    const complete = page.getByRole('button', { name: 'Selesaikan verifikasi' });
    expect(await complete.isEnabled()).toBe(true);
    await complete.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByText('Selesai', { exact: true }));

    const view = await evaluator('GET', `/submissions/${sid}`);
    expect(view.body.submission.verificationState).toBe('complete');
    expect(view.body.submission.scores).toMatchObject({ self: 100, verified: 88.89 });
    const item = view.body.submission.verification.find((v: { questionCode: string }) => v.questionCode === '2.1');
    expect(item).toMatchObject({ value: ['a', 'b'], reason: 'Akun media sosial tidak ditemukan' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads on a phone, in English, without sideways scrolling', async () => {
    const { page, problems, context } = await openTab(browser, server, PHONE);
    await signIn(page, EVALUATOR);
    await page.waitForURL(`${server.url}/`);
    await page.evaluate(() => window.localStorage.setItem('informatif.lang', 'en'));
    await page.goto(`/verification/${sid}`);
    await visible(page.getByText('3 of 3 questions verified'));
    await visible(page.getByText('Complete', { exact: true }));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'verify-phone-en', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  });
});
