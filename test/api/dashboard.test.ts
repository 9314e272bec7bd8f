import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const EVIDENCE = [{ url: 'https://ppid.example.go.id/bukti' }];

/**
 * A commission (KEMENTERIAN with SMALL_SAQ, BUMN without a questionnaire) with:
 * - 2024, published (inserted as a decree's rows): Kuat 70.00, Pertiga 90.00 (Informatif), Diam 10.00;
 * - 2025 at the results stage (a preview): Kuat answers everything (SAQ 100, proceeds, verification complete, final
 *   0.8 x 100 = 80.00 with no panel score); Pertiga answers 1.1 yes, 1.2 B, 2.1 all, verified 2.1 as one of three:
 *   I1 = 250/3, I2 = 100/3, SAQ 200/3, final 160/3 = 53.33; Diam never submits: 0.00;
 * - 2026 in draft.
 */
async function dashboardWorld() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'BUMN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const evaluator = await ctx.factory.user('evaluator', { commissionId: commission.id });
  await ctx.db.updateTable('users').set({ name: 'Evaluator Satu' }).where('id', '=', evaluator.id).execute();
  const createPeriod = async (year: number) => {
    const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: { year, title: `Monev ${year}`, methodology: KIP_METHODOLOGY },
    });
    expect(created.status, created.text).toBe(201);
    return created.json.period.id as string;
  };
  const previous = await createPeriod(2024);
  const current = await createPeriod(2025);
  const later = await createPeriod(2026);
  await ctx.request('PUT', `/api/periods/${current}/questionnaires/KEMENTERIAN`, {
    cookie: admin.cookie,
    body: SMALL_SAQ,
  });
  const moved = await ctx.request('POST', `/api/periods/${current}/stage`, {
    cookie: admin.cookie,
    body: { to: 'saq' },
  });
  expect(moved.status, moved.text).toBe(200);

  const bodyWith = async (name: string, answers: unknown[] | null) => {
    const body = await ctx.factory.body(commission.id, 'KEMENTERIAN', `${name} ${commission.code}`);
    const operator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: body.id });
    const mine = await ctx.request('GET', `/api/periods/${current}/submissions/mine`, { cookie: operator.cookie });
    const sid = mine.json.submission.id as string;
    if (answers) {
      const saved = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
        cookie: operator.cookie,
        headers: { 'if-match': `"${mine.json.submission.version}"` },
        body: { answers },
      });
      expect(saved.status, saved.text).toBe(200);
      const submitted = await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: operator.cookie });
      expect(submitted.status, submitted.text).toBe(200);
    }
    return { sid, bodyId: body.id, name: body.name, operator };
  };
  const strong = await bodyWith('Badan Kuat', [
    { questionCode: '1.1', value: true, evidence: EVIDENCE },
    { questionCode: '1.2', value: 'A' },
    { questionCode: '2.1', value: ['a', 'b', 'c'], evidence: EVIDENCE },
  ]);
  const thirds = await bodyWith('Badan Pertiga', [
    { questionCode: '1.1', value: true, evidence: EVIDENCE },
    { questionCode: '1.2', value: 'B' },
    { questionCode: '2.1', value: ['a', 'b', 'c'], evidence: EVIDENCE },
  ]);
  const silent = await bodyWith('Badan Diam', null);
  // a body of a category without a questionnaire is not registered for the period
  await ctx.factory.body(commission.id, 'BUMN', `Badan Usaha ${commission.code}`);

  // the review, set directly (its routes have their own tests): Kuat verified (all accepted) and proceeding,
  // Pertiga's 2.1 verified as one item of three
  await ctx.factory.assign(strong.sid, evaluator.id);
  await ctx.factory.assign(thirds.sid, evaluator.id);
  await ctx.db
    .updateTable('answers')
    .set({ verifiedPoints: sql`self_points`, verifiedAt: new Date(), verifiedBy: evaluator.id })
    .where('submissionId', '=', strong.sid)
    .execute();
  await ctx.db
    .updateTable('answers')
    .set({ verifiedPoints: '1', verifiedAt: new Date(), verifiedBy: evaluator.id, verifiedReason: 'Satu kanal' })
    .where('submissionId', '=', thirds.sid)
    .where('questionCode', '=', '2.1')
    .execute();
  await ctx.db
    .updateTable('submissions')
    .set({ verificationState: 'complete', proceeds: true })
    .where('id', '=', strong.sid)
    .execute();
  await ctx.db
    .updateTable('submissions')
    .set({ verificationState: 'in_progress', proceeds: false })
    .where('id', '=', thirds.sid)
    .execute();
  await ctx.db.updateTable('periods').set({ stage: 'results' }).where('id', '=', current).execute();

  // last year's decree, as the history import or a publication stores it
  await ctx.db.updateTable('periods').set({ stage: 'published' }).where('id', '=', previous).execute();
  const version = await ctx.db
    .insertInto('resultVersions')
    .values({
      commissionId: commission.id,
      periodId: previous,
      version: 1,
      decreeNumber: '1/KEP/2024',
      decreeDate: '2024-12-10',
      methodology: jsonb(KIP_METHODOLOGY),
      source: 'imported',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = [
    { b: strong, final: '70.00', band: 'Cukup Informatif', bandIndex: 2, rank: 2 },
    { b: thirds, final: '90.00', band: 'Informatif', bandIndex: 0, rank: 1 },
    { b: silent, final: '10.00', band: 'Tidak Informatif', bandIndex: 4, rank: 3 },
  ];
  await ctx.db
    .insertInto('resultRows')
    .values(
      rows.map((r, i) => ({
        versionId: version.id,
        periodId: previous,
        bodyId: r.b.bodyId,
        bodyName: r.b.name,
        categoryCode: 'KEMENTERIAN',
        components: jsonb({}),
        final: r.final,
        band: r.band,
        bandIndex: r.bandIndex,
        rank: r.rank,
        position: i,
      })),
    )
    .execute();
  return { commission, admin, leadership, evaluator, previous, current, later, strong, thirds, silent };
}

const get = (path: string, cookie: string) => ctx.request('GET', path, { cookie });

describe('GET /commissions/:cid/dashboard', () => {
  it('shows the latest period with results: bands, trend, indicators, movers, participation, progress', async () => {
    const w = await dashboardWorld();
    const res = await get(`/api/commissions/${w.commission.id}/dashboard`, w.leadership.cookie);
    expect(res.status, res.text).toBe(200);
    const d = res.json;
    // the default is the latest period at the results stage (2025), not the newer draft (2026)
    expect(d.period).toMatchObject({ id: w.current, year: 2025, stage: 'results' });
    expect(d.periods.map((p: { year: number }) => p.year)).toEqual([2026, 2025, 2024]);
    expect(d.categories.map((c: { code: string }) => c.code)).toEqual(['BUMN', 'KEMENTERIAN']);
    expect(d.bands).toEqual(KIP_METHODOLOGY.bands.map((b) => b.label));
    expect(d.decimals).toBe(2);

    // preview: Kuat 80.00 (Menuju), Pertiga 53.33 (Kurang), Diam 0.00 (Tidak)
    expect(d.bandDistribution).toEqual({
      published: false,
      version: null,
      categories: [{ code: 'KEMENTERIAN', name: 'Kategori KEMENTERIAN', total: 3, counts: [0, 1, 0, 1, 1] }],
    });

    // 2024 published: mean (70 + 90 + 10) / 3 = 56.67, one of three Informatif; 2025's preview: (80 + 53.33 + 0) / 3
    expect(d.trend).toEqual([
      {
        periodId: w.previous,
        year: 2024,
        title: 'Monev 2024',
        published: true,
        version: 1,
        example: false,
        bodies: 3,
        averageFinal: 56.67,
        topBandShare: 1 / 3,
      },
      {
        periodId: w.current,
        year: 2025,
        title: 'Monev 2025',
        published: false,
        version: null,
        example: false,
        bodies: 3,
        averageFinal: 44.44,
        topBandShare: 0,
      },
    ]);

    // verified indicator scores: I1 Kuat 100, Pertiga 250/3 -> mean 91.67; I2 Kuat 100, Pertiga 100/3 (the
    // evaluator's value over the answer's) -> 66.67; the body that never submitted is not in the mean
    expect(d.indicators).toEqual([
      {
        code: '1',
        title: 'Jenis Informasi',
        commission: 91.67,
        byCategory: [{ categoryCode: 'KEMENTERIAN', average: 91.67 }],
      },
      {
        code: '2',
        title: 'Digitalisasi',
        commission: 66.67,
        byCategory: [{ categoryCode: 'KEMENTERIAN', average: 66.67 }],
      },
    ]);

    expect(d.movers.against).toEqual({ periodId: w.previous, year: 2024, title: 'Monev 2024', version: 1 });
    expect(d.movers.up).toEqual([
      {
        bodyId: w.strong.bodyId,
        bodyName: w.strong.name,
        categoryCode: 'KEMENTERIAN',
        before: 70,
        after: 80,
        change: 10,
      },
    ]);
    // the largest fall first; the body that never submitted (10 → 0) did not take part, so it is counted, not shown
    expect(d.movers.down).toEqual([
      {
        bodyId: w.thirds.bodyId,
        bodyName: w.thirds.name,
        categoryCode: 'KEMENTERIAN',
        before: 90,
        after: 53.33,
        change: -36.67,
      },
    ]);
    expect(d.movers.notSubmitted).toBe(1);
    expect(d.movers.down.map((m: { bodyId: string }) => m.bodyId)).not.toContain(w.silent.bodyId);

    // the BUMN body has no questionnaire: not registered; nothing published for 2025 yet
    expect(d.participation).toEqual({ registered: 3, submitted: 2, verified: 1, presented: 1, published: null });
    expect(d.evaluators).toEqual([
      {
        evaluatorId: w.evaluator.id,
        name: 'Evaluator Satu',
        assigned: 2,
        complete: 1,
        inProgress: 1,
        notStarted: 0,
        verifiedQuestions: 4,
        totalQuestions: 6,
      },
    ]);
  });

  it('reads a published period from its latest version, and filters by category', async () => {
    const w = await dashboardWorld();
    const res = await get(`/api/commissions/${w.commission.id}/dashboard?periodId=${w.previous}`, w.admin.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json.period.id).toBe(w.previous);
    expect(res.json.bandDistribution).toMatchObject({
      published: true,
      version: 1,
      categories: [{ code: 'KEMENTERIAN', total: 3, counts: [1, 0, 1, 0, 1] }],
    });
    expect(res.json.participation.published).toBe(3);
    // no earlier year: no movers; the trend has the published year only
    expect(res.json.movers).toBeNull();
    expect(res.json.trend.map((p: { year: number }) => p.year)).toEqual([2024]);

    const bumn = await get(`/api/commissions/${w.commission.id}/dashboard?category=BUMN`, w.admin.cookie);
    expect(bumn.status, bumn.text).toBe(200);
    expect(bumn.json.category).toBe('BUMN');
    expect(bumn.json.trend).toEqual([]);
    expect(bumn.json.bandDistribution.categories).toEqual([]);
    expect(bumn.json.movers).toMatchObject({ up: [], down: [] });
    expect(bumn.json.indicators.every((i: { byCategory: unknown[] }) => i.byCategory.length === 0)).toBe(true);
    // participation and evaluator progress are the period's whole
    expect(bumn.json.participation.registered).toBe(3);

    const kem = await get(`/api/commissions/${w.commission.id}/dashboard?category=KEMENTERIAN`, w.admin.cookie);
    expect(kem.json.trend.map((p: { bodies: number }) => p.bodies)).toEqual([3, 3]);
  });

  it('compares the latest versions: an amendment counts, movers are the 10 largest each way, examples are marked', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const periodOf = async (year: number) => {
      const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
        cookie: admin.cookie,
        body: { year, title: `Monev ${year}`, methodology: KIP_METHODOLOGY },
      });
      expect(created.status, created.text).toBe(201);
      const id = created.json.period.id as string;
      await ctx.db.updateTable('periods').set({ stage: 'published' }).where('id', '=', id).execute();
      return id;
    };
    const bodies: { id: string; name: string }[] = [];
    for (let i = 1; i <= 24; i++) bodies.push(await ctx.factory.body(commission.id, 'KEMENTERIAN', `Badan ${i}`));
    const publish = async (periodId: string, version: number, finals: number[], example = false) => {
      const v = await ctx.db
        .insertInto('resultVersions')
        .values({
          commissionId: commission.id,
          periodId,
          version,
          decreeNumber: `${version}/KEP`,
          decreeDate: '2024-12-10',
          methodology: jsonb(KIP_METHODOLOGY),
          example,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto('resultRows')
        .values(
          bodies.map((b, i) => ({
            versionId: v.id,
            periodId,
            bodyId: b.id,
            bodyName: b.name,
            categoryCode: 'KEMENTERIAN',
            components: jsonb({}),
            final: String(finals[i]),
            band: (finals[i] ?? 0) >= 90 ? 'Informatif' : 'Kurang Informatif',
            bandIndex: (finals[i] ?? 0) >= 90 ? 0 : 3,
            rank: 1,
            position: i,
            example,
          })),
        )
        .execute();
    };
    const earlier = await periodOf(2023);
    const later = await periodOf(2024);
    await publish(
      earlier,
      1,
      bodies.map(() => 50),
      true,
    );
    // version 1 of 2024 changes nothing; the amendment (version 2) moves bodies 1-12 up by 1..12 and 13-24 down
    await publish(
      later,
      1,
      bodies.map(() => 50),
    );
    await publish(
      later,
      2,
      bodies.map((_, i) => (i < 12 ? 50 + (i + 1) : 50 - (i - 11) * 0.25)),
    );
    const res = await get(`/api/commissions/${commission.id}/dashboard`, admin.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json.period.year).toBe(2024);
    expect(res.json.bandDistribution).toMatchObject({ published: true, version: 2 });
    expect(
      res.json.trend.map((p: { year: number; version: number; example: boolean }) => [p.year, p.version, p.example]),
    ).toEqual([
      [2023, 1, true],
      [2024, 2, false],
    ]);
    expect(res.json.trend[0].averageFinal).toBe(50);
    expect(res.json.movers.up).toHaveLength(10);
    expect(res.json.movers.up.map((m: { change: number }) => m.change)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(res.json.movers.up[0].bodyName).toBe('Badan 12');
    expect(res.json.movers.down).toHaveLength(10);
    expect(res.json.movers.down[0]).toMatchObject({ bodyName: 'Badan 24', before: 50, after: 47, change: -3 });
    expect(res.json.participation.published).toBe(24);
  });

  it('has no results part before the results stage', async () => {
    const w = await dashboardWorld();
    const res = await get(`/api/commissions/${w.commission.id}/dashboard?periodId=${w.later}`, w.leadership.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json.period.id).toBe(w.later);
    expect(res.json.bandDistribution).toBeNull();
    expect(res.json.movers).toBeNull();
    expect(res.json.indicators).toEqual([]);
    expect(res.json.participation).toEqual({ registered: 0, submitted: 0, verified: 0, presented: 0, published: null });
    // the trend still shows the published years
    expect(res.json.trend.map((p: { year: number }) => p.year)).toEqual([2024]);
  });

  it('answers a commission without periods', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const res = await get(`/api/commissions/${commission.id}/dashboard`, admin.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ period: null, periods: [], bandDistribution: null, trend: [], evaluators: [] });
  });

  it('refuses an unknown category (422), another commission’s period and unknown commissions (404)', async () => {
    const w = await dashboardWorld();
    const other = await dashboardWorld();
    const bad = await get(`/api/commissions/${w.commission.id}/dashboard?category=NOPE`, w.admin.cookie);
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([{ path: 'category', message: expect.stringContaining('NOPE') }]);
    const foreign = await get(
      `/api/commissions/${w.commission.id}/dashboard?periodId=${other.current}`,
      w.admin.cookie,
    );
    expect(foreign.status).toBe(404);
    const platform = await ctx.factory.user('platform_admin');
    expect((await get('/api/commissions/no-such-commission/dashboard', platform.cookie)).status).toBe(404);
    expect((await get(`/api/commissions/${w.commission.id}/dashboard`, platform.cookie)).status).toBe(200);
  });

  it('is for the commission’s admins and leadership: others 403, another commission 404', async () => {
    const w = await dashboardWorld();
    const path = `/api/commissions/${w.commission.id}/dashboard`;
    expect((await get(path, w.evaluator.cookie)).status).toBe(403);
    expect((await get(path, w.strong.operator.cookie)).status).toBe(403);
    const stranger = await ctx.factory.commission(['KEMENTERIAN']);
    const leader = await ctx.factory.user('leadership', { commissionId: stranger.id });
    expect((await get(path, leader.cookie)).status).toBe(404);
    expect((await ctx.request('GET', path)).status).toBe(401);
  });
});
