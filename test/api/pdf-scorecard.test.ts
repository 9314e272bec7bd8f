import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  flat,
  inkShare,
  pageCount,
  pageToPng,
  pdfLayout,
  pdfPagesText,
  pdfText,
  wordsOutside,
} from '../helpers/pdf.ts';
import { saqPeriod } from '../helpers/results.ts';
import { ALL, NOTHING, SMALL_SAQ, THIRDS } from '../helpers/saq.ts';
import { createTestContext, PUBLIC_URL, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;

/** A question text long enough to wrap over several lines of the recommendations table. */
const LONG_QUESTION =
  'Seberapa lengkap informasi berkala yang diumumkan melalui situs web resmi, papan pengumuman, media sosial dan ' +
  'kanal lain yang mudah dijangkau masyarakat, termasuk laporan keuangan, laporan akses informasi publik, profil ' +
  'pimpinan dan ringkasan program serta kegiatan yang sedang dijalankan?';
const SAQ = structuredClone(SMALL_SAQ);
SAQ.indicators[0]!.questions[1]!.text = LONG_QUESTION;

/** A body name of exactly 120 characters, in words, as a long Indonesian agency name is. */
const LONG_NAME =
  'Dinas Komunikasi Informatika Statistik dan Persandian Pemerintah Provinsi Kepulauan Bangka Belitung Bidang Layanan Datin';

/**
 * KI Pusat's 80/20 with the gate at 70, one category, 2031, taken to the results stage; 2030 imported from an
 * earlier decree (history import: Pertiga 65.25, Cukup Informatif, rank 2 of 2). Jurors: strong 70 + 95, thirds 80 +
 * 85. Finals: strong 0.8 x 100 + 0.2 x 82.5 = 96.5; thirds 640/9 + 16.5 = 87.61 (Menuju Informatif, rank 2 of 4);
 * long (no panel score) 640/9 = 71.11 (rank 3); other 0 (rank 4).
 */
let w: Awaited<ReturnType<typeof world>>;
async function world() {
  const commission = await ctx.factory.commission(['KEMENTERIAN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const j1 = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const j2 = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const period = await saqPeriod(ctx, commission, admin, { year: 2031, title: 'Monev Rapor 2031', questionnaire: SAQ });
  const strong = await period.bodyWith(`Badan Kuat ${commission.code}`, 'KEMENTERIAN', ALL);
  const thirds = await period.bodyWith(`Badan Pertiga ${commission.code}`, 'KEMENTERIAN', THIRDS);
  const long = await period.bodyWith(LONG_NAME, 'KEMENTERIAN', THIRDS);
  const other = await period.bodyWith(`Badan Lain ${commission.code}`, 'KEMENTERIAN', NOTHING);
  const history = await ctx.request('POST', `/api/commissions/${commission.id}/history/import?bands=90,80,60,40`, {
    cookie: admin.cookie,
    raw: `year,bodyName,categoryCode,final\n2030,${strong.name},KEMENTERIAN,95\n2030,${thirds.name},KEMENTERIAN,65.25\n`,
    contentType: 'text/csv',
  });
  expect(history.status, history.text).toBe(200);
  await period.throughPanel(
    [j1, j2],
    [
      [strong, [70, 95]],
      [thirds, [80, 85]],
    ],
  );
  const { periodId } = period;
  const publish = () => period.publish('SK 7/KEP/KI/XII/2031', '2031-12-15');
  return { commission, admin, periodId, strong, thirds, long, other, publish };
}

const pdf = (cookie: string | undefined, sid: string, query = '') =>
  ctx.request('GET', `/api/submissions/${sid}/scorecard.pdf${query}`, cookie ? { cookie } : {});

beforeAll(async () => {
  ctx = await createTestContext();
  w = await world();
}, 120_000);
afterAll(async () => ctx?.close());

describe('GET /submissions/:sid/scorecard.pdf before publication', () => {
  it('prints the staff preview marked as such, and for the body its scores without a final', async () => {
    const staff = await pdf(w.admin.cookie, w.thirds.sid);
    expect(staff.status, staff.text).toBe(200);
    const staffText = flat(await pdfText(staff.bytes));
    expect(staffText).toContain('PRATINJAU');
    expect(staffText).toContain('87,61');
    expect(staffText).not.toContain('Hasil resmi');

    const own = await pdf(w.thirds.operator.cookie, w.thirds.sid);
    expect(own.status).toBe(200);
    const ownText = flat(await pdfText(own.bytes));
    expect(ownText).toContain('Nilai akhir, predikat dan peringkat tercantum setelah hasil diumumkan.');
    expect(ownText).not.toContain('87,61');
    expect(ownText).not.toContain('PRATINJAU');
    // its questionnaire score, self and verified (released from the objection stage on): 800/9
    expect(ownText).toContain('88,89');
  });
});

describe('GET /submissions/:sid/scorecard.pdf once published', () => {
  beforeAll(async () => {
    await w.publish();
  }, 60_000);

  it('prints the body, its final in Indonesian form, band, rank of N, indicators, last year and the advice', async () => {
    const res = await pdf(w.thirds.operator.cookie, w.thirds.sid);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const slug = w.thirds.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="rapor-2031-${slug}.pdf"`);
    expect(new TextDecoder().decode(res.bytes.slice(0, 5))).toBe('%PDF-');

    const text = flat(await pdfText(res.bytes));
    expect(text).toContain('RAPOR KETERBUKAAN INFORMASI PUBLIK 2031');
    expect(text).toContain(w.commission.name);
    expect(text).toContain(w.thirds.name);
    expect(text).toContain('Hasil resmi versi 1: Keputusan SK 7/KEP/KI/XII/2031 tanggal 15 Desember 2031.');
    expect(text).toContain('87,61');
    expect(text).not.toContain('87.61');
    expect(text).toContain('Menuju Informatif');
    expect(text).toContain('2 dari 4');
    // components: the SAQ and the jurors' mean
    expect(text).toMatch(/SAQ 80 88,89/);
    expect(text).toMatch(/Presentasi 20 82,50/);
    // indicators self against verified: 250/3 and 100
    expect(text).toMatch(/1\. Jenis Informasi 40 83,33 83,33/);
    expect(text).toMatch(/2\. Digitalisasi 20 100,00 100,00/);
    expect(text).toContain('Nilai per indikator');
    // last year (imported 2030: 65.25, Cukup Informatif, 2 of 2) and the change: +22.36, same rank, band up
    expect(text).toMatch(/2030 65,25 Cukup Informatif 2 dari 2/);
    expect(text).toContain('+22,36 poin · peringkat tetap · predikat naik');
    // the advice: 1.2 at full lifts the final by 8.89; the next band is 2.39 away
    expect(text).toContain('Kurang 2,39 poin lagi untuk predikat Informatif');
    expect(text).toContain('1.2 Seberapa lengkap informasi berkala');
    expect(text).toContain('+8,89 poin');
    // its certificate in force, with the address that checks it
    const card = await ctx.request('GET', `/api/submissions/${w.thirds.sid}/scorecard`, {
      cookie: w.thirds.operator.cookie,
    });
    expect(card.json.certificate).not.toBeNull();
    expect(text).toContain(card.json.certificate.code);
    expect(text).toContain(`${PUBLIC_URL}/verify/${card.json.certificate.code}`);
    // page numbers on every page
    const pages = await pdfPagesText(res.bytes);
    expect(pages.length).toBe(await pageCount(res.bytes));
    pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Halaman ${i + 1} dari ${pages.length}`);
    });
    // page 1 is drawn, not blank
    expect(inkShare(await pageToPng(res.bytes, 1, 50))).toBeGreaterThan(0.01);
  });

  it('prints the English edition with English number forms', async () => {
    const res = await pdf(w.admin.cookie, w.thirds.sid, '?lang=en');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="scorecard-2031-');
    const text = flat(await pdfText(res.bytes));
    expect(text).toContain('PUBLIC INFORMATION DISCLOSURE SCORECARD 2031');
    expect(text).toContain('Official result, version 1: decree SK 7/KEP/KI/XII/2031 of 15 December 2031.');
    expect(text).toContain('87.61');
    expect(text).not.toContain('87,61');
    expect(text).toContain('2 of 4');
    expect(text).toContain('Compared with last year');
    expect(text).toContain('+22.36 points · same rank · band up');
    expect(text).toContain('2.39 points short of the Informatif band');
    expect(text).toContain('+8.89 points');
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).not.toContain('Halaman');
  });

  it('prints no certificate for a band without one', async () => {
    const res = await pdf(w.other.operator.cookie, w.other.sid);
    expect(res.status).toBe(200);
    const text = flat(await pdfText(res.bytes));
    expect(text).toContain('Tidak Informatif');
    expect(text).toContain('4 dari 4');
    expect(text).not.toContain('Kode piagam');
    expect(text).toContain('Belum ada hasil tahun sebelumnya yang diumumkan.');
  });

  it('wraps a 120-character body name and a long question text inside the page', async () => {
    expect(LONG_NAME).toHaveLength(120);
    const res = await pdf(w.long.operator.cookie, w.long.sid);
    expect(res.status).toBe(200);
    const layout = await pdfLayout(res.bytes);
    expect(wordsOutside(layout, 20)).toEqual([]);
    // the name is printed whole, over more than one line of page 1
    const nameWords = LONG_NAME.split(' ');
    const onPage1 = layout.words.filter((word) => word.page === 1);
    const printed = nameWords.map((word) => onPage1.find((p) => p.text === word));
    expect(printed.every(Boolean)).toBe(true);
    expect(new Set(printed.map((p) => Math.round(p!.yMin))).size).toBeGreaterThan(1);
    // the question's text, printed whole over several lines (the status cell beside it may interleave in reading
    // order, so its words are counted rather than read as one string)
    const questionWords = LONG_QUESTION.split(' ');
    const counts = new Map<string, number>();
    for (const word of layout.words) counts.set(word.text, (counts.get(word.text) ?? 0) + 1);
    for (const word of questionWords) expect(counts.get(word) ?? 0, word).toBeGreaterThan(0);
    const first = layout.words.find((word) => word.text === 'Seberapa');
    const last = layout.words.find((word) => word.text === 'dijalankan?');
    expect(last!.yMin - first!.yMin).toBeGreaterThan(20);
    const text = flat(await pdfText(res.bytes));
    expect(text).toContain(LONG_NAME);
    expect(text).toContain('71,11');
    expect(text).toContain('3 dari 4');
  });

  it('refuses another body’s operator and another commission (404), the anonymous (401), a bad language (422)', async () => {
    expect((await pdf(w.other.operator.cookie, w.thirds.sid)).status).toBe(404);
    const stranger = await ctx.factory.commission(['KEMENTERIAN']);
    const otherAdmin = await ctx.factory.user('commission_admin', { commissionId: stranger.id });
    expect((await pdf(otherAdmin.cookie, w.thirds.sid)).status).toBe(404);
    expect((await pdf(undefined, w.thirds.sid)).status).toBe(401);
    expect((await pdf(w.admin.cookie, 'no-such-submission')).status).toBe(404);
    const bad = await pdf(w.thirds.operator.cookie, w.thirds.sid, '?lang=fr');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('a host without a renderer', () => {
  it('answers 503 PDF_UNAVAILABLE after the caller is known', async () => {
    const bare = await createTestContext({ pdf: undefined });
    try {
      const commission = await bare.factory.commission(['KEMENTERIAN']);
      const admin = await bare.factory.user('commission_admin', { commissionId: commission.id });
      const res = await bare.request('GET', '/api/submissions/any/scorecard.pdf', { cookie: admin.cookie });
      expect(res.status).toBe(503);
      expect(res.json.code).toBe('PDF_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });
});
