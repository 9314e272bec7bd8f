import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Methodology } from '../../src/domain/methodology.ts';
import { validateMethodology } from '../../src/domain/methodology.ts';
import type { Indicator, Question } from '../../src/domain/questionnaire.ts';
import { validateQuestionnaire } from '../../src/domain/questionnaire.ts';
import { canonical, Rational } from '../../src/domain/rational.ts';
import {
  type AnswerInput,
  type AnswerValue,
  bandOf,
  earnedOf,
  moveEarned,
  questionFraction,
  questionPoints,
  rankWithinCategories,
  scoreFinal,
  scoreQuestionnaire,
  scoreWeights,
  selfScore,
} from '../../src/domain/scoring.ts';
import { scoreView, selfScoreView } from '../../src/modules/submissions/score-view.ts';

const presets = JSON.parse(readFileSync('fixtures/methodologies/presets.json', 'utf8')).presets as {
  key: string;
  methodology: Methodology;
}[];
const preset = (key: string) => {
  const p = presets.find((x) => x.key === key);
  if (!p) throw new Error(key);
  return p.methodology;
};
const KIP = preset('ki-pusat-2025');
const R = (v: number | string) => Rational.of(v);

describe('worked examples (issue acceptance)', () => {
  it('SAQ 100 and panel 97.5 under KI Pusat 2025 give 99.50 Informatif', () => {
    const result = scoreFinal(KIP, { questionnaire: R(100), panels: { presentation: [R(97.5)] } });
    expect(result.final.toFixed(2)).toBe('99.50');
    expect(bandOf(KIP, result.final).label).toBe('Informatif');
  });

  it('finals 99.50, 99.50, 98.70 rank 1, 1, 3, ties listed by name', () => {
    const rows = [
      { bodyId: 'c', bodyName: 'Partai Demokrat', categoryCode: 'PARPOL', final: R('98.70') },
      { bodyId: 'b', bodyName: 'Partai Gerindra', categoryCode: 'PARPOL', final: R('99.50') },
      { bodyId: 'a', bodyName: 'PDIP', categoryCode: 'PARPOL', final: R('99.50') },
    ];
    const ranked = rankWithinCategories(rows, 2);
    expect(ranked.map((r) => [r.bodyName, r.rank])).toEqual([
      ['Partai Gerindra', 1],
      ['PDIP', 1],
      ['Partai Demokrat', 3],
    ]);
  });

  it('ranks on the rounded final: 90.004 and 89.996 both show 90.00 and share rank 1', () => {
    const ranked = rankWithinCategories(
      [
        { bodyId: 'x', bodyName: 'B', categoryCode: 'K', final: R('89.996') },
        { bodyId: 'y', bodyName: 'A', categoryCode: 'K', final: R('90.004') },
        { bodyId: 'z', bodyName: 'C', categoryCode: 'L', final: R('10') },
      ],
      2,
    );
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it('with decimals 2, 89.995 rounds to 90.00 (Informatif) and 89.99499 to 89.99 (Menuju Informatif)', () => {
    expect(R('89.995').toFixed(2)).toBe('90.00');
    expect(bandOf(KIP, R('89.995')).label).toBe('Informatif');
    expect(R('89.99499').toFixed(2)).toBe('89.99');
    expect(bandOf(KIP, R('89.99499')).label).toBe('Menuju Informatif');
  });

  it('under KI Papua 2021 bands 86.2 is Informatif and 78.8 Menuju Informatif', () => {
    const papua = preset('ki-papua-2021');
    expect(bandOf(papua, R('86.2')).label).toBe('Informatif');
    expect(bandOf(papua, R('78.8')).label).toBe('Menuju Informatif');
  });

  it('under the gate rule weighted, SAQ 56.6667 (170/3) with no panel score gives 45.33, not 45.34', () => {
    const saq = new Rational(170n, 3n);
    expect(saq.toFixed(2)).toBe('56.67');
    const result = scoreFinal(KIP, { questionnaire: saq, panels: { presentation: [R(95)] } });
    expect(result.gatePassed).toBe(false);
    expect(result.components.find((c) => c.key === 'presentation')?.score).toBeNull();
    expect(result.final.toFixed(2)).toBe('45.33');
  });

  it('the gate is inclusive: a rounded SAQ equal to the minimum passes', () => {
    const result = scoreFinal(KIP, { questionnaire: R('69.995'), panels: { presentation: [R(80)] } });
    expect(result.gatePassed).toBe(true);
    expect(result.final.toFixed(2)).toBe(R('69.995').mul(R('0.8')).add(R(16)).toFixed(2));
  });

  it('questionnaire_only gives the SAQ alone below the gate', () => {
    const m: Methodology = { ...KIP, gate: { component: 'saq', min: 70, below: 'questionnaire_only' } };
    expect(scoreFinal(m, { questionnaire: R(60), panels: {} }).final.toFixed(2)).toBe('60.00');
  });

  it('a body that submitted nothing gets 0.00 and the lowest band', () => {
    const result = scoreFinal(KIP, { questionnaire: null, panels: {} });
    expect(result.final.toFixed(2)).toBe('0.00');
    expect(bandOf(KIP, result.final).label).toBe('Tidak Informatif');
  });

  it('KI Banten 2021 weighs three components 30/40/30', () => {
    const result = scoreFinal(preset('ki-banten-2021'), {
      questionnaire: R(80),
      panels: { website: [R(70), R(90)], presentation: [R(60)] },
    });
    // (80*30 + 80*40 + 60*30) / 100 = 74
    expect(result.final.toFixed(2)).toBe('74.00');
  });

  it('a panel component with no juror score counts 0 in the weighted final', () => {
    const result = scoreFinal(preset('ki-diy-2025'), { questionnaire: R(90), panels: {} });
    expect(result.components.find((c) => c.key === 'service')?.score).toBeNull();
    expect(result.final.toFixed(2)).toBe('45.00');
  });
});

describe('question fractions', () => {
  const checklist: Question = {
    code: 'x',
    text: 'x',
    type: 'checklist',
    weight: 1,
    evidence: 'none',
    items: [
      { code: 'a', label: 'a', points: 1 },
      { code: 'b', label: 'b', points: 2 },
    ],
  };
  it('checklist: checked points over all points; [] and unanswered are 0', () => {
    expect(questionFraction(checklist, ['b']).toString()).toBe('2/3');
    expect(questionFraction(checklist, []).isZero()).toBe(true);
    expect(questionFraction(checklist, null).isZero()).toBe(true);
  });
  it('choice: the option score; boolean: yes 1, no 0', () => {
    const choice: Question = {
      code: 'c',
      text: 'c',
      type: 'choice',
      weight: 1,
      evidence: 'none',
      options: [
        { code: 'A', label: 'A', score: 1 },
        { code: 'B', label: 'B', score: 0.5 },
      ],
    };
    expect(questionFraction(choice, 'B').toString()).toBe('1/2');
    const yes: Question = { code: 'y', text: 'y', type: 'boolean', weight: 1, evidence: 'none' };
    expect(questionFraction(yes, true).toString()).toBe('1');
    expect(questionFraction(yes, false).isZero()).toBe(true);
  });
  it('verified values override answers and are explained', () => {
    const indicators: Indicator[] = [
      {
        code: '1',
        title: 'I',
        weight: 1,
        questions: [{ code: 'q', text: 'q', type: 'boolean', weight: 1, evidence: 'none' }],
      },
    ];
    const result = scoreQuestionnaire(indicators, new Map([['q', { value: true, verifiedValue: false }]]));
    expect(result.self.score.toFixed(2)).toBe('100.00');
    expect(result.verified.score.toFixed(2)).toBe('0.00');
    expect(result.questions[0]?.changedByVerification).toBe(true);
  });
});

// ---- property tests ----

const weight = fc.integer({ min: 1, max: 20 }).chain((n) => fc.constantFrom(n, n / 2, n / 4));
const questionArb = (code: string): fc.Arbitrary<Question> =>
  fc.oneof(
    fc
      .record({ w: weight })
      .map(({ w }) => ({ code, text: code, type: 'boolean' as const, weight: w, evidence: 'none' as const })),
    fc
      .record({ w: weight, scores: fc.array(fc.constantFrom(0, 0.25, 0.5, 0.75), { minLength: 1, maxLength: 4 }) })
      .map(({ w, scores }) => ({
        code,
        text: code,
        type: 'choice' as const,
        weight: w,
        evidence: 'none' as const,
        options: [
          { code: 'TOP', label: 'top', score: 1 },
          ...scores.map((s, i) => ({ code: `O${i}`, label: `o${i}`, score: s })),
        ],
      })),
    fc
      .record({ w: weight, points: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }) })
      .map(({ w, points }) => ({
        code,
        text: code,
        type: 'checklist' as const,
        weight: w,
        evidence: 'none' as const,
        items: points.map((p, i) => ({ code: `i${i}`, label: `i${i}`, points: p })),
      })),
  );

const questionnaireArb: fc.Arbitrary<Indicator[]> = fc
  .array(fc.tuple(weight, fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 6 })
  .chain((shape) =>
    fc.tuple(
      ...shape.map(([w, n], i) =>
        fc.tuple(...Array.from({ length: n }, (_, j) => questionArb(`${i + 1}.${j + 1}`))).map((questions) => ({
          code: String(i + 1),
          title: `Indikator ${i + 1}`,
          weight: w,
          questions,
        })),
      ),
    ),
  );

const methodologyArb: fc.Arbitrary<Methodology> = fc
  .record({
    saqWeight: weight,
    panels: fc.array(weight, { maxLength: 3 }),
    gate: fc.option(
      fc.record({
        min: fc.integer({ min: 0, max: 100 }),
        below: fc.constantFrom('weighted' as const, 'questionnaire_only' as const),
      }),
      { nil: undefined },
    ),
    decimals: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ saqWeight, panels, gate, decimals }) => ({
    components: [
      { key: 'saq', label: 'SAQ', weight: saqWeight, source: 'questionnaire' as const },
      ...panels.map((w, i) => ({ key: `p${i}`, label: `P${i}`, weight: w, source: 'panel' as const })),
    ],
    ...(gate ? { gate: { component: 'saq', ...gate } } : {}),
    bands: [
      { label: 'Informatif', min: 90 },
      { label: 'Menuju Informatif', min: 80 },
      { label: 'Cukup Informatif', min: 60 },
      { label: 'Kurang Informatif', min: 40 },
      { label: 'Tidak Informatif', min: 0 },
    ],
    decimals,
  }));

function maxValue(q: Question): AnswerValue {
  if (q.type === 'boolean') return true;
  if (q.type === 'choice') return 'TOP';
  return (q.items ?? []).map((i) => i.code);
}

function answerArb(q: Question): fc.Arbitrary<AnswerValue> {
  if (q.type === 'boolean') return fc.constantFrom(true, false, null);
  if (q.type === 'choice') return fc.constantFrom(null, ...(q.options ?? []).map((o) => o.code));
  return fc.subarray((q.items ?? []).map((i) => i.code));
}

const allQuestions = (indicators: Indicator[]) => indicators.flatMap((i) => i.questions);

describe('engine properties', () => {
  it('generated questionnaires and methodologies are valid', () => {
    fc.assert(
      fc.property(questionnaireArb, methodologyArb, (q, m) => {
        expect(validateQuestionnaire({ indicators: q })).toEqual([]);
        expect(validateMethodology(m)).toEqual([]);
      }),
    );
  });

  it('every answer at maximum scores exactly 100.00, and full panels give a final of exactly 100', () => {
    fc.assert(
      fc.property(questionnaireArb, methodologyArb, (indicators, m) => {
        const answers = new Map(allQuestions(indicators).map((q) => [q.code, { value: maxValue(q) }]));
        const saq = scoreQuestionnaire(indicators, answers).verified.score;
        expect(saq.eq(Rational.HUNDRED)).toBe(true);
        const panels = Object.fromEntries(
          m.components.filter((c) => c.source === 'panel').map((c) => [c.key, [Rational.HUNDRED]]),
        );
        const final = scoreFinal(m, { questionnaire: saq, panels }).final;
        expect(final.toFixed(m.decimals)).toBe(Rational.HUNDRED.toFixed(m.decimals));
      }),
    );
  });

  it("autosave's incremental self score equals the full computation after any sequence of saves", () => {
    fc.assert(
      fc.property(
        questionnaireArb.chain((indicators) => {
          const questions = allQuestions(indicators);
          // a save names each question once (the API refuses repeats)
          const save = fc
            .uniqueArray(fc.nat({ max: questions.length - 1 }), { minLength: 1, maxLength: 3 })
            .chain((idx) =>
              fc.tuple(...idx.map((i) => answerArb(questions[i] as Question).map((v) => [i, v] as const))),
            );
          return fc.tuple(fc.constant(indicators), fc.array(save, { minLength: 1, maxLength: 8 }));
        }),
        ([indicators, saves]) => {
          const questions = allQuestions(indicators);
          const weights = scoreWeights(indicators);
          const values = new Map<string, AnswerValue>();
          let points = new Map<string, Rational>();
          // as the autosave keeps them: moved in place, shared instances
          const earned = earnedOf(weights, points);
          for (const save of saves) {
            const changes = save.map(([i, value]) => {
              const q = questions[i] as Question;
              values.set(q.code, value);
              return { code: q.code, before: points.get(q.code), after: questionPoints(q, value) };
            });
            moveEarned(weights, earned, changes);
            points = new Map(points);
            for (const c of changes) points.set(c.code, canonical(c.after));
            const full = scoreQuestionnaire(indicators, new Map([...values].map(([k, v]) => [k, { value: v }]))).self;
            const incremental = selfScore(weights, earned);
            expect(incremental.score.eq(full.score)).toBe(true);
            expect(incremental.indicators.map((x) => [x.code, x.earned.toString(), x.score.toString()])).toEqual(
              full.indicators.map((x) => [x.code, x.earned.toString(), x.score.toString()]),
            );
            // the same from scratch
            expect(selfScore(weights, earnedOf(weights, points)).score.eq(full.score)).toBe(true);
            // the autosave's answer (views reused per earned sum) is the plain view of the same scores
            for (const decimals of [2, 0]) {
              expect(selfScoreView(weights, earned, decimals)).toEqual(scoreView(full, decimals));
            }
          }
        },
      ),
    );
  });

  it('scores never fall when one answer improves', () => {
    fc.assert(
      fc.property(
        questionnaireArb.chain((indicators) =>
          fc.tuple(
            fc.constant(indicators),
            fc.tuple(...allQuestions(indicators).map((q) => answerArb(q))),
            fc.nat({ max: allQuestions(indicators).length - 1 }),
          ),
        ),
        ([indicators, values, index]) => {
          const questions = allQuestions(indicators);
          const before = new Map<string, AnswerInput>(questions.map((q, i) => [q.code, { value: values[i] ?? null }]));
          const target = questions[index] as Question;
          const after = new Map(before);
          after.set(target.code, { value: maxValue(target) });
          const a = scoreQuestionnaire(indicators, before).self.score;
          const b = scoreQuestionnaire(indicators, after).self.score;
          expect(b.cmp(a)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('scaling every weight of a level by a constant changes nothing', () => {
    fc.assert(
      fc.property(
        questionnaireArb.chain((indicators) =>
          fc.tuple(fc.constant(indicators), fc.tuple(...allQuestions(indicators).map((q) => answerArb(q)))),
        ),
        fc.integer({ min: 2, max: 50 }),
        methodologyArb,
        fc.integer({ min: 0, max: 100 }),
        ([indicators, values], k, m, panel) => {
          const questions = allQuestions(indicators);
          const answers = new Map(questions.map((q, i) => [q.code, { value: values[i] ?? null }]));
          const base = scoreQuestionnaire(indicators, answers).self.score;
          const scaledIndicators = indicators.map((ind) => ({ ...ind, weight: ind.weight * k }));
          const scaledQuestions = indicators.map((ind) => ({
            ...ind,
            questions: ind.questions.map((q) => ({ ...q, weight: q.weight * k })),
          }));
          expect(scoreQuestionnaire(scaledIndicators, answers).self.score.eq(base)).toBe(true);
          expect(scoreQuestionnaire(scaledQuestions, answers).self.score.eq(base)).toBe(true);
          const panels = Object.fromEntries(
            m.components.filter((c) => c.source === 'panel').map((c) => [c.key, [Rational.of(panel)]]),
          );
          const scaledM = { ...m, components: m.components.map((c) => ({ ...c, weight: c.weight * k })) };
          expect(
            scoreFinal(scaledM, { questionnaire: base, panels }).final.eq(
              scoreFinal(m, { questionnaire: base, panels }).final,
            ),
          ).toBe(true);
        },
      ),
    );
  });

  it('the order of questions, indicators and bodies changes nothing', () => {
    fc.assert(
      fc.property(
        questionnaireArb.chain((indicators) =>
          fc.tuple(fc.constant(indicators), fc.tuple(...allQuestions(indicators).map((q) => answerArb(q)))),
        ),
        fc.array(
          fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), score: fc.integer({ min: 0, max: 10000 }) }),
          { minLength: 1, maxLength: 20 },
        ),
        ([indicators, values], bodies) => {
          const questions = allQuestions(indicators);
          const answers = new Map(questions.map((q, i) => [q.code, { value: values[i] ?? null }]));
          const reversed = [...indicators]
            .reverse()
            .map((ind) => ({ ...ind, questions: [...ind.questions].reverse() }));
          expect(
            scoreQuestionnaire(reversed, answers).self.score.eq(scoreQuestionnaire(indicators, answers).self.score),
          ).toBe(true);
          const rows = bodies.map((b, i) => ({
            bodyId: `b${i}`,
            bodyName: b.name,
            categoryCode: 'K',
            final: new Rational(BigInt(b.score), 100n),
          }));
          const ranks = (list: typeof rows) => new Map(rankWithinCategories(list, 2).map((r) => [r.bodyId, r.rank]));
          expect(ranks([...rows].reverse())).toEqual(ranks(rows));
        },
      ),
    );
  });
});

describe('explanations', () => {
  it('carry per indicator earned and possible points, per question both fractions, per component score x weight', () => {
    const indicators: Indicator[] = [
      {
        code: '1',
        title: 'Jenis Informasi',
        weight: 40,
        questions: [
          { code: '1.1', text: 'a', type: 'boolean', weight: 2, evidence: 'none' },
          { code: '1.2', text: 'b', type: 'boolean', weight: 1, evidence: 'none' },
        ],
      },
      {
        code: '2',
        title: 'Digitalisasi',
        weight: 20,
        questions: [{ code: '2.1', text: 'c', type: 'boolean', weight: 1, evidence: 'none' }],
      },
    ];
    const answers = new Map<string, AnswerInput>([
      ['1.1', { value: true }],
      ['1.2', { value: true, verifiedValue: false }],
      ['2.1', { value: false }],
    ]);
    const result = scoreQuestionnaire(indicators, answers);
    expect(
      result.verified.indicators.map((i) => [i.code, i.earned.toString(), i.possible.toString(), i.score.toFixed(2)]),
    ).toEqual([
      ['1', '2', '3', '66.67'],
      ['2', '0', '1', '0.00'],
    ]);
    expect(result.self.indicators[0]?.earned.toString()).toBe('3');
    expect(result.questions.find((q) => q.code === '1.2')).toMatchObject({ weight: 1, changedByVerification: true });
    expect(result.questions.find((q) => q.code === '1.2')?.selfFraction.toString()).toBe('1');
    expect(result.questions.find((q) => q.code === '1.2')?.verifiedFraction.toString()).toBe('0');
    // SAQ verified = (200/3 x 40 + 0 x 20) / 60 = 400/9 = 44.44
    expect(result.verified.score.toFixed(2)).toBe('44.44');
    const final = scoreFinal(KIP, { questionnaire: result.verified.score, panels: { presentation: [R(90), R(80)] } });
    expect(final.gatePassed).toBe(false);
    expect(final.components.map((c) => [c.key, c.score?.toFixed(2) ?? null, c.contribution.toFixed(4)])).toEqual([
      ['saq', '44.44', '35.5556'],
      ['presentation', null, '0.0000'],
    ]);
    expect(final.components[1]?.jurorScores?.map((s) => s.toString())).toEqual(['90', '80']);
  });
});
