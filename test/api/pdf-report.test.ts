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
import { publishedPeriod, resultVersion, saqPeriod } from '../helpers/results.ts';
import { ALL, KIP_METHODOLOGY, NOTHING, THIRDS } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/**
 * KI Pusat's 80/20 with the gate at 70 over SMALL_SAQ (indicators "Jenis Informasi" 40, "Digitalisasi" 20), one
 * juror, taken to the results stage: KEMENTERIAN: Badan Alfa (SAQ 100, juror 80: final 96,00 Informatif), Badan Gama
 * (800/9, juror 95: 640/9 + 19 = 90,11 Informatif), Badan Delta (SAQ 0, below the gate: 0,00 Tidak Informatif);
 * PEMPROV: Badan Eta (800/9, no panel score: 640/9 = 71,11 Cukup Informatif).
 */
async function reportWorld(options: { toResults?: boolean } = {}) {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const evaluator = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const juror = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const period = await saqPeriod(ctx, commission, admin, {
    year: 2032,
    title: 'Monev Laporan 2032',
    categories: ['KEMENTERIAN', 'PEMPROV'],
  });
  const alfa = await period.bodyWith('Badan Alfa', 'KEMENTERIAN', ALL);
  const gama = await period.bodyWith('Badan Gama', 'KEMENTERIAN', THIRDS);
  await period.bodyWith('Badan Delta', 'KEMENTERIAN', NOTHING);
  await period.bodyWith('Badan Eta', 'PEMPROV', THIRDS);
  await period.throughPanel(
    [juror],
    [
      [alfa, [80]],
      [gama, [95]],
    ],
    options,
  );
  const { periodId, move, publish } = period;
  return { commission, admin, leadership, evaluator, periodId, move, publish, operator: alfa.operator };
}
type World = Awaited<ReturnType<typeof reportWorld>>;

const report = (w: World, cookie: string, query = '') =>
  ctx.request('GET', `/api/periods/${w.periodId}/report.pdf${query}`, { cookie });

describe('the preview report', () => {
  it('is refused before the results stage (409), to roles without the preview (403) and outside the tenant (404)', async () => {
    const w = await reportWorld({ toResults: false });
    const early = await report(w, w.admin.cookie);
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('STAGE_CLOSED');
    await w.move('results');
    expect((await report(w, w.operator.cookie)).status).toBe(403);
    expect((await report(w, w.evaluator.cookie)).status).toBe(403);
    const outsider = await ctx.factory.user('commission_admin', {
      commissionId: (await ctx.factory.commission(['KEMENTERIAN'])).id,
    });
    expect((await report(w, outsider.cookie)).status).toBe(404);

    const res = await report(w, w.leadership.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="laporan-monev-2032-pratinjau.pdf"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const pages = await pdfPagesText(res.bytes);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    // every page says it is a preview, not a decree
    for (const page of pages) expect(page).toContain('PRATINJAU — bukan keputusan');
    const text = flat(pages.join('\n'));
    expect(text).toContain('belum ditetapkan dengan keputusan');
    expect(text).not.toContain('Keputusan Nomor');
    expect(text).toContain('Badan Gama');
    expect(text).toContain('90,11');
  });
});

describe('the published report', () => {
  let w: World;
  beforeAll(async () => {
    w = await reportWorld();
    // two earlier published years of the same commission, for the trend (the history import makes them)
    const csv = [
      'year,bodyName,categoryCode,final',
      '2030,Badan Alfa,KEMENTERIAN,61.50',
      '2030,Badan Gama,KEMENTERIAN,70.00',
      '2030,Badan Eta,PEMPROV,50.00',
      '2031,Badan Alfa,KEMENTERIAN,92.00',
      '2031,Badan Gama,KEMENTERIAN,80.25',
      '2031,Badan Eta,PEMPROV,66.00',
    ].join('\n');
    const imported = await ctx.request('POST', `/api/commissions/${w.commission.id}/history/import`, {
      cookie: w.admin.cookie,
      raw: csv,
      contentType: 'text/csv',
    });
    expect(imported.status, imported.text).toBe(200);
    await w.publish('SK 7/KEP/KI/XII/2032', '2032-12-15');
  });

  it('prints the commission, year, decree, version, methodology, every body with its components, final and band', async () => {
    const res = await report(w, w.admin.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="laporan-monev-2032-v1.pdf"');
    const pages = await pdfPagesText(res.bytes);
    const text = flat(pages.join('\n'));
    expect(text).not.toContain('PRATINJAU');
    // cover
    expect(pages[0]).toContain(w.commission.name.toUpperCase());
    expect(flat(pages[0] ?? '')).toContain(
      'Laporan Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik Tahun 2032',
    );
    expect(flat(pages[0] ?? '')).toContain('Keputusan Nomor SK 7/KEP/KI/XII/2032 tanggal 15 Desember 2032');
    expect(flat(pages[0] ?? '')).toContain('Versi 1');
    expect(flat(pages[0] ?? '')).not.toContain('perubahan atas');
    // methodology: components and weights, the gate, bands with their minimums, indicator weights per category
    const method = flat(pages[1] ?? '');
    for (const part of ['Presentasi', 'Penilaian panel', '80,00%', '20,00%', 'di bawah 70', 'Informatif', '90,00']) {
      expect(method).toContain(part);
    }
    expect(method).toContain('Jenis Informasi');
    expect(method).toContain('66,67%');
    expect(method).toContain('Digitalisasi');
    expect(method).toContain('33,33%');
    expect(method).toContain('2 angka desimal');
    // summary: the trend reaches back to the imported years
    expect(text).toContain('Sebaran predikat per kategori');
    expect(text).toMatch(/2030[\s\S]*2031[\s\S]*2032/);
    // tables, line by line as laid out: rank, body, components in methodology order, final, band
    expect(text).toContain('Peringkat · Kategori KEMENTERIAN');
    const lines = (await pdfText(res.bytes, { layout: true })).split('\n').map((l) => flat(l).trim());
    expect(lines).toContain('No. Badan Publik SAQ Presentasi Nilai Akhir Predikat');
    expect(lines).toContain('1 Badan Alfa 100,00 80,00 96,00 Informatif');
    expect(lines).toContain('2 Badan Gama 88,89 95,00 90,11 Informatif');
    expect(lines).toContain('3 Badan Delta 0,00 – 0,00 Tidak Informatif');
    expect(lines).toContain('1 Badan Eta 88,89 – 71,11 Cukup Informatif');
    // the running footer and page numbers
    const n = pages.length;
    pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Halaman ${i + 1} dari ${n}`);
      expect(flat(page)).toContain(`${w.commission.name} · Keputusan Nomor SK 7/KEP/KI/XII/2032`);
    });
    // page 1 is drawn
    expect(inkShare(await pageToPng(res.bytes, 1, 50))).toBeGreaterThan(0.005);
  });

  it('gives the English edition with ?lang=en: English labels and numbers', async () => {
    const res = await report(w, w.leadership.cookie, '?lang=en');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="monitoring-report-2032-v1.pdf"');
    const pages = await pdfPagesText(res.bytes);
    const text = flat(pages.join('\n'));
    expect(text).toContain('Decree No. SK 7/KEP/KI/XII/2032 of 15 December 2032');
    expect(text).toContain('Version 1');
    expect(text).toContain('Assessment Methodology');
    const lines = (await pdfText(res.bytes, { layout: true })).split('\n').map((l) => flat(l).trim());
    expect(lines).toContain('No. Public Body SAQ Presentasi Final Band');
    expect(lines).toContain('2 Badan Gama 88.89 95.00 90.11 Informatif');
    expect(text).not.toContain('90,11');
    expect(text).not.toContain('Halaman');
    expect(flat(pages[0] ?? '')).toContain(`Page 1 of ${pages.length}`);
  });

  it('keeps to one category with ?category=, and refuses an unknown one (422)', async () => {
    const res = await report(w, w.admin.cookie, '?category=PEMPROV');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="laporan-monev-2032-v1-pemprov.pdf"');
    const text = flat(await pdfText(res.bytes));
    expect(text).toContain('Badan Eta');
    expect(text).toContain('Peringkat · Kategori PEMPROV');
    expect(text).not.toContain('Badan Alfa');
    expect(text).not.toContain('Peringkat · Kategori KEMENTERIAN');
    const bad = await report(w, w.admin.cookie, '?category=NOPE');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.json.errors[0].path).toBe('category');
  });

  it('is readable by the commission’s members once published, and names an amendment and an older version', async () => {
    expect((await report(w, w.operator.cookie)).status).toBe(200);
    await w.publish('SK 9/KEP/KI/XII/2032', '2032-12-20');
    const latest = flat(await pdfText((await report(w, w.admin.cookie)).bytes));
    expect(latest).toContain('Keputusan Nomor SK 9/KEP/KI/XII/2032 tanggal 20 Desember 2032');
    expect(latest).toContain('Versi 2, perubahan atas Versi 1');
    const older = await report(w, w.admin.cookie, '?version=1');
    expect(older.status).toBe(200);
    expect(older.headers.get('content-disposition')).toBe('attachment; filename="laporan-monev-2032-v1.pdf"');
    const olderText = flat(await pdfText(older.bytes));
    expect(olderText).toContain('Keputusan Nomor SK 7/KEP/KI/XII/2032');
    expect(olderText).toContain('Versi terbaru yang ditetapkan: Versi 2');
    expect((await report(w, w.admin.cookie, '?version=9')).status).toBe(404);
    expect((await report(w, w.admin.cookie, '?lang=fr')).status).toBe(422);
  });
});

describe('a category of 60 bodies with a 120-character name', () => {
  /** A published version written as the publication would: 60 KEMENTERIAN rows with distinct finals. */
  async function sixtyBodies() {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const periodId = await publishedPeriod(ctx, { commissionId: commission.id, year: 2033, title: 'Monev 2033' });
    const bodies = [];
    for (let i = 1; i <= 60; i++) {
      const tag = `Uji${String(i).padStart(3, '0')}`;
      // body 17's name: real words to exactly 120 characters (the last one cut), as long as a name may print
      const name =
        i === 17
          ? `Lembaga ${tag} Pengelola Dokumentasi dan Informasi Badan Riset dan Inovasi Nasional Daerah Istimewa Yogyakarta Wilayah Timur Selatan`.slice(
              0,
              120,
            )
          : `Dinas Komunikasi dan Informatika ${tag} Kabupaten Contoh`;
      const body = await ctx.factory.body(commission.id, 'KEMENTERIAN', name);
      // distinct finals, descending: 99.13, 97.76, ...; the SAQ and the presentation make it up (0.8 / 0.2)
      const final = (9913 - (i - 1) * 137) / 100;
      bodies.push({ id: body.id, name, tag, rank: i, final });
    }
    const bandOf = (f: number) => KIP_METHODOLOGY.bands.findIndex((b) => f >= b.min) as number;
    await resultVersion(ctx, {
      commissionId: commission.id,
      periodId,
      version: 1,
      decreeNumber: '3/KEP/KI/2033',
      decreeDate: '2033-12-01',
      rows: bodies.map((b) => ({
        bodyId: b.id,
        bodyName: b.name,
        categoryCode: 'KEMENTERIAN',
        components: { saq: b.final, presentation: b.final },
        final: b.final.toFixed(2),
        band: KIP_METHODOLOGY.bands[bandOf(b.final)]?.label as string,
        bandIndex: bandOf(b.final),
        rank: b.rank,
      })),
    });
    return { periodId, admin, bodies };
  }

  it('lays out inside the margins, the header on each table page, rows whole, pages numbered', async () => {
    const world = await sixtyBodies();
    expect(world.bodies.find((b) => b.rank === 17)?.name).toHaveLength(120);
    const res = await ctx.request('GET', `/api/periods/${world.periodId}/report.pdf?category=KEMENTERIAN`, {
      cookie: world.admin.cookie,
    });
    expect(res.status, res.text).toBe(200);
    const layout = await pdfLayout(res.bytes);
    const n = await pageCount(res.bytes);
    expect(layout.pages).toHaveLength(n);
    expect(wordsOutside(layout, 20)).toEqual([]);

    const format = (v: number) => v.toFixed(2).replace('.', ',');
    const tablePages = new Set<number>();
    for (const body of world.bodies) {
      const name = layout.words.find((w) => w.text === body.tag);
      expect(name, body.tag).toBeDefined();
      if (!name) continue;
      tablePages.add(name.page);
      // the row's rank, name and final on one page, on one row (a row's name may wrap over three lines)
      const near = (text: string) =>
        layout.words.find((w) => w.page === name.page && w.text === text && Math.abs(w.yMin - name.yMin) < 30);
      expect(near(format(body.final)), `${body.tag} final`).toBeDefined();
      expect(near(String(body.rank)), `${body.tag} rank`).toBeDefined();
      // every word of the 120-character name is on the same page as its tag
      if (body.rank === 17) {
        for (const word of body.name.split(' ')) {
          expect(
            layout.words.some((w) => w.page === name.page && w.text === word),
            word,
          ).toBe(true);
        }
      }
    }
    // the table spans several pages, and each carries the column header near its top
    expect(tablePages.size).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) {
      const header = layout.words.filter((w) => w.page === page && w.yMin < 120);
      const words = header.map((w) => w.text);
      for (const word of ['Badan', 'Publik', 'SAQ', 'Presentasi', 'Nilai', 'Akhir', 'Predikat']) {
        expect(words, `page ${page}`).toContain(word);
      }
    }
    const pages = await pdfPagesText(res.bytes);
    expect(pages).toHaveLength(n);
    pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Halaman ${i + 1} dari ${n}`);
    });
  });
});
