import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE, saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 25, item 6: answers copied from last year stay marked until confirmed or changed; submit asks for them. */

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

const confirm = (sid: string, cookie: string, version: number | undefined, questionCodes: unknown) =>
  ctx.request('POST', `/api/submissions/${sid}/carried/confirm`, {
    cookie,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    body: { questionCodes },
  });

/** A body that answered all of 2025 (1.1 with evidence), and its 2026 submission with those answers carried. */
async function carriedWorld() {
  const w = await saqWorld(ctx, { year: 2025 });
  const saved = await patch(w.submission.id, w.operator.cookie, 0, [
    { questionCode: '1.1', value: true, evidence: EVIDENCE },
    { questionCode: '1.2', value: 'A' },
    { questionCode: '2.1', value: ['a', 'b'], evidence: EVIDENCE },
  ]);
  expect(saved.status).toBe(200);
  const next = await w.openPeriod(2026);
  const mine = await ctx.request('GET', `/api/periods/${next}/submissions/mine`, { cookie: w.operator.cookie });
  expect(mine.json.submission.carryForward).toEqual({ available: true, fromYear: 2025 });
  const sid = mine.json.submission.id as string;
  const carried = await ctx.request('POST', `/api/submissions/${sid}/carry-forward`, { cookie: w.operator.cookie });
  expect(carried.status).toBe(200);
  expect(carried.json.carried).toBe(3);
  return { ...w, sid, version: carried.json.submission.version as number, next };
}

const carriedOf = (submission: any) =>
  submission.answers.filter((a: any) => a.carried).map((a: any) => a.questionCode as string);

describe('confirming carried answers', () => {
  it('confirms one or several without changing their values, records it, and moves the version', async () => {
    const w = await carriedWorld();
    const one = await confirm(w.sid, w.operator.cookie, w.version, ['1.2']);
    expect(one.status).toBe(200);
    expect(one.json.confirmed).toEqual(['1.2']);
    expect(one.json.submission.version).toBe(w.version + 1);
    expect(one.headers.get('etag')).toBe(`"${w.version + 1}"`);
    expect(carriedOf(one.json.submission)).toEqual(['1.1', '2.1']);
    const values = one.json.submission.answers.map((a: any) => [a.questionCode, a.value]);
    expect(values).toEqual([
      ['1.1', true],
      ['1.2', 'A'],
      ['2.1', ['a', 'b']],
    ]);
    // the evidence stays with the answer
    expect(one.json.submission.answers[0].evidence).toMatchObject(EVIDENCE);

    // several at once; one already confirmed is skipped
    const rest = await confirm(w.sid, w.operator.cookie, one.json.submission.version, ['1.1', '1.2', '2.1']);
    expect(rest.status).toBe(200);
    expect(rest.json.confirmed).toEqual(['1.1', '2.1']);
    expect(carriedOf(rest.json.submission)).toEqual([]);

    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.operator.cookie });
    const confirmed = history.json.history.filter((h: any) => h.event === 'answer.carried_confirmed');
    expect(confirmed.map((h: any) => h.questionCode).sort()).toEqual(['1.1', '1.2', '2.1']);
    expect(confirmed[0].actor.id).toBe(w.operator.id);
  });

  it('an answer saved again is no longer carried (the autosave is a confirmation too)', async () => {
    const w = await carriedWorld();
    const saved = await patch(w.sid, w.operator.cookie, w.version, [{ questionCode: '1.2', value: 'B' }]);
    expect(saved.status).toBe(200);
    const view = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(carriedOf(view.json.submission)).toEqual(['1.1', '2.1']);
  });

  it('refuses without If-Match (428), a stale version on a changed answer (409 with current), unknown codes (422)', async () => {
    const w = await carriedWorld();
    expect((await confirm(w.sid, w.operator.cookie, undefined, ['1.1'])).status).toBe(428);
    const saved = await patch(w.sid, w.operator.cookie, w.version, [{ questionCode: '1.1', value: false }]);
    expect(saved.status).toBe(200);
    const stale = await confirm(w.sid, w.operator.cookie, w.version, ['1.1']);
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('VERSION_CONFLICT');
    expect(stale.json.current.answers.map((a: any) => [a.questionCode, a.value])).toEqual([['1.1', false]]);
    // a stale version is fine for an answer nobody changed since (merged, as the autosave)
    const merged = await confirm(w.sid, w.operator.cookie, w.version, ['2.1']);
    expect(merged.status).toBe(200);
    expect(merged.json.confirmed).toEqual(['2.1']);
    const unknown = await confirm(w.sid, w.operator.cookie, merged.json.submission.version, ['1.2', '9.9', '8.8']);
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors.map((e: any) => e.path)).toEqual(['questionCodes.1', 'questionCodes.2']);
    const after = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(carriedOf(after.json.submission)).toEqual(['1.2']);
    expect((await confirm(w.sid, w.operator.cookie, 0, [])).status).toBe(422);
  });

  it('only the body’s operator confirms: staff 403, another body 404; a submitted SAQ is locked (409)', async () => {
    const w = await carriedWorld();
    const other = await saqWorld(ctx);
    expect((await confirm(w.sid, w.admin.cookie, w.version, ['1.1'])).status).toBe(403);
    expect((await confirm(w.sid, other.operator.cookie, w.version, ['1.1'])).status).toBe(404);
    const submitted = await ctx.request('POST', `/api/submissions/${w.sid}/submit`, {
      cookie: w.operator.cookie,
      body: { confirmCarried: true },
    });
    expect(submitted.status).toBe(200);
    const late = await confirm(w.sid, w.operator.cookie, submitted.json.submission.version, ['1.1']);
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('LOCKED');
  });
});

describe('submitting with carried answers', () => {
  it('refuses while carried answers are unconfirmed, listing exactly those, and changes nothing', async () => {
    const w = await carriedWorld();
    const confirmed = await confirm(w.sid, w.operator.cookie, w.version, ['1.2']);
    const refused = await ctx.request('POST', `/api/submissions/${w.sid}/submit`, { cookie: w.operator.cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('CARRIED_UNCONFIRMED');
    expect(refused.json.carried).toEqual(['1.1', '2.1']);
    const explicitNo = await ctx.request('POST', `/api/submissions/${w.sid}/submit`, {
      cookie: w.operator.cookie,
      body: { confirmCarried: false },
    });
    expect(explicitNo.status).toBe(409);
    const view = await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie });
    expect(view.json.submission).toMatchObject({ status: 'draft', version: confirmed.json.submission.version });
    expect(carriedOf(view.json.submission)).toEqual(['1.1', '2.1']);
  });

  it('an incomplete SAQ is refused for what is missing first', async () => {
    const w = await saqWorld(ctx, { year: 2025 });
    await patch(w.submission.id, w.operator.cookie, 0, [{ questionCode: '1.2', value: 'A' }]);
    const next = await w.openPeriod(2026);
    const mine = await ctx.request('GET', `/api/periods/${next}/submissions/mine`, { cookie: w.operator.cookie });
    const sid = mine.json.submission.id;
    await ctx.request('POST', `/api/submissions/${sid}/carry-forward`, { cookie: w.operator.cookie });
    const refused = await ctx.request('POST', `/api/submissions/${sid}/submit`, { cookie: w.operator.cookie });
    expect(refused.status).toBe(422);
    expect(refused.json.missing).toEqual(['1.1', '2.1']);
  });

  it('confirms them as part of the submit with confirmCarried, in the history', async () => {
    const w = await carriedWorld();
    const done = await ctx.request('POST', `/api/submissions/${w.sid}/submit`, {
      cookie: w.operator.cookie,
      body: { confirmCarried: true },
    });
    expect(done.status).toBe(200);
    expect(done.json.submission.status).toBe('submitted');
    expect(carriedOf(done.json.submission)).toEqual([]);
    const history = await ctx.request('GET', `/api/submissions/${w.sid}/history`, { cookie: w.operator.cookie });
    const events = history.json.history.map((h: any) => [h.event, h.questionCode ?? null]);
    expect(events.slice(-4)).toEqual([
      ['answer.carried_confirmed', '1.1'],
      ['answer.carried_confirmed', '1.2'],
      ['answer.carried_confirmed', '2.1'],
      ['submission.submitted', null],
    ]);
    expect(history.json.history.at(-2).after).toEqual({ carried: false, onSubmit: true });
  });

  it('a submit with nothing carried needs no confirmation', async () => {
    const w = await saqWorld(ctx);
    await patch(w.submission.id, w.operator.cookie, 0, [
      { questionCode: '1.1', value: true, evidence: EVIDENCE },
      { questionCode: '1.2', value: 'A' },
      { questionCode: '2.1', value: ['a'], evidence: EVIDENCE },
    ]);
    const done = await ctx.request('POST', `/api/submissions/${w.submission.id}/submit`, { cookie: w.operator.cookie });
    expect(done.status).toBe(200);
  });
});

describe('carry forward without a previous year', () => {
  it('is not offered, and the route refuses with a clear message', async () => {
    const w = await saqWorld(ctx);
    expect((w.submission as any).carryForward).toEqual({ available: false, fromYear: null });
    const refused = await ctx.request('POST', `/api/submissions/${w.submission.id}/carry-forward`, {
      cookie: w.operator.cookie,
    });
    expect(refused.status).toBe(404);
    expect(refused.json.detail).toMatch(/no earlier year/i);
  });

  it('an earlier period the body opened but never answered is no previous year', async () => {
    const w = await saqWorld(ctx, { year: 2025 });
    const next = await w.openPeriod(2026);
    const mine = await ctx.request('GET', `/api/periods/${next}/submissions/mine`, { cookie: w.operator.cookie });
    expect(mine.json.submission.carryForward).toEqual({ available: false, fromYear: null });
  });

  it('refuses a second carry when everything is answered already', async () => {
    const w = await carriedWorld();
    const again = await ctx.request('POST', `/api/submissions/${w.sid}/carry-forward`, { cookie: w.operator.cookie });
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/Nothing to carry forward from 2025/);
  });
});

describe('reopened or extended: the operator sees why and until when', () => {
  it('shows the latest reopening with its reason and deadline, and nothing once submitted again', async () => {
    const w = await carriedWorld();
    expect(
      (await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie })).json.submission.reopened,
    ).toBeNull();
    await ctx.request('POST', `/api/submissions/${w.sid}/submit`, {
      cookie: w.operator.cookie,
      body: { confirmCarried: true },
    });
    const reopened = await ctx.request('POST', `/api/submissions/${w.sid}/reopen`, {
      cookie: w.admin.cookie,
      body: { reason: 'Bukti 1.1 salah unggah' },
    });
    expect(reopened.status).toBe(200);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const extended = await ctx.request('POST', `/api/submissions/${w.sid}/extension`, {
      cookie: w.admin.cookie,
      body: { until, reason: 'Gangguan sistem' },
    });
    expect(extended.status).toBe(200);
    const view = (await ctx.request('GET', `/api/submissions/${w.sid}`, { cookie: w.operator.cookie })).json.submission;
    expect(view.reopened).toMatchObject({ kind: 'extended', reason: 'Gangguan sistem', until });
    expect(Date.parse(view.reopened.at)).toBeGreaterThan(0);
    const again = await ctx.request('POST', `/api/submissions/${w.sid}/submit`, { cookie: w.operator.cookie });
    expect(again.status).toBe(200);
    expect(again.json.submission.reopened).toBeNull();
  });
});
