import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

interface Row {
  bodyId: string;
  bodyName?: string;
  categoryCode: string;
  final: string;
  band: string;
  rank: number;
  components?: Record<string, number | null>;
  example?: boolean;
}

/**
 * A commission (KEMENTERIAN, PEMPROV) with a 2025 period (KIP_METHODOLOGY, SMALL_SAQ for KEMENTERIAN) left at the
 * results stage, and four bodies; `publish` writes a version straight into result_versions/result_rows (as the
 * publication would), `importedYear` an imported year with its own period.
 */
async function publicWorld() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
    cookie: admin.cookie,
    body: { year: 2025, title: 'Monev KIP 2025', methodology: KIP_METHODOLOGY },
  });
  expect(created.status, created.text).toBe(201);
  const periodId = created.json.period.id as string;
  const put = await ctx.request('PUT', `/api/periods/${periodId}/questionnaires/KEMENTERIAN`, {
    cookie: admin.cookie,
    body: SMALL_SAQ,
  });
  expect(put.status, put.text).toBe(200);
  // the stage rules have tests of their own: the period is put at the results stage directly
  await ctx.db.updateTable('periods').set({ stage: 'results' }).where('id', '=', periodId).execute();
  const alpha = await ctx.factory.body(commission.id, 'KEMENTERIAN', `Kementerian "Alfa", Pusat ${commission.code}`);
  const beta = await ctx.factory.body(commission.id, 'KEMENTERIAN', `Kementerian Beta ${commission.code}`);
  const gamma = await ctx.factory.body(commission.id, 'KEMENTERIAN', `Kementerian Gama ${commission.code}`);
  const delta = await ctx.factory.body(commission.id, 'PEMPROV', `Pemprov Delta ${commission.code}`);
  const names = new Map([alpha, beta, gamma, delta].map((b) => [b.id, b.name]));

  async function publish(
    pid: string,
    version: number,
    rows: Row[],
    options: { source?: 'computed' | 'imported'; example?: boolean; methodology?: unknown } = {},
  ) {
    const v = await ctx.db
      .insertInto('resultVersions')
      .values({
        commissionId: commission.id,
        periodId: pid,
        version,
        decreeNumber: `${version}/KEP/KIP/XII/2025`,
        decreeDate: `2025-12-0${version}`,
        methodology: jsonb(options.methodology ?? KIP_METHODOLOGY),
        source: options.source ?? 'computed',
        example: options.example ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('resultRows')
      .values(
        rows.map((r, position) => ({
          versionId: v.id,
          periodId: pid,
          bodyId: r.bodyId,
          bodyName: r.bodyName ?? (names.get(r.bodyId) as string),
          categoryCode: r.categoryCode,
          submissionId: null,
          components: jsonb(r.components ?? {}),
          final: r.final,
          band: r.band,
          bandIndex: KIP_METHODOLOGY.bands.findIndex((b) => b.label === r.band),
          rank: r.rank,
          position,
          example: r.example ?? false,
        })),
      )
      .execute();
    return v.id;
  }

  async function importedYear(year: number, rows: Row[]) {
    const p = await ctx.db
      .insertInto('periods')
      .values({
        commissionId: commission.id,
        year,
        title: `Monev ${year} (SK)`,
        stage: 'published',
        methodology: jsonb(KIP_METHODOLOGY),
        schedule: jsonb({}),
        settings: jsonb({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await publish(p.id, 1, rows, { source: 'imported', example: true });
    return p.id;
  }

  return { commission, admin, periodId, alpha, beta, gamma, delta, publish, importedYear };
}

type World = Awaited<ReturnType<typeof publicWorld>>;

const V1 = (w: World): Row[] => [
  { bodyId: w.alpha.id, categoryCode: 'KEMENTERIAN', final: '91.25', band: 'Informatif', rank: 1 },
  { bodyId: w.beta.id, categoryCode: 'KEMENTERIAN', final: '80.00', band: 'Menuju Informatif', rank: 2 },
  { bodyId: w.gamma.id, categoryCode: 'KEMENTERIAN', final: '80.00', band: 'Menuju Informatif', rank: 2 },
  { bodyId: w.delta.id, categoryCode: 'PEMPROV', final: '0.00', band: 'Tidak Informatif', rank: 1 },
];
/** The amendment: beta's presentation corrected, it moves to first; gamma now alone at third. */
const V2 = (w: World): Row[] => [
  {
    bodyId: w.beta.id,
    categoryCode: 'KEMENTERIAN',
    final: '93.50',
    band: 'Informatif',
    rank: 1,
    components: { saq: 95, presentation: 87.5 },
  },
  {
    bodyId: w.alpha.id,
    categoryCode: 'KEMENTERIAN',
    final: '91.25',
    band: 'Informatif',
    rank: 2,
    components: { saq: 92.19, presentation: 87.5 },
  },
  {
    bodyId: w.gamma.id,
    categoryCode: 'KEMENTERIAN',
    final: '80.00',
    band: 'Menuju Informatif',
    rank: 3,
    components: { saq: 85, presentation: 60 },
  },
  {
    bodyId: w.delta.id,
    categoryCode: 'PEMPROV',
    final: '0.00',
    band: 'Tidak Informatif',
    rank: 1,
    components: { saq: 0, presentation: null },
  },
];

const get = (path: string) => ctx.request('GET', path);

describe('public results (no login)', () => {
  it('a period at the results stage with no published version is a 404 everywhere, and absent from the list', async () => {
    const w = await publicWorld();
    const code = w.commission.code;
    for (const path of [
      `/api/public/commissions/${code}/results/2025`,
      `/api/public/commissions/${code}/results/2025.csv`,
      `/api/public/commissions/${code}/results/2025.json`,
      `/api/public/commissions/${code}/results/2025/methodology`,
      `/api/public/bodies/${w.alpha.id}/history`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.text).not.toContain(w.alpha.name);
    }
    const list = await get('/api/public/commissions');
    expect(list.status).toBe(200);
    expect(list.json.commissions.map((c: { code: string }) => c.code)).not.toContain(code);
  });

  it('serves the latest published version only, with its decree, to a caller without a session', async () => {
    const w = await publicWorld();
    await w.publish(w.periodId, 1, V1(w));
    await w.publish(w.periodId, 2, V2(w));
    const res = await get(`/api/public/commissions/${w.commission.code}/results/2025`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.json).toMatchObject({
      commission: { code: w.commission.code, name: w.commission.name },
      year: 2025,
      title: 'Monev KIP 2025',
      version: 2,
      decreeNumber: '2/KEP/KIP/XII/2025',
      decreeDate: '2025-12-02',
      example: false,
      source: 'computed',
      decimals: 2,
      components: [
        { key: 'saq', label: 'SAQ', weight: 80 },
        { key: 'presentation', label: 'Presentasi', weight: 20 },
      ],
      categories: [
        { code: 'KEMENTERIAN', name: 'Kategori KEMENTERIAN' },
        { code: 'PEMPROV', name: 'Kategori PEMPROV' },
      ],
    });
    expect(new Date(res.json.publishedAt).toISOString()).toBe(res.json.publishedAt);
    expect(res.json.bands.map((b: { label: string }) => b.label)).toEqual(KIP_METHODOLOGY.bands.map((b) => b.label));
    // version 2's numbers, in its order; version 1's ranks (beta second, gamma tied) are nowhere
    expect(
      res.json.rows.map((r: { bodyId: string; rank: number; final: number }) => [r.bodyId, r.rank, r.final]),
    ).toEqual([
      [w.beta.id, 1, 93.5],
      [w.alpha.id, 2, 91.25],
      [w.gamma.id, 3, 80],
      [w.delta.id, 1, 0],
    ]);
    expect(res.json.rows[0]).toEqual({
      rank: 1,
      bodyId: w.beta.id,
      bodyName: w.beta.name,
      categoryCode: 'KEMENTERIAN',
      components: { saq: 95, presentation: 87.5 },
      final: 93.5,
      band: 'Informatif',
      example: false,
    });
    expect(res.json.rows[3].components).toEqual({ saq: 0, presentation: null });

    const list = await get('/api/public/commissions');
    expect(list.json.commissions).toContainEqual({
      code: w.commission.code,
      name: w.commission.name,
      province: null,
      years: [2025],
    });
  });

  it('finds the commission by its code in any case; an unknown commission or year is a 404, a bad year a 422', async () => {
    const w = await publicWorld();
    await w.publish(w.periodId, 1, V1(w));
    const lower = await get(`/api/public/commissions/${w.commission.code.toLowerCase()}/results/2025`);
    expect(lower.status).toBe(200);
    expect(lower.json.commission.code).toBe(w.commission.code);
    expect((await get(`/api/public/commissions/NOPE${w.commission.code}/results/2025`)).status).toBe(404);
    expect((await get(`/api/public/commissions/${w.commission.code}/results/2024`)).status).toBe(404);
    expect((await get(`/api/public/commissions/${w.commission.code}/results/2024.csv`)).status).toBe(404);
    for (const year of ['20x5', '2025.xml', '202', '2025.csv.csv']) {
      const res = await get(`/api/public/commissions/${w.commission.code}/results/${year}`);
      expect(res.status, year).toBe(422);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    }
    expect((await get(`/api/public/commissions/${w.commission.code}/results/1999/methodology`)).status).toBe(422);
  });

  it('the CSV carries the decree and the version on every line, fixed decimals, quoted names, as an attachment', async () => {
    const w = await publicWorld();
    await w.publish(w.periodId, 1, V1(w));
    await w.publish(w.periodId, 2, V2(w));
    const res = await get(`/api/public/commissions/${w.commission.code}/results/2025.csv`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${w.commission.code.toLowerCase()}-2025-v2.csv"`,
    );
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.bytes[0]).not.toBe(0xef); // no BOM
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'rank,bodyName,categoryCode,saq,presentation,final,band,decreeNumber,decreeDate,version,example',
    );
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      `1,Kementerian Beta ${w.commission.code},KEMENTERIAN,95.00,87.50,93.50,Informatif,2/KEP/KIP/XII/2025,2025-12-02,2,false`,
    );
    // a name with a comma and quotes is quoted, its quotes doubled
    expect(lines[2]).toBe(
      `2,"Kementerian ""Alfa"", Pusat ${w.commission.code}",KEMENTERIAN,92.19,87.50,91.25,Informatif,2/KEP/KIP/XII/2025,2025-12-02,2,false`,
    );
    // a component without a score is an empty field
    expect(lines[4]).toBe(
      `1,Pemprov Delta ${w.commission.code},PEMPROV,0.00,,0.00,Tidak Informatif,2/KEP/KIP/XII/2025,2025-12-02,2,false`,
    );
    const records = parseCsv(res.text);
    expect(records.map((r) => r.fields[1])).toEqual([
      'bodyName',
      `Kementerian Beta ${w.commission.code}`,
      w.alpha.name,
      w.gamma.name,
      w.delta.name,
    ]);
  });

  it('a name a spreadsheet would run as a formula is neutralised in the CSV, kept as it is in the JSON', async () => {
    const w = await publicWorld();
    const formula = '=HYPERLINK("http://evil.example","Klik")';
    await w.publish(w.periodId, 1, [
      {
        bodyId: w.alpha.id,
        bodyName: formula,
        categoryCode: 'KEMENTERIAN',
        final: '91.25',
        band: 'Informatif',
        rank: 1,
      },
      {
        bodyId: w.beta.id,
        bodyName: '@SUM(1)',
        categoryCode: 'KEMENTERIAN',
        final: '80.00',
        band: 'Menuju Informatif',
        rank: 2,
      },
    ]);
    const csv = await get(`/api/public/commissions/${w.commission.code}/results/2025.csv`);
    const names = parseCsv(csv.text).map((r) => r.fields[1]);
    expect(names).toEqual(['bodyName', `'${formula}`, "'@SUM(1)"]);
    const json = await get(`/api/public/commissions/${w.commission.code}/results/2025`);
    expect(json.json.rows.map((r: { bodyName: string }) => r.bodyName)).toEqual([formula, '@SUM(1)']);
  });

  it('the .json file is the same results as an attachment', async () => {
    const w = await publicWorld();
    await w.publish(w.periodId, 1, V1(w));
    const plain = await get(`/api/public/commissions/${w.commission.code}/results/2025`);
    const file = await get(`/api/public/commissions/${w.commission.code}/results/2025.json`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/json');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="${w.commission.code.toLowerCase()}-2025-v1.json"`,
    );
    expect(file.json).toEqual(plain.json);
  });

  it('filters one category in JSON and CSV; an unknown category has no rows', async () => {
    const w = await publicWorld();
    await w.publish(w.periodId, 1, V1(w));
    const base = `/api/public/commissions/${w.commission.code}/results/2025`;
    const json = await get(`${base}?category=PEMPROV`);
    expect(json.status).toBe(200);
    expect(json.json.rows.map((r: { bodyId: string }) => r.bodyId)).toEqual([w.delta.id]);
    // the categories stay listed: the filter's choices
    expect(json.json.categories).toHaveLength(2);
    const csv = await get(`${base}.csv?category=KEMENTERIAN`);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="${w.commission.code.toLowerCase()}-2025-v1-kementerian.csv"`,
    );
    const records = parseCsv(csv.text).slice(1);
    expect(records.map((r) => [r.fields[0], r.fields[2]])).toEqual([
      ['1', 'KEMENTERIAN'],
      ['2', 'KEMENTERIAN'],
      ['2', 'KEMENTERIAN'],
    ]);
    expect(records.every((r) => r.fields[9] === '1' && r.fields[7] === '1/KEP/KIP/XII/2025')).toBe(true);
    expect((await get(`${base}?category=NONE`)).json.rows).toEqual([]);
    expect((await get(`${base}?category=${'X'.repeat(41)}`)).status).toBe(422);
  });

  it('the methodology: components, gate, bands with their certificates, indicator weights; none for an imported year', async () => {
    const w = await publicWorld();
    await w.publish(w.periodId, 1, V1(w));
    const res = await get(`/api/public/commissions/${w.commission.code}/results/2025/methodology`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      commission: { code: w.commission.code, name: w.commission.name },
      year: 2025,
      version: 1,
      decimals: 2,
      components: KIP_METHODOLOGY.components,
      gate: KIP_METHODOLOGY.gate,
      bands: KIP_METHODOLOGY.bands.map((b, i) => ({ ...b, certificate: i < 3 })),
      questionnaires: [
        {
          categoryCode: 'KEMENTERIAN',
          categoryName: 'Kategori KEMENTERIAN',
          indicators: [
            { code: '1', title: 'Jenis Informasi', weight: 40, questions: 2 },
            { code: '2', title: 'Digitalisasi', weight: 20, questions: 1 },
          ],
        },
      ],
    });
    await w.importedYear(2023, [
      { bodyId: w.alpha.id, categoryCode: 'KEMENTERIAN', final: '70.10', band: 'Cukup Informatif', rank: 1 },
    ]);
    const imported = await get(`/api/public/commissions/${w.commission.code}/results/2023/methodology`);
    expect(imported.status).toBe(200);
    expect(imported.json.questionnaires).toEqual([]);
    const results = await get(`/api/public/commissions/${w.commission.code}/results/2023`);
    expect(results.json).toMatchObject({ source: 'imported', example: true, version: 1 });
    const csv = await get(`/api/public/commissions/${w.commission.code}/results/2023.csv`);
    expect(csv.text.split('\r\n')[1]).toMatch(/,70\.10,Cukup Informatif,1\/KEP\/KIP\/XII\/2025,2025-12-01,1,true$/);
    const list = await get('/api/public/commissions');
    expect(list.json.commissions.find((c: { code: string }) => c.code === w.commission.code).years).toEqual([
      2025, 2023,
    ]);
  });

  it('a body’s history: the latest version of each published year, its rank of the bodies in its category', async () => {
    const w = await publicWorld();
    await w.importedYear(2024, [
      { bodyId: w.gamma.id, categoryCode: 'KEMENTERIAN', final: '75.00', band: 'Cukup Informatif', rank: 1 },
      {
        bodyId: w.alpha.id,
        categoryCode: 'KEMENTERIAN',
        final: '71.00',
        band: 'Cukup Informatif',
        rank: 2,
        example: true,
      },
      { bodyId: w.delta.id, categoryCode: 'PEMPROV', final: '50.00', band: 'Kurang Informatif', rank: 1 },
    ]);
    await w.publish(w.periodId, 1, V1(w));
    await w.publish(w.periodId, 2, V2(w));
    const res = await get(`/api/public/bodies/${w.alpha.id}/history`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.json).toEqual({
      body: { id: w.alpha.id, name: w.alpha.name, categoryCode: 'KEMENTERIAN', province: null },
      commission: { code: w.commission.code, name: w.commission.name },
      years: [
        {
          year: 2024,
          version: 1,
          decreeNumber: '1/KEP/KIP/XII/2025',
          categoryCode: 'KEMENTERIAN',
          final: 71,
          band: 'Cukup Informatif',
          rank: 2,
          of: 2,
          example: true,
          decimals: 2,
        },
        {
          year: 2025,
          version: 2,
          decreeNumber: '2/KEP/KIP/XII/2025',
          categoryCode: 'KEMENTERIAN',
          final: 91.25,
          band: 'Informatif',
          rank: 2,
          of: 3,
          example: false,
          decimals: 2,
        },
      ],
    });
    // a body with nothing published, and an unknown one
    const lone = await ctx.factory.body(w.commission.id, 'PEMPROV');
    expect((await get(`/api/public/bodies/${lone.id}/history`)).status).toBe(404);
    expect((await get('/api/public/bodies/no-such-body/history')).status).toBe(404);
  });

  it('a body that is in an earlier version only keeps that version as its year', async () => {
    const w = await publicWorld();
    const other = await ctx.factory.body(w.commission.id, 'PEMPROV');
    await w.publish(w.periodId, 1, [
      ...V1(w),
      {
        bodyId: other.id,
        bodyName: other.name,
        categoryCode: 'PEMPROV',
        final: '10.00',
        band: 'Tidak Informatif',
        rank: 2,
      },
    ]);
    await w.publish(w.periodId, 2, V2(w));
    const res = await get(`/api/public/bodies/${other.id}/history`);
    expect(res.status).toBe(200);
    expect(res.json.years).toMatchObject([{ year: 2025, version: 1, rank: 2, of: 2 }]);
  });

  describe('certificates', () => {
    async function certificate(w: World, versionId: string, bodyId: string, final: string, band: string) {
      const code = randomToken(16)
        .replace(/[^A-Za-z0-9]/g, 'X')
        .toUpperCase();
      await ctx.db
        .insertInto('certificates')
        .values({
          code,
          commissionId: w.commission.id,
          periodId: w.periodId,
          versionId,
          bodyId,
          bodyName: (await get(`/api/public/bodies/${bodyId}/history`)).json?.body?.name ?? 'Badan',
          band,
          final,
        })
        .execute();
      return code;
    }

    it('valid, revoked and replaced, or unknown', async () => {
      const w = await publicWorld();
      const v1 = await w.publish(w.periodId, 1, V1(w));
      const first = await certificate(w, v1, w.beta.id, '80.00', 'Menuju Informatif');
      const kept = await certificate(w, v1, w.alpha.id, '91.25', 'Informatif');
      const v2 = await w.publish(w.periodId, 2, V2(w));
      const second = await certificate(w, v2, w.beta.id, '93.50', 'Informatif');
      await ctx.db
        .updateTable('certificates')
        .set({ revokedAt: new Date('2025-12-02T03:00:00Z'), revokedByVersionId: v2, replacedBy: second })
        .where('code', '=', first)
        .execute();

      const valid = await get(`/api/public/certificates/${kept}`);
      expect(valid.status, valid.text).toBe(200);
      expect(valid.headers.get('cache-control')).toBe('public, max-age=60');
      expect(valid.json).toEqual({
        valid: true,
        revoked: false,
        bodyName: w.alpha.name,
        band: 'Informatif',
        final: 91.25,
        year: 2025,
        commission: w.commission.name,
        category: { code: 'KEMENTERIAN', name: 'Kategori KEMENTERIAN' },
        decreeNumber: '1/KEP/KIP/XII/2025',
        decreeDate: '2025-12-01',
        decimals: 2,
        version: 1,
        issuedAt: expect.any(String),
        revokedAt: null,
      });
      const revoked = await get(`/api/public/certificates/${first}`);
      expect(revoked.json).toMatchObject({
        valid: false,
        revoked: true,
        replacedBy: second,
        band: 'Menuju Informatif',
        final: 80,
        version: 1,
        revokedAt: '2025-12-02T03:00:00.000Z',
      });
      const replacement = await get(`/api/public/certificates/${second}`);
      expect(replacement.json).toMatchObject({
        valid: true,
        revoked: false,
        version: 2,
        final: 93.5,
        decreeNumber: '2/KEP/KIP/XII/2025',
        decreeDate: '2025-12-02',
      });
      expect(replacement.json.replacedBy).toBeUndefined();
      const unknown = await get('/api/public/certificates/NOSUCHCODE');
      expect(unknown.status).toBe(404);
      expect(unknown.json.code).toBe('NOT_FOUND');
    });
  });
});
