import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

/** Issue 22, item 1: assignment by hand and balanced, exclusions, reassignment, workload and the evaluator's queue. */

let ctx: TestContext;
/** The app's clock: the real one unless a test fixes it (the workload's overdue count). */
let clock: Date | undefined;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock ?? new Date() });
});
afterAll(async () => ctx?.close());

/** PEMPROV's questionnaire has one question, KEMENTERIAN's (SMALL_SAQ) three: the balance counts questions. */
const ONE_QUESTION = {
  indicators: [
    {
      code: '1',
      title: 'Jenis Informasi',
      weight: 1,
      questions: [{ code: '1.1', text: 'Apakah DIP tersedia?', type: 'boolean', weight: 1, evidence: 'none' }],
    },
  ],
};

const SCHEDULE = {
  saq: { start: '2026-07-01', end: '2026-08-31' },
  verification: { start: '2026-09-01', end: '2026-09-30' },
};

async function world(options: { schedule?: unknown } = {}) {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const cid = commission.id;
  const admin = await ctx.factory.user('commission_admin', { commissionId: cid });
  const created = await ctx.request('POST', `/api/commissions/${cid}/periods`, {
    cookie: admin.cookie,
    body: {
      year: 2026,
      title: 'Monev 2026',
      methodology: KIP_METHODOLOGY,
      ...(options.schedule ? { schedule: options.schedule } : {}),
    },
  });
  expect(created.status).toBe(201);
  const pid = created.json.period.id as string;
  for (const [code, q] of [
    ['KEMENTERIAN', SMALL_SAQ],
    ['PEMPROV', ONE_QUESTION],
  ] as const) {
    const put = await ctx.request('PUT', `/api/periods/${pid}/questionnaires/${code}`, {
      cookie: admin.cookie,
      body: q,
    });
    expect(put.status).toBe(200);
  }
  expect(
    (await ctx.request('POST', `/api/periods/${pid}/stage`, { cookie: admin.cookie, body: { to: 'saq' } })).status,
  ).toBe(200);

  /** A body of the category and its submission, submitted unless told (set directly: the SAQ has tests of its own). */
  const submission = async (category: 'KEMENTERIAN' | 'PEMPROV', name: string, status = 'submitted') => {
    const body = await ctx.factory.body(cid, category, `${name} ${unique('')}`);
    const at = new Date('2026-08-20T03:00:00Z');
    const row = await ctx.db
      .insertInto('submissions')
      .values({
        commissionId: cid,
        periodId: pid,
        bodyId: body.id,
        status,
        submittedAt: status === 'draft' ? null : at,
        firstSubmittedAt: status === 'draft' ? null : at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { body, id: row.id };
  };
  const evaluator = async (name: string) => {
    const u = await ctx.factory.user('evaluator', { commissionId: cid });
    await ctx.db.updateTable('users').set({ name }).where('id', '=', u.id).execute();
    return { ...u, name };
  };
  const toVerification = async () =>
    expect(
      (await ctx.request('POST', `/api/periods/${pid}/stage`, { cookie: admin.cookie, body: { to: 'verification' } }))
        .status,
    ).toBe(200);
  return { cid, pid, admin, submission, evaluator, toVerification };
}

const assign = (pid: string, cookie: string, submissionId: string, evaluatorId: string) =>
  ctx.request('POST', `/api/periods/${pid}/assignments`, { cookie, body: { submissionId, evaluatorId } });

describe('assigning by hand', () => {
  it('assigns a submitted submission, records it in the history and lists it with its progress', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian A');
    const ani = await w.evaluator('Ani');
    const res = await assign(w.pid, w.admin.cookie, s.id, ani.id);
    expect(res.status).toBe(201);
    expect(res.json.assignment).toMatchObject({
      submissionId: s.id,
      bodyId: s.body.id,
      categoryCode: 'KEMENTERIAN',
      evaluatorId: ani.id,
      evaluatorName: 'Ani',
      verificationState: 'not_started',
      verified: 0,
      total: 3,
    });
    const list = await ctx.request('GET', `/api/periods/${w.pid}/assignments`, { cookie: w.admin.cookie });
    expect(list.status).toBe(200);
    expect(list.json.assignments.map((a: any) => a.submissionId)).toEqual([s.id]);
    expect(list.json.unassigned).toEqual([]);
    const history = await ctx.request('GET', `/api/submissions/${s.id}/history`, { cookie: w.admin.cookie });
    expect(history.json.history).toContainEqual(
      expect.objectContaining({
        event: 'assignment.set',
        before: null,
        after: { evaluator: { id: ani.id, name: 'Ani' } },
      }),
    );
  });

  it('lets an evaluator open a submission only once it is assigned to them', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian B');
    const ani = await w.evaluator('Ani');
    expect((await ctx.request('GET', `/api/submissions/${s.id}`, { cookie: ani.cookie })).status).toBe(404);
    expect((await assign(w.pid, w.admin.cookie, s.id, ani.id)).status).toBe(201);
    expect((await ctx.request('GET', `/api/submissions/${s.id}`, { cookie: ani.cookie })).status).toBe(200);
  });

  it('refuses a draft (409), an assigned submission (409), a non-evaluator or another period’s submission (422)', async () => {
    const w = await world();
    const draft = await w.submission('KEMENTERIAN', 'Draft', 'draft');
    const s = await w.submission('PEMPROV', 'Provinsi');
    const ani = await w.evaluator('Ani');
    const budi = await w.evaluator('Budi');
    const draftRes = await assign(w.pid, w.admin.cookie, draft.id, ani.id);
    expect(draftRes.status).toBe(409);
    expect(draftRes.json.code).toBe('CONFLICT');
    expect((await assign(w.pid, w.admin.cookie, s.id, ani.id)).status).toBe(201);
    const again = await assign(w.pid, w.admin.cookie, s.id, budi.id);
    expect(again.status).toBe(409);
    const fresh = await w.submission('PEMPROV', 'Provinsi lain');
    const notEvaluator = await assign(w.pid, w.admin.cookie, fresh.id, w.admin.id);
    expect(notEvaluator.status).toBe(422);
    const other = await world();
    const foreign = await other.submission('KEMENTERIAN', 'Lain');
    const wrong = await assign(w.pid, w.admin.cookie, foreign.id, ani.id);
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([{ path: 'submissionId', message: 'No such submission in this period' }]);
  });

  it('refuses an evaluator excluded from the body, naming the exclusion', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian C');
    const ani = await w.evaluator('Ani');
    const ex = await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { bodyId: s.body.id, evaluatorId: ani.id, reason: 'Mantan pegawai badan ini' },
    });
    expect(ex.status).toBe(201);
    const res = await assign(w.pid, w.admin.cookie, s.id, ani.id);
    expect(res.status).toBe(422);
    expect(res.json.exclusion).toMatchObject({ id: ex.json.exclusion.id, reason: 'Mantan pegawai badan ini' });
    expect(res.json.errors[0].message).toContain('Mantan pegawai badan ini');
  });

  it('refuses assignment once the period has left the objection stage', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian D');
    const ani = await w.evaluator('Ani');
    for (const to of ['verification', 'objection', 'presentation']) {
      await ctx.request('POST', `/api/periods/${w.pid}/stage`, { cookie: w.admin.cookie, body: { to } });
    }
    const res = await assign(w.pid, w.admin.cookie, s.id, ani.id);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('STAGE_CLOSED');
  });

  it('is for the commission admin: 403 for an evaluator, leadership and an operator, 404 for another commission', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian E');
    const ani = await w.evaluator('Ani');
    const lead = await ctx.factory.user('leadership', { commissionId: w.cid });
    const operator = await ctx.factory.user('body_operator', { commissionId: w.cid, bodyId: s.body.id });
    for (const u of [ani, lead, operator]) expect((await assign(w.pid, u.cookie, s.id, ani.id)).status).toBe(403);
    const other = await world();
    expect((await assign(w.pid, other.admin.cookie, s.id, ani.id)).status).toBe(404);
    // leadership reads the list; an evaluator and an operator do not
    expect((await ctx.request('GET', `/api/periods/${w.pid}/assignments`, { cookie: lead.cookie })).status).toBe(200);
    expect((await ctx.request('GET', `/api/periods/${w.pid}/assignments`, { cookie: ani.cookie })).status).toBe(403);
    expect((await ctx.request('GET', `/api/periods/${w.pid}/assignments`, { cookie: operator.cookie })).status).toBe(
      403,
    );
  });
});

describe('unknown periods and closed stages', () => {
  it('answers 404 for a period that does not exist, and 409 once assignment is closed', async () => {
    const w = await world();
    for (const [method, path] of [
      ['GET', '/api/periods/nope/assignments'],
      ['GET', '/api/periods/nope/workload'],
      ['POST', '/api/periods/nope/assignments/auto'],
    ] as const) {
      expect((await ctx.request(method, path, { cookie: w.admin.cookie })).status).toBe(404);
    }
    await w.submission('KEMENTERIAN', 'K1');
    await w.evaluator('Ani');
    for (const to of ['verification', 'objection', 'presentation']) {
      await ctx.request('POST', `/api/periods/${w.pid}/stage`, { cookie: w.admin.cookie, body: { to } });
    }
    const auto = await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, { cookie: w.admin.cookie });
    expect(auto.status).toBe(409);
    expect(auto.json.code).toBe('STAGE_CLOSED');
    // reading stays open
    expect((await ctx.request('GET', `/api/periods/${w.pid}/assignments`, { cookie: w.admin.cookie })).status).toBe(
      200,
    );
  });
});

describe('automatic assignment', () => {
  it('balances questions within each category, deterministically, and lists what it left', async () => {
    const w = await world();
    const k = [];
    for (const n of ['K1', 'K2', 'K3', 'K4']) k.push(await w.submission('KEMENTERIAN', n));
    const p = [];
    for (const n of ['P1', 'P2']) p.push(await w.submission('PEMPROV', n));
    await w.submission('PEMPROV', 'P3 draft', 'draft');
    const budi = await w.evaluator('Budi');
    const ani = await w.evaluator('Ani');
    await w.toVerification();
    const res = await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, { cookie: w.admin.cookie });
    expect(res.status).toBe(200);
    expect(res.json.skipped).toEqual([]);
    const byBody = Object.fromEntries(
      res.json.assigned.map((a: any) => [a.bodyName.split(' ')[0], a.evaluatorName] as const),
    );
    // KEMENTERIAN first (by code): alternate from Ani (name breaks the first tie); then PEMPROV: Ani, Budi
    expect(byBody).toEqual({ K1: 'Ani', K2: 'Budi', K3: 'Ani', K4: 'Budi', P1: 'Ani', P2: 'Budi' });
    const load = await ctx.request('GET', `/api/periods/${w.pid}/workload`, { cookie: w.admin.cookie });
    expect(load.json.evaluators.map((e: any) => [e.name, e.assigned, e.questions])).toEqual([
      ['Ani', 3, 7],
      ['Budi', 3, 7],
    ]);
    // nothing left: a second run assigns nothing
    const again = await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, {
      cookie: w.admin.cookie,
      body: {},
    });
    expect(again.status).toBe(200);
    expect(again.json.assigned).toEqual([]);
    expect(k.length + p.length).toBe(6);
    expect([ani.id, budi.id]).toContain(res.json.assigned[0].evaluatorId);
  });

  it('counts the questions already held, and never assigns to an excluded evaluator', async () => {
    const w = await world();
    const k1 = await w.submission('KEMENTERIAN', 'K1');
    const k2 = await w.submission('KEMENTERIAN', 'K2');
    const k3 = await w.submission('KEMENTERIAN', 'K3');
    const ani = await w.evaluator('Ani');
    const budi = await w.evaluator('Budi');
    // Budi already holds K3 by hand; Ani may not take K1
    expect((await assign(w.pid, w.admin.cookie, k3.id, budi.id)).status).toBe(201);
    await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { bodyId: k1.body.id, evaluatorId: ani.id, reason: 'Konflik kepentingan' },
    });
    const res = await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, { cookie: w.admin.cookie });
    expect(res.status).toBe(200);
    const of = new Map(res.json.assigned.map((a: any) => [a.submissionId, a.evaluatorName]));
    expect(of.get(k1.id)).toBe('Budi');
    expect(of.get(k2.id)).toBe('Ani');
  });

  it('narrows to the evaluators named, leaves what only excluded ones could take, and needs an evaluator', async () => {
    const w = await world();
    const k1 = await w.submission('KEMENTERIAN', 'K1');
    const ani = await w.evaluator('Ani');
    await w.evaluator('Budi');
    await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { bodyId: k1.body.id, evaluatorId: ani.id, reason: 'Konflik kepentingan' },
    });
    const res = await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, {
      cookie: w.admin.cookie,
      body: { evaluatorIds: [ani.id] },
    });
    expect(res.status).toBe(200);
    expect(res.json.assigned).toEqual([]);
    expect(res.json.skipped.map((s: any) => s.submissionId)).toEqual([k1.id]);
    const unknown = await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, {
      cookie: w.admin.cookie,
      body: { evaluatorIds: [w.admin.id] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].path).toBe('evaluatorIds.0');
    const empty = await world();
    await empty.submission('KEMENTERIAN', 'K1');
    const none = await ctx.request('POST', `/api/periods/${empty.pid}/assignments/auto`, {
      cookie: empty.admin.cookie,
    });
    expect(none.status).toBe(422);
    const ani2 = await ctx.factory.user('evaluator', { commissionId: w.cid });
    expect((await ctx.request('POST', `/api/periods/${w.pid}/assignments/auto`, { cookie: ani2.cookie })).status).toBe(
      403,
    );
  });
});

describe('reassignment', () => {
  it('hands the submission to another evaluator and keeps the verification done so far', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian F');
    const ani = await w.evaluator('Ani');
    const budi = await w.evaluator('Budi');
    const created = await assign(w.pid, w.admin.cookie, s.id, ani.id);
    const question = await ctx.db
      .selectFrom('questions as q')
      .innerJoin('questionnaires as qn', 'qn.id', 'q.questionnaireId')
      .innerJoin('categories as c', 'c.id', 'qn.categoryId')
      .select(['q.id'])
      .where('qn.periodId', '=', w.pid)
      .where('c.code', '=', 'KEMENTERIAN')
      .where('q.code', '=', '1.1')
      .executeTakeFirstOrThrow();
    // Ani verified one answer (set directly: verification has its own tests)
    await ctx.db
      .insertInto('answers')
      .values({
        submissionId: s.id,
        questionId: question.id,
        questionCode: '1.1',
        value: jsonb(true),
        note: null,
        selfPoints: '1',
        verifiedValue: jsonb(false),
        verifiedPoints: '0',
        verifiedReason: 'Tautan DIP tidak dapat dibuka',
        verifiedBy: ani.id,
        verifiedAt: new Date(),
        updatedBy: null,
      })
      .execute();
    await ctx.db.updateTable('submissions').set({ verificationState: 'in_progress' }).where('id', '=', s.id).execute();

    const res = await ctx.request('PATCH', `/api/assignments/${created.json.assignment.id}`, {
      cookie: w.admin.cookie,
      body: { evaluatorId: budi.id },
    });
    expect(res.status).toBe(200);
    expect(res.json.assignment).toMatchObject({
      evaluatorId: budi.id,
      evaluatorName: 'Budi',
      verificationState: 'in_progress',
      verified: 1,
    });
    const answer = await ctx.db
      .selectFrom('answers')
      .select(['verifiedPoints', 'verifiedReason', 'verifiedBy'])
      .where('submissionId', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(answer).toEqual({
      verifiedPoints: '0',
      verifiedReason: 'Tautan DIP tidak dapat dibuka',
      verifiedBy: ani.id,
    });
    // the new evaluator sees it, the old one no longer does
    expect((await ctx.request('GET', `/api/submissions/${s.id}`, { cookie: budi.cookie })).status).toBe(200);
    expect((await ctx.request('GET', `/api/submissions/${s.id}`, { cookie: ani.cookie })).status).toBe(404);
    const history = await ctx.request('GET', `/api/submissions/${s.id}/history`, { cookie: w.admin.cookie });
    expect(history.json.history).toContainEqual(
      expect.objectContaining({
        event: 'assignment.changed',
        before: { evaluator: { id: ani.id, name: 'Ani' } },
        after: { evaluator: { id: budi.id, name: 'Budi' } },
      }),
    );
  });

  it('keeps the eligibility rules and its permission', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian G');
    const ani = await w.evaluator('Ani');
    const budi = await w.evaluator('Budi');
    const created = await assign(w.pid, w.admin.cookie, s.id, ani.id);
    const path = `/api/assignments/${created.json.assignment.id}`;
    await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { bodyId: s.body.id, evaluatorId: budi.id, reason: 'Saudara kandung pejabat PPID' },
    });
    expect((await ctx.request('PATCH', path, { cookie: w.admin.cookie, body: { evaluatorId: budi.id } })).status).toBe(
      422,
    );
    expect((await ctx.request('PATCH', path, { cookie: ani.cookie, body: { evaluatorId: ani.id } })).status).toBe(403);
    const other = await world();
    expect(
      (await ctx.request('PATCH', path, { cookie: other.admin.cookie, body: { evaluatorId: ani.id } })).status,
    ).toBe(404);
    expect(
      (await ctx.request('PATCH', '/api/assignments/nope', { cookie: w.admin.cookie, body: { evaluatorId: ani.id } }))
        .status,
    ).toBe(404);
  });
});

describe('exclusions', () => {
  it('are listed, audited, refused while the evaluator holds the body’s submission, and removed', async () => {
    const w = await world();
    const s = await w.submission('KEMENTERIAN', 'Kementerian H');
    const ani = await w.evaluator('Ani');
    expect((await assign(w.pid, w.admin.cookie, s.id, ani.id)).status).toBe(201);
    const body = { bodyId: s.body.id, evaluatorId: ani.id, reason: 'Pernah menjadi konsultan badan ini' };
    const held = await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, { cookie: w.admin.cookie, body });
    expect(held.status).toBe(409);
    const budi = await w.evaluator('Budi');
    const ex = await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { ...body, evaluatorId: budi.id },
    });
    expect(ex.status).toBe(201);
    expect(ex.json.exclusion).toMatchObject({ bodyId: s.body.id, evaluatorId: budi.id, evaluatorName: 'Budi' });
    const dup = await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { ...body, evaluatorId: budi.id },
    });
    expect(dup.status).toBe(409);
    const bad = await ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
      cookie: w.admin.cookie,
      body: { bodyId: 'nope', evaluatorId: w.admin.id, reason: 'Alasan' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: any) => e.path)).toEqual(['bodyId', 'evaluatorId']);
    const list = await ctx.request('GET', `/api/commissions/${w.cid}/exclusions`, { cookie: w.admin.cookie });
    expect(list.json.exclusions.map((x: any) => x.id)).toEqual([ex.json.exclusion.id]);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'reason'])
      .where('subjectId', '=', ex.json.exclusion.id)
      .execute();
    expect(audit).toEqual([{ event: 'exclusion.created', reason: body.reason }]);
    expect(
      (await ctx.request('DELETE', `/api/exclusions/${ex.json.exclusion.id}`, { cookie: budi.cookie })).status,
    ).toBe(403);
    expect(
      (await ctx.request('DELETE', `/api/exclusions/${ex.json.exclusion.id}`, { cookie: w.admin.cookie })).status,
    ).toBe(204);
    expect(
      (await ctx.request('DELETE', `/api/exclusions/${ex.json.exclusion.id}`, { cookie: w.admin.cookie })).status,
    ).toBe(404);
    const after = await ctx.db
      .selectFrom('auditEvents')
      .select('event')
      .where('subjectId', '=', ex.json.exclusion.id)
      .orderBy('id')
      .execute();
    expect(after.map((a) => a.event)).toEqual(['exclusion.created', 'exclusion.deleted']);
  });

  it('made at the same time as an assignment of the same body: one of the two wins, never both', async () => {
    const w = await world();
    for (let round = 0; round < 8; round++) {
      const s = await w.submission('KEMENTERIAN', `Kementerian Balap ${round}`);
      const ani = await w.evaluator(`Ani ${round}`);
      const [assigned, excluded] = await Promise.all([
        assign(w.pid, w.admin.cookie, s.id, ani.id),
        ctx.request('POST', `/api/commissions/${w.cid}/exclusions`, {
          cookie: w.admin.cookie,
          body: { bodyId: s.body.id, evaluatorId: ani.id, reason: 'Keluarga pejabat PPID badan ini' },
        }),
      ]);
      const outcome = [assigned.status, excluded.status];
      // the assignment first: the exclusion is refused while she holds it; the exclusion first: the assignment names it
      expect([
        [201, 409],
        [422, 201],
      ]).toContainEqual(outcome);
      const held = await ctx.db
        .selectFrom('assignments as a')
        .innerJoin('evaluatorExclusions as x', (j) => j.onRef('x.evaluatorId', '=', 'a.evaluatorId'))
        .select('a.id')
        .where('a.submissionId', '=', s.id)
        .where('x.bodyId', '=', s.body.id)
        .execute();
      expect(held).toEqual([]);
    }
  });

  it('are read by leadership, not by evaluators, and hidden from other commissions', async () => {
    const w = await world();
    const lead = await ctx.factory.user('leadership', { commissionId: w.cid });
    const ani = await w.evaluator('Ani');
    const other = await world();
    const path = `/api/commissions/${w.cid}/exclusions`;
    expect((await ctx.request('GET', path, { cookie: lead.cookie })).status).toBe(200);
    expect((await ctx.request('GET', path, { cookie: ani.cookie })).status).toBe(403);
    expect((await ctx.request('GET', path, { cookie: other.admin.cookie })).status).toBe(404);
    const s = await w.submission('KEMENTERIAN', 'Kementerian I');
    expect(
      (
        await ctx.request('POST', path, {
          cookie: lead.cookie,
          body: { bodyId: s.body.id, evaluatorId: ani.id, reason: 'Alasan yang cukup' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('workload and the evaluator’s queue', () => {
  async function loaded() {
    const w = await world({ schedule: SCHEDULE });
    const ani = await w.evaluator('Ani');
    const budi = await w.evaluator('Budi');
    await w.evaluator('Citra');
    const states = ['not_started', 'in_progress', 'complete'];
    const ids: string[] = [];
    for (const [i, state] of states.entries()) {
      const s = await w.submission('KEMENTERIAN', `K${i}`);
      ids.push(s.id);
      expect((await assign(w.pid, w.admin.cookie, s.id, ani.id)).status).toBe(201);
      await ctx.db.updateTable('submissions').set({ verificationState: state }).where('id', '=', s.id).execute();
    }
    const p = await w.submission('PEMPROV', 'P1');
    expect((await assign(w.pid, w.admin.cookie, p.id, budi.id)).status).toBe(201);
    await w.submission('PEMPROV', 'P2');
    return { w, ani, budi, ids };
  }

  it('counts per evaluator by state, with the deadline; overdue only once it has passed', async () => {
    const { w } = await loaded();
    try {
      clock = new Date('2026-09-30T16:59:00Z'); // 23:59 in Jakarta on the last day
      const before = await ctx.request('GET', `/api/periods/${w.pid}/workload`, { cookie: w.admin.cookie });
      expect(before.status).toBe(200);
      expect(before.json.deadline).toBe('2026-09-30T16:59:59.999Z');
      expect(before.json.unassigned).toBe(1);
      expect(before.json.evaluators.map((e: any) => ({ ...e, evaluatorId: undefined, email: undefined }))).toEqual([
        {
          name: 'Ani',
          assigned: 3,
          notStarted: 1,
          inProgress: 1,
          complete: 1,
          overdue: 0,
          questions: 9,
          evaluatorId: undefined,
          email: undefined,
        },
        {
          name: 'Budi',
          assigned: 1,
          notStarted: 1,
          inProgress: 0,
          complete: 0,
          overdue: 0,
          questions: 1,
          evaluatorId: undefined,
          email: undefined,
        },
        {
          name: 'Citra',
          assigned: 0,
          notStarted: 0,
          inProgress: 0,
          complete: 0,
          overdue: 0,
          questions: 0,
          evaluatorId: undefined,
          email: undefined,
        },
      ]);
      clock = new Date('2026-09-30T17:00:00Z'); // the next day in Jakarta
      const after = await ctx.request('GET', `/api/periods/${w.pid}/workload`, { cookie: w.admin.cookie });
      expect(after.json.evaluators.map((e: any) => [e.name, e.overdue])).toEqual([
        ['Ani', 2],
        ['Budi', 1],
        ['Citra', 0],
      ]);
    } finally {
      clock = undefined;
    }
  });

  it('has no deadline without a verification schedule, and is read by leadership only besides admins', async () => {
    const w = await world();
    const lead = await ctx.factory.user('leadership', { commissionId: w.cid });
    const ani = await w.evaluator('Ani');
    const res = await ctx.request('GET', `/api/periods/${w.pid}/workload`, { cookie: lead.cookie });
    expect(res.status).toBe(200);
    expect(res.json.deadline).toBeNull();
    expect((await ctx.request('GET', `/api/periods/${w.pid}/workload`, { cookie: ani.cookie })).status).toBe(403);
    const other = await world();
    expect((await ctx.request('GET', `/api/periods/${w.pid}/workload`, { cookie: other.admin.cookie })).status).toBe(
      404,
    );
  });

  it('gives each evaluator their own queue with progress and overdue, and others an empty one', async () => {
    const { w, ani, budi, ids } = await loaded();
    try {
      clock = new Date('2026-10-02T00:00:00Z');
      const queue = await ctx.request('GET', '/api/evaluations', { cookie: ani.cookie });
      expect(queue.status).toBe(200);
      expect(queue.json.evaluations.map((e: any) => e.submissionId)).toEqual(ids);
      expect(queue.json.evaluations[0]).toMatchObject({
        periodId: w.pid,
        periodTitle: 'Monev 2026',
        year: 2026,
        commissionId: w.cid,
        categoryCode: 'KEMENTERIAN',
        verificationState: 'not_started',
        verified: 0,
        total: 3,
        deadline: '2026-09-30T16:59:59.999Z',
        overdue: true,
      });
      expect(queue.json.evaluations.map((e: any) => e.overdue)).toEqual([true, true, false]);
      const budiQueue = await ctx.request('GET', '/api/evaluations', { cookie: budi.cookie });
      expect(budiQueue.json.evaluations).toHaveLength(1);
      const admin = await ctx.request('GET', '/api/evaluations', { cookie: w.admin.cookie });
      expect(admin.json.evaluations).toEqual([]);
      expect((await ctx.request('GET', '/api/evaluations')).status).toBe(401);
    } finally {
      clock = undefined;
    }
  });
});
