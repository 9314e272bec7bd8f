import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { type SmallSaqAnswers as Answers, answerAndSubmit, KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/**
 * A commission with a period (KI Pusat's 80/20 with the gate at 70, SMALL_SAQ) and bodies answering by hand:
 * - strong: everything -> SAQ 100, proceeds;
 * - thirds: 1.1 yes, 1.2 B (0.5), 2.1 all -> I1 = 250/3, I2 = 100, SAQ = (40 x 250/3 + 20 x 100) / 60 = 800/9 = 88.89;
 * - corrected: as thirds, but the evaluator verifies 2.1 as one item of three: I2 = 100/3,
 *   SAQ = (40 x 250/3 + 20 x 100/3) / 60 = 200/3 = 66.67 (self 88.89): below the gate after verification;
 * - weak: nothing -> SAQ 0, below the gate;
 * - silent: opens the SAQ, never submits.
 */
async function panelWorld(methodology: unknown = KIP_METHODOLOGY) {
  const commission = await ctx.factory.commission(['KEMENTERIAN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const jurors = [];
  for (const name of ['Juri Satu', 'Juri Dua', 'Juri Tiga']) {
    const u = await ctx.factory.user('evaluator', { commissionId: commission.id });
    await ctx.db.updateTable('users').set({ name }).where('id', '=', u.id).execute();
    jurors.push({ ...u, name });
  }
  const [j1, j2, j3] = jurors as [(typeof jurors)[0], (typeof jurors)[0], (typeof jurors)[0]];
  const evaluator = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
    cookie: admin.cookie,
    body: { year: 2031, title: 'Monev Panel', methodology },
  });
  expect(created.status).toBe(201);
  const periodId = created.json.period.id as string;
  await ctx.request('PUT', `/api/periods/${periodId}/questionnaires/KEMENTERIAN`, {
    cookie: admin.cookie,
    body: SMALL_SAQ,
  });
  const move = async (to: string) => {
    const res = await ctx.request('POST', `/api/periods/${periodId}/stage`, { cookie: admin.cookie, body: { to } });
    expect(res.status, res.text).toBe(200);
  };
  await move('saq');
  const bodyWith = async (name: string, answers: Answers | null) => {
    const body = await ctx.factory.body(commission.id, 'KEMENTERIAN', `${name} ${commission.code}`);
    const operator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: body.id });
    const mine = await ctx.request('GET', `/api/periods/${periodId}/submissions/mine`, { cookie: operator.cookie });
    const sid = mine.json.submission.id as string;
    if (answers) await answerAndSubmit(ctx, operator.cookie, mine.json.submission, answers);
    return { id: sid, bodyId: body.id, name: body.name, operator };
  };
  const strong = await bodyWith('Badan Kuat', { '1.1': true, '1.2': 'A', '2.1': ['a', 'b', 'c'] });
  const thirds = await bodyWith('Badan Pertiga', { '1.1': true, '1.2': 'B', '2.1': ['a', 'b', 'c'] });
  const corrected = await bodyWith('Badan Koreksi', { '1.1': true, '1.2': 'B', '2.1': ['a', 'b', 'c'] });
  const weak = await bodyWith('Badan Lemah', { '1.1': false, '1.2': 'C', '2.1': [] });
  const silent = await bodyWith('Badan Diam', null);
  await move('verification');
  // the evaluator's correction, stored as the verification module stores it: points over the question's max points
  await ctx.db
    .updateTable('answers')
    .set({ verifiedValue: jsonb(['a']), verifiedPoints: '1', verifiedReason: 'Hanya website yang aktif' })
    .where('submissionId', '=', corrected.id)
    .where('questionCode', '=', '2.1')
    .execute();
  return {
    commission,
    admin,
    leadership,
    j1,
    j2,
    j3,
    evaluator,
    periodId,
    move,
    strong,
    thirds,
    corrected,
    weak,
    silent,
  };
}

type World = Awaited<ReturnType<typeof panelWorld>>;

const score = (w: { cookie: string }, sid: string, body: unknown) =>
  ctx.request('PUT', `/api/submissions/${sid}/panel-scores`, { cookie: w.cookie, body });
const setPanel = (w: World, cookie: string, evaluatorIds: string[]) =>
  ctx.request('PUT', `/api/periods/${w.periodId}/panel`, { cookie, body: { evaluatorIds } });

/** The world at the presentation stage with j1, j2, j3 on the panel. */
async function atPresentation(methodology?: unknown) {
  const w = await panelWorld(methodology);
  expect((await setPanel(w, w.admin.cookie, [w.j1.id, w.j2.id, w.j3.id])).status).toBe(200);
  await w.move('objection');
  await w.move('presentation');
  return w;
}

describe('the gate (markProceeding at the presentation stage)', () => {
  it('marks who proceeds by the rounded verified SAQ, drafts never submitted do not, and the trail says why', async () => {
    const w = await panelWorld();
    const proceeds = async () =>
      Object.fromEntries(
        (
          await ctx.db.selectFrom('submissions').select(['id', 'proceeds']).where('periodId', '=', w.periodId).execute()
        ).map((r) => [r.id, r.proceeds]),
      );
    expect(Object.values(await proceeds()).every((p) => p === null)).toBe(true);
    await w.move('objection');
    await w.move('presentation');
    expect(await proceeds()).toEqual({
      [w.strong.id]: true,
      [w.thirds.id]: true,
      [w.corrected.id]: false,
      [w.weak.id]: false,
      [w.silent.id]: false,
    });
    const trail = await ctx.request('GET', `/api/submissions/${w.corrected.id}/history`, { cookie: w.admin.cookie });
    expect(trail.json.history.filter((h: any) => h.event === 'panel.gate')).toMatchObject([
      { after: { proceeds: false, saq: 66.67, gate: 70 } },
    ]);
    const silent = await ctx.request('GET', `/api/submissions/${w.silent.id}/history`, { cookie: w.admin.cookie });
    expect(silent.json.history.find((h: any) => h.event === 'panel.gate').after).toEqual({
      proceeds: false,
      saq: null,
      gate: 70,
      submitted: false,
    });
  });
});

describe('unknown ids', () => {
  it('every panel route answers 404 for a period or submission that does not exist', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    for (const [method, path, body] of [
      ['GET', '/api/periods/no-such-period/panel'],
      ['PUT', '/api/periods/no-such-period/panel', { evaluatorIds: [] }],
      ['GET', '/api/periods/no-such-period/panel/bodies'],
      ['GET', '/api/periods/no-such-period/panel/review'],
      ['GET', '/api/submissions/no-such-submission/panel-scores'],
      ['PUT', '/api/submissions/no-such-submission/panel-scores', { score: 50 }],
    ] as const) {
      const res = await ctx.request(method, path, { cookie: admin.cookie, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe('NOT_FOUND');
    }
  });
});

describe('the panel’s members', () => {
  it('sets evaluators of the commission as jurors (audited) and lists them with the panel components', async () => {
    const w = await panelWorld();
    const res = await setPanel(w, w.admin.cookie, [w.j2.id, w.j1.id]);
    expect(res.status, res.text).toBe(200);
    expect(res.json.members).toEqual([
      { id: w.j2.id, name: 'Juri Dua', email: w.j2.email },
      { id: w.j1.id, name: 'Juri Satu', email: w.j1.email },
    ]);
    const read = await ctx.request('GET', `/api/periods/${w.periodId}/panel`, { cookie: w.j1.cookie });
    expect(read.status).toBe(200);
    expect(read.json).toEqual({
      members: res.json.members,
      components: [{ key: 'presentation', label: 'Presentasi' }],
      divergence: 15,
    });
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'before', 'after', 'actorId'])
      .where('subjectId', '=', w.periodId)
      .where('event', '=', 'panel.set')
      .execute();
    expect(audit).toEqual([
      {
        event: 'panel.set',
        actorId: w.admin.id,
        before: { jurors: [] },
        after: { jurors: [w.j2.id, w.j1.id] },
      },
    ]);
  });

  it('refuses anyone who is not an evaluator of the commission, naming each (422)', async () => {
    const w = await panelWorld();
    const other = await ctx.factory.commission(['KEMENTERIAN']);
    const foreign = await ctx.factory.user('evaluator', { commissionId: other.id });
    const res = await setPanel(w, w.admin.cookie, [w.j1.id, w.leadership.id, foreign.id, 'no-such-user']);
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['evaluatorIds.1', 'evaluatorIds.2', 'evaluatorIds.3']);
    const members = await ctx.request('GET', `/api/periods/${w.periodId}/panel`, { cookie: w.admin.cookie });
    expect(members.json.members).toEqual([]);
  });

  it('is the admin’s: a juror or leadership may not set it (403), another commission’s admin finds nothing (404)', async () => {
    const w = await panelWorld();
    const other = await ctx.factory.commission(['KEMENTERIAN']);
    const otherAdmin = await ctx.factory.user('commission_admin', { commissionId: other.id });
    expect((await setPanel(w, w.j1.cookie, [w.j1.id])).status).toBe(403);
    expect((await setPanel(w, w.leadership.cookie, [w.j1.id])).status).toBe(403);
    expect((await setPanel(w, otherAdmin.cookie, [w.j1.id])).status).toBe(404);
    const read = await ctx.request('GET', `/api/periods/${w.periodId}/panel`, { cookie: w.strong.operator.cookie });
    expect(read.status).toBe(403);
  });

  it('keeps a juror who has scored (409) and is fixed from the results stage on (409)', async () => {
    const w = await atPresentation();
    expect((await score(w.j3, w.strong.id, { score: 80 })).status).toBe(200);
    const drop = await setPanel(w, w.admin.cookie, [w.j1.id, w.j2.id]);
    expect(drop.status).toBe(409);
    expect(drop.json.detail).toContain('Juri Tiga');
    expect((await setPanel(w, w.admin.cookie, [w.j3.id, w.j2.id])).status).toBe(200);
    await w.move('results');
    const late = await setPanel(w, w.admin.cookie, [w.j3.id, w.j2.id, w.evaluator.id]);
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('STAGE_CLOSED');
  });

  it('lists a juror’s panels (GET /panels/mine), and none for others', async () => {
    const w = await panelWorld();
    await setPanel(w, w.admin.cookie, [w.j1.id]);
    const mine = await ctx.request('GET', '/api/panels/mine', { cookie: w.j1.cookie });
    expect(mine.json.panels).toEqual([
      { periodId: w.periodId, commissionId: w.commission.id, title: 'Monev Panel', year: 2031, stage: 'verification' },
    ]);
    const none = await ctx.request('GET', '/api/panels/mine', { cookie: w.j2.cookie });
    expect(none.json.panels).toEqual([]);
    expect((await ctx.request('GET', '/api/panels/mine')).status).toBe(401);
  });
});

describe('panel scores', () => {
  it('a juror scores a proceeding body at the presentation stage; a change keeps the score before in the trail', async () => {
    const w = await atPresentation();
    const first = await score(w.j1, w.strong.id, { score: 60 });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ submissionId: w.strong.id, component: 'presentation', score: 60, before: null });
    const again = await score(w.j1, w.strong.id, { score: 72.25, component: 'presentation' });
    expect(again.json).toEqual({ submissionId: w.strong.id, component: 'presentation', score: 72.25, before: 60 });
    const trail = await ctx.request('GET', `/api/submissions/${w.strong.id}/history`, { cookie: w.admin.cookie });
    expect(trail.json.history.filter((h: any) => h.event === 'panel.scored')).toMatchObject([
      { actor: { id: w.j1.id }, before: null, after: { component: 'presentation', score: 60 } },
      {
        actor: { id: w.j1.id },
        before: { component: 'presentation', score: 60 },
        after: { component: 'presentation', score: 72.25 },
      },
    ]);
  });

  it('a body below the gate gets no panel score (409), nor a body that never submitted', async () => {
    const w = await atPresentation();
    const below = await score(w.j1, w.corrected.id, { score: 90 });
    expect(below.status).toBe(409);
    expect(below.json.code).toBe('CONFLICT');
    expect(below.json.detail).toMatch(/below the gate/);
    expect((await score(w.j1, w.silent.id, { score: 90 })).status).toBe(409);
    const rows = await ctx.db
      .selectFrom('panelScores')
      .selectAll()
      .where('submissionId', '=', w.corrected.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('is closed before and after the presentation stage (409 STAGE_CLOSED)', async () => {
    const w = await panelWorld();
    await setPanel(w, w.admin.cookie, [w.j1.id]);
    const early = await score(w.j1, w.strong.id, { score: 80 });
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('STAGE_CLOSED');
    await w.move('objection');
    await w.move('presentation');
    await w.move('results');
    const late = await score(w.j1, w.strong.id, { score: 80 });
    expect(late.json.code).toBe('STAGE_CLOSED');
  });

  it('checks the score and the component (422)', async () => {
    const w = await atPresentation();
    for (const body of [{ score: 100.5 }, { score: -1 }, { score: 50.555 }, { score: '80' }, {}]) {
      expect((await score(w.j1, w.strong.id, body)).status, JSON.stringify(body)).toBe(422);
    }
    const saq = await score(w.j1, w.strong.id, { score: 80, component: 'saq' });
    expect(saq.status).toBe(422);
    expect(saq.json.errors).toMatchObject([{ path: 'component' }]);
    expect((await score(w.j1, w.strong.id, { score: 80, component: 'visitasi' })).status).toBe(422);
    expect((await score(w.j1, w.strong.id, { score: 100 })).status).toBe(200);
    expect((await score(w.j1, w.thirds.id, { score: 0 })).status).toBe(200);
  });

  it('needs the component when the methodology has more than one panel component', async () => {
    const methodology = {
      ...KIP_METHODOLOGY,
      components: [
        { key: 'saq', label: 'SAQ', weight: 60, source: 'questionnaire' },
        { key: 'presentation', label: 'Presentasi', weight: 20, source: 'panel' },
        { key: 'visit', label: 'Visitasi', weight: 20, source: 'panel' },
      ],
    };
    const w = await atPresentation(methodology);
    const bare = await score(w.j1, w.strong.id, { score: 80 });
    expect(bare.status).toBe(422);
    expect(bare.json.errors).toMatchObject([{ path: 'component' }]);
    expect((await score(w.j1, w.strong.id, { score: 80, component: 'visit' })).status).toBe(200);
    expect((await score(w.j1, w.strong.id, { score: 70, component: 'presentation' })).status).toBe(200);
    const mine = await ctx.request('GET', `/api/submissions/${w.strong.id}/panel-scores`, { cookie: w.j1.cookie });
    expect(mine.json.scores.map((s: any) => [s.component, s.score])).toEqual([
      ['presentation', 70],
      ['visit', 80],
    ]);
  });

  it('only the period’s jurors score: others 403, an evaluator who does not see the body 404', async () => {
    const w = await atPresentation();
    const other = await ctx.factory.commission(['KEMENTERIAN']);
    const otherAdmin = await ctx.factory.user('commission_admin', { commissionId: other.id });
    expect((await score(w.evaluator, w.strong.id, { score: 80 })).status).toBe(404);
    await ctx.factory.assign(w.strong.id, w.evaluator.id);
    expect((await score(w.evaluator, w.strong.id, { score: 80 })).status).toBe(403);
    expect((await score(w.admin, w.strong.id, { score: 80 })).status).toBe(403);
    expect((await score(w.leadership, w.strong.id, { score: 80 })).status).toBe(403);
    expect((await score(w.strong.operator, w.strong.id, { score: 80 })).status).toBe(403);
    expect((await score(w.thirds.operator, w.strong.id, { score: 80 })).status).toBe(404);
    expect((await score(otherAdmin, w.strong.id, { score: 80 })).status).toBe(404);
    expect((await score(w.j1, 'no-such-submission', { score: 80 })).status).toBe(404);
  });
});

describe('who sees which scores', () => {
  it('a juror sees other jurors’ scores only from the results stage on', async () => {
    const w = await atPresentation();
    await score(w.j1, w.strong.id, { score: 70 });
    await score(w.j2, w.strong.id, { score: 95 });
    const own = await ctx.request('GET', `/api/submissions/${w.strong.id}/panel-scores`, { cookie: w.j1.cookie });
    expect(own.status).toBe(200);
    expect(own.json).toEqual({
      scores: [{ jurorId: w.j1.id, jurorName: 'Juri Satu', component: 'presentation', score: 70 }],
    });
    const list = await ctx.request('GET', `/api/periods/${w.periodId}/panel/bodies`, { cookie: w.j1.cookie });
    expect(list.json.othersVisible).toBe(false);
    const strong = list.json.bodies.find((b: any) => b.submissionId === w.strong.id);
    expect(strong.mine).toEqual({ presentation: 70 });
    expect(strong).not.toHaveProperty('scores');
    expect(strong).not.toHaveProperty('means');
    // the admin and leadership see everything at any stage
    for (const reader of [w.admin, w.leadership]) {
      const all = await ctx.request('GET', `/api/submissions/${w.strong.id}/panel-scores`, { cookie: reader.cookie });
      expect(all.json.scores).toHaveLength(2);
      expect(all.json.means).toEqual({ presentation: 82.5 });
    }
    await w.move('results');
    const after = await ctx.request('GET', `/api/submissions/${w.strong.id}/panel-scores`, { cookie: w.j1.cookie });
    expect(after.json).toEqual({
      scores: [
        { jurorId: w.j2.id, jurorName: 'Juri Dua', component: 'presentation', score: 95 },
        { jurorId: w.j1.id, jurorName: 'Juri Satu', component: 'presentation', score: 70 },
      ],
      means: { presentation: 82.5 },
    });
    const later = await ctx.request('GET', `/api/periods/${w.periodId}/panel/bodies`, { cookie: w.j1.cookie });
    expect(later.json.othersVisible).toBe(true);
    expect(later.json.bodies.find((b: any) => b.submissionId === w.strong.id)).toMatchObject({
      mine: { presentation: 70 },
      scores: [{ score: 95 }, { score: 70 }],
      means: { presentation: 82.5 },
    });
  });

  it('reads of one body’s scores: the operator 403, an evaluator who does not see it 404, another tenant 404', async () => {
    const w = await atPresentation();
    const other = await ctx.factory.commission(['KEMENTERIAN']);
    const otherAdmin = await ctx.factory.user('commission_admin', { commissionId: other.id });
    const read = (who: { cookie: string }) =>
      ctx.request('GET', `/api/submissions/${w.strong.id}/panel-scores`, { cookie: who.cookie });
    expect((await read(w.strong.operator)).status).toBe(403);
    expect((await read(w.thirds.operator)).status).toBe(404);
    expect((await read(w.evaluator)).status).toBe(404);
    expect((await read(otherAdmin)).status).toBe(404);
  });

  it('the jurors’ list: proceeding bodies with their verified summary, the others apart and marked', async () => {
    const w = await atPresentation();
    const res = await ctx.request('GET', `/api/periods/${w.periodId}/panel/bodies`, { cookie: w.j2.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      period: { id: w.periodId, stage: 'presentation', decimals: 2 },
      components: [{ key: 'presentation', label: 'Presentasi' }],
      juror: true,
      othersVisible: false,
      gate: { component: 'saq', label: 'SAQ', min: 70 },
    });
    // listed by name: Badan Kuat, Badan Pertiga
    expect(res.json.bodies).toEqual([
      {
        submissionId: w.strong.id,
        bodyId: w.strong.bodyId,
        bodyName: w.strong.name,
        categoryCode: 'KEMENTERIAN',
        saq: 100,
        indicators: [
          { code: '1', title: 'Jenis Informasi', weight: 40, score: 100 },
          { code: '2', title: 'Digitalisasi', weight: 20, score: 100 },
        ],
        mine: { presentation: null },
      },
      {
        submissionId: w.thirds.id,
        bodyId: w.thirds.bodyId,
        bodyName: w.thirds.name,
        categoryCode: 'KEMENTERIAN',
        saq: 88.89,
        indicators: [
          { code: '1', title: 'Jenis Informasi', weight: 40, score: 83.33 },
          { code: '2', title: 'Digitalisasi', weight: 20, score: 100 },
        ],
        mine: { presentation: null },
      },
    ]);
    expect(res.json.notProceeding.map((b: any) => [b.bodyName, b.saq])).toEqual([
      [w.silent.name, 0],
      [w.corrected.name, 66.67],
      [w.weak.name, 0],
    ]);
    // the admin (not a juror) reads it with every score; an evaluator off the panel may not
    const admin = await ctx.request('GET', `/api/periods/${w.periodId}/panel/bodies`, { cookie: w.admin.cookie });
    expect(admin.json).toMatchObject({ juror: false, othersVisible: true });
    expect(admin.json.bodies[0]).toMatchObject({ scores: [], means: { presentation: null } });
    const off = await ctx.request('GET', `/api/periods/${w.periodId}/panel/bodies`, { cookie: w.evaluator.cookie });
    expect(off.status).toBe(403);
    const operator = await ctx.request('GET', `/api/periods/${w.periodId}/panel/bodies`, {
      cookie: w.strong.operator.cookie,
    });
    expect(operator.status).toBe(403);
  });

  it('a juror reads a proceeding body’s submission, not one below the gate', async () => {
    const w = await atPresentation();
    const sees = await ctx.request('GET', `/api/submissions/${w.strong.id}`, { cookie: w.j1.cookie });
    expect(sees.status).toBe(200);
    const hidden = await ctx.request('GET', `/api/submissions/${w.corrected.id}`, { cookie: w.j1.cookie });
    expect(hidden.status).toBe(404);
  });
});

/**
 * Scores: Badan Kuat j1 70, j2 95 (spread 25, mean 82.5); Badan Pertiga j1 80, j2 85, j3 90.5 (spread 10.5,
 * mean 255.5/3 = 511/6 = 85.1666...).
 */
async function scoredWorld() {
  const w = await atPresentation();
  for (const [who, sid, value] of [
    [w.j1, w.strong.id, 70],
    [w.j2, w.strong.id, 95],
    [w.j1, w.thirds.id, 80],
    [w.j2, w.thirds.id, 85],
    [w.j3, w.thirds.id, 90.5],
  ] as const) {
    const res = await score(who, sid, { score: value });
    expect(res.status, res.text).toBe(200);
  }
  return w;
}

describe('divergence and calibration', () => {
  it('lists bodies whose juror scores spread beyond the threshold and each juror against the panel, by hand', async () => {
    const w = await scoredWorld();
    const res = await ctx.request('GET', `/api/periods/${w.periodId}/panel/review`, { cookie: w.admin.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json.threshold).toBe(15);
    expect(res.json.divergent).toEqual([
      {
        submissionId: w.strong.id,
        bodyName: w.strong.name,
        component: 'presentation',
        scores: [
          { jurorId: w.j2.id, name: 'Juri Dua', score: 95 },
          { jurorId: w.j1.id, name: 'Juri Satu', score: 70 },
        ],
        spread: 25,
        mean: 82.5,
      },
    ]);
    // j1: own mean (70 + 80) / 2 = 75; panel's over the same bodies (82.5 + 511/6) / 2 = 503/6 = 83.8333...;
    //     difference 75 - 503/6 = -53/6 = -8.8333... -> -8.83
    // j2: (95 + 85) / 2 = 90; 503/6; 37/6 = 6.1666... -> 6.17
    // j3: 90.5; 511/6 = 85.1666... -> 85.17; 90.5 - 511/6 = 16/3 = 5.333... -> 5.33
    const byId = Object.fromEntries(res.json.calibration.map((c: any) => [c.jurorId, c]));
    expect(byId[w.j1.id]).toEqual({
      jurorId: w.j1.id,
      name: 'Juri Satu',
      count: 2,
      mean: 75,
      panelMean: 83.83,
      difference: -8.83,
    });
    expect(byId[w.j2.id]).toMatchObject({ count: 2, mean: 90, panelMean: 83.83, difference: 6.17 });
    expect(byId[w.j3.id]).toMatchObject({ count: 1, mean: 90.5, panelMean: 85.17, difference: 5.33 });
    const leadership = await ctx.request('GET', `/api/periods/${w.periodId}/panel/review`, {
      cookie: w.leadership.cookie,
    });
    expect(leadership.status).toBe(200);
    expect((await ctx.request('GET', `/api/periods/${w.periodId}/panel/review`, { cookie: w.j1.cookie })).status).toBe(
      403,
    );
  });

  it('takes the threshold from settings.panel.divergence, a spread equal to it not being divergent', async () => {
    const w = await scoredWorld();
    const review = async () =>
      (await ctx.request('GET', `/api/periods/${w.periodId}/panel/review`, { cookie: w.admin.cookie })).json;
    const setDivergence = async (divergence: number) => {
      const res = await ctx.request('PATCH', `/api/periods/${w.periodId}`, {
        cookie: w.admin.cookie,
        body: { settings: { panel: { divergence } } },
      });
      expect(res.status, res.text).toBe(200);
    };
    await setDivergence(10);
    expect((await review()).divergent.map((d: any) => [d.bodyName, d.spread, d.mean])).toEqual([
      [w.strong.name, 25, 82.5],
      [w.thirds.name, 10.5, 85.17],
    ]);
    await setDivergence(10.5);
    expect((await review()).divergent.map((d: any) => d.bodyName)).toEqual([w.strong.name]);
    const bad = await ctx.request('PATCH', `/api/periods/${w.periodId}`, {
      cookie: w.admin.cookie,
      body: { settings: { panel: { divergence: 101 } } },
    });
    expect(bad.status).toBe(422);
  });
});

describe('the results engine and the panel', () => {
  it('counts a panel component as its jurors’ mean and a body below the gate per gate.below, exactly', async () => {
    const w = await scoredWorld();
    await w.move('results');
    const res = await ctx.request('POST', `/api/periods/${w.periodId}/whatif`, {
      cookie: w.admin.cookie,
      body: { methodology: KIP_METHODOLOGY },
    });
    expect(res.status, res.text).toBe(200);
    const finals = Object.fromEntries(res.json.rows.map((r: any) => [r.bodyId, r.current]));
    // Badan Kuat: 0.8 x 100 + 0.2 x 82.5 = 96.5
    expect(finals[w.strong.bodyId]).toEqual({ final: 96.5, band: 'Informatif', rank: 1 });
    // Badan Pertiga: 0.8 x 800/9 + 0.2 x 511/6 = 640/9 + 511/30 = 7933/90 = 88.1444... -> 88.14
    expect(finals[w.thirds.bodyId]).toEqual({ final: 88.14, band: 'Menuju Informatif', rank: 2 });
    // Badan Koreksi, below the gate (weighted, panel at 0): 0.8 x 200/3 = 160/3 = 53.333... -> 53.33
    expect(finals[w.corrected.bodyId]).toEqual({ final: 53.33, band: 'Kurang Informatif', rank: 3 });
    expect(finals[w.weak.bodyId]).toMatchObject({ final: 0, band: 'Tidak Informatif' });
    expect(finals[w.silent.bodyId]).toMatchObject({ final: 0, band: 'Tidak Informatif' });
    // questionnaire_only: the corrected body's final is its SAQ alone, 200/3 -> 66.67
    const alone = await ctx.request('POST', `/api/periods/${w.periodId}/whatif`, {
      cookie: w.admin.cookie,
      body: { methodology: { ...KIP_METHODOLOGY, gate: { ...KIP_METHODOLOGY.gate, below: 'questionnaire_only' } } },
    });
    const proposed = Object.fromEntries(alone.json.rows.map((r: any) => [r.bodyId, r.proposed]));
    expect(proposed[w.corrected.bodyId]).toMatchObject({ final: 66.67, band: 'Cukup Informatif' });
    expect(proposed[w.thirds.bodyId]).toMatchObject({ final: 88.14 });
  });
});
