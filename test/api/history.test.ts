import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendHistory } from '../../src/modules/submissions/submissions.repository.ts';
import { reviewWorld } from '../helpers/review.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 22, item 7: the audit trail per submission and per question, the body's view of it, and its append-only rows. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

type World = Awaited<ReturnType<typeof saqWorld>>;

const ANSWERS = [
  { questionCode: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
  { questionCode: '1.2', value: 'A' },
  { questionCode: '2.1', value: ['a'], evidence: [{ url: 'https://ppid.example.go.id/kanal' }] },
];

async function submitted(w: World) {
  const sid = w.submission.id;
  const saved = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
    cookie: w.operator.cookie,
    headers: { 'if-match': '"0"' },
    body: { answers: ANSWERS },
  });
  expect(saved.status).toBe(200);
  expect((await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie })).status).toBe(200);
}

const move = async (w: World, to: string) => {
  const res = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, { cookie: w.admin.cookie, body: { to } });
  expect(res.status, res.text).toBe(200);
};

const events = async (cookie: string, sid: string, questionCode?: string) => {
  const res = await ctx.request(
    'GET',
    `/api/submissions/${sid}/history${questionCode ? `?questionCode=${encodeURIComponent(questionCode)}` : ''}`,
    { cookie },
  );
  expect(res.status, res.text).toBe(200);
  return (res.json.history as { event: string }[]).map((h) => h.event);
};

/** The review's events as the review services write them (their own tests cover the routes that cause them). */
async function reviewTrail(w: World, evaluatorId: string) {
  await appendHistory(ctx.db, [
    {
      submissionId: w.submission.id,
      questionCode: null,
      actorId: w.admin.id,
      event: 'assignment.set',
      before: null,
      after: { evaluator: { id: evaluatorId, name: 'Penilai' } },
    },
    {
      submissionId: w.submission.id,
      questionCode: '1.2',
      actorId: evaluatorId,
      event: 'verification.set',
      before: null,
      after: { value: 'B' },
      reason: 'Informasi berkala hanya sebagian',
    },
    {
      submissionId: w.submission.id,
      questionCode: '2.1',
      actorId: w.operator.id,
      event: 'clarification.evidence_added',
      before: null,
      after: { evidence: [{ url: 'https://ppid.example.go.id/aplikasi' }] },
    },
    {
      submissionId: w.submission.id,
      questionCode: null,
      actorId: evaluatorId,
      event: 'verification.completed',
      before: { state: 'in_progress' },
      after: { state: 'complete' },
    },
  ]);
}

describe('the history a body sees', () => {
  it('hides the review’s events until release, the panel’s until results; staff see every event', async () => {
    const { evaluator, stage, ...w } = await reviewWorld(ctx, { answers: ANSWERS });
    await stage('verification');
    await reviewTrail(w, evaluator.id);

    const own = ['answer.saved', 'answer.saved', 'answer.saved', 'submission.submitted'];
    expect(await events(w.operator.cookie, w.submission.id)).toEqual([...own, 'clarification.evidence_added']);
    const all = [
      ...own,
      'assignment.set',
      'verification.set',
      'clarification.evidence_added',
      'verification.completed',
    ];
    expect(await events(w.admin.cookie, w.submission.id)).toEqual(all);
    expect(await events(evaluator.cookie, w.submission.id)).toEqual(all);
    // per question
    expect(await events(w.operator.cookie, w.submission.id, '1.2')).toEqual(['answer.saved']);
    expect(await events(evaluator.cookie, w.submission.id, '1.2')).toEqual(['answer.saved', 'verification.set']);

    // released at the objection stage: the body sees the verification, the objection's decision
    await move(w, 'objection');
    await appendHistory(ctx.db, [
      {
        submissionId: w.submission.id,
        questionCode: '1.2',
        actorId: w.operator.id,
        event: 'objection.filed',
        before: null,
        after: { reason: 'Sudah lengkap' },
      },
      {
        submissionId: w.submission.id,
        questionCode: '1.2',
        actorId: evaluator.id,
        event: 'objection.rejected',
        before: { value: 'B' },
        after: { value: 'B' },
        reason: 'Bukti tidak menunjukkan kelengkapan',
      },
    ]);
    expect(await events(w.operator.cookie, w.submission.id)).toEqual([...all, 'objection.filed', 'objection.rejected']);

    // the panel's scores: staff at once, the body only from the results stage on (as jurors see each other's)
    await move(w, 'presentation');
    await appendHistory(ctx.db, [
      {
        submissionId: w.submission.id,
        questionCode: null,
        actorId: evaluator.id,
        event: 'panel.scored',
        before: null,
        after: { component: 'presentation', score: '85' },
      },
    ]);
    expect(await events(w.operator.cookie, w.submission.id)).not.toContain('panel.scored');
    expect(await events(w.admin.cookie, w.submission.id)).toContain('panel.scored');
    await move(w, 'results');
    expect((await events(w.operator.cookie, w.submission.id)).at(-1)).toBe('panel.scored');
  });

  it('each entry says who, when, before, after and why', async () => {
    const w = await saqWorld(ctx);
    await submitted(w);
    await move(w, 'verification');
    const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    await ctx.factory.assign(w.submission.id, evaluator.id);
    await reviewTrail(w, evaluator.id);
    const res = await ctx.request('GET', `/api/submissions/${w.submission.id}/history?questionCode=1.2`, {
      cookie: w.admin.cookie,
    });
    expect(res.json.history.at(-1)).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      actor: { id: evaluator.id, name: evaluator.name },
      event: 'verification.set',
      questionCode: '1.2',
      before: null,
      after: { value: 'B' },
      reason: 'Informasi berkala hanya sebagian',
    });
  });

  it('is a 404 for another body’s operator and an unassigned evaluator, a 401 signed out', async () => {
    const w = await saqWorld(ctx);
    const otherBody = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
    const other = await ctx.factory.user('body_operator', { commissionId: w.commission.id, bodyId: otherBody.id });
    const unassigned = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    expect(
      (await ctx.request('GET', `/api/submissions/${w.submission.id}/history`, { cookie: other.cookie })).status,
    ).toBe(404);
    expect(
      (await ctx.request('GET', `/api/submissions/${w.submission.id}/history`, { cookie: unassigned.cookie })).status,
    ).toBe(404);
    expect((await ctx.request('GET', `/api/submissions/${w.submission.id}/history`)).status).toBe(401);
  });
});

describe('the audit trail is append-only', () => {
  it('the database refuses UPDATE and DELETE of submission_history rows', async () => {
    const w = await saqWorld(ctx);
    await submitted(w);
    const sid = w.submission.id;
    const before = await ctx.db.selectFrom('submissionHistory').selectAll().where('submissionId', '=', sid).execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(
      sql`update submission_history set reason = 'rewritten' where submission_id = ${sid}`.execute(ctx.db),
    ).rejects.toThrow();
    await expect(sql`delete from submission_history where submission_id = ${sid}`.execute(ctx.db)).rejects.toThrow();
    const after = await ctx.db.selectFrom('submissionHistory').selectAll().where('submissionId', '=', sid).execute();
    expect(after).toEqual(before);
  });
});
