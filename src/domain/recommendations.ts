import type { Methodology } from './methodology.ts';
import type { Indicator } from './questionnaire.ts';
import { Rational } from './rational.ts';
import { aggregateFractions, bandOf, type FinalInput, scoreFinal } from './scoring.ts';

/**
 * The scorecard's recommendations (issue 23): the items that would raise a body's score most. Pure and exact: each
 * gain is the engine's final (scoreFinal, gate included) with one question set to full, minus the final as it is;
 * nothing is rounded before the difference is taken.
 */

/** One question's fractions as the scorecard reads them, and whether the body answered it at all. */
export interface QuestionState {
  self: Rational;
  verified: Rational;
  answered: boolean;
}

export type RecommendationStatus = 'unanswered' | 'partial' | 'corrected';

export interface Recommendation {
  questionCode: string;
  questionText: string;
  indicator: string;
  status: RecommendationStatus;
  /** The change in the final (exact) if this question were verified at full. Can be negative across the gate. */
  gain: Rational;
  /** The change in the verified questionnaire score (exact). */
  saqGain: Rational;
}

export interface RecommendationInput {
  methodology: Methodology;
  indicators: Indicator[];
  /** By question code; a question not in the map is unanswered (0). */
  questions: ReadonlyMap<string, QuestionState>;
  panels: FinalInput['panels'];
  panelOverrides?: FinalInput['panelOverrides'];
}

export interface RecommendationResult {
  /** The verified questionnaire score and the final as they are now (exact). */
  saq: Rational;
  final: Rational;
  /** Every question below full, by gain (desc), then SAQ gain (desc), then code (numeric segments). */
  items: Recommendation[];
}

const codeOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * For every question whose verified fraction is below 1 (unanswered, answered below full, or lowered by the
 * evaluator): the gain in the final and in the SAQ if it were verified at full.
 */
export function recommendations(input: RecommendationInput): RecommendationResult {
  const { methodology, indicators, questions } = input;
  const saqWith = (full?: string) =>
    aggregateFractions(indicators, (q) => {
      if (q.code === full) return { self: questions.get(q.code)?.self ?? Rational.ZERO, verified: Rational.ONE };
      const state = questions.get(q.code);
      return state ? { self: state.self, verified: state.verified } : undefined;
    }).verified.score;
  const finalOf = (saq: Rational) =>
    scoreFinal(methodology, {
      questionnaire: saq,
      panels: input.panels,
      ...(input.panelOverrides ? { panelOverrides: input.panelOverrides } : {}),
    }).final;
  const saq = saqWith();
  const final = finalOf(saq);
  const items: Recommendation[] = [];
  for (const indicator of indicators) {
    for (const question of indicator.questions) {
      const state = questions.get(question.code);
      const verified = state?.verified ?? Rational.ZERO;
      if (!verified.lt(Rational.ONE)) continue;
      const status: RecommendationStatus = !state?.answered
        ? 'unanswered'
        : verified.lt(state.self)
          ? 'corrected'
          : 'partial';
      const raised = saqWith(question.code);
      items.push({
        questionCode: question.code,
        questionText: question.text,
        indicator: indicator.code,
        status,
        gain: finalOf(raised).sub(final),
        saqGain: raised.sub(saq),
      });
    }
  }
  items.sort((a, b) => b.gain.cmp(a.gain) || b.saqGain.cmp(a.saqGain) || codeOrder(a.questionCode, b.questionCode));
  return { saq, final, items };
}

export interface NextBand {
  label: string;
  min: number;
  /** The points the shown (rounded) final lacks to reach the next band: its min minus the rounded final. */
  pointsNeeded: Rational;
}

/** How far the next band is from a final (applied to the final rounded at the decimals); null at the top band. */
export function nextBand(methodology: Methodology, final: Rational): NextBand | null {
  const { index } = bandOf(methodology, final);
  const next = index > 0 ? methodology.bands[index - 1] : undefined;
  if (!next) return null;
  return {
    label: next.label,
    min: next.min,
    pointsNeeded: Rational.of(next.min).sub(final.round(methodology.decimals)),
  };
}
