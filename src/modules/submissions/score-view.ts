import { Rational } from '../../domain/rational.ts';
import {
  type IndicatorExplanation,
  indicatorAt,
  type QuestionnaireScore,
  type ScoreWeights,
  selfTotal,
} from '../../domain/scoring.ts';

/** Scores as the API shows them: rounded half-up at the methodology's decimals (earned and possible at 4). */
export function scoreView(part: QuestionnaireScore, decimals: number) {
  return {
    score: Number(part.score.toFixed(decimals)),
    indicators: part.indicators.map((i) => indicatorView(i, decimals)),
  };
}

type IndicatorView = ReturnType<typeof indicatorView>;

function indicatorView(i: IndicatorExplanation, decimals: number) {
  return {
    code: i.code,
    title: i.title,
    weight: i.weight,
    earned: Number(i.earned.toFixed(4)),
    possible: Number(i.possible.toFixed(4)),
    score: Number(i.score.toFixed(decimals)),
  };
}

/**
 * Per questionnaire (its weights) and decimals, per indicator: its view and weighted part at each earned sum seen. One
 * per app (in its autosave state), so that two apps share nothing.
 */
export type ScoreViewMemo = WeakMap<
  ScoreWeights,
  Map<number, Map<Rational, { view: IndicatorView; weighted: Rational }>[]>
>;
const SUMS_PER_INDICATOR = 4_096;

export function createScoreViewMemo(): ScoreViewMemo {
  return new WeakMap();
}

/**
 * `scoreView(selfScore(weights, earned), decimals)` for autosave. A save moves one to three indicators; the others'
 * earned sums are the instances kept from before (see `canonical`), so their views are reused rather than worked out
 * and rounded again over BigInt. Bounded per indicator: beyond it, a sum is worked out each time. Without a `memo`
 * (the app's), nothing is kept beyond the call.
 */
export function selfScoreView(
  weights: ScoreWeights,
  earned: ReadonlyMap<string, Rational>,
  decimals: number,
  memo: ScoreViewMemo = createScoreViewMemo(),
) {
  let byDecimals = memo.get(weights);
  if (!byDecimals) {
    byDecimals = new Map();
    memo.set(weights, byDecimals);
  }
  let seen = byDecimals.get(decimals);
  if (!seen) {
    seen = weights.indicators.map(() => new Map());
    byDecimals.set(decimals, seen);
  }
  let total = Rational.ZERO;
  const indicators = weights.indicators.map((indicator, k) => {
    const sums = seen[k] as Map<Rational, { view: IndicatorView; weighted: Rational }>;
    const at = earned.get(indicator.code) ?? Rational.ZERO;
    let figures = sums.get(at);
    if (!figures) {
      const { weighted, ...explanation } = indicatorAt(indicator, at);
      figures = { view: Object.freeze(indicatorView(explanation, decimals)), weighted };
      if (sums.size < SUMS_PER_INDICATOR) sums.set(at, figures);
    }
    total = total.add(figures.weighted);
    return figures.view;
  });
  return { score: Number(selfTotal(weights, total).toFixed(decimals)), indicators };
}
