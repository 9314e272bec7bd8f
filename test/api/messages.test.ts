import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

/**
 * Issue 25 item 8: a request in Indonesian (Accept-Language: id) is answered in Indonesian, every message naming its
 * field by its label and none by a raw path; without the header the answer stays as it was (English, no `field`).
 */
const EDITION = JSON.parse(readFileSync('fixtures/questionnaires/ki-pusat-2025.json', 'utf8'));
const presets = JSON.parse(readFileSync('fixtures/methodologies/presets.json', 'utf8')).presets as {
  key: string;
  methodology: unknown;
}[];
const KIP = presets.find((p) => p.key === 'ki-pusat-2025')?.methodology;
const ID = { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' };

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function setup() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  return { cid: commission.id, cookie: admin.cookie };
}

interface Answer {
  status: number;
  headers: Headers;
  json: { title: string; detail: string; errors?: { path?: string; line?: number; field?: string; message: string }[] };
}

/** No message shows a dotted path or an English phrase zod or our services write. */
function expectNoRawPathsOrEnglish(res: Answer) {
  for (const text of [res.json.detail, ...(res.json.errors ?? []).map((e) => e.message)]) {
    expect(text).not.toMatch(/\b\w+\.\d+\.\w+/);
    expect(text).not.toMatch(/\b(Too small|Too big|Invalid input|expected|required|must|Unknown|the header)\b/);
  }
  expect(res.headers.get('content-language')).toBe('id');
  expect(res.headers.get('x-untranslated-messages')).toBeNull();
}

describe('messages in Indonesian', () => {
  it('a body form with a too-short name: Indonesian title, detail and message, the field named “Nama”', async () => {
    const { cid, cookie } = await setup();
    const body = { name: 'A', categoryCode: 'KEMENTERIAN', website: 'bukan alamat' };
    const res = (await ctx.request('POST', `/api/commissions/${cid}/bodies`, { cookie, body, headers: ID })) as Answer;
    expect(res.status).toBe(422);
    expect(res.json.title).toBe('Validasi gagal');
    expect(res.json.detail).toBe('Isian melanggar satu atau beberapa aturan.');
    expect(res.json.errors).toContainEqual({
      path: 'name',
      field: 'Nama',
      message: 'Terlalu kecil: diharapkan teks memiliki >=2 karakter',
    });
    expect(res.json.errors?.find((e) => e.path === 'website')?.field).toBe('Situs web');
    expectNoRawPathsOrEnglish(res);

    // the same request without a language: English as before, the shape unchanged
    const en = (await ctx.request('POST', `/api/commissions/${cid}/bodies`, { cookie, body })) as Answer;
    expect(en.json.title).toBe('Validation failed');
    expect(en.json.errors).toContainEqual({
      path: 'name',
      message: 'Too small: expected string to have >=2 characters',
    });
    expect(en.json.errors?.every((e) => e.field === undefined)).toBe(true);
    // asked for in English: English messages, with the labels
    const asked = (await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body,
      headers: { 'accept-language': 'en' },
    })) as Answer;
    expect(asked.json.errors).toContainEqual({
      path: 'name',
      field: 'Name',
      message: 'Too small: expected string to have >=2 characters',
    });
  });

  it('the body CSV import: each line’s message in Indonesian, its column by its label', async () => {
    const { cid, cookie } = await setup();
    const csv = [
      'name,categoryCode,province,website,ppidEmail',
      `${unique('Badan ')},NOPE,,,`,
      'B,KEMENTERIAN,,,',
      ',KEMENTERIAN,,,',
    ].join('\n');
    const res = (await ctx.request('POST', `/api/commissions/${cid}/bodies/import`, {
      cookie,
      raw: csv,
      contentType: 'text/csv',
      headers: ID,
    })) as Answer;
    expect(res.status).toBe(422);
    expect(res.json.title).toBe('CSV tidak valid');
    expect(res.json.detail).toBe('3 baris bermasalah; tidak ada yang diimpor.');
    expect(res.json.errors).toEqual([
      { line: 2, message: 'Kategori: kategori NOPE tidak dikenal' },
      { line: 3, message: 'Nama: Terlalu kecil: diharapkan teks memiliki >=2 karakter' },
      { line: 4, message: 'Nama: wajib diisi' },
    ]);
    expectNoRawPathsOrEnglish(res);
  });

  it('a questionnaire with a bad weight names “Indikator 1, pertanyaan 1: Bobot”', async () => {
    const { cid, cookie } = await setup();
    const period = await ctx.request('POST', `/api/commissions/${cid}/periods`, {
      cookie,
      body: {
        year: 2031,
        title: 'Monev 2031',
        methodology: KIP,
        schedule: { saq: { start: '2031-07-01', end: '2031-08-31' } },
      },
    });
    expect(period.status).toBe(201);
    const pid = period.json.period.id;
    const indicators = structuredClone(EDITION.indicators);
    indicators[0].questions[0].weight = 0;
    const zero = (await ctx.request('PUT', `/api/periods/${pid}/questionnaires/KEMENTERIAN`, {
      cookie,
      body: { indicators },
      headers: ID,
    })) as Answer;
    expect(zero.status).toBe(422);
    const weight = zero.json.errors?.find((e) => e.path?.endsWith('indicators.0.questions.0.weight'));
    expect(weight).toMatchObject({ field: 'Indikator 1, pertanyaan 1: Bobot' });
    expect(weight?.message).toMatch(/^(Bobot harus lebih dari 0\.|Terlalu kecil: diharapkan angka menjadi >0)$/);
    expectNoRawPathsOrEnglish(zero);

    indicators[0].questions[0].weight = 'berat';
    const text = (await ctx.request('PUT', `/api/periods/${pid}/questionnaires/KEMENTERIAN`, {
      cookie,
      body: { indicators },
      headers: ID,
    })) as Answer;
    expect(text.status).toBe(422);
    expect(text.json.errors).toContainEqual({
      path: 'indicators.0.questions.0.weight',
      field: 'Indikator 1, pertanyaan 1: Bobot',
      message: 'Input tidak valid: diharapkan angka, diterima teks',
    });
    expectNoRawPathsOrEnglish(text);

    // a stage move refused: in Indonesian, the stages by their names
    const early = (await ctx.request('POST', `/api/periods/${pid}/stage`, {
      cookie,
      body: { to: 'saq' },
      headers: ID,
    })) as Answer;
    expect(early.status).toBe(409);
    expect(early.json.title).toBe('Perpindahan tahap tidak valid');
    expect(early.json.detail).toBe('Tetapkan kuesioner sedikitnya satu kategori sebelum membuka SAQ.');
    const skip = (await ctx.request('POST', `/api/periods/${pid}/stage`, {
      cookie,
      body: { to: 'verification' },
      headers: ID,
    })) as Answer;
    expect(skip.status).toBe(409);
    expect(skip.json.detail).toBe(
      'Dari tahap Draf, tahap berikutnya adalah Penilaian mandiri (SAQ), bukan Verifikasi.',
    );
    const bad = (await ctx.request('POST', `/api/periods/${pid}/stage`, {
      cookie,
      body: { to: 'nowhere' },
      headers: ID,
    })) as Answer;
    expect(bad.status).toBe(422);
    expect(bad.json.errors?.[0]).toMatchObject({ path: 'to', field: 'Tahap tujuan' });
    expect(bad.json.errors?.[0]?.message).toMatch(/^Pilihan tidak valid: diharapkan salah satu dari/);
    expectNoRawPathsOrEnglish(bad);
  });

  it('a login: wrong credentials and a missing password in Indonesian', async () => {
    const user = await ctx.factory.user('platform_admin');
    const headers = { ...ID, 'x-test-ip': unique('ip-') };
    const wrong = (await ctx.request('POST', '/api/auth/login', {
      body: { email: user.email, password: 'salah sekali' },
      headers,
    })) as Answer;
    expect(wrong.status).toBe(401);
    expect(wrong.json.title).toBe('Data masuk salah');
    expect(wrong.json.detail).toBe('E-mail atau kata sandi salah.');
    const missing = (await ctx.request('POST', '/api/auth/login', { body: { email: user.email }, headers })) as Answer;
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toEqual([{ path: 'password', field: 'Kata sandi', message: 'Wajib diisi' }]);
    expectNoRawPathsOrEnglish(missing);
  });

  it('a refusal and an unknown address in Indonesian', async () => {
    const { cid } = await setup();
    const body = await ctx.factory.body(cid);
    const operator = await ctx.factory.user('body_operator', { commissionId: cid, bodyId: body.id });
    const refused = (await ctx.request('GET', `/api/commissions/${cid}/users`, {
      cookie: operator.cookie,
      headers: ID,
    })) as Answer;
    expect(refused.status).toBe(403);
    expect(refused.json.title).toBe('Tidak diizinkan');
    expect(refused.json.detail).toBe('Peran Anda tidak diizinkan melakukan ini.');
    const unknown = (await ctx.request('GET', '/api/nowhere', { cookie: operator.cookie, headers: ID })) as Answer;
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toBe('Tidak ada rute GET /api/nowhere.');
  });
});
