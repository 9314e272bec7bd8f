import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL, answerAndSubmit, EVIDENCE, KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 25, item 4: stage moves that cannot surprise anyone (preview, reason and typed confirmation, history). */

let ctx: TestContext;
let clock = new Date('2026-06-15T03:00:00Z');
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => ctx?.close());

const SCHEDULE = {
  saq: { start: '2026-07-01', end: '2026-08-31' },
  verification: { start: '2026-09-01', end: '2026-09-30' },
};

/**
 * A commission with three KEMENTERIAN bodies (each with an operator) and one PEMPROV body, and a draft 2026 period
 * with SMALL_SAQ for KEMENTERIAN only.
 */
async function world() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const evaluator = await ctx.factory.user('evaluator', { commissionId: commission.id });
  const bodies = [];
  for (const name of ['Badan A', 'Badan B', 'Badan C']) {
    const body = await ctx.factory.body(commission.id, 'KEMENTERIAN', `${name} ${commission.code}`);
    const operator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: body.id });
    bodies.push({ body, operator });
  }
  await ctx.factory.body(commission.id, 'PEMPROV');
  const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
    cookie: admin.cookie,
    body: { year: 2026, title: 'Monev 2026', methodology: KIP_METHODOLOGY, schedule: SCHEDULE },
  });
  expect(created.status, created.text).toBe(201);
  const pid = created.json.period.id as string;
  const put = await ctx.request('PUT', `/api/periods/${pid}/questionnaires/KEMENTERIAN`, {
    cookie: admin.cookie,
    body: SMALL_SAQ,
  });
  expect(put.status, put.text).toBe(200);
  return { commission, admin, evaluator, bodies, pid };
}
type World = Awaited<ReturnType<typeof world>>;

const preview = (w: World, to: string, cookie = w.admin.cookie) =>
  ctx.request('GET', `/api/periods/${w.pid}/stage/preview?to=${to}`, { cookie });
const move = (w: World, body: Record<string, unknown>) =>
  ctx.request('POST', `/api/periods/${w.pid}/stage`, { cookie: w.admin.cookie, body });
const stageOf = async (w: World) =>
  (await ctx.request('GET', `/api/periods/${w.pid}`, { cookie: w.admin.cookie })).json.period.stage;
const events = async (w: World) =>
  (await ctx.request('GET', `/api/periods/${w.pid}/stage-events`, { cookie: w.admin.cookie })).json.events as any[];
const mine = async (w: World, i: number) => {
  const res = await ctx.request('GET', `/api/periods/${w.pid}/submissions/mine`, {
    cookie: w.bodies[i]?.operator.cookie as string,
  });
  expect(res.status, res.text).toBe(200);
  return res.json.submission as { id: string; version: number };
};

describe('stage moves', () => {
  it('opens the SAQ only when every category with bodies has a questionnaire, and an early opening only with a reason and the typed year', async () => {
    const w = await world();
    const early = await preview(w, 'saq');
    expect(early.status, early.text).toBe(200);
    expect(early.json).toMatchObject({
      from: 'draft',
      to: 'saq',
      today: '2026-06-15',
      scheduledDate: '2026-07-01',
      early: true,
      missingQuestionnaires: ['PEMPROV'],
      needsReason: true,
      needsConfirmation: true,
      confirmWord: '2026',
      totals: { bodies: 4, notStarted: 4, inProgress: 0, submitted: 0, locked: 0 },
    });
    expect(early.json.effects).toEqual(['saq_opens', 'questionnaires_freeze']);
    expect(early.json.categories.map((c: any) => [c.categoryCode, c.bodies, c.hasQuestionnaire])).toEqual([
      ['KEMENTERIAN', 3, true],
      ['PEMPROV', 1, false],
    ]);

    // no reason, no confirmation, a category without its questionnaire: every problem at once, nothing changed
    const refused = await move(w, { to: 'saq' });
    expect(refused.status).toBe(422);
    expect(refused.json.errors.map((e: any) => e.path)).toEqual(['questionnaires.PEMPROV', 'reason', 'confirm']);
    expect(refused.json.errors[1].message).toContain('2026-07-01');
    expect(await stageOf(w)).toBe('draft');
    expect(await events(w)).toEqual([]);

    const pemprov = await ctx.request('PUT', `/api/periods/${w.pid}/questionnaires/PEMPROV`, {
      cookie: w.admin.cookie,
      body: SMALL_SAQ,
    });
    expect(pemprov.status).toBe(200);
    const wrongWord = await move(w, { to: 'saq', reason: 'Sosialisasi selesai lebih awal', confirm: '2027' });
    expect(wrongWord.status).toBe(422);
    expect(wrongWord.json.errors.map((e: any) => e.path)).toEqual(['confirm']);
    expect(await stageOf(w)).toBe('draft');

    const moved = await move(w, { to: 'saq', reason: 'Sosialisasi selesai lebih awal', confirm: '2026' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.period.stage).toBe('saq');
    const [event] = await events(w);
    expect(event).toMatchObject({
      from: 'draft',
      to: 'saq',
      actorId: w.admin.id,
      reason: 'Sosialisasi selesai lebih awal',
      figures: { bodies: 4, notStarted: 4, early: true, scheduledDate: '2026-07-01', extensionsEnded: 0 },
    });
  });

  it('shows bodies by progress per category, extensions it ends with their reasons, and records what the admin saw', async () => {
    clock = new Date('2026-06-15T03:00:00Z');
    const w = await world();
    await ctx.request('PUT', `/api/periods/${w.pid}/questionnaires/PEMPROV`, {
      cookie: w.admin.cookie,
      body: SMALL_SAQ,
    });
    clock = new Date('2026-07-02T03:00:00Z');
    // on schedule: no reason, no confirmation needed
    const onTime = await preview(w, 'saq');
    expect(onTime.json).toMatchObject({ early: false, needsReason: false, needsConfirmation: false });
    expect((await move(w, { to: 'saq' })).status).toBe(200);

    clock = new Date('2026-07-10T03:00:00Z');
    await answerAndSubmit(ctx, w.bodies[0]?.operator.cookie as string, await mine(w, 0), ALL); // submitted
    const b = await mine(w, 1); // in progress: one answer
    const saved = await ctx.request('PATCH', `/api/submissions/${b.id}/answers`, {
      cookie: w.bodies[1]?.operator.cookie as string,
      headers: { 'if-match': `"${b.version}"` },
      body: { answers: [{ questionCode: '1.1', value: true, evidence: EVIDENCE }] },
    });
    expect(saved.status, saved.text).toBe(200);
    const c = await mine(w, 2); // opened, nothing answered: still not started
    const extended = await ctx.request('POST', `/api/submissions/${c.id}/extension`, {
      cookie: w.admin.cookie,
      body: { until: '2026-11-30T16:59:59.000Z', reason: 'Gangguan jaringan di kantor PPID' },
    });
    expect(extended.status, extended.text).toBe(200);

    const closing = await preview(w, 'verification');
    expect(closing.json).toMatchObject({
      early: true,
      scheduledDate: '2026-09-01',
      totals: { bodies: 4, notStarted: 2, inProgress: 1, submitted: 1, locked: 0 },
      draftsLocked: 1,
      effects: ['drafts_locked', 'extensions_continue'],
    });
    expect(closing.json.categories.find((x: any) => x.categoryCode === 'KEMENTERIAN')).toMatchObject({
      bodies: 3,
      notStarted: 1,
      inProgress: 1,
      submitted: 1,
    });
    // closing the SAQ spares a running extension
    expect(closing.json.extensions).toEqual([
      {
        submissionId: c.id,
        bodyName: `Badan C ${w.commission.code}`,
        categoryCode: 'KEMENTERIAN',
        until: '2026-11-30T16:59:59.000Z',
        reason: 'Gangguan jaringan di kantor PPID',
        ends: false,
      },
    ]);

    clock = new Date('2026-09-01T01:00:00Z'); // 08:00 in Jakarta on the scheduled day
    expect((await move(w, { to: 'verification' })).status).toBe(200);
    const lockedB = await ctx.request('GET', `/api/submissions/${b.id}`, { cookie: w.admin.cookie });
    expect(lockedB.json.submission.status).toBe('locked');

    // leaving verification ends the extension: a reason and the year are needed even on schedule
    clock = new Date('2026-10-02T03:00:00Z');
    const ending = await preview(w, 'objection');
    expect(ending.json).toMatchObject({ early: false, scheduledDate: '2026-10-01', needsReason: true });
    expect(ending.json.extensions.map((e: any) => [e.submissionId, e.ends])).toEqual([[c.id, true]]);
    expect(ending.json.effects).toContain('extensions_end');
    const refused = await move(w, { to: 'objection' });
    expect(refused.status).toBe(422);
    expect(refused.json.errors.map((e: any) => e.path)).toEqual(['reason', 'confirm']);
    expect(refused.json.errors[0].message).toContain('1 running extension');
    expect(await stageOf(w)).toBe('verification');
    expect(
      (await ctx.request('GET', `/api/submissions/${c.id}`, { cookie: w.admin.cookie })).json.submission.status,
    ).toBe('draft');

    const moved = await move(w, { to: 'objection', reason: 'Keputusan rapat pleno 1 Oktober', confirm: '2026' });
    expect(moved.status, moved.text).toBe(200);
    expect(
      (await ctx.request('GET', `/api/submissions/${c.id}`, { cookie: w.admin.cookie })).json.submission.status,
    ).toBe('locked');

    const history = await events(w);
    expect(history.map((e) => [e.to, e.reason, e.figures?.early, e.figures?.extensionsEnded])).toEqual([
      ['saq', null, false, 0],
      ['verification', null, false, 0],
      ['objection', 'Keputusan rapat pleno 1 Oktober', false, 1],
    ]);
    expect(history[1].figures).toMatchObject({ notStarted: 2, inProgress: 1, submitted: 1 });
  });

  it('lets only the commission admin preview, refuses a move that is not the next one, and hides other tenants', async () => {
    clock = new Date('2026-06-15T03:00:00Z');
    const w = await world();
    expect((await preview(w, 'saq', w.evaluator.cookie)).status).toBe(403);
    expect((await preview(w, 'verification')).status).toBe(409);
    expect((await preview(w, 'nowhere')).status).toBe(422);
    const other = await ctx.factory.commission(['KEMENTERIAN']);
    const otherAdmin = await ctx.factory.user('commission_admin', { commissionId: other.id });
    expect((await preview(w, 'saq', otherAdmin.cookie)).status).toBe(404);
  });
});
