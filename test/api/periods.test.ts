import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

const presets = JSON.parse(readFileSync('fixtures/methodologies/presets.json', 'utf8')).presets as {
  key: string;
  methodology: any;
}[];
const KIP = presets.find((p) => p.key === 'ki-pusat-2025')?.methodology;
const PAPUA = presets.find((p) => p.key === 'ki-papua-2021')?.methodology;
const EDITION = JSON.parse(readFileSync('fixtures/questionnaires/ki-pusat-2025.json', 'utf8'));
const QUESTIONNAIRE = { indicators: EDITION.indicators };

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function setup() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const create = async (year: number, methodology = KIP) => {
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: {
        year,
        title: `Monev KIP ${year}`,
        methodology,
        schedule: { saq: { start: `${year}-07-01`, end: `${year}-08-31` } },
      },
    });
    expect(res.status).toBe(201);
    return res.json.period;
  };
  return { commission, admin, create };
}

describe('periods', () => {
  it('creates a period from a preset, in draft, and lists it', async () => {
    const { commission, admin, create } = await setup();
    const period = await create(2026);
    expect(period).toMatchObject({ year: 2026, stage: 'draft', methodology: KIP, version: 1, questionnaires: [] });
    const list = await ctx.request('GET', `/api/commissions/${commission.id}/periods`, { cookie: admin.cookie });
    expect(list.json.periods.map((p: any) => p.id)).toEqual([period.id]);
  });

  it('reports every problem of an invalid methodology at once and saves nothing', async () => {
    const { commission, admin } = await setup();
    const bad = {
      components: [
        { key: 'saq', label: 'SAQ', weight: 0, source: 'panel' },
        { key: 'saq', label: 'Panel', weight: -1, source: 'panel' },
      ],
      gate: { component: 'nope', min: 70, below: 'weighted' },
      bands: [
        { label: 'A', min: 60 },
        { label: 'B', min: 80 },
        { label: 'C', min: 10 },
      ],
      decimals: 7,
    };
    const res = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: { year: 2026, title: 'Monev salah', methodology: bad },
    });
    expect(res.status).toBe(422);
    const paths = res.json.errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(
      [
        'methodology.bands.1.min',
        'methodology.bands.2.min',
        'methodology.components',
        'methodology.components.0.weight',
        'methodology.components.1.key',
        'methodology.components.1.weight',
        'methodology.decimals',
        'methodology.gate.component',
      ].sort(),
    );
    const list = await ctx.request('GET', `/api/commissions/${commission.id}/periods`, { cookie: admin.cookie });
    expect(list.json.periods).toEqual([]);
  });

  it('refuses a second period for the same year and a schedule that runs backwards', async () => {
    const { commission, admin, create } = await setup();
    await create(2026);
    const dup = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: { year: 2026, title: 'Lagi', methodology: KIP },
    });
    expect(dup.status).toBe(409);
    const backwards = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: {
        year: 2027,
        title: 'Jadwal',
        methodology: KIP,
        schedule: {
          saq: { start: '2027-08-01', end: '2027-07-01' },
          verification: { start: '2027-06-15', end: '2027-09-01' },
        },
      },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.json.errors.map((e: any) => e.path)).toEqual(['schedule.saq', 'schedule.verification.start']);
  });

  it('refuses a schedule date that does not exist (a deadline of no time at all made every read of a submission 500)', async () => {
    const { commission, admin, create } = await setup();
    const period = await create(2026);
    for (const end of ['2026-02-30', '2026-13-01', '2026-00-10']) {
      const res = await ctx.request('PATCH', `/api/periods/${period.id}`, {
        cookie: admin.cookie,
        headers: { 'if-match': String(period.version ?? 1) },
        body: { schedule: { saq: { start: '2026-01-01', end } } },
      });
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: any) => e.path)).toEqual(['schedule.saq.end']);
    }
    const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: {
        year: 2031,
        title: 'Kabisat',
        methodology: KIP,
        schedule: { saq: { start: '2028-02-29', end: '2028-03-31' } },
      },
    });
    expect(created.status).toBe(201);
    const stored = await ctx.request('GET', `/api/periods/${period.id}`, { cookie: admin.cookie });
    expect(stored.json.period.schedule.saq.end).toBe('2026-08-31');
  });

  it('moves one stage at a time, audited, and freezes methodology and questionnaires once the SAQ opens', async () => {
    const { admin, create } = await setup();
    const period = await create(2026);
    const noQuestionnaire = await ctx.request('POST', `/api/periods/${period.id}/stage`, {
      cookie: admin.cookie,
      body: { to: 'saq' },
    });
    expect(noQuestionnaire.status).toBe(409);
    expect(noQuestionnaire.json.code).toBe('INVALID_TRANSITION');

    const put = await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: QUESTIONNAIRE,
    });
    expect(put.status).toBe(200);

    const skip = await ctx.request('POST', `/api/periods/${period.id}/stage`, {
      cookie: admin.cookie,
      body: { to: 'verification' },
    });
    expect(skip.status).toBe(409);
    const open = await ctx.request('POST', `/api/periods/${period.id}/stage`, {
      cookie: admin.cookie,
      body: { to: 'saq', reason: 'Pembukaan SAQ' },
    });
    expect(open.status).toBe(200);
    expect(open.json.period.stage).toBe('saq');
    const back = await ctx.request('POST', `/api/periods/${period.id}/stage`, {
      cookie: admin.cookie,
      body: { to: 'saq' },
    });
    expect(back.status).toBe(409);

    const events = await ctx.request('GET', `/api/periods/${period.id}/stage-events`, { cookie: admin.cookie });
    expect(events.json.events).toMatchObject([
      { from: 'draft', to: 'saq', reason: 'Pembukaan SAQ', actorId: admin.id },
    ]);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', period.id)
      .where('event', '=', 'period.stage_moved')
      .execute();
    expect(audit).toHaveLength(1);

    const methodology = await ctx.request('PATCH', `/api/periods/${period.id}`, {
      cookie: admin.cookie,
      body: { methodology: PAPUA },
    });
    expect(methodology.status).toBe(409);
    expect(methodology.json.code).toBe('STAGE_CLOSED');
    const title = await ctx.request('PATCH', `/api/periods/${period.id}`, {
      cookie: admin.cookie,
      body: { title: 'Monev KIP 2026 (revisi)' },
    });
    expect(title.status).toBe(200);
    const frozen = await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: QUESTIONNAIRE,
    });
    expect(frozen.status).toBe(409);
  });

  it('edits the methodology in draft, detecting a stale If-Match', async () => {
    const { admin, create } = await setup();
    const period = await create(2026);
    const ok = await ctx.request('PATCH', `/api/periods/${period.id}`, {
      cookie: admin.cookie,
      headers: { 'if-match': '"1"' },
      body: { methodology: PAPUA },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.period.methodology.bands[0].min).toBe(85);
    const stale = await ctx.request('PATCH', `/api/periods/${period.id}`, {
      cookie: admin.cookie,
      headers: { 'if-match': '1' },
      body: { title: 'Basi' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.current.version).toBe(2);
  });
});

describe('questionnaires', () => {
  it('imports the KI Pusat 2025 edition and reads back the same questionnaire', async () => {
    const { admin, create } = await setup();
    const period = await create(2026);
    const put = await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: QUESTIONNAIRE,
    });
    expect(put.status).toBe(200);
    const get = await ctx.request('GET', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
    });
    expect(get.json.indicators).toEqual(QUESTIONNAIRE.indicators);
    const summary = await ctx.request('GET', `/api/periods/${period.id}`, { cookie: admin.cookie });
    expect(summary.json.period.questionnaires).toEqual([
      { categoryCode: 'KEMENTERIAN', categoryName: 'Kategori KEMENTERIAN', questions: 69 },
    ]);
    const missing = await ctx.request('GET', `/api/periods/${period.id}/questionnaires/PEMPROV`, {
      cookie: admin.cookie,
    });
    expect(missing.status).toBe(404);
  });

  it('lists every problem of an invalid questionnaire and keeps the saved one', async () => {
    const { admin, create } = await setup();
    const period = await create(2026);
    await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: QUESTIONNAIRE,
    });
    const bad = {
      indicators: [
        {
          code: '1',
          title: 'Jenis',
          weight: 0,
          questions: [
            {
              code: 'q',
              text: 'a',
              type: 'boolean',
              weight: 1,
              evidence: 'none',
              options: [{ code: 'A', label: 'A', score: 1 }],
            },
            {
              code: 'q',
              text: 'b',
              type: 'choice',
              weight: -2,
              evidence: 'none',
              options: [
                { code: 'A', label: 'A', score: 1.5 },
                { code: 'A', label: 'B', score: 0 },
              ],
            },
            {
              code: 'r',
              text: 'c',
              type: 'checklist',
              weight: 1,
              evidence: 'none',
              items: [{ code: 'a', label: 'a', points: 0 }],
            },
          ],
        },
      ],
    };
    const res = await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: bad,
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path).sort()).toEqual(
      [
        'indicators.0.weight',
        'indicators.0.questions.0.options',
        'indicators.0.questions.1.code',
        'indicators.0.questions.1.weight',
        'indicators.0.questions.1.options.0.score',
        'indicators.0.questions.1.options.1.code',
        'indicators.0.questions.2.items.0.points',
      ].sort(),
    );
    const get = await ctx.request('GET', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
    });
    expect(get.json.indicators).toEqual(QUESTIONNAIRE.indicators);
  });

  it('copies a category’s questionnaire from the previous period, not from another commission', async () => {
    const { admin, create } = await setup();
    const last = await create(2025);
    await ctx.request('PUT', `/api/periods/${last.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: QUESTIONNAIRE,
    });
    const current = await create(2026);
    const copy = await ctx.request('POST', `/api/periods/${current.id}/questionnaires/KEMENTERIAN/copy`, {
      cookie: admin.cookie,
      body: { fromPeriodId: last.id },
    });
    expect(copy.status).toBe(200);
    expect(copy.json.source).toBe('period:2025');
    expect(copy.json.indicators).toEqual(QUESTIONNAIRE.indicators);
    const other = await setup();
    const foreign = await other.create(2024);
    const refused = await ctx.request('POST', `/api/periods/${current.id}/questionnaires/KEMENTERIAN/copy`, {
      cookie: admin.cookie,
      body: { fromPeriodId: foreign.id },
    });
    expect(refused.status).toBe(404);
  });

  it('serves the presets: four methodologies and the 60-plus question edition', async () => {
    const { admin } = await setup();
    const res = await ctx.request('GET', '/api/presets', { cookie: admin.cookie });
    expect(res.json.methodologies.map((m: any) => m.name)).toEqual([
      'KI Pusat 2025',
      'KI Papua 2021',
      'KI Banten 2021',
      'KI DIY 2025',
    ]);
    expect(res.json.questionnaires).toMatchObject([{ key: 'ki-pusat-2025', name: 'KI Pusat 2025' }]);
    expect(res.json.questionnaires[0].questions).toBeGreaterThanOrEqual(60);
    const edition = await ctx.request('GET', '/api/presets/questionnaires/ki-pusat-2025', { cookie: admin.cookie });
    expect(edition.json.indicators.map((i: any) => [i.title, i.weight])).toEqual([
      ['Jenis Informasi', 40],
      ['Digitalisasi', 20],
      ['Kualitas Informasi', 10],
      ['Pelayanan Informasi', 10],
      ['Komitmen Organisasi', 10],
      ['Sarana dan Prasarana', 10],
    ]);
    expect((await ctx.request('GET', '/api/presets/questionnaires/nope', { cookie: admin.cookie })).status).toBe(404);
  });
});

describe('what-if', () => {
  it('compares the current methodology with another on stored answers, saving nothing', async () => {
    const { commission, admin, create } = await setup();
    const period = await create(2026);
    const small = {
      indicators: [
        {
          code: '1',
          title: 'Jenis Informasi',
          weight: 1,
          questions: [
            { code: '1.1', text: 'a', type: 'boolean', weight: 1, evidence: 'none' },
            { code: '1.2', text: 'b', type: 'boolean', weight: 2, evidence: 'none' },
          ],
        },
      ],
    };
    await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: small,
    });
    const juror = await ctx.factory.user('evaluator', { commissionId: commission.id });
    // this period's questions (other files' questionnaires share the database when TEST_DATABASE_URL is set)
    const questions = await ctx.db
      .selectFrom('questions as q')
      .innerJoin('questionnaires as qn', 'qn.id', 'q.questionnaireId')
      .select(['q.id', 'q.code'])
      .where('qn.periodId', '=', period.id)
      .execute();
    const qid = (code: string) => questions.find((q) => q.code === code)?.id as string;
    // A: everything, panel 97.5 -> 99.50; B: 1.2 only (SAQ 66.67 < 70) -> 53.33; C: never submitted -> 0
    const bodies = [
      await ctx.factory.body(commission.id, 'KEMENTERIAN', 'Kementerian A'),
      await ctx.factory.body(commission.id, 'KEMENTERIAN', 'Kementerian B'),
      await ctx.factory.body(commission.id, 'KEMENTERIAN', 'Kementerian C'),
    ];
    const fractions = [
      { '1.1': '1', '1.2': '1' },
      { '1.1': '0', '1.2': '1' },
    ];
    for (const [i, f] of fractions.entries()) {
      const sub = await ctx.db
        .insertInto('submissions')
        .values({
          commissionId: commission.id,
          periodId: period.id,
          bodyId: bodies[i]!.id,
          status: 'submitted',
          submittedAt: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [code, fraction] of Object.entries(f)) {
        await ctx.db
          .insertInto('answers')
          .values({
            submissionId: sub.id,
            questionId: qid(code),
            questionCode: code,
            value: jsonb(fraction === '1'),
            selfPoints: fraction,
          })
          .execute();
      }
      await ctx.db
        .insertInto('panelScores')
        .values({ submissionId: sub.id, jurorId: juror.id, component: 'presentation', score: '97.5' })
        .execute();
    }
    const res = await ctx.request('POST', `/api/periods/${period.id}/whatif`, {
      cookie: admin.cookie,
      body: { methodology: PAPUA },
    });
    expect(res.status).toBe(200);
    expect(res.json.rows).toEqual([
      {
        bodyId: bodies[0]!.id,
        bodyName: 'Kementerian A',
        categoryCode: 'KEMENTERIAN',
        current: { final: 99.5, band: 'Informatif', rank: 1 },
        proposed: { final: 99.5, band: 'Informatif', rank: 1 },
      },
      {
        bodyId: bodies[1]!.id,
        bodyName: 'Kementerian B',
        categoryCode: 'KEMENTERIAN',
        // KI Pusat: gate withholds the panel: 0.8 x 200/3 = 53.33; Papua (no gate): 53.33 + 19.5 = 72.83
        current: { final: 53.33, band: 'Kurang Informatif', rank: 2 },
        proposed: { final: 72.83, band: 'Menuju Informatif', rank: 2 },
      },
      {
        bodyId: bodies[2]!.id,
        bodyName: 'Kementerian C',
        categoryCode: 'KEMENTERIAN',
        current: { final: 0, band: 'Tidak Informatif', rank: 3 },
        proposed: { final: 0, band: 'Tidak Informatif', rank: 3 },
      },
    ]);
    const after = await ctx.request('GET', `/api/periods/${period.id}`, { cookie: admin.cookie });
    expect(after.json.period.methodology).toEqual(KIP);
    const invalid = await ctx.request('POST', `/api/periods/${period.id}/whatif`, {
      cookie: admin.cookie,
      body: { methodology: { ...PAPUA, decimals: 9 } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors).toEqual([{ path: 'methodology.decimals', message: expect.any(String) }]);
  });
});

describe('questionnaire source and stage history', () => {
  it('records where an imported questionnaire came from, and who moved the stage', async () => {
    const { admin, create } = await setup();
    const period = await create(2026);
    const put = await ctx.request('PUT', `/api/periods/${period.id}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: { ...QUESTIONNAIRE, source: 'preset:ki-pusat-2025' },
    });
    expect(put.json.source).toBe('preset:ki-pusat-2025');
    await ctx.request('POST', `/api/periods/${period.id}/stage`, { cookie: admin.cookie, body: { to: 'saq' } });
    const events = await ctx.request('GET', `/api/periods/${period.id}/stage-events`, { cookie: admin.cookie });
    expect(events.json.events[0]).toMatchObject({ actorId: admin.id, actorName: admin.name });
  });
});
