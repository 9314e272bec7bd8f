import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 25, item 9: questionnaires for all categories in one step, and one question's edit while the period is a draft. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const OTHER_SAQ = {
  indicators: [
    {
      code: '1',
      title: 'Pelayanan Informasi',
      weight: 10,
      questions: [{ code: '9.1', text: 'Apakah SOP tersedia?', type: 'boolean', weight: 1, evidence: 'none' }],
    },
  ],
};

async function world() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV', 'BUMN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const leadership = await ctx.factory.user('leadership', { commissionId: commission.id });
  const period = async (year: number) => {
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: { year, title: `Monev ${year}`, methodology: KIP_METHODOLOGY },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.period.id as string;
  };
  const put = async (pid: string, category: string, body: unknown) => {
    const res = await ctx.request('PUT', `/api/periods/${pid}/questionnaires/${category}`, {
      cookie: admin.cookie,
      body,
    });
    expect(res.status, res.text).toBe(200);
  };
  return { commission, admin, leadership, period, put };
}

const questionnaire = async (cookie: string, pid: string, category: string) =>
  ctx.request('GET', `/api/periods/${pid}/questionnaires/${category}`, { cookie });

describe('questionnaires for all categories', () => {
  it('copies every category of an earlier period in one step, skipping or replacing those already set', async () => {
    const w = await world();
    const last = await w.period(2025);
    await w.put(last, 'KEMENTERIAN', SMALL_SAQ);
    await w.put(last, 'PEMPROV', SMALL_SAQ);
    const next = await w.period(2026);
    await w.put(next, 'PEMPROV', OTHER_SAQ);

    const skip = await ctx.request('POST', `/api/periods/${next}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { fromPeriodId: last, existing: 'skip' },
    });
    expect(skip.status, skip.text).toBe(200);
    expect(skip.json).toEqual({ copied: ['KEMENTERIAN'], replaced: [], skipped: ['PEMPROV'], unavailable: ['BUMN'] });
    const kept = await questionnaire(w.admin.cookie, next, 'PEMPROV');
    expect(kept.json.indicators[0].questions[0].code).toBe('9.1');
    const copied = await questionnaire(w.admin.cookie, next, 'KEMENTERIAN');
    expect(copied.json.source).toBe('period:2025');
    expect(copied.json.indicators).toEqual((await questionnaire(w.admin.cookie, last, 'KEMENTERIAN')).json.indicators);

    const replace = await ctx.request('POST', `/api/periods/${next}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { fromPeriodId: last, existing: 'replace' },
    });
    expect(replace.json).toEqual({
      copied: [],
      replaced: ['KEMENTERIAN', 'PEMPROV'],
      skipped: [],
      unavailable: ['BUMN'],
    });
    expect((await questionnaire(w.admin.cookie, next, 'PEMPROV')).json.indicators[0].questions[0].code).toBe('1.1');
  });

  it('applies a questionnaire edition to every category, and refuses a source that is not given once or not known', async () => {
    const w = await world();
    const pid = await w.period(2026);
    const presets = await ctx.request('GET', '/api/presets', { cookie: w.admin.cookie });
    const key = presets.json.questionnaires[0].key as string;
    const applied = await ctx.request('POST', `/api/periods/${pid}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { presetKey: key, existing: 'skip' },
    });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.json.copied).toEqual(['BUMN', 'KEMENTERIAN', 'PEMPROV']);
    const period = await ctx.request('GET', `/api/periods/${pid}`, { cookie: w.admin.cookie });
    expect(period.json.period.questionnaires.map((q: any) => q.questions)).toEqual(
      Array(3).fill(presets.json.questionnaires[0].questions),
    );

    const both = await ctx.request('POST', `/api/periods/${pid}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { presetKey: key, fromPeriodId: pid, existing: 'skip' },
    });
    expect(both.status).toBe(422);
    const unknown = await ctx.request('POST', `/api/periods/${pid}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { presetKey: 'no-such-edition', existing: 'replace' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].path).toBe('presetKey');
    const denied = await ctx.request('POST', `/api/periods/${pid}/questionnaires/copy`, {
      cookie: w.leadership.cookie,
      body: { presetKey: key, existing: 'replace' },
    });
    expect(denied.status).toBe(403);
  });
});

describe('editing one question', () => {
  it('changes wording, guidance and weight in draft, with the version as If-Match and the weights checked', async () => {
    const w = await world();
    const pid = await w.period(2026);
    await w.put(pid, 'KEMENTERIAN', SMALL_SAQ);
    const before = await questionnaire(w.admin.cookie, pid, 'KEMENTERIAN');
    const version = before.json.version as number;
    const path = `/api/periods/${pid}/questionnaires/KEMENTERIAN/questions/1.2`;

    const edited = await ctx.request('PATCH', path, {
      cookie: w.admin.cookie,
      headers: { 'if-match': `"${version}"` },
      body: { text: 'Seberapa lengkap informasi berkala di situs PPID?', guidance: 'Lihat menu DIP.', weight: 4 },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers.get('etag')).toBe(`"${version + 1}"`);
    const q = edited.json.indicators[0].questions[1];
    expect(q).toMatchObject({
      code: '1.2',
      text: 'Seberapa lengkap informasi berkala di situs PPID?',
      guidance: 'Lihat menu DIP.',
      weight: 4,
      type: 'choice',
    });
    expect(q.options).toEqual([
      { code: 'A', label: 'Lengkap', score: 1 },
      { code: 'B', label: 'Sebagian', score: 0.5 },
      { code: 'C', label: 'Tidak ada', score: 0 },
    ]);

    // the version read before the edit is stale now: 409, nothing changed
    const stale = await ctx.request('PATCH', path, {
      cookie: w.admin.cookie,
      headers: { 'if-match': `"${version}"` },
      body: { weight: 9 },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('VERSION_CONFLICT');
    expect(stale.json.current.version).toBe(version + 1);

    // a weight the questionnaire's rules refuse, named by its field; nothing saved
    const bad = await ctx.request('PATCH', path, { cookie: w.admin.cookie, body: { weight: 0, guidance: '' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([{ path: 'weight', message: expect.any(String) }]);
    const after = await questionnaire(w.admin.cookie, pid, 'KEMENTERIAN');
    expect(after.json.indicators[0].questions[1]).toMatchObject({ weight: 4, guidance: 'Lihat menu DIP.' });
    expect(after.json.version).toBe(version + 1);

    // an empty guidance clears it
    const cleared = await ctx.request('PATCH', path, { cookie: w.admin.cookie, body: { guidance: '' } });
    expect(cleared.json.indicators[0].questions[1].guidance).toBeUndefined();

    expect(
      (
        await ctx.request('PATCH', `/api/periods/${pid}/questionnaires/KEMENTERIAN/questions/7.7`, {
          cookie: w.admin.cookie,
          body: { weight: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it('is refused once the period has left draft, and copying all is too', async () => {
    const w = await world();
    const pid = await w.period(2026);
    const applied = await ctx.request('POST', `/api/periods/${pid}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { presetKey: 'ki-pusat-2025', existing: 'replace' },
    });
    expect(applied.status, applied.text).toBe(200);
    const moved = await ctx.request('POST', `/api/periods/${pid}/stage`, {
      cookie: w.admin.cookie,
      body: { to: 'saq' },
    });
    expect(moved.status, moved.text).toBe(200);
    const view = await questionnaire(w.admin.cookie, pid, 'KEMENTERIAN');
    const code = view.json.indicators[0].questions[0].code as string;
    const edit = await ctx.request('PATCH', `/api/periods/${pid}/questionnaires/KEMENTERIAN/questions/${code}`, {
      cookie: w.admin.cookie,
      body: { text: 'Terlambat' },
    });
    expect(edit.status).toBe(409);
    expect(edit.json.code).toBe('STAGE_CLOSED');
    const copy = await ctx.request('POST', `/api/periods/${pid}/questionnaires/copy`, {
      cookie: w.admin.cookie,
      body: { presetKey: 'ki-pusat-2025', existing: 'replace' },
    });
    expect(copy.status).toBe(409);
    expect((await questionnaire(w.admin.cookie, pid, 'KEMENTERIAN')).json.indicators[0].questions[0].text).toBe(
      view.json.indicators[0].questions[0].text,
    );
  });
});
