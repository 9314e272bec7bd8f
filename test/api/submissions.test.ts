import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { jsonb } from '../../src/db/json.ts';
import { createAutosaveState } from '../../src/modules/submissions/autosave-state.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, PUBLIC_URL, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const patch = (sid: string, cookie: string, version: number | undefined, answers: unknown[]) =>
  ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
    cookie,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    body: { answers },
  });

describe('opening the self-assessment', () => {
  it('creates the body’s submission on first open during the SAQ and returns the same one after', async () => {
    const w = await saqWorld(ctx);
    expect(w.submission).toMatchObject({
      status: 'draft',
      version: 0,
      editable: true,
      progress: { answered: 0, total: 3 },
    });
    expect((w.submission as any).progress.missing).toEqual(['1.1', '1.2', '2.1']);
    const again = await ctx.request('GET', `/api/periods/${w.periodId}/submissions/mine`, {
      cookie: w.operator.cookie,
    });
    expect(again.json.submission.id).toBe(w.submission.id);
    expect(again.headers.get('etag')).toBe('"0"');
  });

  it('has no submission before the SAQ opens, and none for staff', async () => {
    const w = await saqWorld(ctx);
    const draftPeriod = await ctx.request('POST', `/api/commissions/${w.commission.id}/periods`, {
      cookie: w.admin.cookie,
      body: {
        year: 2030,
        title: 'Monev 2030',
        methodology: (await ctx.request('GET', `/api/periods/${w.periodId}`, { cookie: w.admin.cookie })).json.period
          .methodology,
      },
    });
    const res = await ctx.request('GET', `/api/periods/${draftPeriod.json.period.id}/submissions/mine`, {
      cookie: w.operator.cookie,
    });
    expect(res.status).toBe(404);
    const staff = await ctx.request('GET', `/api/periods/${w.periodId}/submissions/mine`, { cookie: w.admin.cookie });
    expect(staff.status).toBe(403);
  });
});

describe('autosave', () => {
  it('answers a save with the same security headers as every other response, its ETag and a request id', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const saved = await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }]);
    const read = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    const problem = await patch(sid, w.operator.cookie, undefined, [{ questionCode: '1.1', value: true }]);
    // vary: Accept-Encoding marks the compressible answers; the autosave's small ones are never compressed; a problem
    // says its language (Content-Language, Vary: Accept-Language)
    const own = new Set(['etag', 'x-request-id', 'content-type', 'content-length', 'vary', 'content-language']);
    const shared = (h: Headers) => [...h.entries()].filter(([name]) => !own.has(name));
    expect(shared(saved.headers)).toEqual(shared(read.headers));
    expect(shared(saved.headers)).toEqual(shared(problem.headers));
    expect(Object.fromEntries(shared(saved.headers))).toMatchObject({
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'permissions-policy': expect.stringContaining('camera=()'),
      'referrer-policy': 'no-referrer',
    });
    expect(saved.headers.get('etag')).toBe(`"${saved.json.version}"`);
    expect(saved.headers.get('content-type')).toMatch(/^application\/json/);
    expect(saved.headers.get('x-request-id')).toMatch(/\S/);
    expect(saved.headers.get('x-request-id')).not.toBe(read.headers.get('x-request-id'));
  });

  it('needs If-Match (428), saves with live scores and bumps the version', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const missing = await patch(sid, w.operator.cookie, undefined, [{ questionCode: '1.1', value: true }]);
    expect(missing.status).toBe(428);
    const saved = await patch(sid, w.operator.cookie, 0, [
      { questionCode: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
      { questionCode: '2.1', value: ['a', 'b'] },
    ]);
    expect(saved.status).toBe(200);
    expect(saved.json.version).toBe(1);
    // indicator 1: 100 x 2/3 = 66.67; indicator 2: 100 x 2/3 = 66.67; SAQ = 66.67
    expect(saved.json.scores.indicators.map((i: any) => [i.code, i.earned, i.possible, i.score])).toEqual([
      ['1', 2, 3, 66.67],
      ['2', 2, 3, 66.67],
    ]);
    expect(saved.json.scores.self).toBe(66.67);
    const view = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    // the link's status comes later from the background checker (which other suites on a shared database may run)
    expect(view.json.submission.answers.find((a: any) => a.questionCode === '1.1').evidence).toMatchObject([
      { url: 'https://ppid.example.go.id/dip' },
    ]);
    expect(view.json.submission.progress).toEqual({ answered: 2, total: 3, missing: ['1.2', '2.1'] });
  });

  it('two saves of the same question from the same version: exactly one 200 and one 409 holding the winner', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const [a, b] = await Promise.all([
      patch(sid, w.operator.cookie, 0, [{ questionCode: '1.2', value: 'A' }]),
      patch(sid, w.operator.cookie, 0, [{ questionCode: '1.2', value: 'C' }]),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? 'A' : 'C';
    const loser = a.status === 409 ? a : b;
    expect(loser.json.code).toBe('VERSION_CONFLICT');
    expect(loser.json.current.version).toBe(1);
    // the current answer says who saved it, so the page can show whose answer won
    expect(loser.json.current.answers).toMatchObject([
      { questionCode: '1.2', value: winner, updatedBy: { id: w.operator.id, name: expect.any(String) } },
    ]);
    const view = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    expect(view.json.submission.answers.map((x: any) => x.value)).toEqual([winner]);
  });

  it('saves of different questions from the same version are both kept', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const first = await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: false }]);
    const second = await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.2', value: 'B' }]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json.version).toBe(2);
    const view = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    expect(view.json.submission.answers.map((x: any) => [x.questionCode, x.value])).toEqual([
      ['1.1', false],
      ['1.2', 'B'],
    ]);
  });

  it('refuses bad answers with every problem and saves nothing', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const res = await patch(sid, w.operator.cookie, 0, [
      { questionCode: '9.9', value: true },
      { questionCode: '1.2', value: 'Z' },
      { questionCode: '2.1', value: ['a', 'a'] },
    ]);
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toEqual([
      'answers.0.questionCode',
      'answers.1.value',
      'answers.2.value',
    ]);
    const js = await patch(sid, w.operator.cookie, 0, [
      { questionCode: '1.1', value: true, evidence: [{ url: 'javascript:alert(1)' }] },
    ]);
    expect(js.status).toBe(422);
    expect(js.json.errors[0].path).toContain('answers.0.evidence.0');
    const view = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    expect(view.json.submission.answers).toEqual([]);
    expect(view.json.submission.version).toBe(0);
  });

  it('keeps every change in an append-only history', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: false, note: 'belum' }]);
    await patch(sid, w.operator.cookie, 1, [{ questionCode: '1.1', value: true }]);
    const history = await ctx.request('GET', `/api/submissions/${sid}/history?questionCode=1.1`, {
      cookie: w.operator.cookie,
    });
    expect(history.json.history.map((h: any) => [h.event, h.before?.value ?? null, h.after.value, h.actor.id])).toEqual(
      [
        ['answer.saved', null, false, w.operator.id],
        ['answer.saved', false, true, w.operator.id],
      ],
    );
    await expect(ctx.db.deleteFrom('submissionHistory').where('submissionId', '=', sid).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('tenancy', () => {
  it('an operator of another body gets 404 for the submission and its history; an evaluator reads it once assigned', async () => {
    const w = await saqWorld(ctx);
    const other = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
    const stranger = await ctx.factory.user('body_operator', { commissionId: w.commission.id, bodyId: other.id });
    expect((await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: stranger.cookie })).status).toBe(
      404,
    );
    expect(
      (await ctx.request('GET', `/api/submissions/${w.submission.id}/history`, { cookie: stranger.cookie })).status,
    ).toBe(404);
    expect((await patch(w.submission.id, stranger.cookie, 0, [{ questionCode: '1.1', value: true }])).status).toBe(404);
    const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    const before = await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: evaluator.cookie });
    expect(before.status).toBe(404);
    await ctx.factory.assign(w.submission.id, evaluator.id);
    const read = await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: evaluator.cookie });
    expect(read.status).toBe(200);
    expect(read.json.submission.scores.verified).toBe(0);
    expect((await patch(w.submission.id, evaluator.cookie, 0, [{ questionCode: '1.1', value: true }])).status).toBe(
      403,
    );
  });
});

describe('submitting', () => {
  it('answers 422 with `missing` until complete, then locks the SAQ', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    await patch(sid, w.operator.cookie, 0, [
      { questionCode: '1.1', value: true },
      { questionCode: '1.2', value: 'A' },
      { questionCode: '2.1', value: [] },
    ]);
    const incomplete = await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie });
    expect(incomplete.status).toBe(422);
    expect(incomplete.json.code).toBe('INCOMPLETE_SUBMISSION');
    // 1.1 claims the DIP without proof; 2.1 (nothing checked) earns nothing and needs none
    expect(incomplete.json.missing).toEqual(['1.1']);
    await patch(sid, w.operator.cookie, 1, [
      { questionCode: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
    ]);
    const done = await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie });
    expect(done.status).toBe(200);
    expect(done.json.submission).toMatchObject({ status: 'submitted', editable: false });
    const edit = await patch(sid, w.operator.cookie, 3, [{ questionCode: '1.2', value: 'B' }]);
    expect(done.json.submission.version).toBe(3);
    expect(edit.status).toBe(409);
    expect(edit.json.code).toBe('LOCKED');
    expect((await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie })).status).toBe(
      409,
    );
  });

  it('a commission admin reopens with a reason (audited); operators may not', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    await patch(sid, w.operator.cookie, 0, [
      { questionCode: '1.1', value: false },
      { questionCode: '1.2', value: 'C' },
      { questionCode: '2.1', value: [], evidence: [{ url: 'https://x.example.go.id' }] },
    ]);
    await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie });
    expect(
      (
        await ctx.request('POST', `/api/submissions/${sid}/reopen`, {
          cookie: w.operator.cookie,
          body: { reason: 'salah isi' },
        })
      ).status,
    ).toBe(403);
    const noReason = await ctx.request('POST', `/api/submissions/${sid}/reopen`, { cookie: w.admin.cookie, body: {} });
    expect(noReason.status).toBe(422);
    const reopened = await ctx.request('POST', `/api/submissions/${sid}/reopen`, {
      cookie: w.admin.cookie,
      body: { reason: 'Permintaan PPID: salah unggah' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json.submission.status).toBe('draft');
    const history = await ctx.request('GET', `/api/submissions/${sid}/history`, { cookie: w.admin.cookie });
    expect(history.json.history.at(-1)).toMatchObject({
      event: 'submission.reopened',
      reason: 'Permintaan PPID: salah unggah',
      actor: { id: w.admin.id },
    });
  });

  it('closing the SAQ locks drafts (scored as not submitted) unless extended; an extension reopens one body', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }]);
    const close = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'verification' },
    });
    expect(close.status).toBe(200);
    const locked = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    expect(locked.json.submission).toMatchObject({ status: 'locked', editable: false });
    expect(
      (await patch(sid, w.operator.cookie, locked.json.submission.version, [{ questionCode: '1.2', value: 'A' }]))
        .status,
    ).toBe(409);
    const past = await ctx.request('POST', `/api/submissions/${sid}/extension`, {
      cookie: w.admin.cookie,
      body: { until: '2020-01-01T00:00:00+07:00', reason: 'gangguan jaringan' },
    });
    expect(past.status).toBe(422);
    const until = new Date(Date.now() + 3 * 86400_000).toISOString();
    const extended = await ctx.request('POST', `/api/submissions/${sid}/extension`, {
      cookie: w.admin.cookie,
      body: { until, reason: 'Gangguan listrik di kantor PPID' },
    });
    expect(extended.status).toBe(200);
    expect(extended.json.submission).toMatchObject({ status: 'draft', editable: true, deadline: until });
    const save = await patch(sid, w.operator.cookie, extended.json.submission.version, [
      { questionCode: '1.2', value: 'A' },
    ]);
    expect(save.status).toBe(200);
  });
});

describe('carry forward', () => {
  it('copies last period’s answers and evidence of the same codes, flagged carried until saved again', async () => {
    const w = await saqWorld(ctx, { year: 2025 });
    await patch(w.submission.id, w.operator.cookie, 0, [
      {
        questionCode: '1.1',
        value: true,
        evidence: [{ url: 'https://ppid.example.go.id/dip-2025' }],
        note: 'DIP 2025',
      },
      { questionCode: '2.1', value: ['a', 'c'] },
    ]);
    const next = await w.openPeriod(2026);
    const mine = await ctx.request('GET', `/api/periods/${next}/submissions/mine`, { cookie: w.operator.cookie });
    const sid = mine.json.submission.id;
    await patch(sid, w.operator.cookie, 0, [{ questionCode: '2.1', value: ['b'] }]);
    const carried = await ctx.request('POST', `/api/submissions/${sid}/carry-forward`, { cookie: w.operator.cookie });
    expect(carried.status).toBe(200);
    expect(carried.json).toMatchObject({ carried: 1, fromYear: 2025 });
    const answers = carried.json.submission.answers;
    expect(answers.map((a: any) => [a.questionCode, a.value, a.carried])).toEqual([
      ['1.1', true, true],
      ['2.1', ['b'], false],
    ]);
    expect(answers[0].evidence).toMatchObject([{ url: 'https://ppid.example.go.id/dip-2025' }]);
    expect(answers[0].note).toBe('DIP 2025');
    const saved = await patch(sid, w.operator.cookie, carried.json.submission.version, [
      { questionCode: '1.1', value: true },
    ]);
    expect(saved.status).toBe(200);
    const after = await ctx.request('GET', `/api/submissions/${sid}`, { cookie: w.operator.cookie });
    expect(after.json.submission.answers[0].carried).toBe(false);
  });

  it('carries evidence files as records of the new submission (same bytes), beside the links, in their order', async () => {
    const w = await saqWorld(ctx, { year: 2025 });
    const upload = async (sid: string, name: string) => {
      const form = new FormData();
      const pdf = new TextEncoder().encode(`%PDF-1.7\n% ${name}\n%%EOF\n`);
      form.append('file', new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
      const res = await ctx.request('POST', `/api/submissions/${sid}/files`, { cookie: w.operator.cookie, form });
      expect(res.status).toBe(201);
      return res.json.fileId as string;
    };
    const [dip, sop] = [await upload(w.submission.id, 'dip.pdf'), await upload(w.submission.id, 'sop.pdf')];
    await patch(w.submission.id, w.operator.cookie, 0, [
      {
        questionCode: '1.1',
        value: true,
        evidence: [{ fileId: dip }, { url: 'https://ppid.example.go.id/dip' }, { fileId: sop }],
      },
      { questionCode: '1.2', value: 'A', evidence: [{ fileId: dip }] },
    ]);
    const next = await w.openPeriod(2026);
    const mine = await ctx.request('GET', `/api/periods/${next}/submissions/mine`, { cookie: w.operator.cookie });
    const sid = mine.json.submission.id;
    const carried = await ctx.request('POST', `/api/submissions/${sid}/carry-forward`, { cookie: w.operator.cookie });
    expect(carried.status).toBe(200);
    const byCode = new Map(carried.json.submission.answers.map((a: any) => [a.questionCode, a.evidence]));
    const first = byCode.get('1.1') as any[];
    expect(first.map((e) => e.url ?? e.name)).toEqual(['dip.pdf', 'https://ppid.example.go.id/dip', 'sop.pdf']);
    const copied = [first[0].fileId, first[2].fileId, (byCode.get('1.2') as any[])[0].fileId];
    // new records, none of them last year's, one for each reference (a file attached twice is copied twice)
    expect(copied.filter((id) => id === dip || id === sop)).toEqual([]);
    expect(new Set(copied).size).toBe(3);
    const rows = await ctx.db.selectFrom('files').select('submissionId').where('id', 'in', copied).execute();
    expect(rows.map((r) => r.submissionId)).toEqual([sid, sid, sid]);
    const download = await ctx.request('GET', `/api/files/${copied[1]}`, { cookie: w.operator.cookie });
    expect(download.status).toBe(200);
    expect(download.text).toContain('% sop.pdf');
  });
});

describe('scores after saves from elsewhere', () => {
  it('a save made by another server (version moved) is counted in the next scores, not hidden by a cache', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const first = await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.2', value: 'A' }]);
    expect(first.json.scores.self).toBe(22.22); // indicator 1 at 100 x 1/3, weighted 40 of 60
    // another instance answers 1.1 "yes" and moves the version
    const answerOf = await ctx.db
      .selectFrom('answers')
      .select('questionId')
      .where('submissionId', '=', sid)
      .executeTakeFirstOrThrow();
    const questionnaire = await ctx.db
      .selectFrom('questions')
      .select('questionnaireId')
      .where('id', '=', answerOf.questionId)
      .executeTakeFirstOrThrow();
    const q11 = await ctx.db
      .selectFrom('questions')
      .select('id')
      .where('questionnaireId', '=', questionnaire.questionnaireId)
      .where('code', '=', '1.1')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('answers')
      .values({
        submissionId: sid,
        questionId: q11.id,
        questionCode: '1.1',
        value: jsonb(true),
        selfPoints: '1',
        changedVersion: 2,
      })
      .execute();
    await ctx.db.updateTable('submissions').set({ version: 2 }).where('id', '=', sid).execute();
    const second = await patch(sid, w.operator.cookie, 2, [{ questionCode: '2.1', value: ['a'] }]);
    expect(second.status).toBe(200);
    // indicator 1: (2 + 1) / 3 = 100; indicator 2: 1/3 -> 33.33; SAQ = (100 x 40 + 33.33.. x 20) / 60 = 77.78
    expect(second.json.scores.indicators.map((i: any) => i.score)).toEqual([100, 33.33]);
    expect(second.json.scores.self).toBe(77.78);
  });
});

/** An app of its own over the test database, with an autosave state the test can look into. */
function appWithState() {
  const autosave = createAutosaveState(ctx.db);
  const app = createApp(ctx.deps, { autosave });
  const call = async (
    method: string,
    path: string,
    cookie: string,
    headers: Record<string, string>,
    body?: unknown,
  ) => {
    const res = await app.request(path, {
      method,
      headers: { origin: PUBLIC_URL, cookie, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  const save = (sid: string, cookie: string, version: number, answers: unknown[]) =>
    call(
      'PATCH',
      `/api/submissions/${sid}/answers`,
      cookie,
      { 'content-type': 'application/json', 'if-match': `"${version}"` },
      { answers },
    );
  const open = (sid: string, cookie: string) => call('GET', `/api/submissions/${sid}`, cookie, {});
  return { autosave, save, open };
}

describe('the autosave path that skips its read (the app knows the submission)', () => {
  it('still refuses a save once the deadline has passed, and takes it again when the deadline moves', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const { autosave, save } = appWithState();
    expect((await save(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }])).status).toBe(200);
    // the first save reads: the app knew nothing of the submission yet
    expect(autosave.counts).toEqual({ fastTried: 0, fastApplied: 0, fullReads: 1 });
    const schedule = (end: string) =>
      ctx.db
        .updateTable('periods')
        .set({ schedule: jsonb({ saq: { start: '2020-01-01', end } }) })
        .where('id', '=', w.periodId)
        .execute();
    await schedule('2020-01-31');
    const late = await save(sid, w.operator.cookie, 1, [{ questionCode: '1.2', value: 'A' }]);
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('STAGE_CLOSED');
    // the write without a read went first and its own SAQ window refused it; the full path then read and said why
    expect(autosave.counts).toEqual({ fastTried: 1, fastApplied: 0, fullReads: 2 });
    await schedule('2999-12-31');
    const again = await save(sid, w.operator.cookie, 1, [{ questionCode: '1.2', value: 'A' }]);
    expect(again.status).toBe(200);
    expect(again.json.version).toBe(2);
    expect(autosave.counts).toEqual({ fastTried: 2, fastApplied: 1, fullReads: 2 });
  });

  it('keeps a note that is not sent and records history exactly as the full path does', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const { autosave, save } = appWithState();
    await save(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: false, note: 'belum ada' }]);
    await save(sid, w.operator.cookie, 1, [{ questionCode: '1.1', value: true }]);
    await save(sid, w.operator.cookie, 2, [{ questionCode: '1.1', value: true, note: null }]);
    // the first save read; the other two were written without a read
    expect(autosave.counts).toEqual({ fastTried: 2, fastApplied: 2, fullReads: 1 });
    const history = await ctx.request('GET', `/api/submissions/${sid}/history?questionCode=1.1`, {
      cookie: w.operator.cookie,
    });
    expect(history.json.history.map((h: any) => [h.before, h.after])).toEqual([
      [null, { value: false, note: 'belum ada' }],
      [{ value: false, note: 'belum ada' }, { value: true }],
      [
        { value: true, note: 'belum ada' },
        { value: true, note: null },
      ],
    ]);
  });

  it('a locked submission is refused though the app last saw it as a draft', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const { autosave, save } = appWithState();
    await save(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }]);
    // locked elsewhere (another instance closing the SAQ) without this app seeing it
    await ctx.db.updateTable('submissions').set({ status: 'locked' }).where('id', '=', sid).execute();
    const res = await save(sid, w.operator.cookie, 1, [{ questionCode: '1.2', value: 'A' }]);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('LOCKED');
    // the write without a read was tried and did not apply; the full path read and refused
    expect(autosave.counts).toEqual({ fastTried: 1, fastApplied: 0, fullReads: 2 });
    const answers = await ctx.db.selectFrom('answers').select('questionCode').where('submissionId', '=', sid).execute();
    expect(answers.map((a) => a.questionCode)).toEqual(['1.1']);
  });

  it('many bodies saving at once each get their own version and scores', async () => {
    const worlds = await Promise.all(Array.from({ length: 6 }, () => saqWorld(ctx)));
    const { autosave, save } = appWithState();
    // a first save each (indicator 2), which reads, so that the app knows every submission
    for (const w of worlds) await save(w.submission.id, w.operator.cookie, 0, [{ questionCode: '2.1', value: [] }]);
    const results = await Promise.all(
      worlds.map((w, i) =>
        save(w.submission.id, w.operator.cookie, 1, [{ questionCode: '1.2', value: i % 2 === 0 ? 'A' : 'B' }]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(results.map((r) => r.json.version)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(autosave.counts).toEqual({ fastTried: 6, fastApplied: 6, fullReads: 6 });
    // indicator 1: 1.2 has weight 1 of 3 -> A: 33.33, B: 16.67; SAQ = indicator 1 x 40 / 60
    expect(results.map((r) => r.json.scores.indicators[0].score)).toEqual([33.33, 16.67, 33.33, 16.67, 33.33, 16.67]);
    for (const [i, w] of worlds.entries()) {
      const stored = await ctx.db
        .selectFrom('answers')
        .select('value')
        .where('submissionId', '=', w.submission.id)
        .where('questionCode', '=', '1.2')
        .executeTakeFirstOrThrow();
      expect(stored.value).toBe(i % 2 === 0 ? 'A' : 'B');
    }
  });
});

describe('the autosave state belongs to one app', () => {
  it('opening a submission teaches the app nothing: the view is a pure read', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const { autosave, save, open } = appWithState();
    expect((await open(sid, w.operator.cookie)).status).toBe(200);
    expect(autosave.known.size).toBe(0);
    expect((await save(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }])).status).toBe(200);
    expect(autosave.counts).toEqual({ fastTried: 0, fastApplied: 0, fullReads: 1 });
  });

  it('two apps in one process share nothing: what app A learns from its saves, app B does not use', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const a = appWithState();
    const b = appWithState();
    expect((await a.save(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }])).status).toBe(200);
    expect((await a.save(sid, w.operator.cookie, 1, [{ questionCode: '1.2', value: 'A' }])).status).toBe(200);
    expect(a.autosave.counts).toEqual({ fastTried: 1, fastApplied: 1, fullReads: 1 });
    expect([...a.autosave.known.keys()]).toEqual([sid]);
    expect(a.autosave.questionnaires.size).toBe(1);
    // B has neither A's submission nor A's questionnaire: its first save reads and loads its own
    expect(b.autosave.known.size).toBe(0);
    expect(b.autosave.questionnaires.size).toBe(0);
    const fromB = await b.save(sid, w.operator.cookie, 2, [{ questionCode: '2.1', value: ['a'] }]);
    expect(fromB.status).toBe(200);
    expect(fromB.json.version).toBe(3);
    expect(b.autosave.counts).toEqual({ fastTried: 0, fastApplied: 0, fullReads: 1 });
    expect(b.autosave.questionnaires.size).toBe(1);
    expect(b.autosave.questionnaires.get([...b.autosave.questionnaires.keys()][0] as string)).not.toBe(
      a.autosave.questionnaires.get([...a.autosave.questionnaires.keys()][0] as string),
    );
    // A still knows version 2: its write without a read is refused, it reads, and its scores count B's answer
    const fromA = await a.save(sid, w.operator.cookie, 3, [{ questionCode: '1.1', value: false }]);
    expect(fromA.status).toBe(200);
    expect(fromA.json.version).toBe(4);
    expect(a.autosave.counts).toEqual({ fastTried: 2, fastApplied: 1, fullReads: 2 });
    // indicator 1: 1.2 "A" alone (1/3) -> 33.33; indicator 2: 2.1 ["a"] -> 33.33
    expect(fromA.json.scores.indicators.map((i: any) => i.score)).toEqual([33.33, 33.33]);
  });
});

describe('the staff list', () => {
  it('lists bodies that have not opened the SAQ beside the submissions, until they open it', async () => {
    const w = await saqWorld(ctx);
    const quiet = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
    const operator = await ctx.factory.user('body_operator', { commissionId: w.commission.id, bodyId: quiet.id });
    const list = async () =>
      (await ctx.request('GET', `/api/periods/${w.periodId}/submissions`, { cookie: w.admin.cookie })).json;
    const before = await list();
    expect(before.submissions.map((s: any) => s.bodyId)).toEqual([w.body.id]);
    expect(before.notStarted).toEqual([
      {
        bodyId: quiet.id,
        bodyName: quiet.name,
        categoryCode: 'KEMENTERIAN',
        ppidEmail: null,
        operators: [{ name: operator.name, email: operator.email }],
      },
    ]);
    await ctx.request('GET', `/api/periods/${w.periodId}/submissions/mine`, { cookie: operator.cookie });
    const after = await list();
    expect(after.submissions.map((s: any) => s.bodyId).sort()).toEqual([w.body.id, quiet.id].sort());
    expect(after.notStarted).toEqual([]);
  });
});

// last in this file, after every writer of answers and history above (fast and full autosave, evidence, carry forward,
// reopening, extension) has run: answers and history have no foreign-key triggers on their hot columns (migrations
// 0004 and 0005), so the references their writers keep are checked here, and more strictly than a key would
describe('references kept by the writers of answers and history', () => {
  it('every answer names an existing submission, a question of that submission’s questionnaire and a real user', async () => {
    const w = await saqWorld(ctx);
    const sid = w.submission.id;
    const first = await patch(sid, w.operator.cookie, 0, [{ questionCode: '1.1', value: true }]);
    const withEvidence = await patch(sid, w.operator.cookie, first.json.version, [
      { questionCode: '1.2', value: 'A', evidence: [{ url: 'https://example.org/sop.pdf' }] },
    ]);
    expect([first.status, withEvidence.status]).toEqual([200, 200]);
    const answers = await sql<{ n: number }>`
      select count(*)::int as n from answers a
      left join submissions s on s.id = a.submission_id
      left join bodies b on b.id = s.body_id
      left join questions q on q.id = a.question_id and q.code = a.question_code
      left join questionnaires qn on qn.id = q.questionnaire_id
        and qn.period_id = s.period_id and qn.category_id = b.category_id
      left join users u on u.id = a.updated_by
      where s.id is null or qn.id is null or (a.updated_by is not null and u.id is null)`.execute(ctx.db);
    const history = await sql<{ n: number }>`
      select count(*)::int as n from submission_history h
      left join submissions s on s.id = h.submission_id
      left join users u on u.id = h.actor_id
      where s.id is null or (h.actor_id is not null and u.id is null)`.execute(ctx.db);
    const checked = await sql<{ answers: number; history: number }>`
      select (select count(*)::int from answers) as answers, (select count(*)::int from submission_history) as history`.execute(
      ctx.db,
    );
    // the file's saves are all there to check, and none of them is broken
    expect(checked.rows[0]?.answers).toBeGreaterThan(20);
    expect(checked.rows[0]?.history).toBeGreaterThan(20);
    expect(answers.rows[0]?.n).toBe(0);
    expect(history.rows[0]?.n).toBe(0);
  });
});
