import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
const DOCX = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0, 0, 0, 1, 2, 3, 4]);

function form(bytes: Uint8Array, name: string) {
  const f = new FormData();
  f.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return f;
}

/**
 * SMALL_SAQ answered and submitted (1.1 yes, 1.2 B = 0.5, 2.1 all three items, with their evidence), the period moved
 * to verification, the submission assigned to an evaluator. `stopAt` leaves the period earlier; `draft` leaves the
 * SAQ a draft under a running extension (the only draft the verification stage can meet).
 */
async function verificationWorld(options: { stopAt?: 'saq'; draft?: boolean } = {}) {
  const w = await saqWorld(ctx);
  const sid = w.submission.id;
  const upload = async (bytes: Uint8Array, name: string) => {
    const res = await ctx.request('POST', `/api/submissions/${sid}/files`, {
      cookie: w.operator.cookie,
      form: form(bytes, name),
    });
    expect(res.status).toBe(201);
    return res.json.fileId as string;
  };
  const pdf = await upload(PDF, 'dip.pdf');
  const docx = await upload(DOCX, 'sop.docx');
  const png = await upload(PNG, 'bagan.png');
  const saved = await ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
    cookie: w.operator.cookie,
    headers: { 'if-match': '"0"' },
    body: {
      answers: [
        { questionCode: '1.1', value: true, evidence: [{ fileId: pdf }, { fileId: docx }] },
        { questionCode: '1.2', value: 'B', evidence: [{ fileId: png }] },
        { questionCode: '2.1', value: ['a', 'b', 'c'], evidence: [{ url: 'https://ppid.example.go.id/kanal' }] },
      ],
    },
  });
  expect(saved.status).toBe(200);
  if (options.draft) {
    const ext = await ctx.request('POST', `/api/submissions/${sid}/extension`, {
      cookie: w.admin.cookie,
      body: { until: new Date(Date.now() + 7 * 86400_000).toISOString(), reason: 'Gangguan jaringan' },
    });
    expect(ext.status).toBe(200);
  } else {
    expect((await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie })).status).toBe(
      200,
    );
  }
  const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
  await ctx.factory.assign(sid, evaluator.id);
  const stranger = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
  if (options.stopAt !== 'saq') {
    const moved = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'verification' },
    });
    expect(moved.status).toBe(200);
  }
  const verify = (cookie: string, items: unknown[]) =>
    ctx.request('PATCH', `/api/submissions/${sid}/verification`, { cookie, body: { items } });
  const complete = (cookie: string) => ctx.request('POST', `/api/submissions/${sid}/verification/complete`, { cookie });
  return { ...w, sid, pdf, docx, png, evaluator, stranger, verify, complete };
}

describe('PATCH /submissions/:sid/verification', () => {
  it('accepts and corrects items with exact verified scores (a checklist of 3 corrected to 2: thirds)', async () => {
    const w = await verificationWorld();
    const accepted = await w.verify(w.evaluator.cookie, [
      { questionCode: '1.1', value: true },
      { questionCode: '1.2', value: 'B', reason: 'ignored: same as the answer' },
    ]);
    expect(accepted.status).toBe(200);
    // self: indicator 1 = 100 x (1 x 2 + 0.5 x 1) / 3 = 250/3, indicator 2 = 100; SAQ = (250/3 x 40 + 100 x 20) / 60
    // = 16000/180 = 88.888... -> 88.89; nothing changed yet, so verified = self
    expect(accepted.json).toMatchObject({
      verificationState: 'in_progress',
      progress: { verified: 2, total: 3 },
      scores: { self: 88.89, verified: 88.89 },
    });
    const corrected = await w.verify(w.evaluator.cookie, [
      { questionCode: '2.1', value: ['b', 'a'], reason: 'Aplikasi dan media sosial tidak ditemukan; hanya 2 kanal' },
    ]);
    expect(corrected.status).toBe(200);
    // verified: indicator 2 = 100 x 2/3 = 200/3; SAQ = (250/3 x 40 + 200/3 x 20) / 60 = 14000/180 = 77.777... -> 77.78
    expect(corrected.json).toMatchObject({
      verificationState: 'in_progress',
      progress: { verified: 3, total: 3 },
      scores: { self: 88.89, verified: 77.78 },
    });
    const rows = await ctx.db
      .selectFrom('answers')
      .select(['questionCode', 'verifiedValue', 'verifiedPoints', 'verifiedReason', 'verifiedBy', 'verifiedAt'])
      .where('submissionId', '=', w.sid)
      .orderBy('questionCode')
      .execute();
    expect(rows.map((r) => [r.questionCode, r.verifiedValue, String(r.verifiedPoints), r.verifiedReason])).toEqual([
      ['1.1', true, '1', null],
      ['1.2', 'B', '0.5', null],
      ['2.1', ['b', 'a'], '2', 'Aplikasi dan media sosial tidak ditemukan; hanya 2 kanal'],
    ]);
    expect(rows.every((r) => r.verifiedBy === w.evaluator.id && r.verifiedAt instanceof Date)).toBe(true);

    // the staff view: the state, who verified each item and when, the verified score
    const view = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.evaluator.cookie });
    expect(view.status).toBe(200);
    const s = view.json.submission;
    expect(s.verificationState).toBe('in_progress');
    expect(s.scores).toMatchObject({ self: 88.89, verified: 77.78 });
    const item = s.verification.find((v: any) => v.questionCode === '2.1');
    expect(item).toMatchObject({ value: ['b', 'a'], verifiedBy: { id: w.evaluator.id, name: 'User evaluator' } });
    expect(Date.parse(item.verifiedAt)).not.toBeNaN();
    // the body sees no verification before it is released (the objection stage)
    const body = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(body.json.submission.verification).toBeUndefined();
    expect(body.json.submission.verificationState).toBeUndefined();
    expect(body.json.submission.scores.verified).toBeUndefined();

    // the trail: one entry per changed item, the accepted ones without a reason
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.admin.cookie });
    const set = history.json.history.filter((h: any) => h.event === 'verification.set');
    expect(set.map((h: any) => [h.questionCode, h.before, h.after, h.reason])).toEqual([
      ['1.1', null, { value: true }, undefined],
      ['1.2', null, { value: 'B' }, undefined],
      ['2.1', null, { value: ['b', 'a'] }, 'Aplikasi dan media sosial tidak ditemukan; hanya 2 kanal'],
    ]);
    expect(set.every((h: any) => h.actor.id === w.evaluator.id)).toBe(true);

    // the same value again changes nothing and adds nothing to the trail
    const again = await w.verify(w.evaluator.cookie, [{ questionCode: '1.1', value: true }]);
    expect(again.status).toBe(200);
    const after = await ctx.request('GET', `/api/submissions/${w.sid}/history?questionCode=1.1`, {
      cookie: w.admin.cookie,
    });
    expect(after.json.history.filter((h: any) => h.event === 'verification.set')).toHaveLength(1);
  });

  it('checks every value against its question and lists every bad item (422), writing nothing', async () => {
    const w = await verificationWorld();
    const res = await w.verify(w.evaluator.cookie, [
      { questionCode: '1.1', value: 'yes' },
      { questionCode: '1.2', value: 'Z' },
      { questionCode: '2.1', value: ['a', 'a'] },
      { questionCode: '9.9', value: true },
    ]);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('VALIDATION_FAILED');
    expect(res.json.errors.map((e: any) => e.path)).toEqual([
      'items.0.value',
      'items.1.value',
      'items.2.value',
      'items.3.questionCode',
    ]);
    const twice = await w.verify(w.evaluator.cookie, [
      { questionCode: '1.1', value: true },
      { questionCode: '1.1', value: true },
    ]);
    expect(twice.status).toBe(422);
    const verified = await ctx.db
      .selectFrom('answers')
      .select('questionCode')
      .where('submissionId', '=', w.sid)
      .where('verifiedAt', 'is not', null)
      .execute();
    expect(verified).toEqual([]);
  });

  it('requires a reason where the value differs from the answer (an unanswered question’s answer is null)', async () => {
    const w = await verificationWorld();
    const res = await w.verify(w.evaluator.cookie, [
      { questionCode: '1.1', value: true },
      { questionCode: '1.2', value: 'C' },
      { questionCode: '2.1', value: ['a'], reason: '  ' },
    ]);
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['items.1.reason', 'items.2.reason']);
    // nothing of the request was kept, not even the valid item
    const state = await ctx.db
      .selectFrom('submissions')
      .select('verificationState')
      .where('id', '=', w.sid)
      .executeTakeFirstOrThrow();
    expect(state.verificationState).toBe('not_started');
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.admin.cookie });
    expect(history.json.history.filter((h: any) => h.event.startsWith('verification'))).toEqual([]);
  });

  it('verifies a question the body left unanswered: null accepts it, a value needs a reason', async () => {
    const w = await saqWorld(ctx);
    // a locked draft (never submitted): the SAQ closed on it with one answer
    await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '"0"' },
      body: { answers: [{ questionCode: '1.2', value: 'A' }] },
    });
    const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    await ctx.factory.assign(w.submission.id, evaluator.id);
    await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'verification' },
    });
    const path = `/api/submissions/${w.submission.id}/verification`;
    const noReason = await ctx.request('PATCH', path, {
      cookie: evaluator.cookie,
      body: { items: [{ questionCode: '1.1', value: true }] },
    });
    expect(noReason.status).toBe(422);
    const ok = await ctx.request('PATCH', path, {
      cookie: w.admin.cookie,
      body: {
        items: [
          { questionCode: '1.1', value: null },
          { questionCode: '1.2', value: 'A' },
          { questionCode: '2.1', value: ['c'], reason: 'Media sosial resmi ditemukan saat verifikasi' },
        ],
      },
    });
    expect(ok.status).toBe(200);
    // self: indicator 1 = 100 x 1 / 3 = 100/3, indicator 2 = 0: SAQ = (100/3 x 40) / 60 = 22.22
    // verified: indicator 2 = 100/3 too: SAQ = (100/3 x 40 + 100/3 x 20) / 60 = 100/3 = 33.33
    expect(ok.json).toMatchObject({ progress: { verified: 3, total: 3 }, scores: { self: 22.22, verified: 33.33 } });
    const done = await ctx.request('POST', `${path}/complete`, { cookie: evaluator.cookie });
    expect(done.status).toBe(200);
    const view = await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: evaluator.cookie });
    expect(view.json.submission.progress.answered).toBe(1);
    expect(view.json.submission.verification.map((v: any) => [v.questionCode, v.value])).toEqual([
      ['1.1', null],
      ['1.2', 'A'],
      ['2.1', ['c']],
    ]);
  });

  it('is open only in the verification stage (409 STAGE_CLOSED), and not for a draft (409)', async () => {
    const early = await verificationWorld({ stopAt: 'saq' });
    const before = await early.verify(early.evaluator.cookie, [{ questionCode: '1.1', value: true }]);
    expect(before.status).toBe(409);
    expect(before.json.code).toBe('STAGE_CLOSED');
    expect((await early.complete(early.admin.cookie)).json.code).toBe('STAGE_CLOSED');

    const w = await verificationWorld();
    await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'objection' },
    });
    const after = await w.verify(w.admin.cookie, [{ questionCode: '1.1', value: true }]);
    expect(after.status).toBe(409);
    expect(after.json.code).toBe('STAGE_CLOSED');

    const draft = await verificationWorld({ draft: true });
    const res = await draft.verify(draft.evaluator.cookie, [{ questionCode: '1.1', value: true }]);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('CONFLICT');
  });

  it('is for the assigned evaluator and the commission admin only', async () => {
    const w = await verificationWorld();
    const item = [{ questionCode: '1.1', value: true }];
    expect((await w.verify(w.stranger.cookie, item)).status).toBe(404);
    expect((await w.complete(w.stranger.cookie)).status).toBe(404);
    const leadership = await ctx.factory.user('leadership', { commissionId: w.commission.id });
    expect((await w.verify(leadership.cookie, item)).status).toBe(403);
    expect((await w.verify(w.operator.cookie, item)).status).toBe(403);
    const other = await ctx.factory.commission();
    const foreign = await ctx.factory.user('commission_admin', { commissionId: other.id });
    expect((await w.verify(foreign.cookie, item)).status).toBe(404);
    expect((await w.verify(w.admin.cookie, item)).status).toBe(200);
    expect((await w.verify(w.evaluator.cookie, item)).status).toBe(200);
  });
});

describe('POST /submissions/:sid/verification/complete', () => {
  it('completes only when every question is verified (422 with missing), and a change reopens it', async () => {
    const w = await verificationWorld();
    await w.verify(w.evaluator.cookie, [{ questionCode: '1.1', value: true }]);
    const early = await w.complete(w.evaluator.cookie);
    expect(early.status).toBe(422);
    expect(early.json.missing).toEqual(['1.2', '2.1']);
    await w.verify(w.evaluator.cookie, [
      { questionCode: '1.2', value: 'B' },
      { questionCode: '2.1', value: ['a', 'b', 'c'] },
    ]);
    const done = await w.complete(w.evaluator.cookie);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ verificationState: 'complete' });
    const row = await ctx.db
      .selectFrom('submissions')
      .select(['verificationState', 'verificationCompletedAt', 'verificationCompletedBy'])
      .where('id', '=', w.sid)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ verificationState: 'complete', verificationCompletedBy: w.evaluator.id });
    expect(row.verificationCompletedAt).toBeInstanceOf(Date);
    // completing again adds nothing; a change after completing puts it back in progress
    expect((await w.complete(w.evaluator.cookie)).status).toBe(200);
    const changed = await w.verify(w.admin.cookie, [
      { questionCode: '1.2', value: 'C', reason: 'Tautan berkala kosong' },
    ]);
    expect(changed.json.verificationState).toBe('in_progress');
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.admin.cookie });
    const events = history.json.history.filter((h: any) => h.event.startsWith('verification')).map((h: any) => h.event);
    expect(events).toEqual([
      'verification.set',
      'verification.set',
      'verification.set',
      'verification.completed',
      'verification.set',
    ]);
    const last = history.json.history.at(-1);
    expect(last).toMatchObject({ questionCode: '1.2', before: { value: 'B' }, after: { value: 'C' } });
    const list = await ctx.request('GET', `/api/periods/${w.periodId}/submissions`, { cookie: w.admin.cookie });
    expect(list.json.submissions[0].verificationState).toBe('in_progress');
  });

  it('is refused to an unassigned evaluator (404), leadership (403) and the body (403)', async () => {
    const w = await verificationWorld();
    expect((await w.complete(w.stranger.cookie)).status).toBe(404);
    const leadership = await ctx.factory.user('leadership', { commissionId: w.commission.id });
    expect((await w.complete(leadership.cookie)).status).toBe(403);
    expect((await w.complete(w.operator.cookie)).status).toBe(403);
  });
});

describe('GET /files/:fileId?inline=1', () => {
  it('shows a PDF inline in a sandbox framed by our pages only; other types stay attachments', async () => {
    const w = await verificationWorld();
    const inline = await ctx.request('GET', `/api/files/${w.pdf}?inline=1`, { cookie: w.evaluator.cookie });
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename="dip.pdf"/);
    expect(inline.headers.get('content-security-policy')).toBe(
      "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    expect(inline.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    // the other security headers are still there
    expect(inline.headers.get('referrer-policy')).toBe('no-referrer');
    expect(inline.bytes).toEqual(PDF);

    const download = await ctx.request('GET', `/api/files/${w.pdf}`, { cookie: w.evaluator.cookie });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-frame-options')).toBe('DENY');
    expect(download.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    // an image too, with its stored type
    const image = await ctx.request('GET', `/api/files/${w.png}?inline=1`, { cookie: w.admin.cookie });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline; filename="bagan.png"/);
    expect(image.headers.get('x-frame-options')).toBe('SAMEORIGIN');

    const docx = await ctx.request('GET', `/api/files/${w.docx}?inline=1`, { cookie: w.evaluator.cookie });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(docx.headers.get('x-frame-options')).toBe('DENY');
  });

  it('keeps the download’s access rule: an unassigned evaluator gets 404', async () => {
    const w = await verificationWorld();
    expect((await ctx.request('GET', `/api/files/${w.pdf}?inline=1`, { cookie: w.stranger.cookie })).status).toBe(404);
    expect((await ctx.request('GET', `/api/files/${w.pdf}?inline=1`)).status).toBe(401);
    expect((await ctx.request('GET', `/api/files/${w.pdf}?inline=yes`, { cookie: w.evaluator.cookie })).status).toBe(
      422,
    );
  });

  it('lets the app’s pages frame our own files (frame-src), and nothing frame the pages', async () => {
    const res = await ctx.request('GET', '/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
