import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodResults } from '../../src/modules/results/results.service.ts';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const HEADER = 'year,bodyName,categoryCode,final';

async function setup() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  return { cid: commission.id, admin, cookie: admin.cookie };
}

const importCsv = (cid: string, cookie: string, csv: string, query = '', contentType = 'text/csv') =>
  ctx.request('POST', `/api/commissions/${cid}/history/import${query}`, { cookie, raw: csv, contentType });

const count = async (table: 'bodies' | 'periods' | 'resultVersions' | 'auditEvents', cid: string) =>
  (
    await ctx.db
      .selectFrom(table)
      .select(sql<number>`count(*)::int`.as('n'))
      .where('commissionId', '=', cid)
      .executeTakeFirstOrThrow()
  ).n;

const rowsOf = (periodId: string) =>
  ctx.db
    .selectFrom('resultRows')
    .innerJoin('resultVersions', 'resultVersions.id', 'resultRows.versionId')
    .select([
      'resultRows.bodyId',
      'resultRows.bodyName',
      'resultRows.categoryCode',
      'resultRows.final',
      'resultRows.band',
      'resultRows.bandIndex',
      'resultRows.rank',
      'resultRows.position',
      'resultRows.example',
      'resultRows.components',
      'resultRows.submissionId',
    ])
    .where('resultRows.periodId', '=', periodId)
    .orderBy('resultRows.position')
    .execute();

describe('history import: refusals', () => {
  it('reports every bad line of a file with several faults, and writes nothing', async () => {
    const { cid, cookie } = await setup();
    await ctx.factory.body(cid, 'KEMENTERIAN', 'Kementerian Sudah Ada');
    // a period already stands in 2023: each of its lines is refused
    const existing = await ctx.request('POST', `/api/commissions/${cid}/periods`, {
      cookie,
      body: {
        year: 2023,
        title: 'Monev 2023',
        methodology: {
          components: [{ key: 'saq', label: 'SAQ', weight: 100, source: 'questionnaire' }],
          bands: [
            { label: 'Baik', min: 50 },
            { label: 'Kurang', min: 0 },
          ],
          decimals: 2,
        },
      },
    });
    expect(existing.status).toBe(201);
    const before = {
      bodies: await count('bodies', cid),
      periods: await count('periods', cid),
      audit: await count('auditEvents', cid),
    };
    const csv = [
      HEADER,
      '2022,Kementerian Baik,KEMENTERIAN,95.10', // 2: fine
      '1999,Kementerian Tua,KEMENTERIAN,80', // 3: year out of range
      'dua ribu,Kementerian Kata,KEMENTERIAN,80', // 4: year not a number
      '2022,,KEMENTERIAN,80', // 5: empty name
      '2022,Kementerian Asing,BUMN,80', // 6: unknown category
      '2022,Kementerian Lebih,KEMENTERIAN,100.01', // 7: above 100
      '2022,Kementerian Presisi,KEMENTERIAN,88.123', // 8: three decimals
      '2022,Kementerian Negatif,KEMENTERIAN,-1', // 9: negative
      '2022,  kementerian   BAIK ,KEMENTERIAN,70', // 10: the body of line 2 again (case and spacing)
      '2023,Kementerian Sudah Ada,KEMENTERIAN,70', // 11: 2023 already has a period
      '2023,Pemprov Baru,PEMPROV,60', // 12: 2023 already has a period
      '2022,Kementerian Kosong,KEMENTERIAN,', // 13: no final
    ].join('\n');
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.json.code).toBe('INVALID_CSV');
    const lines = res.json.errors.map((e: { line: number }) => e.line);
    expect([...new Set(lines)]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const message = (line: number) =>
      res.json.errors
        .filter((e: { line: number }) => e.line === line)
        .map((e: { message: string }) => e.message)
        .join(' | ');
    expect(message(3)).toMatch(/^year: .*2000 to 2100/);
    expect(message(4)).toMatch(/^year: /);
    expect(message(5)).toBe('bodyName: required');
    expect(message(6)).toBe('categoryCode: unknown category BUMN');
    for (const line of [7, 8, 9]) expect(message(line)).toMatch(/^final: .*0 to 100 with at most 2 decimals/);
    expect(message(10)).toBe('bodyName: the same body as line 2 in 2022');
    expect(message(11)).toBe('year: the commission already has a period for 2023');
    expect(message(12)).toBe('year: the commission already has a period for 2023');
    expect(message(13)).toBe('final: required');
    // nothing written
    expect({
      bodies: await count('bodies', cid),
      periods: await count('periods', cid),
      audit: await count('auditEvents', cid),
    }).toEqual(before);
    expect(await count('resultVersions', cid)).toBe(0);
  });

  it('refuses a wrong header, an empty file, differing decrees within a year, and bad bands (422)', async () => {
    const { cid, cookie } = await setup();
    const header = await importCsv(cid, cookie, 'year,name,categoryCode,score\n2022,X,KEMENTERIAN,80\n');
    expect(header.status).toBe(422);
    expect(header.json.code).toBe('INVALID_CSV');
    expect(header.json.errors.map((e: { message: string }) => e.message)).toEqual([
      'Unknown column “name”; expected year,bodyName,categoryCode,final,decreeNumber,decreeDate',
      'Unknown column “score”; expected year,bodyName,categoryCode,final,decreeNumber,decreeDate',
      'Missing column “bodyName”',
      'Missing column “final”',
    ]);
    const empty = await importCsv(cid, cookie, `${HEADER}\n`);
    expect(empty.status).toBe(422);
    expect(empty.json.errors).toEqual([{ line: 1, message: 'The file has no line after the header' }]);

    const decrees = await importCsv(
      cid,
      cookie,
      [
        `${HEADER},decreeNumber,decreeDate`,
        '2021,Badan Satu,KEMENTERIAN,80,SK 1/2021,2021-12-20',
        '2021,Badan Dua,KEMENTERIAN,70,SK 2/2021,2021-12-20',
        '2021,Badan Tiga,KEMENTERIAN,70,SK 1/2021,2021-02-30',
      ].join('\n'),
    );
    expect(decrees.status).toBe(422);
    expect(decrees.json.errors).toEqual([
      { line: 3, message: 'decreeNumber/decreeDate: differ from line 2; one decree per year' },
      { line: 4, message: 'decreeDate: “2021-02-30” is not a date (YYYY-MM-DD)' },
      { line: 4, message: 'decreeNumber/decreeDate: differ from line 2; one decree per year' },
    ]);

    const good = `${HEADER}\n2021,Badan Satu,KEMENTERIAN,80\n`;
    for (const bands of ['90,80,60', '90,80,80,40', '90,80,60,0', '90,80,abc,40', '101,80,60,40', '40,60,80,90']) {
      const res = await importCsv(cid, cookie, good, `?bands=${encodeURIComponent(bands)}`);
      expect(res.status, bands).toBe(422);
      expect(res.json.code, bands).toBe('VALIDATION_FAILED');
      expect(
        res.json.errors.every((e: { path: string }) => e.path.startsWith('query.bands')),
        bands,
      ).toBe(true);
    }
    expect(await count('periods', cid)).toBe(0);
  });

  it('answers 415 to another content type, 400 to a malformed CSV and 413 to a file over 10 MB', async () => {
    const { cid, cookie } = await setup();
    const json = await importCsv(cid, cookie, '{"year":2022}', '', 'application/json');
    expect(json.status).toBe(415);
    const malformed = await importCsv(cid, cookie, `${HEADER}\n2022,"Badan tanpa tutup,KEMENTERIAN,80\n`);
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe('MALFORMED_CSV');
    const line = '2022,Badan Besar Sekali,KEMENTERIAN,80.00\n';
    const huge = await importCsv(
      cid,
      cookie,
      `${HEADER}\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length) + 1)}`,
    );
    expect(huge.status).toBe(413);
    expect(huge.json.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count('periods', cid)).toBe(0);
  });
});

describe('history import: a good file', () => {
  it('makes a published period per year, ranked per category with competition ranks and the given bands', async () => {
    const { cid, cookie, admin } = await setup();
    const known = await ctx.factory.body(cid, 'KEMENTERIAN', 'Kementerian Komunikasi dan Digital');
    const csv = [
      HEADER,
      '2022,"  KEMENTERIAN   komunikasi dan digital ",KEMENTERIAN,99.5',
      '2022,Kementerian Beta,KEMENTERIAN,99.50',
      '2022,Kementerian Alfa,KEMENTERIAN,99.50',
      '2022,Kementerian Gama,KEMENTERIAN,98.7',
      '2022,Kementerian Delta,KEMENTERIAN,84',
      '2022,Pemprov Utara,PEMPROV,75.25',
      '2022,Pemprov Selatan,PEMPROV,85',
      '2022,Pemprov Timur,PEMPROV,0',
      '2021,Kementerian Alfa,KEMENTERIAN,60',
      '2021,Kementerian Gama,KEMENTERIAN,59.99',
    ].join('\r\n');
    const res = await importCsv(cid, cookie, csv, '?bands=95,85,75,50');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      imported: 10,
      errors: [],
      years: [
        { year: 2021, periodId: expect.any(String), rows: 2, bodiesAdded: 0 },
        { year: 2022, periodId: expect.any(String), rows: 8, bodiesAdded: 7 },
      ],
    });
    const [y2021, y2022] = res.json.years.map((y: { periodId: string }) => y.periodId);

    const periods = await ctx.db
      .selectFrom('periods')
      .select(['id', 'year', 'title', 'stage', 'methodology'])
      .where('commissionId', '=', cid)
      .orderBy('year')
      .execute();
    expect(periods.map((p) => [p.id, p.year, p.title, p.stage])).toEqual([
      [y2021, 2021, 'Monev KIP 2021 (impor)', 'published'],
      [y2022, 2022, 'Monev KIP 2022 (impor)', 'published'],
    ]);
    expect(periods[0]?.methodology).toEqual({
      components: [{ key: 'final', label: 'Nilai akhir', weight: 100, source: 'questionnaire' }],
      bands: [
        { label: 'Informatif', min: 95, certificate: true },
        { label: 'Menuju Informatif', min: 85, certificate: true },
        { label: 'Cukup Informatif', min: 75, certificate: true },
        { label: 'Kurang Informatif', min: 50, certificate: false },
        { label: 'Tidak Informatif', min: 0, certificate: false },
      ],
      decimals: 2,
    });
    const versions = await ctx.db
      .selectFrom('resultVersions')
      .select([
        'periodId',
        'version',
        'decreeNumber',
        sql<string>`to_char(decree_date, 'YYYY-MM-DD')`.as('decreeDate'),
        'source',
        'example',
        'publishedBy',
      ])
      .where('commissionId', '=', cid)
      .orderBy('decreeDate')
      .execute();
    expect(versions).toEqual([
      {
        periodId: y2021,
        version: 1,
        decreeNumber: 'Impor riwayat 2021',
        decreeDate: '2021-12-31',
        source: 'imported',
        example: false,
        publishedBy: admin.id,
      },
      {
        periodId: y2022,
        version: 1,
        decreeNumber: 'Impor riwayat 2022',
        decreeDate: '2022-12-31',
        source: 'imported',
        example: false,
        publishedBy: admin.id,
      },
    ]);

    const rows = await rowsOf(y2022);
    // competition ranking per category: 99.50 x3 share 1, the next is 4; PEMPROV ranks on its own
    expect(rows.map((r) => [r.categoryCode, r.bodyName, Number(r.final), r.rank, r.band, r.position])).toEqual([
      ['KEMENTERIAN', 'Kementerian Alfa', 99.5, 1, 'Informatif', 1],
      ['KEMENTERIAN', 'Kementerian Beta', 99.5, 1, 'Informatif', 2],
      ['KEMENTERIAN', 'KEMENTERIAN komunikasi dan digital', 99.5, 1, 'Informatif', 3],
      ['KEMENTERIAN', 'Kementerian Gama', 98.7, 4, 'Informatif', 4],
      ['KEMENTERIAN', 'Kementerian Delta', 84, 5, 'Cukup Informatif', 5],
      ['PEMPROV', 'Pemprov Selatan', 85, 1, 'Menuju Informatif', 6],
      ['PEMPROV', 'Pemprov Utara', 75.25, 2, 'Cukup Informatif', 7],
      ['PEMPROV', 'Pemprov Timur', 0, 3, 'Tidak Informatif', 8],
    ]);
    expect(rows.map((r) => r.bandIndex)).toEqual([0, 0, 0, 0, 2, 1, 2, 4]);
    expect(rows.every((r) => r.example === false && r.submissionId === null)).toBe(true);
    expect(rows[0]?.components).toEqual({});
    // the registered body matched ignoring case and spacing (not added again)
    expect(rows[2]?.bodyId).toBe(known.id);
    const r2021 = await rowsOf(y2021);
    expect(r2021.map((r) => [r.bodyName, r.final, r.rank, r.band])).toEqual([
      ['Kementerian Alfa', '60.00', 1, 'Kurang Informatif'],
      ['Kementerian Gama', '59.99', 2, 'Kurang Informatif'],
    ]);
    // the same body across years
    expect(r2021[0]?.bodyId).toBe(rows[0]?.bodyId);

    // the unknown bodies are in the registry, in their line's category, each audited
    const bodies = await ctx.db
      .selectFrom('bodies')
      .innerJoin('categories', 'categories.id', 'bodies.categoryId')
      .select(['bodies.id', 'bodies.name', 'bodies.nameKey', 'categories.code'])
      .where('bodies.commissionId', '=', cid)
      .orderBy('bodies.name')
      .execute();
    expect(bodies.map((b) => [b.name, b.code])).toEqual([
      ['Kementerian Alfa', 'KEMENTERIAN'],
      ['Kementerian Beta', 'KEMENTERIAN'],
      ['Kementerian Delta', 'KEMENTERIAN'],
      ['Kementerian Gama', 'KEMENTERIAN'],
      ['Kementerian Komunikasi dan Digital', 'KEMENTERIAN'],
      ['Pemprov Selatan', 'PEMPROV'],
      ['Pemprov Timur', 'PEMPROV'],
      ['Pemprov Utara', 'PEMPROV'],
    ]);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'subjectType', 'subjectId', 'actorId'])
      .where('commissionId', '=', cid)
      .orderBy('id')
      .execute();
    const added = bodies.filter((b) => b.id !== known.id).map((b) => b.id);
    expect(
      audit
        .filter((a) => a.event === 'body.created')
        .map((a) => a.subjectId)
        .sort(),
    ).toEqual([...added].sort());
    expect(audit.filter((a) => a.event === 'history.imported').map((a) => [a.subjectId, a.actorId])).toEqual([
      [y2021, admin.id],
      [y2022, admin.id],
    ]);

    // read back as a published result by the results reader, and the period is visible in the periods API
    const read = await periodResults(ctx.deps, { id: y2022, methodology: periods[1]?.methodology });
    expect(read?.published).toBe(true);
    expect(read?.version).toBe(1);
    expect(read?.rows.map((r) => [r.bodyName, r.final, r.rank])[3]).toEqual(['Kementerian Gama', 98.7, 4]);
    const listed = await ctx.request('GET', `/api/commissions/${cid}/periods`, { cookie });
    expect(listed.status).toBe(200);
    const got = await ctx.request('GET', `/api/periods/${y2022}`, { cookie });
    expect(got.status).toBe(200);

    // a second import of a year now taken is refused on each of its lines
    const again = await importCsv(
      cid,
      cookie,
      `${HEADER}\n2022,Kementerian Alfa,KEMENTERIAN,50\n2020,X Baru,PEMPROV,1\n`,
    );
    expect(again.status).toBe(422);
    expect(again.json.errors).toEqual([{ line: 2, message: 'year: the commission already has a period for 2022' }]);
  });

  it('takes the decree columns when given, the default bands, and example=true marks every row', async () => {
    const { cid, cookie } = await setup();
    const csv = [
      `${HEADER},decreeNumber,decreeDate`,
      '2020,Badan Satu,KEMENTERIAN,90,SK 05/KIP/XII/2020,2020-12-15',
      '2020,Badan Dua,KEMENTERIAN,89.99,SK 05/KIP/XII/2020,2020-12-15',
      '2020,Badan Tiga,KEMENTERIAN,39.99,SK 05/KIP/XII/2020,2020-12-15',
    ].join('\n');
    const res = await importCsv(cid, cookie, csv, '?example=true');
    expect(res.status).toBe(200);
    const periodId = res.json.years[0].periodId;
    const version = await ctx.db
      .selectFrom('resultVersions')
      .select(['decreeNumber', sql<string>`to_char(decree_date, 'YYYY-MM-DD')`.as('decreeDate'), 'example'])
      .where('periodId', '=', periodId)
      .executeTakeFirstOrThrow();
    expect(version).toEqual({ decreeNumber: 'SK 05/KIP/XII/2020', decreeDate: '2020-12-15', example: true });
    const rows = await rowsOf(periodId);
    expect(rows.map((r) => [r.bodyName, r.band, r.rank, r.example])).toEqual([
      ['Badan Satu', 'Informatif', 1, true],
      ['Badan Dua', 'Menuju Informatif', 2, true],
      ['Badan Tiga', 'Tidak Informatif', 3, true],
    ]);
  });
});

describe('history import: who may', () => {
  it('operator, evaluator and leadership 403; another commission 404; platform admin 200', async () => {
    const { cid } = await setup();
    const body = await ctx.factory.body(cid);
    const csv = (year: number) => `${HEADER}\n${year},${unique('Badan ')},KEMENTERIAN,77\n`;
    for (const [role, scope] of [
      ['body_operator', { commissionId: cid, bodyId: body.id }],
      ['evaluator', { commissionId: cid }],
      ['leadership', { commissionId: cid }],
    ] as const) {
      const user = await ctx.factory.user(role, scope);
      const res = await importCsv(cid, user.cookie, csv(2030));
      expect(res.status, role).toBe(403);
    }
    const other = await setup();
    const foreign = await importCsv(cid, other.cookie, csv(2030));
    expect(foreign.status).toBe(404);
    const unknown = await importCsv('no-such-commission', (await ctx.factory.user('platform_admin')).cookie, csv(2030));
    expect(unknown.status).toBe(404);
    expect(await count('periods', cid)).toBe(0);
    const platform = await ctx.factory.user('platform_admin');
    const ok = await importCsv(cid, platform.cookie, csv(2030));
    expect(ok.status).toBe(200);
    expect(await count('periods', cid)).toBe(1);
  });
});
