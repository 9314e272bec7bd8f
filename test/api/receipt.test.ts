import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSubmission, groupFingerprint } from '../../src/domain/receipt.ts';
import { EVIDENCE, saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 25, item 7: the receipt of a submitted SAQ, its fingerprint and its mail. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const patch = (sid: string, cookie: string, version: number, answers: unknown[]) =>
  ctx.request('PATCH', `/api/submissions/${sid}/answers`, {
    cookie,
    headers: { 'if-match': `"${version}"` },
    body: { answers },
  });

async function upload(sid: string, cookie: string, name: string) {
  const form = new FormData();
  const pdf = new TextEncoder().encode(`%PDF-1.7\n% ${name}\n%%EOF\n`);
  form.append('file', new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
  const res = await ctx.request('POST', `/api/submissions/${sid}/files`, { cookie, form });
  expect(res.status).toBe(201);
  return res.json as { fileId: string; sha256: string };
}

/** A submitted SAQ: 1.1 with a file and a link, 1.2 with a note, 2.1 a checklist with a link. */
async function submittedWorld() {
  const w = await saqWorld(ctx);
  const sid = w.submission.id;
  const file = await upload(sid, w.operator.cookie, 'dip.pdf');
  const saved = await patch(sid, w.operator.cookie, 0, [
    { questionCode: '1.1', value: true, evidence: [{ fileId: file.fileId }, ...EVIDENCE] },
    { questionCode: '1.2', value: 'B', note: 'Sebagian besar' },
    { questionCode: '2.1', value: ['c', 'a'], evidence: EVIDENCE },
  ]);
  expect(saved.status).toBe(200);
  const submitted = await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie });
  expect(submitted.status).toBe(200);
  return { ...w, sid, file, submitted: submitted.json.submission };
}

/** The fingerprint recomputed here from the stored rows, independently of the service. */
async function recompute(sid: string) {
  const answers = await ctx.db
    .selectFrom('answers')
    .select(['questionCode', 'value', 'note'])
    .where('submissionId', '=', sid)
    .execute();
  const evidence = await ctx.db
    .selectFrom('evidence as e')
    .leftJoin('files as f', 'f.id', 'e.fileId')
    .select(['e.questionCode', 'e.url', 'f.sha256', 'e.position'])
    .where('e.submissionId', '=', sid)
    .orderBy('e.position')
    .execute();
  const text = canonicalSubmission(
    answers.map((a) => ({
      questionCode: a.questionCode,
      value: a.value,
      note: a.note,
      evidence: evidence
        .filter((e) => e.questionCode === a.questionCode)
        .map((e) => (e.url ? { url: e.url } : { sha256: e.sha256 as string })),
    })),
  );
  return bytesToHex(sha256(utf8ToBytes(text)));
}

describe('GET /submissions/:sid/receipt', () => {
  it('gives body, period, time, counts and a fingerprint reproducible from the stored answers', async () => {
    const w = await submittedWorld();
    const res = await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.operator.cookie });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({
      submissionId: w.sid,
      bodyName: w.body.name,
      periodTitle: 'Monev 2026',
      year: 2026,
      submittedAt: w.submitted.submittedAt,
      answered: 3,
      total: 3,
      evidence: 3,
      algorithm: 'SHA-256',
    });
    expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(r.fingerprint).toBe(await recompute(w.sid));
    expect(r.fingerprintLines).toEqual(groupFingerprint(r.fingerprint));
    expect(r.fingerprintLines.join('').replaceAll(' ', '')).toBe(r.fingerprint);
    // the same one is kept in the history of the submission
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.operator.cookie });
    const submitted = history.json.history.find((h: any) => h.event === 'submission.submitted');
    expect(submitted.after.fingerprint).toBe(r.fingerprint);
    // reading it twice gives the same
    const again = await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.admin.cookie });
    expect(again.json.fingerprint).toBe(r.fingerprint);
  });

  it('changes when an answer changes after a reopening, and when only the evidence changes', async () => {
    const w = await submittedWorld();
    const first = (await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.operator.cookie })).json;
    const reopened = await ctx.request('POST', `/api/submissions/${w.sid}/reopen`, {
      cookie: w.admin.cookie,
      body: { reason: 'Perbaikan jawaban 1.2' },
    });
    expect(reopened.status).toBe(200);
    // no receipt while open again
    const open = await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.operator.cookie });
    expect(open.status).toBe(409);
    const changed = await patch(w.sid, w.operator.cookie, reopened.json.submission.version, [
      { questionCode: '1.2', value: 'A' },
    ]);
    expect(changed.status).toBe(200);
    await ctx.request('POST', `/api/submissions/${w.sid}/submit`, { cookie: w.operator.cookie });
    const second = (await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.operator.cookie })).json;
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.fingerprint).toBe(await recompute(w.sid));

    // the same value back, the evidence of 2.1 swapped for a file: another fingerprint
    const reopen2 = await ctx.request('POST', `/api/submissions/${w.sid}/reopen`, {
      cookie: w.admin.cookie,
      body: { reason: 'Bukti 2.1' },
    });
    const file = await upload(w.sid, w.operator.cookie, 'kanal.pdf');
    await patch(w.sid, w.operator.cookie, reopen2.json.submission.version, [
      { questionCode: '2.1', value: ['a', 'c'], evidence: [{ fileId: file.fileId }] },
    ]);
    await ctx.request('POST', `/api/submissions/${w.sid}/submit`, { cookie: w.operator.cookie });
    const third = (await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.operator.cookie })).json;
    expect(third.fingerprint).not.toBe(second.fingerprint);
    expect(third.fingerprint).toBe(await recompute(w.sid));
  });

  it('is 409 before the submit; others’ submissions are 404; staff of the commission read it', async () => {
    const w = await saqWorld(ctx);
    const draft = await ctx.request('GET', `/api/submissions/${w.submission.id}/receipt`, {
      cookie: w.operator.cookie,
    });
    expect(draft.status).toBe(409);
    const done = await submittedWorld();
    const other = await ctx.request('GET', `/api/submissions/${done.sid}/receipt`, { cookie: w.operator.cookie });
    expect(other.status).toBe(404);
    const foreignAdmin = await ctx.request('GET', `/api/submissions/${done.sid}/receipt`, { cookie: w.admin.cookie });
    expect(foreignAdmin.status).toBe(404);
    const admin = await ctx.request('GET', `/api/submissions/${done.sid}/receipt`, { cookie: done.admin.cookie });
    expect(admin.status).toBe(200);
    expect((await ctx.request('GET', `/api/submissions/${done.sid}/receipt`)).status).toBe(401);
  });
});

describe('the receipt mail', () => {
  it('is queued to the body’s operators in the submit, Indonesian first, with the fingerprint', async () => {
    const w = await submittedWorld();
    const receipt = (await ctx.request('GET', `/api/submissions/${w.sid}/receipt`, { cookie: w.operator.cookie })).json;
    const mails = await ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'body', 'kind'])
      .where('kind', '=', 'submission.receipt')
      .where(({ eb, ref }) => eb(ref('payload', '->>').key('submissionId' as never), '=', w.sid))
      .execute();
    const operator = await ctx.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', w.operator.id)
      .executeTakeFirstOrThrow();
    expect(mails.map((m) => m.recipient)).toContain(operator.email);
    const mail = mails[0]!;
    expect(mail.subject).toContain('Tanda terima SAQ');
    expect(mail.body.indexOf('Kuesioner penilaian mandiri')).toBeLessThan(mail.body.indexOf('The self-assessment'));
    for (const line of receipt.fingerprintLines) expect(mail.body).toContain(line);
    expect(mail.body).toContain(`/submissions/${w.sid}/receipt`);
    expect(mail.body).toContain('3 dari 3');
  });

  it('is not queued when the submit is refused', async () => {
    const w = await saqWorld(ctx);
    const refused = await ctx.request('POST', `/api/submissions/${w.submission.id}/submit`, {
      cookie: w.operator.cookie,
    });
    expect(refused.status).toBe(422);
    const mails = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'submission.receipt')
      .where(({ eb, ref }) => eb(ref('payload', '->>').key('submissionId' as never), '=', w.submission.id))
      .execute();
    expect(mails).toEqual([]);
  });
});

describe('canonicalSubmission', () => {
  it('ignores key order, checklist order and unanswered questions; keeps evidence order', () => {
    const a = canonicalSubmission([
      { questionCode: '2.1', value: ['c', 'a'], note: null, evidence: [{ url: 'https://a' }, { sha256: 'ff' }] },
      { questionCode: '1.1', value: true, note: 'x', evidence: [] },
      { questionCode: '1.3', value: null, note: null, evidence: [] },
    ]);
    const b = canonicalSubmission([
      { questionCode: '1.1', value: true, note: 'x', evidence: [] },
      { questionCode: '2.1', value: ['a', 'c'], note: null, evidence: [{ url: 'https://a' }, { sha256: 'ff' }] },
    ]);
    expect(a).toBe(b);
    const swapped = canonicalSubmission([
      { questionCode: '1.1', value: true, note: 'x', evidence: [] },
      { questionCode: '2.1', value: ['a', 'c'], note: null, evidence: [{ sha256: 'ff' }, { url: 'https://a' }] },
    ]);
    expect(swapped).not.toBe(a);
  });
});
