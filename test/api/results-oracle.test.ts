import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Methodology } from '../../src/domain/methodology.ts';
import type { Questionnaire } from '../../src/domain/questionnaire.ts';
import { Rational } from '../../src/domain/rational.ts';
import {
  aggregateFractions,
  bandOf,
  pointsToFractions,
  rankWithinCategories,
  scoreFinal,
} from '../../src/domain/scoring.ts';
import { computeResults } from '../../src/modules/results/results-sql.repository.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/**
 * THE ACCEPTANCE PROPERTY (issue 23): results computed and stored by SQL agree exactly with the domain engine
 * (scoreFinal, bandOf, rankWithinCategories over Rationals) on 10,000 generated submissions, among them finals exactly
 * on a rounding boundary (x.xx5) and weights that produce thirds and sevenths, under several methodologies.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const BODIES = Number(process.env.ORACLE_BODIES ?? 10_000);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHOICE = [
  { code: 'A', label: 'Lengkap', score: 1 },
  { code: 'B', label: 'Sebagian', score: 0.5 },
  { code: 'C', label: 'Sedikit', score: 0.25 },
  { code: 'D', label: 'Tidak ada', score: 0 },
];
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `i${i}`, label: `Butir ${i}`, points: 1 }));
const saq = (weights: [number, number, number]) => ({
  indicators: [
    {
      code: '1',
      title: 'Jenis Informasi',
      weight: weights[0],
      questions: [
        { code: '1.1', text: 'DIP?', type: 'boolean', weight: 1, evidence: 'none' },
        { code: '1.2', text: 'Berkala?', type: 'choice', weight: 2, evidence: 'none', options: CHOICE },
      ],
    },
    {
      code: '2',
      title: 'Digitalisasi',
      weight: weights[1],
      questions: [
        { code: '2.1', text: 'Kanal', type: 'checklist', weight: 1, evidence: 'none', items: items(3) },
        { code: '2.2', text: 'Aplikasi?', type: 'boolean', weight: 3, evidence: 'none' },
      ],
    },
    {
      code: '3',
      title: 'Pelayanan',
      weight: weights[2],
      questions: [
        { code: '3.1', text: 'SOP', type: 'checklist', weight: 2, evidence: 'none', items: items(7) },
        { code: '3.2', text: 'Laporan?', type: 'choice', weight: 1, evidence: 'none', options: CHOICE },
      ],
    },
  ],
});
// per question: the possible points (numerators over max points)
const POINTS: Record<string, string[]> = {
  '1.1': ['0', '1'],
  '1.2': ['1', '0.5', '0.25', '0'],
  '2.1': ['0', '1', '2', '3'],
  '2.2': ['0', '1'],
  '3.1': ['0', '1', '2', '3', '4', '5', '6', '7'],
  '3.2': ['1', '0.5', '0.25', '0'],
};
const BANDS = [
  { label: 'Informatif', min: 90 },
  { label: 'Menuju Informatif', min: 80 },
  { label: 'Cukup Informatif', min: 60 },
  { label: 'Kurang Informatif', min: 40 },
  { label: 'Tidak Informatif', min: 0 },
];
const KIP: Methodology = {
  components: [
    { key: 'saq', label: 'SAQ', weight: 80, source: 'questionnaire' },
    { key: 'presentation', label: 'Presentasi', weight: 20, source: 'panel' },
  ],
  gate: { component: 'saq', min: 70, below: 'weighted' },
  bands: BANDS,
  decimals: 2,
};
const VARIANTS: Methodology[] = [
  // the SAQ alone below a gate that 200/3 (66.67) meets exactly
  { ...KIP, gate: { component: 'saq', min: 66.67, below: 'questionnaire_only' } },
  // three components, weights in thirds, three decimals, no gate, configured certificates
  {
    components: [
      { key: 'saq', label: 'SAQ', weight: 1, source: 'questionnaire' },
      { key: 'presentation', label: 'Presentasi', weight: 1, source: 'panel' },
      { key: 'visit', label: 'Visitasi', weight: 1, source: 'panel' },
    ],
    bands: [
      { label: 'Tinggi', min: 75.005, certificate: true },
      { label: 'Sedang', min: 50 },
      { label: 'Rendah', min: 0 },
    ],
    decimals: 3,
  },
  // a gate on a panel component, one decimal
  { ...KIP, gate: { component: 'presentation', min: 72.3, below: 'weighted' }, decimals: 1 },
];

interface Generated {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  questionnaire: string;
  submissionId: string | null;
  submitted: boolean;
  points: Map<string, { self: string; verified: string | null }>;
  panels: Record<string, string[]>;
  overrides: Record<string, string>;
}

async function insertJson(table: string, columns: string, types: string, rows: unknown[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = JSON.stringify(rows.slice(i, i + 5000));
    await sql`insert into ${sql.raw(table)} (${sql.raw(columns)})
      select ${sql.raw(columns)} from jsonb_to_recordset(cast(${chunk} as text)::jsonb) as t(${sql.raw(types)})`.execute(
      ctx.db,
    );
  }
}

describe('results in SQL against the domain engine', () => {
  it('agree exactly on 10,000 generated submissions, boundaries and thirds included', async () => {
    const random = rng(20_251_215);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV', 'BUMN']);
    const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
    const jurors = [
      await ctx.factory.user('evaluator', { commissionId: commission.id }),
      await ctx.factory.user('evaluator', { commissionId: commission.id }),
      await ctx.factory.user('evaluator', { commissionId: commission.id }),
    ];
    const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: { year: 2040, title: 'Monev Oracle', methodology: KIP },
    });
    expect(created.status, created.text).toBe(201);
    const periodId = created.json.period.id as string;
    const weights: Record<string, [number, number, number]> = {
      KEMENTERIAN: [1, 1, 1],
      PEMPROV: [40, 20, 10],
      BUMN: [3, 0.5, 7],
    };
    for (const [code, w] of Object.entries(weights)) {
      const res = await ctx.request('PUT', `/api/periods/${periodId}/questionnaires/${code}`, {
        cookie: admin.cookie,
        body: saq(w),
      });
      expect(res.status, res.text).toBe(200);
    }
    await ctx.db.updateTable('periods').set({ stage: 'results' }).where('id', '=', periodId).execute();
    const categories = await ctx.db
      .selectFrom('categories')
      .select(['id', 'code'])
      .where('commissionId', '=', commission.id)
      .execute();
    const questionnaires = new Map<string, { id: string; questions: Map<string, string> }>();
    const domainQuestionnaires = new Map<string, Questionnaire>();
    for (const c of categories) {
      const q = await ctx.db
        .selectFrom('questionnaires')
        .select('id')
        .where('periodId', '=', periodId)
        .where('categoryId', '=', c.id)
        .executeTakeFirstOrThrow();
      const questions = await ctx.db
        .selectFrom('questions')
        .select(['id', 'code'])
        .where('questionnaireId', '=', q.id)
        .execute();
      questionnaires.set(c.code, { id: q.id, questions: new Map(questions.map((x) => [x.code, x.id])) });
      domainQuestionnaires.set(c.code, saq(weights[c.code]!) as unknown as Questionnaire);
    }

    // the bodies: names with case and ties in name order; 5% never open the SAQ, 3% stay drafts, 2% were reopened
    const generated: Generated[] = [];
    const bodies: unknown[] = [];
    const submissions: unknown[] = [];
    const answers: unknown[] = [];
    const panels: unknown[] = [];
    const corrections: unknown[] = [];
    for (let i = 0; i < BODIES; i++) {
      const category = pick(categories);
      const bodyId = `oracle-${commission.id}-${i}`;
      const name = `${pick(['Badan', 'badan', 'Dinas', 'KEMENTERIAN', 'Ölçü'])} ${i % 997}-${i}`;
      bodies.push({
        id: bodyId,
        commission_id: commission.id,
        category_id: category.id,
        name,
        name_key: name.toLowerCase(),
        slug: `oracle-${i}`,
      });
      const roll = random();
      const state = roll < 0.05 ? 'none' : roll < 0.08 ? 'draft' : roll < 0.1 ? 'reopened' : 'submitted';
      const g: Generated = {
        bodyId,
        bodyName: name,
        categoryCode: category.code,
        questionnaire: category.code,
        submissionId: null,
        submitted: state === 'submitted' || state === 'reopened',
        points: new Map(),
        panels: {},
        overrides: {},
      };
      generated.push(g);
      if (state === 'none') continue;
      const sid = `oracle-s-${commission.id}-${i}`;
      g.submissionId = sid;
      submissions.push({
        id: sid,
        commission_id: commission.id,
        period_id: periodId,
        body_id: bodyId,
        status: state === 'draft' ? 'draft' : 'submitted',
        submitted_at: state === 'submitted' ? '2040-09-01T00:00:00Z' : null,
        first_submitted_at: state === 'draft' ? null : '2040-09-01T00:00:00Z',
      });
      // a tenth of the boundary kind: everything earned, and a panel mean that puts the KIP final on x.xx5
      const boundary = category.code === 'KEMENTERIAN' && random() < 0.1;
      const q = questionnaires.get(category.code)!;
      for (const [code, qid] of q.questions) {
        if (!boundary && random() < 0.08) continue;
        const self = boundary ? String(Math.max(...POINTS[code]!.map(Number))) : pick(POINTS[code]!);
        const verified = boundary ? null : random() < 0.2 ? pick(POINTS[code]!) : null;
        g.points.set(code, { self, verified });
        answers.push({
          submission_id: sid,
          question_id: qid,
          question_code: code,
          self_points: self,
          verified_points: verified,
        });
      }
      const scoreOf = (component: string, list: string[]) => {
        g.panels[component] = list;
        list.forEach((score, j) => {
          panels.push({ submission_id: sid, juror_id: jurors[j]!.id, component, score });
        });
      };
      if (boundary) {
        // final = 80 + P/5 = 80 + x + 0.005 exactly: P = 5x + 0.025, jurors at P - 0.05, P, P + 0.05
        const x = 1 + Math.floor(random() * 1800) / 100;
        const p = Rational.of(x).mul(Rational.of(5)).add(Rational.of('0.025'));
        scoreOf(
          'presentation',
          [p.sub(Rational.of('0.05')), p, p.add(Rational.of('0.05'))].map((r) => r.toFixed(3)),
        );
      } else if (g.submitted && random() < 0.7) {
        const count = 1 + Math.floor(random() * 3);
        scoreOf(
          'presentation',
          Array.from({ length: count }, () => String(Math.floor(random() * 4001) / 40)),
        );
        if (random() < 0.6)
          scoreOf(
            'visit',
            Array.from({ length: 3 }, () => String(Math.floor(random() * 101))),
          );
      }
      if (g.submitted && random() < 0.03) {
        // two corrections of the same component: the later one is in force
        for (const [k, score] of [
          [0, String(Math.floor(random() * 101))],
          [1, String(Math.floor(random() * 10001) / 100)],
        ] as const) {
          corrections.push({
            commission_id: commission.id,
            period_id: periodId,
            submission_id: sid,
            kind: 'panel_score',
            component: 'presentation',
            after: { score },
            score,
            reason: 'Koreksi',
            created_at: `2040-12-0${k + 1}T00:00:00Z`,
          });
          g.overrides.presentation = score;
        }
      }
    }
    await insertJson(
      'bodies',
      'id, commission_id, category_id, name, name_key, slug',
      'id text, commission_id text, category_id text, name text, name_key text, slug text',
      bodies,
    );
    await insertJson(
      'submissions',
      'id, commission_id, period_id, body_id, status, submitted_at, first_submitted_at',
      'id text, commission_id text, period_id text, body_id text, status text, submitted_at timestamptz, first_submitted_at timestamptz',
      submissions,
    );
    await insertJson(
      'answers',
      'submission_id, question_id, question_code, self_points, verified_points',
      'submission_id text, question_id text, question_code text, self_points numeric, verified_points numeric',
      answers,
    );
    await insertJson(
      'panel_scores',
      'submission_id, juror_id, component, score',
      'submission_id text, juror_id text, component text, score numeric',
      panels,
    );
    await insertJson(
      'corrections',
      'commission_id, period_id, submission_id, kind, component, after, score, reason, created_at',
      'commission_id text, period_id text, submission_id text, kind text, component text, after jsonb, score numeric, reason text, created_at timestamptz',
      corrections,
    );

    /** The domain engine over the generated data: rows in listing order, values as the SQL shows them. */
    const oracle = (m: Methodology) => {
      const scored = generated.map((g) => {
        const questionnaire = domainQuestionnaires.get(g.questionnaire)!;
        const q = g.submitted
          ? aggregateFractions(questionnaire.indicators, (question) => {
              const p = g.points.get(question.code);
              if (!p) return undefined;
              const self = Rational.of(p.self);
              return pointsToFractions(question, {
                self,
                verified: p.verified === null ? self : Rational.of(p.verified),
              });
            }).verified.score
          : null;
        const result = scoreFinal(m, {
          questionnaire: q,
          panels: g.submitted
            ? Object.fromEntries(Object.entries(g.panels).map(([k, v]) => [k, v.map((s) => Rational.of(s))]))
            : {},
          panelOverrides: g.submitted
            ? Object.fromEntries(Object.entries(g.overrides).map(([k, v]) => [k, Rational.of(v)]))
            : {},
        });
        return { ...g, final: result.final, result };
      });
      return rankWithinCategories(scored, m.decimals).map((r) => ({
        bodyId: r.bodyId,
        rank: r.rank,
        final: r.final.toFixed(m.decimals),
        band: bandOf(m, r.final).label,
        components: Object.fromEntries(
          r.result.components.map((c) => [c.key, c.score === null ? null : Number(c.score.toFixed(m.decimals))]),
        ),
        exact: r.final,
      }));
    };
    const asSql = (rows: { bodyId: string; rank: number; final: string; band: string; components: unknown }[]) =>
      rows.map((r) => ({ bodyId: r.bodyId, rank: r.rank, final: r.final, band: r.band, components: r.components }));

    // the period's own methodology, published (stored rows) and compared row by row, in listing order
    const published = await ctx.request('POST', `/api/periods/${periodId}/results/publish`, {
      cookie: admin.cookie,
      body: { decreeNumber: 'SK Oracle', decreeDate: '2040-12-15' },
    });
    expect(published.status, published.text).toBe(201);
    const expected = oracle(KIP);
    expect(expected).toHaveLength(BODIES);
    const stored = await ctx.db
      .selectFrom('resultRows as r')
      .innerJoin('resultVersions as v', 'v.id', 'r.versionId')
      .select(['r.bodyId', 'r.rank', sql<string>`r.final::text`.as('final'), 'r.band', 'r.components'])
      .where('v.periodId', '=', periodId)
      .orderBy('r.position')
      .execute();
    expect(asSql(stored)).toEqual(asSql(expected));
    // finals exactly on a rounding boundary, SAQs in thirds and sevenths, ties: all present
    const onBoundary = expected.filter((r) => {
      const scaled = r.exact.mul(Rational.of(10 ** (KIP.decimals + 1)));
      return scaled.d === 1n && scaled.n % 10n === 5n;
    });
    expect(onBoundary.length).toBeGreaterThan(BODIES / 100);
    expect(expected.filter((r) => r.exact.d % 3n === 0n).length).toBeGreaterThan(BODIES / 100);
    expect(expected.filter((r) => r.exact.d % 7n === 0n).length).toBeGreaterThan(BODIES / 100);
    const ties = new Set(expected.map((r) => `${r.rank}`)).size;
    expect(ties).toBeLessThan(BODIES / 3);

    // other methodologies over the same data, through the preview's SELECT
    for (const m of VARIANTS) {
      const rows = await computeResults(ctx.db, periodId, m);
      expect(asSql(rows)).toEqual(asSql(oracle(m)));
    }
  }, 120_000);
});
