import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/domain/rational.ts';
import { KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/**
 * Issue 22's scenario, end to end through the API: two evaluators verify, a clarification adds evidence after the
 * submission, one objection is accepted and one rejected, two jurors score. The verified SAQs and the finals are
 * worked out by hand below with exact fractions (thirds and ninths occur), and the trail lists every change with its
 * reason.
 *
 * SMALL_SAQ: indicator 1 (weight 40): 1.1 boolean (weight 2), 1.2 choice A/B/C = 1/0.5/0 (weight 1); indicator 2
 * (weight 20): 2.1 checklist of three 1-point items (weight 3). SAQ = (40 x I1 + 20 x I2) / 60.
 * KIP_METHODOLOGY: final = 80 % SAQ + 20 % panel; gate: rounded verified SAQ >= 70, else the panel counts 0.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const r = (n: number, d = 1) => Rational.of(n).div(Rational.of(d));
/** SAQ of SMALL_SAQ from the three question fractions. */
const saq = (f11: Rational, f12: Rational, f21: Rational) => {
  const i1 = r(100).mul(r(2).mul(f11).add(f12)).div(r(3));
  const i2 = r(100).mul(f21);
  return r(40).mul(i1).add(r(20).mul(i2)).div(r(60));
};

describe('the review cycle, by hand', () => {
  it('verification, clarification, objections and the panel give the finals worked out by hand', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const evaluator1 = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const evaluator2 = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const juror1 = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const juror2 = await ctx.factory.user('evaluator', { commissionId: commission.id });
    const bodyA = await ctx.factory.body(commission.id, 'KEMENTERIAN');
    const bodyB = await ctx.factory.body(commission.id, 'KEMENTERIAN');
    const opA = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: bodyA.id });
    const opB = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: bodyB.id });
    const call = async (cookie: string, method: string, path: string, body?: unknown, expected = 200) => {
      const res = await ctx.request(method, path, { cookie, ...(body === undefined ? {} : { body }) });
      if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      return res.json;
    };
    const stage = (to: string) => call(admin.cookie, 'POST', `/api/periods/${pid}/stage`, { to });

    const pid = (
      await call(
        admin.cookie,
        'POST',
        `/api/commissions/${commission.id}/periods`,
        { year: 2031, title: 'Monev 2031', methodology: KIP_METHODOLOGY },
        201,
      )
    ).period.id as string;
    await call(admin.cookie, 'PUT', `/api/periods/${pid}/questionnaires/KEMENTERIAN`, SMALL_SAQ);
    await stage('saq');

    // the SAQ: A claims everything; B claims 1.2 B and two of the three channels
    const fill = async (cookie: string, answers: unknown[]) => {
      const mine = await call(cookie, 'GET', `/api/periods/${pid}/submissions/mine`);
      const sid = mine.submission.id as string;
      const saved = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
        cookie,
        headers: { 'if-match': String(mine.submission.version) },
        body: { answers },
      });
      expect(saved.status).toBe(200);
      await call(cookie, 'POST', `/api/submissions/${sid}/submit`);
      return sid;
    };
    const evidence = [{ url: 'https://ppid.example.go.id/dip' }];
    const sidA = await fill(opA.cookie, [
      { questionCode: '1.1', value: true, evidence },
      { questionCode: '1.2', value: 'A' },
      { questionCode: '2.1', value: ['a', 'b', 'c'], evidence },
    ]);
    const sidB = await fill(opB.cookie, [
      { questionCode: '1.1', value: true, evidence },
      { questionCode: '1.2', value: 'B' },
      { questionCode: '2.1', value: ['a', 'b'], evidence },
    ]);
    const selfB = saq(r(1), r(1, 2), r(2, 3)); // 700/9
    expect(selfB.eq(r(700, 9))).toBe(true);
    expect((await call(opB.cookie, 'GET', `/api/submissions/${sidB}`)).submission.scores.self).toBe(
      Number(selfB.toFixed(2)),
    );

    // verification: A to evaluator 1, B to evaluator 2
    await stage('verification');
    await call(
      admin.cookie,
      'POST',
      `/api/periods/${pid}/assignments`,
      { submissionId: sidA, evaluatorId: evaluator1.id },
      201,
    );
    await call(
      admin.cookie,
      'POST',
      `/api/periods/${pid}/assignments`,
      { submissionId: sidB, evaluatorId: evaluator2.id },
      201,
    );
    // evaluator 2 does not see A
    expect((await ctx.request('GET', `/api/submissions/${sidA}`, { cookie: evaluator2.cookie })).status).toBe(404);

    // evaluator 1 asks about A's DIP; A answers with a file after its submission
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const asked = await call(
      evaluator1.cookie,
      'POST',
      `/api/submissions/${sidA}/clarifications`,
      { questionCode: '1.1', message: 'Mohon unggah SK penetapan DIP.', dueAt },
      201,
    );
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'SK DIP 2031.pdf');
    const upload = await ctx.request('POST', `/api/submissions/${sidA}/files`, { cookie: opA.cookie, form });
    expect(upload.status).toBe(201);
    await call(
      opA.cookie,
      'POST',
      `/api/clarifications/${asked.clarification.id}/replies`,
      { message: 'SK DIP terlampir.', evidence: [{ fileId: upload.json.fileId }] },
      201,
    );
    const withFile = (await call(evaluator1.cookie, 'GET', `/api/submissions/${sidA}`)).submission;
    const dip = withFile.answers.find((a: { questionCode: string }) => a.questionCode === '1.1');
    expect(dip.evidence.some((e: { fileId?: string }) => e.fileId === upload.json.fileId)).toBe(true);

    // before release, a body sees no verification
    await call(evaluator1.cookie, 'PATCH', `/api/submissions/${sidA}/verification`, {
      items: [
        { questionCode: '1.1', value: true },
        { questionCode: '1.2', value: 'B', reason: 'Informasi berkala hanya sebagian.' },
        { questionCode: '2.1', value: ['a', 'b'], reason: 'Aplikasi tidak ditemukan.' },
      ],
    });
    expect((await call(opA.cookie, 'GET', `/api/submissions/${sidA}`)).submission.verification).toBeUndefined();
    await call(evaluator1.cookie, 'POST', `/api/submissions/${sidA}/verification/complete`);
    await call(evaluator2.cookie, 'PATCH', `/api/submissions/${sidB}/verification`, {
      items: [
        { questionCode: '1.1', value: true },
        { questionCode: '1.2', value: 'B' },
        { questionCode: '2.1', value: ['a'], reason: 'Hanya situs web yang aktif.' },
      ],
    });
    await call(evaluator2.cookie, 'POST', `/api/submissions/${sidB}/verification/complete`);
    const verifiedA1 = saq(r(1), r(1, 2), r(2, 3)); // 700/9 = 77.78
    const verifiedB = saq(r(1), r(1, 2), r(1, 3)); // 200/3 = 66.67
    expect(verifiedB.eq(r(200, 3))).toBe(true);
    expect((await call(admin.cookie, 'GET', `/api/submissions/${sidA}`)).submission.scores.verified).toBe(
      Number(verifiedA1.toFixed(2)),
    );

    // objections: released to the bodies; A's is accepted, B's rejected
    await stage('objection');
    const releasedB = (await call(opB.cookie, 'GET', `/api/submissions/${sidB}`)).submission;
    expect(releasedB.scores.verified).toBe(66.67);
    const objA = await call(
      opA.cookie,
      'POST',
      `/api/submissions/${sidA}/objections`,
      {
        questionCode: '2.1',
        reason: 'Aplikasi tersedia di Play Store.',
        evidence: [{ url: 'https://play.example/ppid' }],
      },
      201,
    );
    const objB = await call(
      opB.cookie,
      'POST',
      `/api/submissions/${sidB}/objections`,
      { questionCode: '2.1', reason: 'Media sosial kami aktif.' },
      201,
    );
    await call(admin.cookie, 'PATCH', `/api/objections/${objA.objection.id}`, {
      decision: 'accepted',
      reason: 'Aplikasi terverifikasi.',
      value: ['a', 'b', 'c'],
    });
    await call(evaluator2.cookie, 'PATCH', `/api/objections/${objB.objection.id}`, {
      decision: 'rejected',
      reason: 'Akun media sosial tidak aktif sejak 2029.',
    });
    const verifiedA = saq(r(1), r(1, 2), r(1)); // 800/9 = 88.89
    expect(verifiedA.eq(r(800, 9))).toBe(true);
    expect((await call(opA.cookie, 'GET', `/api/submissions/${sidA}`)).submission.scores.verified).toBe(88.89);
    expect((await call(opB.cookie, 'GET', `/api/submissions/${sidB}`)).submission.scores.verified).toBe(66.67);

    // the panel: A passes the gate (88.89 >= 70), B does not (66.67)
    await stage('presentation');
    await call(admin.cookie, 'PUT', `/api/periods/${pid}/panel`, { evaluatorIds: [juror1.id, juror2.id] });
    await call(juror1.cookie, 'PUT', `/api/submissions/${sidA}/panel-scores`, { score: 80 });
    await call(juror2.cookie, 'PUT', `/api/submissions/${sidA}/panel-scores`, { score: 85 });
    const refused = await ctx.request('PUT', `/api/submissions/${sidB}/panel-scores`, {
      cookie: juror1.cookie,
      body: { score: 90 },
    });
    expect([409, 422]).toContain(refused.status);

    // the finals: A = 0.8 x 800/9 + 0.2 x (80 + 85)/2 = 1577/18 = 87.61; B below the gate = 0.8 x 200/3 = 53.33
    await stage('results');
    const finalA = r(8, 10)
      .mul(verifiedA)
      .add(r(2, 10).mul(r(165, 2)));
    const finalB = r(8, 10).mul(verifiedB);
    expect(finalA.eq(r(1577, 18))).toBe(true);
    const { rows } = await call(admin.cookie, 'POST', `/api/periods/${pid}/whatif`, { methodology: KIP_METHODOLOGY });
    const current = (bid: string) => rows.find((row: { bodyId: string }) => row.bodyId === bid).current;
    expect(current(bodyA.id).final).toBe(Number(finalA.toFixed(2)));
    expect(current(bodyA.id).final).toBe(87.61);
    expect(current(bodyB.id).final).toBe(Number(finalB.toFixed(2)));
    expect(current(bodyB.id).final).toBe(53.33);

    // the trail explains every point A gained or lost, with who and why
    const { history } = await call(admin.cookie, 'GET', `/api/submissions/${sidA}/history`);
    const events = history.map((h: { event: string; questionCode?: string; reason?: string; actor: unknown }) => ({
      event: h.event,
      questionCode: h.questionCode,
      reason: h.reason,
    }));
    expect(events).toEqual(
      expect.arrayContaining([
        { event: 'verification.set', questionCode: '1.2', reason: 'Informasi berkala hanya sebagian.' },
        { event: 'verification.set', questionCode: '2.1', reason: 'Aplikasi tidak ditemukan.' },
        expect.objectContaining({ event: 'clarification.evidence_added', questionCode: '1.1' }),
        expect.objectContaining({ event: 'objection.filed', questionCode: '2.1' }),
        { event: 'objection.accepted', questionCode: '2.1', reason: 'Aplikasi terverifikasi.' },
        expect.objectContaining({ event: 'panel.scored' }),
      ]),
    );
    // every change has its author; the gate's mark alone is the system's (a consequence of the stage move)
    for (const h of history.filter((x: { event: string }) => x.event !== 'panel.gate')) expect(h.actor).not.toBeNull();
    const { history: historyB } = await call(admin.cookie, 'GET', `/api/submissions/${sidB}/history`);
    expect(historyB).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'objection.rejected',
          questionCode: '2.1',
          reason: 'Akun media sosial tidak aktif sejak 2029.',
        }),
      ]),
    );
  });
});
