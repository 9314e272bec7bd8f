import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewWorld, submittedWorld } from '../helpers/review.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/**
 * Review audit (issue 22): authorization and stage holes found after the parallel build, each with its own test.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('a juror is not the evaluator of the panel’s bodies', () => {
  it('a juror who sees a proceeding body through the panel may not reply to or close its clarification', async () => {
    const { sid, evaluator, stage, ...w } = await reviewWorld(ctx);
    const juror = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    await stage('verification');
    const asked = await ctx.request('POST', `/api/submissions/${sid}/clarifications`, {
      cookie: evaluator.cookie,
      body: { questionCode: '1.1', message: 'Mohon unggah dokumen DIP.', dueAt: inDays(20) },
    });
    expect(asked.status).toBe(201);
    const cid = asked.json.clarification.id;
    const panel = await ctx.request('PUT', `/api/periods/${w.periodId}/panel`, {
      cookie: w.admin.cookie,
      body: { evaluatorIds: [juror.id] },
    });
    expect(panel.status).toBe(200);
    await stage('objection');
    await stage('presentation');
    // the body proceeds whatever its score, so the juror sees it through the panel
    await ctx.db.updateTable('submissions').set({ proceeds: true }).where('id', '=', sid).execute();
    expect((await ctx.request('GET', `/api/submissions/${sid}`, { cookie: juror.cookie })).status).toBe(200);

    const replied = await ctx.request('POST', `/api/clarifications/${cid}/replies`, {
      cookie: juror.cookie,
      body: { message: 'Sudah cukup.' },
    });
    expect(replied.status).toBe(403);
    const closed = await ctx.request('PATCH', `/api/clarifications/${cid}`, {
      cookie: juror.cookie,
      body: { status: 'closed' },
    });
    expect(closed.status).toBe(403);
    const thread = await ctx.request('GET', `/api/submissions/${sid}/clarifications`, { cookie: w.operator.cookie });
    expect(thread.json.clarifications[0]).toMatchObject({ status: 'open' });
    expect(thread.json.clarifications[0].messages).toHaveLength(1);
    // the assigned evaluator still may
    const own = await ctx.request('POST', `/api/clarifications/${cid}/replies`, {
      cookie: evaluator.cookie,
      body: { message: 'Terima kasih.' },
    });
    expect(own.status).toBe(201);
  });
});

describe('a clarification is answered while the review can weigh it', () => {
  it('the body may not add evidence through a clarification once the period has left the objection stage', async () => {
    const { sid, evaluator, stage, ...w } = await reviewWorld(ctx);
    await stage('verification');
    const asked = await ctx.request('POST', `/api/submissions/${sid}/clarifications`, {
      cookie: evaluator.cookie,
      body: { questionCode: '1.1', message: 'Mohon unggah dokumen DIP.', dueAt: inDays(60) },
    });
    expect(asked.status).toBe(201);
    const cid = asked.json.clarification.id;
    await stage('objection');
    await stage('presentation');
    const late = await ctx.request('POST', `/api/clarifications/${cid}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'DIP terbaru.', evidence: [{ url: 'https://ppid.example.go.id/dip-baru' }] },
    });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('STAGE_CLOSED');
    const history = await ctx.request('GET', `/api/submissions/${sid}/history?questionCode=1.1`, {
      cookie: w.admin.cookie,
    });
    expect(history.json.history.some((h: { event: string }) => h.event === 'clarification.evidence_added')).toBe(false);
  });
});

describe('a juror sees the other jurors’ scores only from the results stage on', () => {
  it('the history of a proceeding body hides the other jurors’ scores from a juror before results', async () => {
    const w = await submittedWorld(ctx);
    const sid = w.sid;
    const one = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    const two = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    const panel = await ctx.request('PUT', `/api/periods/${w.periodId}/panel`, {
      cookie: w.admin.cookie,
      body: { evaluatorIds: [one.id, two.id] },
    });
    expect(panel.status).toBe(200);
    for (const to of ['verification', 'objection', 'presentation']) {
      const moved = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
        cookie: w.admin.cookie,
        body: { to },
      });
      expect(moved.status).toBe(200);
    }
    await ctx.db.updateTable('submissions').set({ proceeds: true }).where('id', '=', sid).execute();
    const score = (cookie: string, value: number) =>
      ctx.request('PUT', `/api/submissions/${sid}/panel-scores`, { cookie, body: { score: value } });
    expect((await score(one.cookie, 90)).status).toBe(200);
    expect((await score(two.cookie, 60)).status).toBe(200);
    const scored = async (cookie: string) =>
      (await ctx.request('GET', `/api/submissions/${sid}/history`, { cookie })).json.history
        .filter((h: { event: string }) => h.event === 'panel.scored')
        .map((h: { after: { score: number } }) => h.after.score);
    expect(await scored(two.cookie)).toEqual([60]);
    expect(await scored(w.admin.cookie)).toEqual([90, 60]);
    const results = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'results' },
    });
    expect(results.status).toBe(200);
    expect(await scored(two.cookie)).toEqual([90, 60]);
  });
});

describe('the objection stage ends once every objection is decided', () => {
  it('refuses the move to the presentation while an objection waits, and allows it once decided', async () => {
    const w = await submittedWorld(ctx);
    const sid = w.sid;
    const move = (to: string) =>
      ctx.request('POST', `/api/periods/${w.periodId}/stage`, { cookie: w.admin.cookie, body: { to } });
    expect((await move('verification')).status).toBe(200);
    expect((await move('objection')).status).toBe(200);
    const filed = await ctx.request('POST', `/api/submissions/${sid}/objections`, {
      cookie: w.operator.cookie,
      body: { questionCode: '1.2', reason: 'Informasi berkala kami lengkap.' },
    });
    expect(filed.status).toBe(201);
    const refused = await move('presentation');
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('INVALID_TRANSITION');
    expect(refused.json.detail).toContain('1 objection');
    const period = await ctx.request('GET', `/api/periods/${w.periodId}`, { cookie: w.admin.cookie });
    expect(period.json.period.stage).toBe('objection');
    const decided = await ctx.request('PATCH', `/api/objections/${filed.json.objection.id}`, {
      cookie: w.admin.cookie,
      body: { decision: 'rejected', reason: 'Bukti tidak menunjukkan kelengkapan.' },
    });
    expect(decided.status).toBe(200);
    expect((await move('presentation')).status).toBe(200);
  });
});
