import { expect } from 'vitest';
import { saqWorld } from './saq.ts';
import type { TestContext } from './test-app.ts';

/** SMALL_SAQ's answers as the review tests submit them: 1.1 yes, 1.2 "Sebagian" (0.5), 2.1 one of three channels. */
const REVIEW_ANSWERS = [
  { questionCode: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
  { questionCode: '1.2', value: 'B' },
  { questionCode: '2.1', value: ['a'], evidence: [{ url: 'https://ppid.example.go.id/web' }] },
];

/**
 * saqWorld with the SAQ answered (with evidence) and submitted, an evaluator created and assigned to it, and
 * `stage(to)` moving the period (expecting 200). The period stays in the SAQ stage.
 */
export async function reviewWorld(ctx: TestContext, options: { answers?: unknown[] } = {}) {
  const w = await submittedWorld(ctx, options);
  const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
  await ctx.factory.assign(w.sid, evaluator.id);
  const stage = async (to: string) => {
    const moved = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to },
    });
    expect(moved.status, moved.text).toBe(200);
  };
  return { ...w, evaluator, stage };
}

/** saqWorld with the SAQ answered (with evidence) and submitted; the period stays in the SAQ stage. */
export async function submittedWorld(ctx: TestContext, options: { answers?: unknown[] } = {}) {
  const w = await saqWorld(ctx);
  const sid = w.submission.id;
  const saved = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
    cookie: w.operator.cookie,
    headers: { 'if-match': '"0"' },
    body: { answers: options.answers ?? REVIEW_ANSWERS },
  });
  expect(saved.status).toBe(200);
  expect((await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie })).status).toBe(200);
  return { ...w, sid };
}
