import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import {
  checkIntegrity,
  formatIntegrityReport,
  type IntegrityReport,
} from '../../src/modules/system/integrity.service.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

class Rollback extends Error {}

/**
 * Plants broken rows and checks inside one transaction that is rolled back: history rows can be neither updated nor
 * deleted, and on PostgreSQL every test file shares the database that the end-of-suite check reads.
 */
async function plantedReport(plant: (trx: Db) => Promise<void>): Promise<IntegrityReport> {
  let report: IntegrityReport | undefined;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await plant(trx);
      report = await checkIntegrity(trx);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (!report) throw new Error('no report');
  return report;
}

/** A submission with one saved answer (version 1), through the API as a body fills it. */
async function answeredWorld() {
  const w = await saqWorld(ctx);
  const save = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
    cookie: w.operator.cookie,
    headers: { 'if-match': String(w.submission.version) },
    body: { answers: [{ questionCode: '1.1', value: true }] },
  });
  expect(save.status).toBe(200);
  const answer = await ctx.db
    .selectFrom('answers')
    .selectAll()
    .where('submissionId', '=', w.submission.id)
    .where('questionCode', '=', '1.1')
    .executeTakeFirstOrThrow();
  return { ...w, answer };
}

function kinds(report: IntegrityReport) {
  return Object.fromEntries(report.findings.map((f) => [f.kind, f]));
}

describe('the integrity check (npm run db:check)', () => {
  it('reports nothing on a world the API wrote: answers saved twice, with evidence, and their history', async () => {
    const w = await answeredWorld();
    const again = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '1' },
      body: {
        answers: [
          { questionCode: '1.1', value: false, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
          { questionCode: '1.2', value: 'A' },
        ],
      },
    });
    expect(again.status).toBe(200);
    const report = await checkIntegrity(ctx.db);
    expect(report.findings).toEqual([]);
    expect(report.checked.answers).toBeGreaterThan(0);
    expect(report.checked.history).toBeGreaterThan(0);
    expect(formatIntegrityReport(report)).toMatch(
      /^db:check: no findings \(\d+ submissions, \d+ answers, \d+ history rows\)$/,
    );
  });

  it('reports each kind of broken reference, with its ids and count', async () => {
    const a = await answeredWorld();
    const b = await answeredWorld();
    const otherQuestion = await ctx.db
      .selectFrom('questions')
      .select(['id', 'code'])
      .where('id', '=', b.answer.questionId)
      .executeTakeFirstOrThrow();
    const ghostSubmission = unique('ghost-submission-');
    const report = await plantedReport(async (trx) => {
      const answer = (submissionId: string, questionId: string, code: string) =>
        sql`insert into answers (submission_id, question_id, question_code, value, self_points, changed_version, updated_by)
          values (${submissionId}, ${questionId}, ${code}, 'true'::jsonb, 1, 1, ${a.operator.id})`.execute(trx);
      // an answer whose submission does not exist
      await answer(ghostSubmission, a.answer.questionId, '1.1');
      // an answer whose question does not exist
      await answer(a.submission.id, 'no-such-question', 'Z.1');
      // an answer to another submission's questionnaire's question (another period)
      await answer(a.submission.id, otherQuestion.id, `${otherQuestion.code}x`);
      // an answer saved by a user who does not exist, stamped with a version the submission never reached
      await sql`update answers set updated_by = 'no-such-user', changed_version = 7
        where submission_id = ${b.submission.id} and question_code = '1.1'`.execute(trx);
      // history rows of a submission that does not exist, and of an actor who does not exist
      await sql`insert into submission_history (submission_id, question_code, actor_id, event)
        values (${ghostSubmission}, '1.1', ${a.operator.id}, 'answer.saved'),
          (${a.submission.id}, '1.1', 'no-such-user', 'answer.saved'),
          (${a.submission.id}, '1.1', 'no-such-user', 'answer.saved')`.execute(trx);
    });
    const found = kinds(report);
    expect(Object.keys(found).sort()).toEqual([
      'answer-ahead-of-version',
      'answer-outside-questionnaire',
      'answer-unknown-user',
      'answer-without-question',
      'answer-without-submission',
      'history-unknown-actor',
      'history-without-submission',
    ]);
    expect(found['answer-without-submission']).toEqual({
      kind: 'answer-without-submission',
      count: 1,
      ids: [`${ghostSubmission}/1.1`],
    });
    expect(found['answer-without-question']).toMatchObject({ count: 1, ids: [`${a.submission.id}/Z.1`] });
    expect(found['answer-outside-questionnaire']).toMatchObject({
      count: 1,
      ids: [`${a.submission.id}/${otherQuestion.code}x`],
    });
    expect(found['answer-unknown-user']).toMatchObject({ count: 1, ids: [`${b.submission.id}/1.1`] });
    expect(found['answer-ahead-of-version']).toMatchObject({ count: 1, ids: [`${b.submission.id}/1.1@7>1`] });
    expect(found['history-without-submission']?.count).toBe(1);
    expect(found['history-unknown-actor']?.count).toBe(2);
    const printed = formatIntegrityReport(report);
    expect(printed).toContain(`FINDING answer-without-submission count=1 ids=${ghostSubmission}/1.1`);
    expect(printed).toContain('FINDING history-unknown-actor count=2 ids=');
    expect(printed.split('\n').at(-1)).toMatch(/^db:check: 8 broken rows in 7 kinds \(/);
    // the planted rows were rolled back: the world is clean again
    expect((await checkIntegrity(ctx.db)).findings).toEqual([]);
  });

  it('reports an answer to a question of the right period under another code as outside its questionnaire', async () => {
    const a = await answeredWorld();
    const report = await plantedReport(async (trx) => {
      const second = await sql<{ id: string; code: string }>`
        select id, code from questions where questionnaire_id = (select questionnaire_id from questions where id = ${a.answer.questionId})
          and id <> ${a.answer.questionId} order by code limit 1`.execute(trx);
      const q = second.rows[0];
      if (!q) throw new Error('the small SAQ has more than one question');
      await sql`update answers set question_id = ${q.id}
        where submission_id = ${a.submission.id} and question_code = '1.1'`.execute(trx);
    });
    expect(kinds(report)['answer-outside-questionnaire']).toMatchObject({ count: 1, ids: [`${a.submission.id}/1.1`] });
  });
});
