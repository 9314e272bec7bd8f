import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { saqPeriod, scorePanel } from '../helpers/results.ts';
import { ALL, type SmallSaqAnswers as Answers, KIP_METHODOLOGY, NOTHING, THIRDS } from '../helpers/saq.ts';
import { createTestContext, PUBLIC_URL, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/**
 * A commission with a 2031 period (KI Pusat's 80/20 with the gate at 70, SMALL_SAQ) and bodies answering by hand
 * (the same figures as test/api/panel.test.ts):
 * - strong: everything -> SAQ 100;
 * - thirds: 1.1 yes, 1.2 B (0.5), 2.1 all -> I1 = 250/3, I2 = 100, SAQ = 800/9 = 88.89;
 * - corrected: as thirds, but verified 2.1 as one item of three -> SAQ 200/3 = 66.67 (below the gate);
 * - other: a second body whose operator must not see the others' scorecards.
 * `evaluator` is assigned to thirds only; j1, j2 are the panel.
 */
async function world() {
  const commission = await ctx.factory.commission(['KEMENTERIAN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const evaluator = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const j1 = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const j2 = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const period = await saqPeriod(ctx, commission, admin, { year: 2031, title: 'Monev 2031' });
  const { periodId, move } = period;
  const bodyWith = async (name: string, answers: Answers) => {
    const { sid, ...body } = await period.bodyWith(`${name} ${commission.code}`, 'KEMENTERIAN', answers);
    return { id: sid, ...body };
  };
  const strong = await bodyWith('Badan Kuat', ALL);
  const thirds = await bodyWith('Badan Pertiga', THIRDS);
  const corrected = await bodyWith('Badan Koreksi', THIRDS);
  const other = await bodyWith('Badan Lain', NOTHING);
  await ctx.factory.assign(thirds.id, evaluator.id);
  await move('verification');
  await ctx.db
    .updateTable('answers')
    .set({ verifiedValue: jsonb(['a']), verifiedPoints: '1', verifiedReason: 'Hanya website yang aktif' })
    .where('submissionId', '=', corrected.id)
    .where('questionCode', '=', '2.1')
    .execute();
  const panel = await ctx.request('PUT', `/api/periods/${periodId}/panel`, {
    cookie: admin.cookie,
    body: { evaluatorIds: [j1.id, j2.id] },
  });
  expect(panel.status, panel.text).toBe(200);
  /** Through objection and presentation (jurors score strong 70 + 95, thirds 80 + 85) to the results stage. */
  const toResults = async () => {
    await move('objection');
    await move('presentation');
    await scorePanel(ctx, [
      [j1, strong.id, 70],
      [j2, strong.id, 95],
      [j1, thirds.id, 80],
      [j2, thirds.id, 85],
    ]);
    await move('results');
  };
  const { publish } = period;
  return {
    commission,
    admin,
    leadership,
    evaluator,
    j1,
    periodId,
    move,
    toResults,
    publish,
    strong,
    thirds,
    corrected,
    other,
  };
}

type World = Awaited<ReturnType<typeof world>>;

const card = (cookie: string | undefined, sid: string) =>
  ctx.request('GET', `/api/submissions/${sid}/scorecard`, cookie ? { cookie } : {});

/** Publishes a version of a period by hand (the publication routes are another module's): rows as given. */
async function publish(
  w: Pick<World, 'commission'>,
  periodId: string,
  version: number,
  rows: { bodyId: string; bodyName: string; final: number; band: string; bandIndex: number; rank: number }[],
  extra: { example?: boolean } = {},
) {
  const v = await ctx.db
    .insertInto('resultVersions')
    .values({
      commissionId: w.commission.id,
      periodId,
      version,
      decreeNumber: `SK ${version}/KEP/KI/XII/${periodId.slice(0, 4)}`,
      decreeDate: '2031-12-10',
      methodology: jsonb(KIP_METHODOLOGY),
      ...(extra.example ? { example: true } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let position = 0;
  for (const r of rows) {
    await ctx.db
      .insertInto('resultRows')
      .values({
        versionId: v.id,
        periodId,
        bodyId: r.bodyId,
        bodyName: r.bodyName,
        categoryCode: 'KEMENTERIAN',
        submissionId: null,
        components: jsonb({ saq: r.final, presentation: null }),
        final: String(r.final),
        band: r.band,
        bandIndex: r.bandIndex,
        rank: r.rank,
        position: position++,
        ...(extra.example ? { example: true } : {}),
      })
      .execute();
  }
}

describe('GET /submissions/:sid/scorecard: who sees what', () => {
  it('the body sees its self scores during verification, not the verified ones; staff see both', async () => {
    const w = await world();
    const own = await card(w.corrected.operator.cookie, w.corrected.id);
    expect(own.status, own.text).toBe(200);
    expect(own.json.period).toMatchObject({ year: 2031, title: 'Monev 2031', stage: 'verification' });
    expect(own.json.body).toMatchObject({ name: w.corrected.name, categoryCode: 'KEMENTERIAN' });
    expect(own.json.verifiedVisible).toBe(false);
    expect(own.json.saq).toEqual({ self: 88.89, verified: null });
    expect(own.json.indicators).toEqual([
      { code: '1', title: 'Jenis Informasi', weight: 40, self: 83.33, verified: null },
      { code: '2', title: 'Digitalisasi', weight: 20, self: 100, verified: null },
    ]);
    expect(own.json.result).toBeNull();
    expect(own.json.nextBand).toBeNull();
    // before release the advice reads the answers: only 1.2 is below full, 0.8 x 100/9 = 8.89 in the final
    expect(own.json.recommendationsBasis).toBe('self');
    expect(own.json.recommendations).toEqual([
      {
        questionCode: '1.2',
        questionText: 'Seberapa lengkap informasi berkala?',
        indicator: '1',
        status: 'partial',
        gain: 8.89,
        saqGain: 11.11,
      },
    ]);

    const staff = await card(w.admin.cookie, w.corrected.id);
    expect(staff.status).toBe(200);
    expect(staff.json.saq).toEqual({ self: 88.89, verified: 66.67 });
    expect(staff.json.indicators[1]).toMatchObject({ self: 100, verified: 33.33 });
    expect(staff.json.result).toBeNull();
    for (const who of [w.leadership]) expect((await card(who.cookie, w.corrected.id)).json.saq.verified).toBe(66.67);
  });

  it('hides a body’s scorecard from another body’s operator, unassigned evaluators and the anonymous', async () => {
    const w = await world();
    expect((await card(w.other.operator.cookie, w.thirds.id)).status).toBe(404);
    expect((await card(undefined, w.thirds.id)).status).toBe(401);
    // the evaluator sees the submission assigned to them, not another one
    expect((await card(w.evaluator.cookie, w.thirds.id)).status).toBe(200);
    expect((await card(w.evaluator.cookie, w.strong.id)).status).toBe(404);
    const stranger = await ctx.factory.commission(['KEMENTERIAN']);
    const otherAdmin = await ctx.factory.user('commission_admin', { commissionId: stranger.id });
    expect((await card(otherAdmin.cookie, w.thirds.id)).status).toBe(404);
    expect((await card(w.admin.cookie, 'no-such-submission')).status).toBe(404);
    const platform = await ctx.factory.user('platform_admin');
    expect((await card(platform.cookie, w.thirds.id)).status).toBe(200);
  });

  it('releases the verified scores to the body at the objection stage, with advice on the verified values', async () => {
    const w = await world();
    await w.move('objection');
    const own = await card(w.corrected.operator.cookie, w.corrected.id);
    expect(own.status).toBe(200);
    expect(own.json.verifiedVisible).toBe(true);
    expect(own.json.saq).toEqual({ self: 88.89, verified: 66.67 });
    expect(own.json.result).toBeNull();
    expect(own.json.recommendationsBasis).toBe('verified');
    // 2.1 (lowered by the evaluator) lifts the SAQ to 800/9, over the gate, with no panel score: 0.8 x 200/9 = 17.78;
    // 1.2 lifts it to 700/9 (77.78), also over the gate: 0.8 x 100/9 = 8.89
    expect(own.json.recommendations.map((r: any) => [r.questionCode, r.status, r.gain, r.saqGain])).toEqual([
      ['2.1', 'corrected', 17.78, 22.22],
      ['1.2', 'partial', 8.89, 11.11],
    ]);
    expect(own.json.recommendationsTotal).toBe(2);
  });
});

describe('preview and published results', () => {
  it('shows staff the preview from the results stage on, never the body; the body sees the published version', async () => {
    const w = await world();
    await w.toResults();
    const preview = await card(w.admin.cookie, w.thirds.id);
    expect(preview.status, preview.text).toBe(200);
    // the engine: 0.8 x 800/9 + 0.2 x 82.5 = 640/9 + 16.5 = 87.6111... -> 87.61; strong 0.8 x 100 + 0.2 x 82.5 = 96.5
    expect(preview.json.result).toMatchObject({
      published: false,
      version: null,
      decreeNumber: null,
      final: 87.61,
      band: 'Menuju Informatif',
      bandIndex: 1,
      rank: 2,
      of: 4,
    });
    expect(preview.json.result.components).toEqual([
      { key: 'saq', label: 'SAQ', weight: 80, source: 'questionnaire', score: 88.89 },
      { key: 'presentation', label: 'Presentasi', weight: 20, source: 'panel', score: 82.5 },
    ]);
    expect(preview.json.nextBand).toEqual({ label: 'Informatif', min: 90, pointsNeeded: 2.39 });
    // the gain matches the engine: 1.2 at full gives SAQ 100, 80 + 16.5 = 96.5, minus 87.6111... = 8.8888... -> 8.89
    expect(preview.json.recommendations).toMatchObject([{ questionCode: '1.2', gain: 8.89, saqGain: 11.11 }]);
    const lead = await card(w.leadership.cookie, w.thirds.id);
    expect(lead.json.result).toMatchObject({ published: false, final: 87.61, rank: 2 });

    // neither the body nor an evaluator (no preview permission) sees a preview
    const own = await card(w.thirds.operator.cookie, w.thirds.id);
    expect(own.status).toBe(200);
    expect(own.json.result).toBeNull();
    expect(own.json.nextBand).toBeNull();
    expect((await card(w.evaluator.cookie, w.thirds.id)).json.result).toBeNull();

    // published: every reader sees the latest version's rows (here, by hand, figures unlike the preview's)
    await publish(w, w.periodId, 1, [
      { bodyId: w.strong.bodyId, bodyName: w.strong.name, final: 96.5, band: 'Informatif', bandIndex: 0, rank: 1 },
      { bodyId: w.thirds.bodyId, bodyName: w.thirds.name, final: 80, band: 'Menuju Informatif', bandIndex: 1, rank: 2 },
      { bodyId: w.other.bodyId, bodyName: w.other.name, final: 0, band: 'Tidak Informatif', bandIndex: 4, rank: 3 },
    ]);
    await publish(w, w.periodId, 2, [
      { bodyId: w.strong.bodyId, bodyName: w.strong.name, final: 96.5, band: 'Informatif', bandIndex: 0, rank: 1 },
      {
        bodyId: w.thirds.bodyId,
        bodyName: w.thirds.name,
        final: 87.61,
        band: 'Menuju Informatif',
        bandIndex: 1,
        rank: 2,
      },
      { bodyId: w.other.bodyId, bodyName: w.other.name, final: 0, band: 'Tidak Informatif', bandIndex: 4, rank: 3 },
    ]);
    for (const cookie of [w.thirds.operator.cookie, w.admin.cookie]) {
      const published = await card(cookie, w.thirds.id);
      expect(published.json.result).toMatchObject({
        published: true,
        version: 2,
        decreeNumber: `SK 2/KEP/KI/XII/${w.periodId.slice(0, 4)}`,
        decreeDate: '2031-12-10',
        final: 87.61,
        rank: 2,
        of: 3,
        example: false,
      });
      expect(published.json.result.components[0]).toMatchObject({ key: 'saq', score: 87.61 });
    }
    // a body not in the published rows gets no result, yet keeps its scores and advice
    const absent = await card(w.corrected.operator.cookie, w.corrected.id);
    expect(absent.json.result).toBeNull();
    expect(absent.json.saq.verified).toBe(66.67);
  });
});

describe('the change against last year', () => {
  it('reads the latest published version of the most recent earlier year, and the difference', async () => {
    const w = await world();
    const insertPeriod = async (year: number) =>
      (
        await ctx.db
          .insertInto('periods')
          .values({
            commissionId: w.commission.id,
            year,
            title: `Monev ${year}`,
            stage: 'published',
            methodology: jsonb(KIP_METHODOLOGY),
            schedule: jsonb({}),
            settings: jsonb({}),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const y2029 = await insertPeriod(2029);
    const y2030 = await insertPeriod(2030);
    const row = (final: number, band: string, bandIndex: number, rank: number) => ({
      bodyId: w.thirds.bodyId,
      bodyName: w.thirds.name,
      final,
      band,
      bandIndex,
      rank,
    });
    const others = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        bodyId: [w.strong.bodyId, w.other.bodyId, w.corrected.bodyId][i] as string,
        bodyName: `x${i}`,
        final: 99 - i,
        band: 'Informatif',
        bandIndex: 0,
        rank: i + 1,
      }));
    await publish(w, y2029, 1, [row(95, 'Informatif', 0, 1)]);
    // 2030: version 1, then an amendment (version 2) that the change must read
    await publish(w, y2030, 1, [...others(3), row(55.5, 'Kurang Informatif', 3, 4)]);
    await publish(w, y2030, 2, [...others(2), row(65.25, 'Cukup Informatif', 2, 3)], { example: true });
    // a later year (2032) is not "last year"
    const y2032 = await insertPeriod(2032);
    await publish(w, y2032, 1, [row(10, 'Tidak Informatif', 4, 1)]);

    // before this year's results: last year is shown, the change is not
    const before = await card(w.thirds.operator.cookie, w.thirds.id);
    expect(before.json.previous).toEqual({
      periodId: y2030,
      year: 2030,
      version: 2,
      final: 65.25,
      band: 'Cukup Informatif',
      bandIndex: 2,
      rank: 3,
      of: 3,
      example: true,
    });
    expect(before.json.change).toBeNull();

    await w.toResults();
    await publish(w, w.periodId, 1, [
      { bodyId: w.strong.bodyId, bodyName: w.strong.name, final: 96.5, band: 'Informatif', bandIndex: 0, rank: 1 },
      {
        bodyId: w.thirds.bodyId,
        bodyName: w.thirds.name,
        final: 87.61,
        band: 'Menuju Informatif',
        bandIndex: 1,
        rank: 2,
      },
    ]);
    const after = await card(w.thirds.operator.cookie, w.thirds.id);
    // 87.61 - 65.25 = 22.36; rank 3 -> 2 (+1); Cukup -> Menuju Informatif (up)
    expect(after.json.change).toEqual({ final: 22.36, rank: 1, band: 'up' });
  });
});

describe('the certificate in force (issue 24)', () => {
  it('is null before publication and for a band without one; after an amendment it is the reissued one', async () => {
    const w = await world();
    await w.toResults();
    // the staff preview: nothing is issued before publication
    const preview = await card(w.admin.cookie, w.thirds.id);
    expect(preview.json.result).toMatchObject({ published: false, band: 'Menuju Informatif' });
    expect(preview.json.certificate).toBeNull();
    await w.publish('SK 1/KEP/2031', '2031-12-15');
    const issued = async () =>
      (await ctx.request('GET', `/api/periods/${w.periodId}/certificates`, { cookie: w.admin.cookie })).json
        .certificates as { code: string; bodyName: string; revoked: boolean }[];
    const v1 = await issued();
    const thirdsV1 = v1.find((c) => c.bodyName === w.thirds.name);
    expect(thirdsV1).toBeDefined();

    // Menuju Informatif (87.61) earns one: its code and the public address that checks it, for the body and staff
    for (const cookie of [w.thirds.operator.cookie, w.admin.cookie]) {
      const own = await card(cookie, w.thirds.id);
      expect(own.json.certificate).toEqual({
        code: thirdsV1!.code,
        verifyUrl: `${PUBLIC_URL}/verify/${thirdsV1!.code}`,
      });
    }
    const check = await ctx.request('GET', `/api/public/certificates/${thirdsV1!.code}`);
    expect(check.json).toMatchObject({ valid: true, bodyName: w.thirds.name });
    // below the gate (0.8 x 66.67 = 53.33, Kurang Informatif) and never scored (0): no certificate
    expect((await card(w.corrected.operator.cookie, w.corrected.id)).json.certificate).toBeNull();
    expect((await card(w.other.operator.cookie, w.other.id)).json.certificate).toBeNull();

    // an amendment that changes the final revokes the old certificate and issues another: the scorecard follows
    const corrected = await ctx.request('POST', `/api/submissions/${w.thirds.id}/corrections`, {
      cookie: w.admin.cookie,
      body: { component: 'presentation', score: 100, reason: 'Nilai presentasi salah catat' },
    });
    expect(corrected.status, corrected.text).toBe(201);
    await w.publish('SK 2/KEP/2031', '2031-12-15');
    const v2 = (await issued()).filter((c) => c.bodyName === w.thirds.name);
    const inForce = v2.find((c) => !c.revoked);
    expect(v2.find((c) => c.code === thirdsV1!.code)?.revoked).toBe(true);
    expect(inForce?.code).not.toBe(thirdsV1!.code);
    const after = await card(w.thirds.operator.cookie, w.thirds.id);
    // 0.8 x 800/9 + 0.2 x 100 = 91.11: Informatif now
    expect(after.json.result).toMatchObject({ version: 2, final: 91.11, band: 'Informatif' });
    expect(after.json.certificate).toEqual({ code: inForce!.code, verifyUrl: `${PUBLIC_URL}/verify/${inForce!.code}` });
  });
});
