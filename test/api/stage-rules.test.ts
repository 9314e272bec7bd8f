import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockExpiredReopened } from '../../src/modules/submissions/lifecycle.service.ts';
import { KIP_METHODOLOGY, saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 22, item 6: reopening and extension end with verification; a reopened SAQ left in draft is locked as submitted. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const DAY = 86400_000;

type World = Awaited<ReturnType<typeof saqWorld>>;

/** Every question answered for full points with its evidence: SAQ 100, final 80 under KI Pusat's 80/20 without panel. */
async function fillAndSubmit(w: World, sid = w.submission.id, cookie = w.operator.cookie) {
  const current = await ctx.request('GET', `/api/submissions/${sid}`, { cookie });
  const saved = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
    cookie,
    headers: { 'if-match': `"${current.json.submission.version}"` },
    body: {
      answers: [
        { questionCode: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
        { questionCode: '1.2', value: 'A' },
        { questionCode: '2.1', value: ['a', 'b', 'c'], evidence: [{ url: 'https://ppid.example.go.id/kanal' }] },
      ],
    },
  });
  expect(saved.status).toBe(200);
  const submitted = await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie });
  expect(submitted.status).toBe(200);
}

const move = async (w: World, to: string) => {
  // leaving verification ends extensions: a reason and the period's year as the typed confirmation (issue 25)
  const { year } = (await ctx.request('GET', `/api/periods/${w.periodId}`, { cookie: w.admin.cookie })).json.period;
  const res = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
    cookie: w.admin.cookie,
    body: { to, reason: 'Keputusan rapat pleno', confirm: String(year) },
  });
  expect(res.status, res.text).toBe(200);
};

const reopen = (w: World, sid = w.submission.id) =>
  ctx.request('POST', `/api/submissions/${sid}/reopen`, {
    cookie: w.admin.cookie,
    body: { reason: 'Permintaan PPID: lampiran salah' },
  });

const extend = (w: World, until: Date, sid = w.submission.id) =>
  ctx.request('POST', `/api/submissions/${sid}/extension`, {
    cookie: w.admin.cookie,
    body: { until: until.toISOString(), reason: 'Gangguan jaringan di kantor PPID' },
  });

const read = async (w: World, sid = w.submission.id) =>
  (await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.admin.cookie })).json.submission;

const history = async (w: World, sid = w.submission.id) =>
  (await ctx.request('GET', `/api/submissions/${sid}/history`, { cookie: w.admin.cookie })).json.history as {
    event: string;
    reason?: string;
    actor: { id: string } | null;
    after: any;
  }[];

/** The final of each body as the results engine sees the period now (what-if with the period's own methodology). */
async function finals(w: World) {
  const res = await ctx.request('POST', `/api/periods/${w.periodId}/whatif`, {
    cookie: w.admin.cookie,
    body: { methodology: KIP_METHODOLOGY },
  });
  expect(res.status, res.text).toBe(200);
  return Object.fromEntries(
    (res.json.rows as { bodyId: string; current: { final: number } }[]).map((r) => [r.bodyId, r.current.final]),
  );
}

/** A second body of the commission with its operator and an opened (never submitted) submission. */
async function secondBody(w: World) {
  const body = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
  const operator = await ctx.factory.user('body_operator', { commissionId: w.commission.id, bodyId: body.id });
  const mine = await ctx.request('GET', `/api/periods/${w.periodId}/submissions/mine`, { cookie: operator.cookie });
  expect(mine.status).toBe(200);
  const saved = await ctx.request('PATCH', `/api/submissions/${mine.json.submission.id}/answers`, {
    cookie: operator.cookie,
    headers: { 'if-match': `"${mine.json.submission.version}"` },
    body: { answers: [{ questionCode: '1.2', value: 'A' }] },
  });
  expect(saved.status).toBe(200);
  return { body, operator, sid: mine.json.submission.id as string };
}

describe('reopening and extension end with verification', () => {
  it('are allowed during verification and refused with 409 STAGE_CLOSED once the period has left it', async () => {
    const w = await saqWorld(ctx);
    await fillAndSubmit(w);
    await move(w, 'verification');
    const reopened = await reopen(w);
    expect(reopened.status).toBe(200);
    expect(reopened.json.submission.status).toBe('draft');
    const extended = await extend(w, new Date(Date.now() + 2 * DAY));
    expect(extended.status).toBe(200);
    expect(extended.json.submission.editable).toBe(true);

    await move(w, 'objection');
    const lateReopen = await reopen(w);
    expect(lateReopen.status).toBe(409);
    expect(lateReopen.json.code).toBe('STAGE_CLOSED');
    const lateExtension = await extend(w, new Date(Date.now() + 2 * DAY));
    expect(lateExtension.status).toBe(409);
    expect(lateExtension.json.code).toBe('STAGE_CLOSED');
    // the refusals changed nothing and wrote no history
    expect((await history(w)).filter((h) => h.event === 'submission.reopened')).toHaveLength(1);
  });

  it('an operator or a stranger still gets 403 / 404 before the stage is considered', async () => {
    const w = await saqWorld(ctx);
    await fillAndSubmit(w);
    await move(w, 'verification');
    await move(w, 'objection');
    const byOperator = await ctx.request('POST', `/api/submissions/${w.submission.id}/reopen`, {
      cookie: w.operator.cookie,
      body: { reason: 'Permintaan PPID' },
    });
    expect(byOperator.status).toBe(403);
    const stranger = await saqWorld(ctx);
    const byOtherAdmin = await ctx.request('POST', `/api/submissions/${w.submission.id}/extension`, {
      cookie: stranger.admin.cookie,
      body: { until: new Date(Date.now() + DAY).toISOString(), reason: 'Gangguan sistem' },
    });
    expect(byOtherAdmin.status).toBe(404);
  });
});

describe('a reopened submission left in draft is locked as submitted', () => {
  it('when its extension ends (the periodic job), with its last answers; a body that never submitted stays out', async () => {
    const w = await saqWorld(ctx);
    await fillAndSubmit(w);
    const never = await secondBody(w);
    await move(w, 'verification');
    expect((await read(w, never.sid)).status).toBe('locked');

    expect((await reopen(w)).status).toBe(200);
    const until = new Date(Date.now() + 2 * DAY);
    const extended = await extend(w, until);
    // the body changes one answer during its extension and does not submit again
    const edit = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': `"${extended.json.submission.version}"` },
      body: { answers: [{ questionCode: '1.2', value: 'B' }] },
    });
    expect(edit.status).toBe(200);
    expect((await extend(w, until, never.sid)).status).toBe(200);

    // in between (reopened, not yet locked) the results engine already reads it as submitted, with its last answers:
    // indicator 1 = 100 x (2 x 1 + 1 x 0.5) / 3 = 250/3, indicator 2 = 100; SAQ = (40 x 250/3 + 20 x 100) / 60 = 800/9;
    // final = 0.8 x 800/9 = 640/9 = 71.11 (no panel score); the body that never submitted scores 0
    const between = await finals(w);
    expect(between[w.body.id]).toBe(71.11);
    expect(between[never.body.id]).toBe(0);

    // nothing is locked while the extension runs (counts are not asserted: on the PostgreSQL tier the database, and so
    // the job's reach, is shared with the other files)
    await lockExpiredReopened(ctx.deps, new Date(until.getTime() - 60_000));
    expect((await read(w)).status).toBe('draft');

    expect(await lockExpiredReopened(ctx.deps, new Date(until.getTime() + 3600_000))).toBeGreaterThanOrEqual(1);
    const row = await read(w);
    expect(row).toMatchObject({ status: 'submitted', editable: false });
    // submitted_at is when the answers became final: the end of the extension
    expect(row.submittedAt).toBe(until.toISOString());
    const trail = await history(w);
    expect(trail.at(-1)).toMatchObject({
      event: 'submission.locked_after_extension',
      actor: null,
      after: { status: 'submitted', submittedAt: until.toISOString() },
    });
    expect(trail.at(-1)?.reason).toMatch(/locked as submitted with its last answers/);
    expect((await read(w)).answers.find((a: any) => a.questionCode === '1.2').value).toBe('B');

    // the body that never submitted stays a draft, not submitted, scored 0.00
    expect((await read(w, never.sid)).status).toBe('draft');
    const after = await finals(w);
    expect(after).toEqual(between);
    // a second run changes nothing more here
    await lockExpiredReopened(ctx.deps, new Date(until.getTime() + 7200_000));
    expect((await history(w)).filter((h) => h.event === 'submission.locked_after_extension')).toHaveLength(1);
  });

  it('when the period leaves verification, extension or not; a never-submitted draft is locked as not submitted', async () => {
    const w = await saqWorld(ctx);
    await fillAndSubmit(w);
    const never = await secondBody(w);
    await move(w, 'verification');
    expect((await reopen(w)).status).toBe(200);
    expect((await extend(w, new Date(Date.now() + 5 * DAY), never.sid)).status).toBe(200);
    expect((await read(w, never.sid)).editable).toBe(true);

    await move(w, 'objection');
    const row = await read(w);
    expect(row.status).toBe('submitted');
    expect(row.editable).toBe(false);
    expect((await history(w)).at(-1)).toMatchObject({
      event: 'submission.locked_after_extension',
      actor: { id: w.admin.id },
    });
    // the extension of the body that never submitted ends too: locked, scored as not submitted
    const other = await read(w, never.sid);
    expect(other).toMatchObject({ status: 'locked', editable: false });
    const save = await ctx.request('PATCH', `/api/submissions/${never.sid}/answers`, {
      cookie: never.operator.cookie,
      headers: { 'if-match': `"${other.version}"` },
      body: { answers: [{ questionCode: '1.1', value: true }] },
    });
    expect(save.status).toBe(409);
    const results = await finals(w);
    expect(results[w.body.id]).toBe(80);
    expect(results[never.body.id]).toBe(0);
  });

  it('when the SAQ closes on a submission reopened during the SAQ', async () => {
    const w = await saqWorld(ctx);
    await fillAndSubmit(w);
    expect((await reopen(w)).status).toBe(200);
    expect((await read(w)).status).toBe('draft');
    await move(w, 'verification');
    expect((await read(w)).status).toBe('submitted');
    expect((await history(w)).at(-1)).toMatchObject({ event: 'submission.locked_after_extension' });
    expect((await finals(w))[w.body.id]).toBe(80);
  });
});
