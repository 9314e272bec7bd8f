import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { Rational } from '../../src/domain/rational.ts';
import { reviewWorld as submittedReview } from '../helpers/review.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/**
 * Clarifications and objections (issue 22, items 3 and 4): who may ask, reply, close, file and decide, in which stage;
 * evidence a reply adds to its item after submission; the verified score after decisions; the history of it all.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

function pdfForm(name = 'jawaban.pdf') {
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], { type: 'application/pdf' }), name);
  return form;
}

/**
 * A submitted SAQ in the verification stage, assigned to an evaluator. Answers: 1.1 yes (2 of 3 weight in indicator
 * 1), 1.2 "Sebagian" (0.5), 2.1 one of three channels (1/3).
 */
async function reviewWorld() {
  const w = await submittedReview(ctx);
  const otherEvaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: w.commission.id });
  const otherBody = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
  const otherOperator = await ctx.factory.user('body_operator', {
    commissionId: w.commission.id,
    bodyId: otherBody.id,
  });
  return { ...w, otherEvaluator, leadership, otherOperator };
}

const ask = (sid: string, cookie: string, body: Record<string, unknown> = {}) =>
  ctx.request('POST', `/api/submissions/${sid}/clarifications`, {
    cookie,
    body: {
      questionCode: '1.1',
      message: 'Tautan DIP tidak dapat dibuka. Mohon unggah dokumennya.',
      dueAt: inDays(3),
      ...body,
    },
  });

describe('asking for a clarification', () => {
  it('the assigned evaluator asks about one item during verification; the question opens the thread', async () => {
    const w = await reviewWorld();
    const early = await ask(w.sid, w.evaluator.cookie);
    // still the SAQ stage: nothing to clarify yet
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('STAGE_CLOSED');
    await w.stage('verification');
    const asked = await ask(w.sid, w.evaluator.cookie);
    expect(asked.status).toBe(201);
    expect(asked.json.clarification).toMatchObject({
      submissionId: w.sid,
      questionCode: '1.1',
      status: 'open',
      askedBy: { id: w.evaluator.id },
      messages: [{ author: { id: w.evaluator.id }, message: expect.stringContaining('Tautan DIP'), evidence: [] }],
    });
    const byAdmin = await ask(w.sid, w.admin.cookie, { questionCode: '2.1' });
    expect(byAdmin.status).toBe(201);
  });

  it('refuses a past due date and a question outside the questionnaire (422)', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    const past = await ask(w.sid, w.evaluator.cookie, { dueAt: '2020-01-01T00:00:00+07:00' });
    expect(past.status).toBe(422);
    expect(past.json.errors).toEqual([expect.objectContaining({ path: 'dueAt' })]);
    const unknown = await ask(w.sid, w.evaluator.cookie, { questionCode: '9.9' });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'questionCode' })]);
    const empty = await ask(w.sid, w.evaluator.cookie, { message: '   ' });
    expect(empty.status).toBe(422);
  });

  it('an unassigned evaluator gets 404; the body and leadership 403; another body 404', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    expect((await ask(w.sid, w.otherEvaluator.cookie)).status).toBe(404);
    expect((await ask(w.sid, w.operator.cookie)).status).toBe(403);
    expect((await ask(w.sid, w.leadership.cookie)).status).toBe(403);
    expect((await ask(w.sid, w.otherOperator.cookie)).status).toBe(404);
  });
});

describe('reading clarifications', () => {
  it('the body and the staff who see the submission read its threads; the caller’s list is theirs alone', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    const asked = await ask(w.sid, w.evaluator.cookie);
    const id = asked.json.clarification.id;
    for (const who of [w.operator, w.evaluator, w.admin, w.leadership]) {
      const read = await ctx.request('GET', `/api/submissions/${w.sid}/clarifications`, { cookie: who.cookie });
      expect(read.status).toBe(200);
      expect(read.json.clarifications.map((c: any) => c.id)).toEqual([id]);
    }
    for (const who of [w.otherEvaluator, w.otherOperator]) {
      expect(
        (await ctx.request('GET', `/api/submissions/${w.sid}/clarifications`, { cookie: who.cookie })).status,
      ).toBe(404);
    }
    const mine = await ctx.request('GET', '/api/clarifications?status=open', { cookie: w.operator.cookie });
    expect(mine.status).toBe(200);
    expect(mine.json.clarifications).toEqual([
      expect.objectContaining({
        id,
        submissionId: w.sid,
        periodId: w.periodId,
        bodyName: w.body.name,
        questionCode: '1.1',
        replies: 0,
      }),
    ]);
    const evaluatorList = await ctx.request('GET', '/api/clarifications', { cookie: w.evaluator.cookie });
    expect(evaluatorList.json.clarifications.map((c: any) => c.id)).toEqual([id]);
    const adminList = await ctx.request('GET', '/api/clarifications', { cookie: w.admin.cookie });
    expect(adminList.json.clarifications.map((c: any) => c.id)).toEqual([id]);
    for (const who of [w.otherEvaluator, w.otherOperator]) {
      const none = await ctx.request('GET', '/api/clarifications', { cookie: who.cookie });
      expect(none.json.clarifications).toEqual([]);
    }
    const answered = await ctx.request('GET', '/api/clarifications?status=answered', { cookie: w.operator.cookie });
    expect(answered.json.clarifications).toEqual([]);
    expect((await ctx.request('GET', '/api/clarifications?status=nope', { cookie: w.operator.cookie })).status).toBe(
      422,
    );
  });
});

describe('replying to a clarification', () => {
  it('the body uploads and links evidence for that item after submission, until the due date; history records it', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    // the SAQ is closed and no clarification is open: no upload
    const refused = await ctx.request('POST', `/api/submissions/${w.sid}/files`, {
      cookie: w.operator.cookie,
      form: pdfForm(),
    });
    expect(refused.status).toBe(409);
    const id = (await ask(w.sid, w.evaluator.cookie)).json.clarification.id;
    const upload = await ctx.request('POST', `/api/submissions/${w.sid}/files`, {
      cookie: w.operator.cookie,
      form: pdfForm('DIP 2026.pdf'),
    });
    expect(upload.status).toBe(201);
    const replied = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.operator.cookie,
      body: {
        message: 'Dokumen DIP terlampir, juga tautan baru.',
        evidence: [{ fileId: upload.json.fileId }, { url: 'https://ppid.example.go.id/dip-2026' }],
      },
    });
    expect(replied.status).toBe(201);
    expect(replied.json.clarification.status).toBe('answered');
    expect(replied.json.clarification.messages[1]).toMatchObject({
      author: { id: w.operator.id },
      message: 'Dokumen DIP terlampir, juga tautan baru.',
      evidence: [{ fileId: upload.json.fileId, name: 'DIP 2026.pdf' }, { url: 'https://ppid.example.go.id/dip-2026' }],
    });
    // the evidence joins item 1.1 only, after what it had
    const view = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.evaluator.cookie });
    const evidenceOf = (code: string) =>
      view.json.submission.answers.find((a: any) => a.questionCode === code).evidence;
    expect(evidenceOf('1.1')).toMatchObject([
      { url: 'https://ppid.example.go.id/dip' },
      { fileId: upload.json.fileId, name: 'DIP 2026.pdf' },
      { url: 'https://ppid.example.go.id/dip-2026' },
    ]);
    expect(evidenceOf('2.1')).toHaveLength(1);
    expect(evidenceOf('1.2')).toHaveLength(0);
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history?questionCode=1.1`, {
      cookie: w.admin.cookie,
    });
    expect(history.json.history.at(-1)).toMatchObject({
      event: 'clarification.evidence_added',
      actor: { id: w.operator.id },
      questionCode: '1.1',
      after: { evidence: [{ fileId: upload.json.fileId }, { url: 'https://ppid.example.go.id/dip-2026' }] },
    });
    // the asker is told in the list: the thread is answered
    const list = await ctx.request('GET', '/api/clarifications?status=answered', { cookie: w.evaluator.cookie });
    expect(list.json.clarifications).toEqual([expect.objectContaining({ id, replies: 1 })]);
  });

  it('evidence for an item the body left unanswered (its SAQ locked as a draft) joins that item', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    expect(
      (
        await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
          cookie: w.admin.cookie,
          body: { to: 'verification' },
        })
      ).status,
    ).toBe(200);
    const asked = await ask(sid, w.admin.cookie, { questionCode: '1.2' });
    expect(asked.status).toBe(201);
    const replied = await ctx.request('POST', `/api/clarifications/${asked.json.clarification.id}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'Tautan daftar informasi berkala', evidence: [{ url: 'https://ppid.example.go.id/berkala' }] },
    });
    expect(replied.status).toBe(201);
    const view = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.admin.cookie });
    const item = view.json.submission.answers.find((a: any) => a.questionCode === '1.2');
    expect(item).toMatchObject({ value: null, evidence: [{ url: 'https://ppid.example.go.id/berkala' }] });
    // still unanswered: no points, not counted as answered
    expect(view.json.submission.progress.answered).toBe(0);
    expect(view.json.submission.scores.self).toBe(0);
  });

  it('refuses a file of another submission and evidence from staff (422); staff reply with a message', async () => {
    const w = await reviewWorld();
    // another body's draft, with a file of its own
    const other = await saqWorld(ctx);
    const foreignFile = await ctx.request('POST', `/api/submissions/${other.submission.id}/files`, {
      cookie: other.operator.cookie,
      form: pdfForm(),
    });
    expect(foreignFile.status).toBe(201);
    await w.stage('verification');
    const id = (await ask(w.sid, w.evaluator.cookie)).json.clarification.id;
    const foreign = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'Terlampir', evidence: [{ fileId: foreignFile.json.fileId }] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.json.errors).toEqual([expect.objectContaining({ path: 'evidence.0.fileId' })]);
    const badUrl = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'Terlampir', evidence: [{ url: 'javascript:alert(1)' }] },
    });
    expect(badUrl.status).toBe(422);
    const staffEvidence = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.evaluator.cookie,
      body: { message: 'Ini contoh', evidence: [{ url: 'https://example.go.id' }] },
    });
    expect(staffEvidence.status).toBe(422);
    const staff = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.evaluator.cookie,
      body: { message: 'Yang dimaksud adalah DIP yang ditetapkan pimpinan.' },
    });
    expect(staff.status).toBe(201);
    // a staff reply keeps the thread open for the body
    expect(staff.json.clarification.status).toBe('open');
    expect(staff.json.clarification.messages).toHaveLength(2);
    // nothing of the refused replies was written
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.admin.cookie });
    expect(history.json.history.some((h: any) => h.event === 'clarification.evidence_added')).toBe(false);
  });

  it('who may reply: leadership 403, an unassigned evaluator and another body 404', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    const id = (await ask(w.sid, w.evaluator.cookie)).json.clarification.id;
    const reply = (cookie: string) =>
      ctx.request('POST', `/api/clarifications/${id}/replies`, { cookie, body: { message: 'Baik' } });
    expect((await reply(w.leadership.cookie)).status).toBe(403);
    expect((await reply(w.otherEvaluator.cookie)).status).toBe(404);
    expect((await reply(w.otherOperator.cookie)).status).toBe(404);
    expect(
      (
        await ctx.request('POST', '/api/clarifications/no-such-id/replies', {
          cookie: w.operator.cookie,
          body: { message: 'Baik' },
        })
      ).status,
    ).toBe(404);
  });

  it('after the due date the body may not reply or upload (409)', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    const id = (await ask(w.sid, w.evaluator.cookie)).json.clarification.id;
    // the due date passes
    await ctx.db
      .updateTable('clarifications')
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where('id', '=', id)
      .execute();
    const late = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'Maaf terlambat' },
    });
    expect(late.status).toBe(409);
    const upload = await ctx.request('POST', `/api/submissions/${w.sid}/files`, {
      cookie: w.operator.cookie,
      form: pdfForm(),
    });
    expect(upload.status).toBe(409);
  });
});

describe('closing a clarification', () => {
  it('staff close it; the body may not, and may not reply to a closed thread', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    const id = (await ask(w.sid, w.evaluator.cookie)).json.clarification.id;
    const close = (cookie: string) =>
      ctx.request('PATCH', `/api/clarifications/${id}`, { cookie, body: { status: 'closed' } });
    expect((await close(w.operator.cookie)).status).toBe(403);
    expect((await close(w.leadership.cookie)).status).toBe(403);
    expect((await close(w.otherEvaluator.cookie)).status).toBe(404);
    expect(
      (
        await ctx.request('PATCH', `/api/clarifications/${id}`, {
          cookie: w.evaluator.cookie,
          body: { status: 'open' },
        })
      ).status,
    ).toBe(422);
    const closed = await close(w.evaluator.cookie);
    expect(closed.status).toBe(200);
    expect(closed.json.clarification.status).toBe('closed');
    const reply = await ctx.request('POST', `/api/clarifications/${id}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'Terlampir' },
    });
    expect(reply.status).toBe(409);
    const upload = await ctx.request('POST', `/api/submissions/${w.sid}/files`, {
      cookie: w.operator.cookie,
      form: pdfForm(),
    });
    expect(upload.status).toBe(409);
  });
});

const fileObjection = (sid: string, cookie: string, body: Record<string, unknown>) =>
  ctx.request('POST', `/api/submissions/${sid}/objections`, { cookie, body });
const decide = (id: string, cookie: string, body: Record<string, unknown>) =>
  ctx.request('PATCH', `/api/objections/${id}`, { cookie, body });

/** The evaluator's correction of 2.1 (no channel proven), as the verification stores it (its routes are tested apart). */
async function correct21(sid: string, evaluatorId: string) {
  await ctx.db
    .updateTable('answers')
    .set({
      verifiedValue: jsonb([]),
      verifiedPoints: '0',
      verifiedReason: 'Tautan website tidak aktif',
      verifiedBy: evaluatorId,
      verifiedAt: new Date(),
    })
    .where('submissionId', '=', sid)
    .where('questionCode', '=', '2.1')
    .execute();
}

describe('objections', () => {
  it('a body sees no verification before its release, and sees it in the objection stage', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    await correct21(w.sid, w.evaluator.id);
    const hidden = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(hidden.status).toBe(200);
    expect(hidden.json.submission.verification).toBeUndefined();
    expect(hidden.json.submission.scores.verified).toBeUndefined();
    const staff = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.evaluator.cookie });
    expect(staff.json.submission.verification).toEqual([
      expect.objectContaining({ questionCode: '2.1', value: [], reason: 'Tautan website tidak aktif' }),
    ]);
    await w.stage('objection');
    const released = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(released.json.submission.verification).toEqual([
      expect.objectContaining({ questionCode: '2.1', value: [], reason: 'Tautan website tidak aktif' }),
    ]);
    expect(released.json.submission.scores.verified).toBeTypeOf('number');
  });

  it('the body files one pending objection per item, only in the objection stage; staff may not file', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    const early = await fileObjection(w.sid, w.operator.cookie, { questionCode: '2.1', reason: 'Website aktif' });
    expect(early.status).toBe(409);
    await w.stage('objection');
    const filed = await fileObjection(w.sid, w.operator.cookie, {
      questionCode: '2.1',
      reason: 'Website kami aktif sejak Januari.',
      evidence: [{ url: 'https://ppid.example.go.id/' }],
    });
    expect(filed.status).toBe(201);
    expect(filed.json.objection).toMatchObject({
      submissionId: w.sid,
      bodyName: w.body.name,
      questionCode: '2.1',
      status: 'pending',
      filedBy: { id: w.operator.id },
      evidence: [{ url: 'https://ppid.example.go.id/' }],
      decidedBy: null,
    });
    // in the objection stage the body may upload a file for an objection's evidence
    const upload = await ctx.request('POST', `/api/submissions/${w.sid}/files`, {
      cookie: w.operator.cookie,
      form: pdfForm('daftar-berkala.pdf'),
    });
    expect(upload.status).toBe(201);
    const withFile = await fileObjection(w.sid, w.operator.cookie, {
      questionCode: '1.2',
      reason: 'Daftar informasi berkala terlampir.',
      evidence: [{ fileId: upload.json.fileId }],
    });
    expect(withFile.status).toBe(201);
    expect(withFile.json.objection.evidence).toEqual([{ fileId: upload.json.fileId, name: 'daftar-berkala.pdf' }]);
    const again = await fileObjection(w.sid, w.operator.cookie, { questionCode: '2.1', reason: 'Sekali lagi' });
    expect(again.status).toBe(409);
    expect((await fileObjection(w.sid, w.operator.cookie, { questionCode: '7.7', reason: 'Salah' })).status).toBe(422);
    expect((await fileObjection(w.sid, w.operator.cookie, { questionCode: '1.2' })).status).toBe(422);
    expect((await fileObjection(w.sid, w.evaluator.cookie, { questionCode: '1.2', reason: 'Atas nama' })).status).toBe(
      403,
    );
    expect((await fileObjection(w.sid, w.admin.cookie, { questionCode: '1.2', reason: 'Atas nama' })).status).toBe(403);
    expect(
      (await fileObjection(w.sid, w.otherOperator.cookie, { questionCode: '1.2', reason: 'Bukan kami' })).status,
    ).toBe(404);
  });

  it('lists: the submission’s for the body and its staff; the period’s for the admin (pending first) and the assigned evaluator', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    await w.stage('objection');
    const a = (
      await fileObjection(w.sid, w.operator.cookie, { questionCode: '1.2', reason: 'Informasi berkala lengkap' })
    ).json.objection.id;
    const b = (await fileObjection(w.sid, w.operator.cookie, { questionCode: '2.1', reason: 'Website aktif' })).json
      .objection.id;
    expect((await decide(a, w.admin.cookie, { decision: 'rejected', reason: 'Tidak ada bukti baru' })).status).toBe(
      200,
    );
    const own = await ctx.request('GET', `/api/submissions/${w.sid}/objections`, { cookie: w.operator.cookie });
    expect(own.status).toBe(200);
    expect(own.json.objections.map((o: any) => o.id)).toEqual([a, b]);
    expect(
      (await ctx.request('GET', `/api/submissions/${w.sid}/objections`, { cookie: w.otherOperator.cookie })).status,
    ).toBe(404);
    const period = await ctx.request('GET', `/api/periods/${w.periodId}/objections`, { cookie: w.admin.cookie });
    expect(period.json.objections.map((o: any) => [o.id, o.status])).toEqual([
      [b, 'pending'],
      [a, 'rejected'],
    ]);
    const pending = await ctx.request('GET', `/api/periods/${w.periodId}/objections?status=pending`, {
      cookie: w.evaluator.cookie,
    });
    expect(pending.json.objections.map((o: any) => o.id)).toEqual([b]);
    const unassigned = await ctx.request('GET', `/api/periods/${w.periodId}/objections`, {
      cookie: w.otherEvaluator.cookie,
    });
    expect(unassigned.json.objections).toEqual([]);
    expect(
      (await ctx.request('GET', `/api/periods/${w.periodId}/objections`, { cookie: w.leadership.cookie })).status,
    ).toBe(200);
    expect(
      (await ctx.request('GET', `/api/periods/${w.periodId}/objections`, { cookie: w.operator.cookie })).status,
    ).toBe(403);
  });

  it('deciding: who may, a value for an acceptance, one decision only, in the objection stage', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    await w.stage('objection');
    const id = (await fileObjection(w.sid, w.operator.cookie, { questionCode: '1.2', reason: 'Lengkap' })).json
      .objection.id;
    expect((await decide(id, w.operator.cookie, { decision: 'accepted', reason: 'Sendiri', value: 'A' })).status).toBe(
      403,
    );
    expect((await decide(id, w.leadership.cookie, { decision: 'rejected', reason: 'Tidak' })).status).toBe(403);
    expect((await decide(id, w.otherEvaluator.cookie, { decision: 'rejected', reason: 'Tidak' })).status).toBe(404);
    const noValue = await decide(id, w.evaluator.cookie, { decision: 'accepted', reason: 'Bukti cukup' });
    expect(noValue.status).toBe(422);
    expect(noValue.json.errors).toEqual([expect.objectContaining({ path: 'value' })]);
    const badValue = await decide(id, w.evaluator.cookie, { decision: 'accepted', reason: 'Bukti cukup', value: 'Z' });
    expect(badValue.status).toBe(422);
    expect((await decide(id, w.evaluator.cookie, { decision: 'maybe', reason: 'Hmm' })).status).toBe(422);
    expect((await decide(id, w.evaluator.cookie, { decision: 'rejected', reason: '' })).status).toBe(422);
    const done = await decide(id, w.evaluator.cookie, { decision: 'rejected', reason: 'Bukti tidak relevan' });
    expect(done.status).toBe(200);
    expect(done.json.objection).toMatchObject({
      status: 'rejected',
      decidedBy: { id: w.evaluator.id },
      decisionReason: 'Bukti tidak relevan',
      before: 'B',
      after: 'B',
    });
    expect((await decide(id, w.admin.cookie, { decision: 'accepted', reason: 'Ubah', value: 'A' })).status).toBe(409);
    const late = (await fileObjection(w.sid, w.operator.cookie, { questionCode: '1.1', reason: 'DIP ada' })).json
      .objection.id;
    // the stage does not move on while an objection waits (a pending one could never be decided after it)
    const refused = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'presentation' },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('INVALID_TRANSITION');
    expect((await decide(late, w.admin.cookie, { decision: 'rejected', reason: 'Terlambat' })).status).toBe(200);
    await w.stage('presentation');
    expect((await decide('no-such-objection', w.admin.cookie, { decision: 'rejected', reason: 'Tidak' })).status).toBe(
      404,
    );
  });
});

describe('scenario: a clarification adds evidence, one objection accepted and one rejected', () => {
  it('the verified score follows the decisions exactly and the history explains every change', async () => {
    const w = await reviewWorld();
    await w.stage('verification');
    // the evaluator asks for the DIP; the body answers with a file after submission
    const askId = (await ask(w.sid, w.evaluator.cookie)).json.clarification.id;
    const upload = await ctx.request('POST', `/api/submissions/${w.sid}/files`, {
      cookie: w.operator.cookie,
      form: pdfForm('DIP.pdf'),
    });
    const replied = await ctx.request('POST', `/api/clarifications/${askId}/replies`, {
      cookie: w.operator.cookie,
      body: { message: 'DIP yang ditetapkan terlampir.', evidence: [{ fileId: upload.json.fileId }] },
    });
    expect(replied.status).toBe(201);
    // the evaluator corrects 2.1 (no channel proven)
    await correct21(w.sid, w.evaluator.id);
    await w.stage('objection');

    // Self: indicator 1 = 100 x (1 x 2 + 1/2 x 1) / 3 = 250/3; indicator 2 = 100 x (1/3 x 3) / 3 = 100/3;
    // SAQ = (250/3 x 40 + 100/3 x 20) / 60 = 200/3 = 66.67. Verified (2.1 at 0): (250/3 x 40 + 0) / 60 = 500/9 = 55.56.
    const ind1 = Rational.of(100)
      .mul(Rational.of(2).add(Rational.of(1).div(Rational.of(2))))
      .div(Rational.of(3));
    const verifiedBefore = ind1.mul(Rational.of(40)).div(Rational.of(60));
    expect(verifiedBefore.eq(Rational.of(500).div(Rational.of(9)))).toBe(true);
    const before = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(before.json.submission.scores).toMatchObject({ self: 66.67, verified: Number(verifiedBefore.toFixed(2)) });
    expect(before.json.submission.scores.verified).toBe(55.56);

    const on12 = (
      await fileObjection(w.sid, w.operator.cookie, {
        questionCode: '1.2',
        reason: 'Informasi berkala kami lengkap, lihat daftar.',
        evidence: [{ url: 'https://ppid.example.go.id/berkala' }],
      })
    ).json.objection.id;
    const on21 = (
      await fileObjection(w.sid, w.operator.cookie, {
        questionCode: '2.1',
        reason: 'Website kami aktif.',
      })
    ).json.objection.id;
    const accepted = await decide(on12, w.evaluator.cookie, {
      decision: 'accepted',
      reason: 'Daftar informasi berkala lengkap',
      value: 'A',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.objection).toMatchObject({ status: 'accepted', before: 'B', after: 'A' });
    const rejected = await decide(on21, w.admin.cookie, {
      decision: 'rejected',
      reason: 'Website tidak dapat diakses',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.json.objection).toMatchObject({ status: 'rejected', before: [], after: [] });

    // Verified after: indicator 1 = 100 x (2 + 1) / 3 = 100; indicator 2 stays 0; SAQ = 100 x 40 / 60 = 200/3 = 66.67
    const verifiedAfter = Rational.of(100).mul(Rational.of(40)).div(Rational.of(60));
    expect(verifiedAfter.eq(Rational.of(200).div(Rational.of(3)))).toBe(true);
    const after = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(after.json.submission.scores.verified).toBe(Number(verifiedAfter.toFixed(2)));
    expect(after.json.submission.scores.verified).toBe(66.67);
    expect(after.json.submission.scores.self).toBe(66.67);
    expect(after.json.submission.verification).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ questionCode: '1.2', value: 'A', reason: 'Daftar informasi berkala lengkap' }),
        expect.objectContaining({ questionCode: '2.1', value: [], reason: 'Tautan website tidak aktif' }),
      ]),
    );

    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.operator.cookie });
    const trail = history.json.history
      .filter((h: any) => h.event.startsWith('clarification.') || h.event.startsWith('objection.'))
      .map((h: any) => ({
        event: h.event,
        questionCode: h.questionCode,
        actor: h.actor.id,
        reason: h.reason,
        before: h.before,
        after: h.after,
      }));
    expect(trail).toEqual([
      expect.objectContaining({ event: 'clarification.evidence_added', questionCode: '1.1', actor: w.operator.id }),
      expect.objectContaining({
        event: 'objection.filed',
        questionCode: '1.2',
        reason: 'Informasi berkala kami lengkap, lihat daftar.',
      }),
      expect.objectContaining({ event: 'objection.filed', questionCode: '2.1', reason: 'Website kami aktif.' }),
      {
        event: 'objection.accepted',
        questionCode: '1.2',
        actor: w.evaluator.id,
        reason: 'Daftar informasi berkala lengkap',
        before: { value: 'B' },
        after: { value: 'A' },
      },
      {
        event: 'objection.rejected',
        questionCode: '2.1',
        actor: w.admin.id,
        reason: 'Website tidak dapat diakses',
        before: { value: [] },
        after: { value: [] },
      },
    ]);
  });
});
