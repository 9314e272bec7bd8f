import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateData } from '../../src/modules/pdf/certificate-data.ts';
import { certificateRecords } from '../../src/modules/pdf/certificates.repository.ts';
import { renderPdf } from '../../src/modules/pdf/in-process-renderer.ts';
import { decodeQr, flat, inkShare, pageCount, pageToPng, pdfLayout, pdfText, wordsOutside } from '../helpers/pdf.ts';
import { saqPeriod } from '../helpers/results.ts';
import { ALL, NOTHING, THIRDS } from '../helpers/saq.ts';
import { createTestContext, PUBLIC_URL, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** A world of its own takes some seconds, and each page is rendered, extracted and scanned: on a busy machine more. */
const SLOW = 120_000;

const SIGNATORY = { name: 'Dr. Ratna Wulandari Siregar, S.H., M.H.', title: 'Ketua Komisi Informasi Uji' };
// 120 characters of words a registry really holds; none longer than a line
const LONG_NAME =
  'Badan Pengelola Keuangan dan Aset Daerah serta Pelayanan Informasi Publik Terpadu Pemerintah Kabupaten Kepulauan Selayar';

/**
 * KI Pusat's 80/20 over SMALL_SAQ, with a signatory, taken to the results stage (results.test.ts's world, smaller):
 * KEMENTERIAN: Alfa (SAQ 100, jurors 90/80/70 -> 80: final 96), Gama (800/9, jurors 100/100/90: final 90.44),
 * Delta (SAQ 0, below the gate: 0, Tidak Informatif); PEMPROV: Zeta (100, no panel: 80, Menuju Informatif) and the
 * long-named body (the same: 80).
 */
async function certificateWorld() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const jurors = [
    await ctx.factory.user('evaluator', { commissionId: commission.id }),
    await ctx.factory.user('evaluator', { commissionId: commission.id }),
    await ctx.factory.user('evaluator', { commissionId: commission.id }),
  ];
  const period = await saqPeriod(ctx, commission, admin, {
    year: 2032,
    title: 'Monev Piagam',
    categories: ['KEMENTERIAN', 'PEMPROV'],
    settings: { signatory: SIGNATORY },
  });
  const alfa = await period.bodyWith('Kementerian Alfa', 'KEMENTERIAN', ALL);
  const gama = await period.bodyWith('Kementerian Gama', 'KEMENTERIAN', THIRDS);
  const delta = await period.bodyWith('Kementerian Delta', 'KEMENTERIAN', NOTHING);
  const zeta = await period.bodyWith('Provinsi Zeta', 'PEMPROV', ALL);
  const long = await period.bodyWith(LONG_NAME, 'PEMPROV', ALL);
  await period.throughPanel(jurors, [
    [alfa, [90, 80, 70]],
    [gama, [100, 100, 90]],
  ]);
  const { periodId, publish } = period;
  return { commission, admin, leadership, periodId, publish, alfa, gama, delta, zeta, long };
}
type World = Awaited<ReturnType<typeof certificateWorld>>;

const certificatePdf = (sid: string, cookie: string, query = '') =>
  ctx.request('GET', `/api/submissions/${sid}/certificate.pdf${query}`, { cookie });
let published: Promise<World> | undefined;
/** One world published as version 1, read (never changed) by the tests that only print its certificates. */
const publishedWorld = () => {
  published ??= certificateWorld().then(async (w) => {
    await w.publish('SK 7/KEP/KI/XII/2032', '2032-12-15');
    return w;
  });
  return published;
};
/** The code the QR code on page 1 points to (its whole address checked). */
async function qrCode(pdf: Uint8Array): Promise<string> {
  const url = decodeQr(await pageToPng(pdf, 1, 150));
  expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/verify/[a-z2-7]{26}$`));
  return url!.slice(`${PUBLIC_URL}/verify/`.length);
}
const verify = async (code: string) => {
  const res = await ctx.request('GET', `/api/public/certificates/${code}`, { origin: null });
  expect(res.status, res.text).toBe(200);
  return res.json;
};

describe('GET /submissions/{sid}/certificate.pdf', () => {
  it(
    'prints the certificate in force, in Indonesian and English, with a QR code that verifies it',
    async () => {
      const w = await publishedWorld();
      const res = await certificatePdf(w.gama.sid, w.gama.operator.cookie);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="piagam-2032-kementerian-gama.pdf"');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(await pageCount(res.bytes)).toBe(1);

      const text = flat(await pdfText(res.bytes));
      for (const expected of [
        'PIAGAM PENGHARGAAN',
        'Monitoring dan Evaluasi Keterbukaan Informasi Publik Tahun 2032',
        'diberikan kepada',
        'Kementerian Gama',
        // the factory names a category 'Kategori <code>': the word is not printed twice
        'kepada Kementerian Gama Kategori KEMENTERIAN dengan',
        'INFORMATIF',
        'Nilai 90,44',
        `Berdasarkan Keputusan ${w.commission.name} Nomor SK 7/KEP/KI/XII/2032 tanggal 15 Desember 2032`,
        'Hasil penilaian versi 1',
        SIGNATORY.title,
        SIGNATORY.name,
        'Pindai untuk memeriksa keaslian',
        `${PUBLIC_URL}/verify/`,
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).toContain(w.commission.name.toUpperCase());
      expect(text).not.toContain('90.44');
      expect(text).not.toContain('DICABUT');

      const layout = await pdfLayout(res.bytes);
      expect(layout.pages).toHaveLength(1);
      expect(layout.pages[0]!.width).toBeGreaterThan(layout.pages[0]!.height);
      expect(Math.round(layout.pages[0]!.width)).toBe(842);
      expect(wordsOutside(layout, 20)).toEqual([]);
      const png = await pageToPng(res.bytes, 1, 60);
      expect(inkShare(png)).toBeGreaterThan(0.03);

      // the QR code leads to the public check, which vouches for the same body, band and score
      const code = await qrCode(res.bytes);
      expect(text).toContain(`Kode: ${code}`);
      expect(await verify(code)).toMatchObject({
        valid: true,
        revoked: false,
        bodyName: 'Kementerian Gama',
        band: 'Informatif',
        final: 90.44,
        year: 2032,
        decreeNumber: 'SK 7/KEP/KI/XII/2032',
      });

      const en = await certificatePdf(w.gama.sid, w.gama.operator.cookie, '?lang=en');
      expect(en.status).toBe(200);
      expect(en.headers.get('content-disposition')).toBe(
        'attachment; filename="certificate-2032-kementerian-gama.pdf"',
      );
      const english = flat(await pdfText(en.bytes));
      for (const expected of [
        'CERTIFICATE OF ACHIEVEMENT',
        'Monitoring and Evaluation of Public Information Disclosure 2032',
        'awarded to',
        'Score 90.44',
        'number SK 7/KEP/KI/XII/2032 of 15 December 2032',
        'Results version 1',
        'Scan to verify',
        SIGNATORY.name,
      ]) {
        expect(english).toContain(expected);
      }
      expect(english).not.toContain('90,44');
      expect(await qrCode(en.bytes)).toBe(code);
      expect((await certificatePdf(w.gama.sid, w.gama.operator.cookie, '?lang=fr')).status).toBe(422);

      // a band without a certificate, and readers the submission is hidden from
      const none = await certificatePdf(w.delta.sid, w.delta.operator.cookie);
      expect(none.status).toBe(404);
      expect(none.json.detail).toMatch(/Tidak Informatif earns no certificate/);
      expect((await certificatePdf(w.gama.sid, w.zeta.operator.cookie)).status).toBe(404);
      const elsewhere = await ctx.factory.commission(['KEMENTERIAN']);
      const outsider = await ctx.factory.user('commission_admin', { commissionId: elsewhere.id });
      expect((await certificatePdf(w.gama.sid, outsider.cookie)).status).toBe(404);
      expect((await certificatePdf(w.gama.sid, w.leadership.cookie)).status).toBe(200);
      expect((await ctx.request('GET', `/api/submissions/${w.gama.sid}/certificate.pdf`)).status).toBe(401);
      expect((await certificatePdf('no-such-submission', w.admin.cookie)).status).toBe(404);
    },
    SLOW,
  );

  it(
    'after an amendment carries the reissued code; the old one verifies as revoked and unchanged bodies keep theirs',
    async () => {
      const w = await certificateWorld();
      const early = await certificatePdf(w.alfa.sid, w.admin.cookie);
      expect(early.status).toBe(404);
      expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(early.json.detail).toMatch(/not published/);
      expect((await certificatePdf(w.alfa.sid, w.alfa.operator.cookie)).status).toBe(404);

      await w.publish('SK 1/KEP/2032', '2032-12-15');
      const alfaBefore = await qrCode((await certificatePdf(w.alfa.sid, w.admin.cookie)).bytes);
      const gamaBefore = await qrCode((await certificatePdf(w.gama.sid, w.admin.cookie)).bytes);
      const zetaBefore = await qrCode((await certificatePdf(w.zeta.sid, w.admin.cookie)).bytes);

      // Alfa's presentation corrected to 100 (final 100); Gama's 2.1 verified as one channel of three (SAQ 66.67, below
      // the gate: 53.33, Kurang Informatif, which earns no certificate)
      const corrections: [string, unknown][] = [
        [w.alfa.sid, { component: 'presentation', score: 100, reason: 'Salah hitung rata-rata' }],
        [w.gama.sid, { questionCode: '2.1', value: ['a'], reason: 'Hanya website yang aktif' }],
      ];
      for (const [sid, body] of corrections) {
        const res = await ctx.request('POST', `/api/submissions/${sid}/corrections`, { cookie: w.admin.cookie, body });
        expect(res.status, res.text).toBe(201);
      }
      await w.publish('SK 2/KEP/2032', '2032-12-29');

      const alfa = await certificatePdf(w.alfa.sid, w.alfa.operator.cookie);
      expect(alfa.status).toBe(200);
      const alfaAfter = await qrCode(alfa.bytes);
      expect(alfaAfter).not.toBe(alfaBefore);
      const text = flat(await pdfText(alfa.bytes));
      expect(text).toContain('Nilai 100,00');
      expect(text).toContain('Nomor SK 2/KEP/2032 tanggal 29 Desember 2032');
      expect(text).toContain('Hasil penilaian versi 2');
      expect(text).toContain(`Kode: ${alfaAfter}`);
      expect(await verify(alfaBefore)).toMatchObject({ valid: false, revoked: true, replacedBy: alfaAfter, final: 96 });
      expect(await verify(alfaAfter)).toMatchObject({ valid: true, revoked: false, final: 100, band: 'Informatif' });

      const gama = await certificatePdf(w.gama.sid, w.gama.operator.cookie);
      expect(gama.status).toBe(404);
      expect(gama.json.detail).toMatch(/Kurang Informatif earns no certificate/);
      expect(await verify(gamaBefore)).toMatchObject({ valid: false, revoked: true });

      // Zeta's result did not change: the same certificate, still issued by version 1
      const zeta = await certificatePdf(w.zeta.sid, w.zeta.operator.cookie);
      expect(await qrCode(zeta.bytes)).toBe(zetaBefore);
      expect(flat(await pdfText(zeta.bytes))).toContain('Hasil penilaian versi 1');
      expect(await verify(zetaBefore)).toMatchObject({ valid: true, bodyName: 'Provinsi Zeta', final: 80 });

      // staff may print the revoked one (the document is the same for every caller): it says so on its face
      const [old] = (await certificateRecords(ctx.db, { periodId: w.periodId, bodyId: w.alfa.bodyId })).filter(
        (r) => r.revoked,
      );
      expect(old?.code).toBe(alfaBefore);
      const data = certificateData(old!, PUBLIC_URL);
      for (const [lang, mark, note, score] of [
        ['id', 'DICABUT', 'Piagam ini telah dicabut dan tidak berlaku lagi', 'Nilai 96,00'],
        ['en', 'REVOKED', 'This certificate has been revoked and is no longer valid', 'Score 96.00'],
      ] as const) {
        const pdf = await renderPdf({ kind: 'certificate', lang, data });
        const printed = flat(await pdfText(pdf));
        for (const expected of [mark, note, score]) expect(printed).toContain(expected);
        expect(decodeQr(await pageToPng(pdf, 1, 150))).toBe(`${PUBLIC_URL}/verify/${alfaBefore}`);
      }
      // without a signatory in the period's settings, the signature block is the commission's line alone
      const unsigned = flat(
        await pdfText(await renderPdf({ kind: 'certificate', lang: 'id', data: { ...data, signatory: null } })),
      );
      expect(unsigned).not.toContain(SIGNATORY.name);
      expect(unsigned).not.toContain(SIGNATORY.title);
      expect(unsigned).toContain(`15 Desember 2032 ${w.commission.name}`);
    },
    SLOW,
  );

  it(
    'lays a 120-character name out inside the frame, every word of it printed',
    async () => {
      expect(LONG_NAME).toHaveLength(120);
      const w = await publishedWorld();
      for (const lang of ['id', 'en']) {
        const res = await certificatePdf(w.long.sid, w.long.operator.cookie, `?lang=${lang}`);
        expect(res.status, res.text).toBe(200);
        const layout = await pdfLayout(res.bytes);
        expect(layout.pages).toHaveLength(1);
        expect(wordsOutside(layout, 20)).toEqual([]);
        const words = layout.words.map((word) => word.text);
        for (const word of LONG_NAME.split(' ')) expect(words).toContain(word);
        // the name wraps onto two or three lines between its first word and its last
        const first = layout.words.find((word) => word.text === 'Badan')!;
        const last = layout.words.find((word) => word.text === 'Selayar')!;
        expect(last.yMin - first.yMin).toBeGreaterThan(10);
        expect(last.yMin - first.yMin).toBeLessThan(80);
        expect(inkShare(await pageToPng(res.bytes, 1, 60))).toBeGreaterThan(0.03);
        expect(await qrCode(res.bytes)).toMatch(/^[a-z2-7]{26}$/);
      }
    },
    SLOW,
  );
});
