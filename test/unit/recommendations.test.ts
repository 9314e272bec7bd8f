import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Methodology } from '../../src/domain/methodology.ts';
import type { Indicator } from '../../src/domain/questionnaire.ts';
import { Rational } from '../../src/domain/rational.ts';
import { nextBand, type QuestionState, recommendations } from '../../src/domain/recommendations.ts';
import { aggregateFractions, scoreFinal } from '../../src/domain/scoring.ts';
import { KIP_METHODOLOGY as KIP } from '../helpers/saq.ts';

/** SMALL_SAQ's shape: indicator 1 (weight 40): 1.1 (w 2), 1.2 (w 1); indicator 2 (weight 20): 2.1 (w 3). */
const INDICATORS: Indicator[] = [
  {
    code: '1',
    title: 'Jenis Informasi',
    weight: 40,
    questions: [
      { code: '1.1', text: 'DIP', type: 'boolean', weight: 2, evidence: 'required' },
      { code: '1.2', text: 'Berkala', type: 'boolean', weight: 1, evidence: 'optional' },
    ],
  },
  {
    code: '2',
    title: 'Digitalisasi',
    weight: 20,
    questions: [{ code: '2.1', text: 'Kanal', type: 'boolean', weight: 3, evidence: 'required' }],
  },
];

/** A number, a decimal text, or a fraction "n/d". */
const r = (n: number | string): Rational => {
  if (typeof n === 'string' && n.includes('/')) {
    const [a, b] = n.split('/');
    return new Rational(BigInt(a as string), BigInt(b as string));
  }
  return Rational.of(n);
};
const state = (self: string, verified = self, answered = true): QuestionState => ({
  self: r(self),
  verified: r(verified),
  answered,
});
const panel = (...scores: number[]) => ({ presentation: scores.map(r) });

describe('recommendations', () => {
  it('gives each item below full its exact gain in the final and the SAQ (thirds, above the gate)', () => {
    // 1.1 full, 1.2 half, 2.1 full: I1 = 250/3, SAQ = 800/9; jurors 80, 85, 90.5
    const questions = new Map([
      ['1.1', state('1')],
      ['1.2', state('1/2')],
      ['2.1', state('1')],
    ]);
    const out = recommendations({ methodology: KIP, indicators: INDICATORS, questions, panels: panel(80, 85, 90.5) });
    expect(out.saq.eq(r('800/9'))).toBe(true);
    // 0.8 x 800/9 + 0.2 x 511/6 = 7933/90
    expect(out.final.eq(r('7933/90'))).toBe(true);
    expect(out.items).toHaveLength(1);
    const [item] = out.items;
    expect(item?.questionCode).toBe('1.2');
    expect(item?.status).toBe('partial');
    expect(item?.saqGain.eq(r('100/9'))).toBe(true);
    expect(item?.gain.eq(r('80/9'))).toBe(true);
    expect(item?.gain.toFixed(2)).toBe('8.89');
  });

  it('counts the gate: an item that lifts the SAQ over it brings the panel score in', () => {
    // 2.1 answered in full but verified at 1/3: SAQ 200/3 (66.67) is below the gate, the final 0.8 x 200/3 = 160/3
    const questions = new Map([
      ['1.1', state('1')],
      ['1.2', state('1/2')],
      ['2.1', state('1', '1/3')],
    ]);
    const out = recommendations({ methodology: KIP, indicators: INDICATORS, questions, panels: panel(60) });
    expect(out.final.eq(r('160/3'))).toBe(true);
    expect(out.items.map((i) => [i.questionCode, i.status, i.gain.toString(), i.saqGain.toString()])).toEqual([
      // SAQ 800/9 passes: 640/9 + 0.2 x 60 - 160/3 = 268/9
      ['2.1', 'corrected', '268/9', '200/9'],
      // SAQ 700/9 (77.78) passes: 560/9 + 12 - 160/3 = 188/9
      ['1.2', 'partial', '188/9', '100/9'],
    ]);
  });

  it('can lose points across the gate under questionnaire_only (the final becomes the weighted sum)', () => {
    const methodology: Methodology = { ...KIP, gate: { component: 'saq', min: 70, below: 'questionnaire_only' } };
    const questions = new Map([
      ['1.1', state('1')],
      ['1.2', state('1/2')],
      ['2.1', state('1', '1/3')],
    ]);
    const out = recommendations({ methodology, indicators: INDICATORS, questions, panels: {} });
    // below the gate the final is the SAQ alone: 200/3
    expect(out.final.eq(r('200/3'))).toBe(true);
    const by = Object.fromEntries(out.items.map((i) => [i.questionCode, i.gain.toString()]));
    // 2.1: 0.8 x 800/9 = 640/9, gain 40/9; 1.2: 0.8 x 700/9 = 560/9, gain -40/9
    expect(by).toEqual({ '2.1': '40/9', '1.2': '-40/9' });
    expect(out.items.map((i) => i.questionCode)).toEqual(['2.1', '1.2']);
  });

  it('marks unanswered items and sorts ties by SAQ gain, then code with numeric segments', () => {
    const indicators: Indicator[] = [
      {
        code: '1',
        title: 'A',
        weight: 1,
        questions: ['1.10', '1.2', '1.9'].map((code) => ({
          code,
          text: code,
          type: 'boolean' as const,
          weight: 1,
          evidence: 'none' as const,
        })),
      },
    ];
    const questions = new Map([['1.9', state('0', '0', false)]]);
    const out = recommendations({
      methodology: { ...KIP, gate: undefined },
      indicators,
      questions,
      panels: {},
    });
    expect(out.items.map((i) => [i.questionCode, i.status])).toEqual([
      ['1.2', 'unanswered'],
      ['1.9', 'unanswered'],
      ['1.10', 'unanswered'],
    ]);
    // each is a third of the SAQ, 80 % of that in the final
    expect(out.items.every((i) => i.saqGain.eq(r('100/3')) && i.gain.eq(r('80/3')))).toBe(true);
  });

  it('leaves out items verified at full, and matches the engine recomputed from scratch (property)', () => {
    const fraction = fc.integer({ min: 0, max: 6 }).map((n) => r(`${n}/6`));
    fc.assert(
      fc.property(
        fc.tuple(fraction, fraction, fraction, fraction, fraction, fraction),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        ([s1, v1, s2, v2, s3, v3], juror) => {
          const questions = new Map([
            ['1.1', { self: s1, verified: v1, answered: true }],
            ['1.2', { self: s2, verified: v2, answered: true }],
            ['2.1', { self: s3, verified: v3, answered: true }],
          ]);
          const panels = juror === undefined ? {} : panel(juror);
          const out = recommendations({ methodology: KIP, indicators: INDICATORS, questions, panels });
          const below = [...questions].filter(([, q]) => q.verified.lt(Rational.ONE)).map(([code]) => code);
          expect(out.items.map((i) => i.questionCode).sort()).toEqual(below.sort());
          const finalWith = (code?: string) => {
            const saq = aggregateFractions(INDICATORS, (q) => {
              const s = questions.get(q.code);
              return s ? { self: s.self, verified: q.code === code ? Rational.ONE : s.verified } : undefined;
            }).verified.score;
            return scoreFinal(KIP, { questionnaire: saq, panels }).final;
          };
          for (const item of out.items) {
            expect(item.gain.eq(finalWith(item.questionCode).sub(finalWith()))).toBe(true);
          }
          for (let i = 1; i < out.items.length; i++) {
            expect(
              (out.items[i - 1] as { gain: Rational }).gain.cmp((out.items[i] as { gain: Rational }).gain),
            ).not.toBe(-1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('nextBand', () => {
  it('gives the next band and the points the rounded final lacks', () => {
    const next = nextBand(KIP, r('7933/90'));
    expect(next?.label).toBe('Informatif');
    expect(next?.min).toBe(90);
    // 88.1444... shows 88.14: 1.86 to go
    expect(next?.pointsNeeded.eq(r('1.86'))).toBe(true);
    expect(nextBand(KIP, Rational.ZERO)?.label).toBe('Kurang Informatif');
    expect(nextBand(KIP, Rational.ZERO)?.pointsNeeded.eq(r(40))).toBe(true);
  });

  it('is null at the top band, rounding first (89.995 shows 90.00: Informatif)', () => {
    expect(nextBand(KIP, r('89.995'))).toBeNull();
    expect(nextBand(KIP, r(100))).toBeNull();
    expect(nextBand(KIP, r('89.994'))?.pointsNeeded.eq(r('0.01'))).toBe(true);
  });
});
