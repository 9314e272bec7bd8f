import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saqPeriod } from '../helpers/results.ts';
import { ALL, NOTHING, THIRDS } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/**
 * KI Pusat's 80/20 with the gate at 70 over SMALL_SAQ, two categories, taken to the results stage:
 * KEMENTERIAN: Alfa (SAQ 100, jurors 90/80/70 -> 80: final 96), Beta (100, 80/80/80: 96, tied with Alfa),
 * Gama (800/9, jurors 100/100/90 -> 290/3: final 640/9 + 174/9 = 814/9 = 90.44), Delta (SAQ 0, below the gate: 0),
 * Epsilon (never submitted: 0); PEMPROV: Zeta (100, no panel score: 80), Eta (800/9, no panel: 640/9 = 71.11).
 */
async function resultsWorld(options: { toResults?: boolean } = {}) {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const evaluator = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const jurors = [
    await ctx.factory.user('evaluator', { commissionId: commission.id }),
    await ctx.factory.user('evaluator', { commissionId: commission.id }),
    await ctx.factory.user('evaluator', { commissionId: commission.id }),
  ];
  const period = await saqPeriod(ctx, commission, admin, {
    year: 2032,
    title: 'Monev Hasil',
    categories: ['KEMENTERIAN', 'PEMPROV'],
  });
  const alfa = await period.bodyWith('Alfa', 'KEMENTERIAN', ALL);
  const beta = await period.bodyWith('beta', 'KEMENTERIAN', ALL);
  const gama = await period.bodyWith('Gama', 'KEMENTERIAN', THIRDS);
  const delta = await period.bodyWith('Delta', 'KEMENTERIAN', NOTHING);
  const epsilon = await period.bodyWith('Epsilon', 'KEMENTERIAN', null);
  const zeta = await period.bodyWith('Zeta', 'PEMPROV', ALL);
  const eta = await period.bodyWith('Eta', 'PEMPROV', THIRDS);
  await period.throughPanel(
    jurors,
    [
      [alfa, [90, 80, 70]],
      [beta, [80, 80, 80]],
      [gama, [100, 100, 90]],
    ],
    options,
  );
  const { periodId, move } = period;
  return { commission, admin, leadership, evaluator, periodId, move, alfa, beta, gama, delta, epsilon, zeta, eta };
}
type World = Awaited<ReturnType<typeof resultsWorld>>;

const results = (w: World, cookie: string, query = '') =>
  ctx.request('GET', `/api/periods/${w.periodId}/results${query}`, { cookie });
const publish = (w: World, decreeNumber: string, decreeDate = '2032-12-15') =>
  ctx.request('POST', `/api/periods/${w.periodId}/results/publish`, {
    cookie: w.admin.cookie,
    body: { decreeNumber, decreeDate },
  });
const correct = (w: World, sid: string, body: unknown, cookie = w.admin.cookie) =>
  ctx.request('POST', `/api/submissions/${sid}/corrections`, { cookie, body });
const brief = (rows: any[]) => rows.map((r) => [r.categoryCode, r.rank, r.bodyName, r.final, r.band]);

const EXPECTED_V1 = [
  ['KEMENTERIAN', 1, 'Alfa', 96, 'Informatif'],
  ['KEMENTERIAN', 1, 'beta', 96, 'Informatif'],
  ['KEMENTERIAN', 3, 'Gama', 90.44, 'Informatif'],
  ['KEMENTERIAN', 4, 'Delta', 0, 'Tidak Informatif'],
  ['KEMENTERIAN', 4, 'Epsilon', 0, 'Tidak Informatif'],
  ['PEMPROV', 1, 'Zeta', 80, 'Menuju Informatif'],
  ['PEMPROV', 2, 'Eta', 71.11, 'Cukup Informatif'],
];

describe('the preview', () => {
  it('is refused before the results stage (409) and to roles other than admin and leadership (403)', async () => {
    const w = await resultsWorld({ toResults: false });
    const early = await results(w, w.admin.cookie);
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('STAGE_CLOSED');
    await w.move('results');
    expect((await results(w, w.alfa.operator.cookie)).status).toBe(403);
    expect((await results(w, w.evaluator.cookie)).status).toBe(403);
    const outsider = await ctx.factory.user('commission_admin', {
      commissionId: (await ctx.factory.commission(['KEMENTERIAN'])).id,
    });
    expect((await results(w, outsider.cookie)).status).toBe(404);
    expect((await results(w, w.leadership.cookie)).status).toBe(200);
  });

  it('covers every body: ties share a rank and the next skips, ranks per category, the gate, never-submitted 0', async () => {
    const w = await resultsWorld();
    const res = await results(w, w.admin.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      published: false,
      version: null,
      latestVersion: null,
      decreeNumber: null,
      pendingCorrections: 0,
      decimals: 2,
      categories: [
        { code: 'KEMENTERIAN', name: expect.any(String) },
        { code: 'PEMPROV', name: expect.any(String) },
      ],
    });
    expect(res.json.bands.map((b: any) => b.certificate)).toEqual([true, true, true, false, false]);
    expect(brief(res.json.rows)).toEqual(EXPECTED_V1);
    const byName = Object.fromEntries(res.json.rows.map((r: any) => [r.bodyName, r.components]));
    expect(byName.Gama).toEqual({ saq: 88.89, presentation: 96.67 });
    // below the gate: no panel score; never submitted: SAQ 0
    expect(byName.Delta).toEqual({ saq: 0, presentation: null });
    expect(byName.Epsilon).toEqual({ saq: 0, presentation: null });
    expect(byName.Eta).toEqual({ saq: 88.89, presentation: null });
    const filtered = await results(w, w.leadership.cookie, '?category=PEMPROV');
    expect(brief(filtered.json.rows)).toEqual(EXPECTED_V1.slice(5));
    expect((await results(w, w.admin.cookie, '?version=1')).status).toBe(404);
  });
});

describe('publication, amendment, diff and certificates', () => {
  it('publishes version 1, amends it after corrections as version 2, and never changes a published version', async () => {
    const w = await resultsWorld();
    expect((await publish(w, 'SK 1/KEP/2032', '2032-13-01')).status).toBe(422);
    const forbidden = await ctx.request('POST', `/api/periods/${w.periodId}/results/publish`, {
      cookie: w.leadership.cookie,
      body: { decreeNumber: 'SK 1', decreeDate: '2032-12-15' },
    });
    expect(forbidden.status).toBe(403);
    const v1 = await publish(w, 'SK 1/KEP/2032');
    expect(v1.status, v1.text).toBe(201);
    expect(v1.json).toEqual({ version: 1, changed: 0 });
    const period = await ctx.request('GET', `/api/periods/${w.periodId}`, { cookie: w.admin.cookie });
    expect(period.json.period?.stage ?? period.json.stage).toBe('published');
    const stageEvents = await ctx.db
      .selectFrom('stageEvents')
      .select(['fromStage', 'toStage'])
      .where('periodId', '=', w.periodId)
      .where('toStage', '=', 'published')
      .execute();
    expect(stageEvents).toEqual([{ fromStage: 'results', toStage: 'published' }]);
    // published: every role of the commission reads it
    const read1 = await results(w, w.alfa.operator.cookie);
    expect(read1.status).toBe(200);
    expect(read1.json).toMatchObject({
      published: true,
      version: 1,
      latestVersion: 1,
      decreeNumber: 'SK 1/KEP/2032',
      decreeDate: '2032-12-15',
    });
    expect(brief(read1.json.rows)).toEqual(EXPECTED_V1);
    const storedV1 = await ctx.db
      .selectFrom('resultRows as r')
      .innerJoin('resultVersions as v', 'v.id', 'r.versionId')
      .selectAll('r')
      .where('v.periodId', '=', w.periodId)
      .where('v.version', '=', 1)
      .orderBy('r.position')
      .execute();
    expect(storedV1).toHaveLength(7);
    const certs1 = await ctx.request('GET', `/api/periods/${w.periodId}/certificates`, { cookie: w.leadership.cookie });
    expect(certs1.status).toBe(200);
    expect(certs1.json.certificates.map((c: any) => [c.bodyName, c.band, c.final, c.revoked]).sort()).toEqual(
      [
        ['Alfa', 'Informatif', 96, false],
        ['beta', 'Informatif', 96, false],
        ['Gama', 'Informatif', 90.44, false],
        ['Zeta', 'Menuju Informatif', 80, false],
        ['Eta', 'Cukup Informatif', 71.11, false],
      ].sort(),
    );
    for (const c of certs1.json.certificates) expect(c.code).toMatch(/^[a-z2-7]{26}$/);
    // each certificate names its body's submission in the period, the address of its PDF
    const sidOf = new Map([w.alfa, w.beta, w.gama, w.zeta, w.eta].map((b) => [b.bodyId, b.sid]));
    for (const c of certs1.json.certificates) expect(c.submissionId).toBe(sidOf.get(c.bodyId));
    expect(
      (await ctx.request('GET', `/api/periods/${w.periodId}/certificates`, { cookie: w.alfa.operator.cookie })).status,
    ).toBe(403);

    // corrections: Gama's 2.1 verified as one channel of three (SAQ 200/3 = 66.67: below the gate, final 53.33);
    // Alfa's presentation replaced by 100 (final 100: alone at rank 1, so Beta moves to rank 2)
    const noQuestion = await correct(w, w.gama.sid, { questionCode: '9.9', value: true, reason: 'Salah kode' });
    expect(noQuestion.status).toBe(422);
    const badValue = await correct(w, w.gama.sid, { questionCode: '2.1', value: ['z'], reason: 'Salah' });
    expect(badValue.status).toBe(422);
    const notPanel = await correct(w, w.alfa.sid, { component: 'saq', score: 90, reason: 'Bukan panel' });
    expect(notPanel.status).toBe(422);
    const belowGate = await correct(w, w.delta.sid, {
      component: 'presentation',
      score: 90,
      reason: 'Di bawah ambang',
    });
    expect(belowGate.status).toBe(409);
    const never = await correct(w, w.epsilon.sid, {
      questionCode: '1.1',
      value: true,
      reason: 'Tidak pernah mengirim',
    });
    expect(never.status).toBe(409);
    expect(
      (await correct(w, w.gama.sid, { questionCode: '1.1', value: true, reason: 'x' }, w.leadership.cookie)).status,
    ).toBe(403);
    const c1 = await correct(w, w.gama.sid, {
      questionCode: '2.1',
      value: ['a'],
      reason: 'Hanya website yang aktif saat visitasi',
    });
    expect(c1.status, c1.text).toBe(201);
    expect(c1.json.correction).toMatchObject({
      kind: 'verified_value',
      questionCode: '2.1',
      before: { value: ['a', 'b', 'c'], points: 3 },
      after: { value: ['a'], points: 1 },
      bodyName: 'Gama',
      publishedIn: null,
    });
    const c2 = await correct(w, w.alfa.sid, {
      component: 'presentation',
      score: 100,
      reason: 'Salah hitung rata-rata',
    });
    expect(c2.status, c2.text).toBe(201);
    expect(c2.json.correction).toMatchObject({
      kind: 'panel_score',
      component: 'presentation',
      before: { score: 80 },
      after: { score: 100 },
    });
    const trail = await ctx.request('GET', `/api/submissions/${w.gama.sid}/history`, { cookie: w.admin.cookie });
    expect(trail.json.history.filter((h: any) => h.event === 'correction.verified_value')).toMatchObject([
      { questionCode: '2.1', reason: 'Hanya website yang aktif saat visitasi', after: { value: ['a'], points: 1 } },
    ]);

    // a correction reaches published results only through the next publication
    const still = await results(w, w.admin.cookie);
    expect(still.json.pendingCorrections).toBe(2);
    expect(brief(still.json.rows)).toEqual(EXPECTED_V1);

    const v2 = await publish(w, 'SK 2/KEP/2032', '2032-12-29');
    expect(v2.status, v2.text).toBe(201);
    expect(v2.json).toEqual({ version: 2, changed: 3 });
    const read2 = await results(w, w.alfa.operator.cookie);
    expect(read2.json).toMatchObject({
      version: 2,
      latestVersion: 2,
      decreeNumber: 'SK 2/KEP/2032',
      pendingCorrections: 0,
    });
    expect(brief(read2.json.rows)).toEqual([
      ['KEMENTERIAN', 1, 'Alfa', 100, 'Informatif'],
      ['KEMENTERIAN', 2, 'beta', 96, 'Informatif'],
      ['KEMENTERIAN', 3, 'Gama', 53.33, 'Kurang Informatif'],
      ...EXPECTED_V1.slice(3),
    ]);
    // version 1 stays readable with its own numbers, and its stored rows are unchanged
    const again1 = await results(w, w.evaluator.cookie, '?version=1');
    expect(again1.json).toMatchObject({ version: 1, latestVersion: 2, decreeNumber: 'SK 1/KEP/2032' });
    expect(brief(again1.json.rows)).toEqual(EXPECTED_V1);
    const storedAgain = await ctx.db
      .selectFrom('resultRows')
      .selectAll()
      .where('versionId', '=', storedV1[0]!.versionId)
      .orderBy('position')
      .execute();
    expect(storedAgain).toEqual(storedV1);

    const versions = await ctx.request('GET', `/api/periods/${w.periodId}/results/versions`, {
      cookie: w.evaluator.cookie,
    });
    expect(versions.json.map((v: any) => [v.version, v.decreeNumber, v.decreeDate, v.changed, v.source])).toEqual([
      [1, 'SK 1/KEP/2032', '2032-12-15', 0, 'computed'],
      [2, 'SK 2/KEP/2032', '2032-12-29', 3, 'computed'],
    ]);
    const diff1 = await ctx.request('GET', `/api/periods/${w.periodId}/results/versions/1/diff`, {
      cookie: w.admin.cookie,
    });
    expect(diff1.status).toBe(404);
    expect(diff1.json.detail).toMatch(/first publication/);
    expect(
      (await ctx.request('GET', `/api/periods/${w.periodId}/results/versions/3/diff`, { cookie: w.admin.cookie }))
        .status,
    ).toBe(404);
    const diff = await ctx.request('GET', `/api/periods/${w.periodId}/results/versions/2/diff`, {
      cookie: w.admin.cookie,
    });
    expect(diff.status, diff.text).toBe(200);
    expect(
      diff.json.rows.map((r: any) => [
        r.bodyName,
        r.before,
        r.after,
        r.reasons.map((x: any) => [x.kind, x.reason, x.actor]),
      ]),
    ).toEqual([
      [
        'Alfa',
        { final: 96, band: 'Informatif', rank: 1 },
        { final: 100, band: 'Informatif', rank: 1 },
        [['panel_score', 'Salah hitung rata-rata', w.admin.name]],
      ],
      ['beta', { final: 96, band: 'Informatif', rank: 1 }, { final: 96, band: 'Informatif', rank: 2 }, []],
      [
        'Gama',
        { final: 90.44, band: 'Informatif', rank: 3 },
        { final: 53.33, band: 'Kurang Informatif', rank: 3 },
        [['verified_value', 'Hanya website yang aktif saat visitasi', w.admin.name]],
      ],
    ]);

    // certificates: Alfa's final changed (revoked, replaced), Gama's band earns none now (revoked, no replacement),
    // Beta's band and final stay (kept though its rank moved)
    const certs2 = (await ctx.request('GET', `/api/periods/${w.periodId}/certificates`, { cookie: w.admin.cookie }))
      .json.certificates as any[];
    const of = (name: string) => certs2.filter((c) => c.bodyName === name);
    expect(of('Alfa').map((c) => [c.version, c.final, c.revoked])).toEqual([
      [1, 96, true],
      [2, 100, false],
    ]);
    expect(of('Alfa')[0].replacedBy).toBe(of('Alfa')[1].code);
    expect(of('Gama').map((c) => [c.version, c.revoked, c.replacedBy])).toEqual([[1, true, null]]);
    expect(of('beta').map((c) => [c.version, c.revoked])).toEqual([[1, false]]);

    const list = await ctx.request('GET', `/api/periods/${w.periodId}/corrections`, { cookie: w.leadership.cookie });
    expect(list.json.corrections.map((c: any) => [c.bodyName, c.kind, c.publishedIn])).toEqual([
      ['Gama', 'verified_value', 2],
      ['Alfa', 'panel_score', 2],
    ]);
    expect(
      (await ctx.request('GET', `/api/periods/${w.periodId}/corrections`, { cookie: w.evaluator.cookie })).status,
    ).toBe(403);

    // the database refuses to change anything published
    for (const statement of [
      sql`update result_rows set final = 1 where version_id = ${storedV1[0]!.versionId}`,
      sql`delete from result_rows where version_id = ${storedV1[0]!.versionId}`,
      sql`update result_versions set decree_number = 'x' where period_id = ${w.periodId}`,
      sql`delete from result_versions where period_id = ${w.periodId}`,
      sql`delete from result_diffs`,
    ]) {
      await expect(statement.execute(ctx.db)).rejects.toThrow(/append-only/);
    }
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select('event')
      .where('subjectId', '=', w.periodId)
      .where('event', 'like', 'results.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.event)).toEqual(['results.published', 'results.amended']);
  });

  it('refuses publication and corrections before the results stage', async () => {
    const w = await resultsWorld({ toResults: false });
    const early = await publish(w, 'SK 1');
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('STAGE_CLOSED');
    const c = await correct(w, w.alfa.sid, { questionCode: '1.1', value: false, reason: 'Terlalu awal' });
    expect(c.status).toBe(409);
    expect((await ctx.request('GET', '/api/periods/nope/results', { cookie: w.admin.cookie })).status).toBe(404);
  });
});
