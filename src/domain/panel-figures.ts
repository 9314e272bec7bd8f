import { Rational, sum } from './rational.ts';

/**
 * The panel's figures, pure and exact: a component's mean, the bodies whose jurors disagree by more than the period's
 * threshold, and each juror's calibration against the panel. Every value stays a Rational; only the caller rounds
 * what it shows, at the methodology's decimals.
 */

export interface JurorScoreInput {
  submissionId: string;
  jurorId: string;
  jurorName: string;
  component: string;
  score: Rational;
}

export function mean(values: readonly Rational[]): Rational | null {
  return values.length === 0 ? null : sum(values).div(Rational.of(values.length));
}

/** Scores grouped per body and panel component, in the order they came. */
export function groupScores(scores: readonly JurorScoreInput[]): Map<string, JurorScoreInput[]> {
  const groups = new Map<string, JurorScoreInput[]>();
  for (const s of scores) {
    const key = `${s.submissionId}\u0000${s.component}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return groups;
}

export interface DivergentGroup {
  submissionId: string;
  component: string;
  scores: JurorScoreInput[];
  spread: Rational;
  mean: Rational;
}

/** Bodies and components whose juror scores spread (highest minus lowest) by more than the threshold (strictly). */
export function divergentGroups(scores: readonly JurorScoreInput[], threshold: Rational): DivergentGroup[] {
  const out: DivergentGroup[] = [];
  for (const group of groupScores(scores).values()) {
    const values = group.map((s) => s.score);
    const max = values.reduce((a, b) => (b.cmp(a) > 0 ? b : a));
    const min = values.reduce((a, b) => (b.lt(a) ? b : a));
    const spread = max.sub(min);
    if (threshold.lt(spread)) {
      const first = group[0] as JurorScoreInput;
      out.push({
        submissionId: first.submissionId,
        component: first.component,
        scores: group,
        spread,
        mean: mean(values) as Rational,
      });
    }
  }
  return out.sort((a, b) => b.spread.cmp(a.spread));
}

export interface JurorCalibration {
  jurorId: string;
  count: number;
  /** The juror's own mean over the scores they gave. */
  mean: Rational | null;
  /** The mean, over the same bodies and components, of the panel's mean (all jurors) of each. */
  panelMean: Rational | null;
  difference: Rational | null;
}

/**
 * Each juror's mean beside the panel's over the same bodies and components: a juror who scores every body 10 points
 * above the panel shows a difference of +10 whatever the bodies' level.
 */
export function calibration(scores: readonly JurorScoreInput[], jurorIds: readonly string[]): JurorCalibration[] {
  const groupMeans = new Map<string, Rational>();
  for (const [key, group] of groupScores(scores)) groupMeans.set(key, mean(group.map((s) => s.score)) as Rational);
  return jurorIds.map((jurorId) => {
    const own = scores.filter((s) => s.jurorId === jurorId);
    const ownMean = mean(own.map((s) => s.score));
    const panelMean = mean(own.map((s) => groupMeans.get(`${s.submissionId}\u0000${s.component}`) as Rational));
    return {
      jurorId,
      count: own.length,
      mean: ownMean,
      panelMean,
      difference: ownMean && panelMean ? ownMean.sub(panelMean) : null,
    };
  });
}
