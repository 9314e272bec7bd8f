import { expect } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { answerAndSubmit, KIP_METHODOLOGY, SMALL_SAQ, type SmallSaqAnswers } from './saq.ts';
import type { TestContext } from './test-app.ts';

/**
 * A period of KIP_METHODOLOGY opened through the API by the commission's admin, `questionnaire` (SMALL_SAQ) in each
 * of `categories`, and moved to the SAQ stage. Its helpers take it on the way the routes do, asserting each step:
 * - `bodyWith` adds a body of a category whose operator submits `answers` (null: never submits);
 * - `move` goes to a stage;
 * - `throughPanel` goes through verification and objection, sets `jurors` as the panel, and in the presentation
 *   stage each juror i gives a submission its `scores[i]`; then the results stage, unless told otherwise;
 * - `publish` publishes the results (201).
 */
export async function saqPeriod(
  ctx: TestContext,
  commission: { id: string },
  admin: { cookie: string },
  options: { year: number; title: string; categories?: string[]; questionnaire?: unknown; settings?: unknown },
) {
  const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
    cookie: admin.cookie,
    body: {
      year: options.year,
      title: options.title,
      methodology: KIP_METHODOLOGY,
      ...(options.settings ? { settings: options.settings } : {}),
    },
  });
  expect(created.status, created.text).toBe(201);
  const periodId = created.json.period.id as string;
  for (const category of options.categories ?? ['KEMENTERIAN']) {
    const q = await ctx.request('PUT', `/api/periods/${periodId}/questionnaires/${category}`, {
      cookie: admin.cookie,
      body: options.questionnaire ?? SMALL_SAQ,
    });
    expect(q.status, q.text).toBe(200);
  }
  const move = async (to: string) => {
    const res = await ctx.request('POST', `/api/periods/${periodId}/stage`, { cookie: admin.cookie, body: { to } });
    expect(res.status, res.text).toBe(200);
  };
  await move('saq');

  const bodyWith = async (name: string, category: string, answers: SmallSaqAnswers | null) => {
    const body = await ctx.factory.body(commission.id, category, name);
    const operator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: body.id });
    const mine = await ctx.request('GET', `/api/periods/${periodId}/submissions/mine`, { cookie: operator.cookie });
    if (answers) await answerAndSubmit(ctx, operator.cookie, mine.json.submission, answers);
    return { sid: mine.json.submission.id as string, bodyId: body.id, name: body.name, operator };
  };

  const throughPanel = async (
    jurors: { id: string; cookie: string }[],
    scores: [{ sid: string }, number[]][],
    then: { toResults?: boolean } = {},
  ) => {
    await move('verification');
    await move('objection');
    const panel = await ctx.request('PUT', `/api/periods/${periodId}/panel`, {
      cookie: admin.cookie,
      body: { evaluatorIds: jurors.map((j) => j.id) },
    });
    expect(panel.status, panel.text).toBe(200);
    await move('presentation');
    await scorePanel(
      ctx,
      scores.flatMap(([submission, list]) => list.map((score, i) => [jurors[i]!, submission.sid, score] as const)),
    );
    if (then.toResults !== false) await move('results');
  };

  const publish = async (decreeNumber: string, decreeDate: string) => {
    const res = await ctx.request('POST', `/api/periods/${periodId}/results/publish`, {
      cookie: admin.cookie,
      body: { decreeNumber, decreeDate },
    });
    expect(res.status, res.text).toBe(201);
  };

  return { periodId, move, bodyWith, throughPanel, publish };
}

/** Jurors' presentation scores, each [juror, submission id, score], put in the order given (200 each). */
export async function scorePanel(ctx: TestContext, scores: readonly (readonly [{ cookie: string }, string, number])[]) {
  for (const [juror, sid, score] of scores) {
    const res = await ctx.request('PUT', `/api/submissions/${sid}/panel-scores`, {
      cookie: juror.cookie,
      body: { score },
    });
    expect(res.status, res.text).toBe(200);
  }
}

/**
 * A period row written directly, published unless told otherwise (the stage rules and the publication have tests of
 * their own), for a test that writes its results as the publication would (`resultVersion`).
 */
export async function publishedPeriod(
  ctx: TestContext,
  values: {
    commissionId: string;
    year: number;
    title: string;
    stage?: string;
    methodology?: unknown;
    settings?: unknown;
  },
): Promise<string> {
  const period = await ctx.db
    .insertInto('periods')
    .values({
      commissionId: values.commissionId,
      year: values.year,
      title: values.title,
      stage: values.stage ?? 'published',
      methodology: jsonb(values.methodology ?? KIP_METHODOLOGY),
      schedule: jsonb({}),
      settings: jsonb(values.settings ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return period.id;
}

/** A published result version written directly, with its ranked rows in the order given (their positions). */
export async function resultVersion(
  ctx: TestContext,
  values: {
    commissionId: string;
    periodId: string;
    version: number;
    decreeNumber: string;
    decreeDate: string;
    methodology?: unknown;
    rows?: {
      bodyId: string;
      bodyName: string;
      categoryCode: string;
      components?: Record<string, number | null>;
      final: string;
      band: string;
      bandIndex: number;
      rank: number;
    }[];
  },
): Promise<string> {
  const version = await ctx.db
    .insertInto('resultVersions')
    .values({
      commissionId: values.commissionId,
      periodId: values.periodId,
      version: values.version,
      decreeNumber: values.decreeNumber,
      decreeDate: values.decreeDate,
      methodology: jsonb(values.methodology ?? KIP_METHODOLOGY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = values.rows ?? [];
  if (rows.length > 0) {
    await ctx.db
      .insertInto('resultRows')
      .values(
        rows.map((r, position) => ({
          ...r,
          versionId: version.id,
          periodId: values.periodId,
          submissionId: null,
          components: jsonb(r.components ?? {}),
          position,
        })),
      )
      .execute();
  }
  return version.id;
}
