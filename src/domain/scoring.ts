import { bandEarnsCertificate, type Methodology } from './methodology.ts';
import type { Indicator, Question } from './questionnaire.ts';
import { canonical, Rational, sum } from './rational.ts';

/**
 * The scoring engine (DOMAIN.md "Scoring"): pure and exact. Fractions, indicator scores, the questionnaire score,
 * component scores and the final are Rationals, never rounded on the way; each shown value is rounded on its own,
 * half-up, at the methodology's decimals. Every result carries its explanation.
 */

export type AnswerValue = boolean | string | string[] | null;

export interface AnswerInput {
  /** The body's answer; undefined or null: unanswered. */
  value?: AnswerValue | undefined;
  /** The evaluator's value where one is set (verification), else undefined. */
  verifiedValue?: AnswerValue | undefined;
}

/** The denominator of a question's fraction: a checklist's total points, else 1. */
export function maxPoints(question: Question): Rational {
  if (question.type !== 'checklist') return Rational.ONE;
  const all = sum((question.items ?? []).map((it) => Rational.of(it.points)));
  return all.isZero() ? Rational.ONE : all;
}

/**
 * The numerator of a question's fraction over maxPoints: yes 1 / no 0; the option's score; the checked items' points;
 * unanswered 0. Stored beside each answer, it keeps fractions exact (2 of 3 points stays 2/3).
 */
export function questionPoints(question: Question, value: AnswerValue | undefined): Rational {
  if (value === null || value === undefined) return Rational.ZERO;
  switch (question.type) {
    case 'boolean':
      return value === true ? Rational.ONE : Rational.ZERO;
    case 'choice': {
      const option = (question.options ?? []).find((o) => o.code === value);
      return option ? Rational.of(option.score) : Rational.ZERO;
    }
    case 'checklist': {
      if (!Array.isArray(value)) return Rational.ZERO;
      const checked = new Set(value);
      return sum((question.items ?? []).filter((it) => checked.has(it.code)).map((it) => Rational.of(it.points)));
    }
  }
}

/** A question's fraction in [0,1]: yes 1 / no 0; the option's score; checked points over all points; unanswered 0. */
export function questionFraction(question: Question, value: AnswerValue | undefined): Rational {
  return questionPoints(question, value).div(maxPoints(question));
}

export interface QuestionExplanation {
  code: string;
  indicator: string;
  weight: number;
  selfFraction: Rational;
  verifiedFraction: Rational;
  /** True when the evaluator's value differs from the answer. */
  changedByVerification: boolean;
}

export interface IndicatorExplanation {
  code: string;
  title: string;
  weight: number;
  /** Sum of fraction x question weight, and the sum of question weights: score = 100 x earned / possible. */
  earned: Rational;
  possible: Rational;
  score: Rational;
}

export interface QuestionnaireScore {
  score: Rational;
  indicators: IndicatorExplanation[];
}

export interface QuestionnaireResult {
  self: QuestionnaireScore;
  verified: QuestionnaireScore;
  questions: QuestionExplanation[];
}

function same(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  return (a ?? null) === (b ?? null);
}

/** A question's two fractions: from the body's answer, and from the evaluator's value where set. */
export interface Fractions {
  self: Rational;
  verified: Rational;
  changedByVerification?: boolean;
}

/**
 * Aggregates fractions into indicator and questionnaire scores, self and verified:
 * indicator score = 100 x sum(f x w) / sum(w); questionnaire = sum(indicator score x weight) / sum(weights).
 * The same arithmetic serves raw answers (scoreQuestionnaire) and fractions stored beside answers (results).
 */
export function aggregateFractions(
  indicators: Indicator[],
  fractionsOf: (question: Question) => Fractions | undefined,
): QuestionnaireResult {
  const questions: QuestionExplanation[] = [];
  const self: IndicatorExplanation[] = [];
  const verified: IndicatorExplanation[] = [];
  for (const indicator of indicators) {
    let possible = Rational.ZERO;
    let earnedSelf = Rational.ZERO;
    let earnedVerified = Rational.ZERO;
    for (const question of indicator.questions) {
      const weight = Rational.of(question.weight);
      const f = fractionsOf(question);
      const selfFraction = f?.self ?? Rational.ZERO;
      const verifiedFraction = f?.verified ?? selfFraction;
      possible = possible.add(weight);
      earnedSelf = earnedSelf.add(selfFraction.mul(weight));
      earnedVerified = earnedVerified.add(verifiedFraction.mul(weight));
      questions.push({
        code: question.code,
        indicator: indicator.code,
        weight: question.weight,
        selfFraction,
        verifiedFraction,
        changedByVerification: f?.changedByVerification ?? !verifiedFraction.eq(selfFraction),
      });
    }
    const score = (earned: Rational) =>
      possible.isZero() ? Rational.ZERO : Rational.HUNDRED.mul(earned).div(possible);
    const base = { code: indicator.code, title: indicator.title, weight: indicator.weight, possible };
    self.push({ ...base, earned: earnedSelf, score: score(earnedSelf) });
    verified.push({ ...base, earned: earnedVerified, score: score(earnedVerified) });
  }
  return {
    self: { score: weightedMean(self), indicators: self },
    verified: { score: weightedMean(verified), indicators: verified },
    questions,
  };
}

/** Fractions from stored points (self and verified numerators) over the question's max points. */
export function pointsToFractions(
  question: Question,
  points: { self: Rational; verified: Rational } | undefined,
): Fractions | undefined {
  if (!points) return undefined;
  const max = maxPoints(question);
  return { self: points.self.div(max), verified: points.verified.div(max) };
}

/**
 * Self scores kept answer by answer, for autosave: each indicator's earned sum (points x weight / max points) moves by
 * the questions a save changes, so a save costs its own questions, not the whole questionnaire. `selfScore` gives the
 * same numbers as `aggregateFractions(...).self` over the same points (a property test holds them together).
 */
export interface ScoreWeights {
  indicators: {
    code: string;
    title: string;
    weight: number;
    possible: Rational;
    /** 100 / possible (zero when nothing is possible): score = earned x scale. */
    scale: Rational;
    weightR: Rational;
  }[];
  questions: Map<string, { indicator: string; factor: Rational }>;
  totalWeight: Rational;
}

export function scoreWeights(indicators: Indicator[]): ScoreWeights {
  const questions = new Map<string, { indicator: string; factor: Rational }>();
  const list = indicators.map((indicator) => {
    let possible = Rational.ZERO;
    for (const q of indicator.questions) {
      const weight = Rational.of(q.weight);
      possible = possible.add(weight);
      questions.set(q.code, { indicator: indicator.code, factor: weight.div(maxPoints(q)) });
    }
    return {
      code: indicator.code,
      title: indicator.title,
      weight: indicator.weight,
      possible,
      scale: possible.isZero() ? Rational.ZERO : Rational.HUNDRED.div(possible),
      weightR: Rational.of(indicator.weight),
    };
  });
  return { indicators: list, questions, totalWeight: sum(list.map((i) => i.weightR)) };
}

/** Each indicator's earned sum from the points of every answer (numerators over max points, by question code). */
export function earnedOf(weights: ScoreWeights, points: Iterable<[string, Rational]>): Map<string, Rational> {
  const earned = new Map<string, Rational>();
  for (const [code, p] of points) {
    const q = weights.questions.get(code);
    if (!q || p.isZero()) continue;
    earned.set(q.indicator, (earned.get(q.indicator) ?? Rational.ZERO).add(p.mul(q.factor)));
  }
  for (const [code, e] of earned) earned.set(code, canonical(e));
  return earned;
}

/**
 * Moves the earned sums, in place, by some answers' points changing from `before` to `after` (undefined: unanswered).
 * The sums kept for a submission between autosaves are shared instances (see `canonical`).
 */
export function moveEarned(
  weights: ScoreWeights,
  earned: Map<string, Rational>,
  changes: { code: string; before: Rational | undefined; after: Rational }[],
): void {
  for (const c of changes) {
    const q = weights.questions.get(c.code);
    if (!q) continue;
    const delta = c.after.sub(c.before ?? Rational.ZERO);
    if (delta.isZero()) continue;
    earned.set(q.indicator, canonical((earned.get(q.indicator) ?? Rational.ZERO).add(delta.mul(q.factor))));
  }
}

/** The self score from earned sums: as `aggregateFractions(...).self`, with the weights' constants worked out once. */
export function selfScore(weights: ScoreWeights, earned: ReadonlyMap<string, Rational>): QuestionnaireScore {
  let total = Rational.ZERO;
  const indicators = weights.indicators.map((i) => {
    const { weighted, ...explanation } = indicatorAt(i, earned.get(i.code) ?? Rational.ZERO);
    total = total.add(weighted);
    return explanation;
  });
  return { score: selfTotal(weights, total), indicators };
}

/** One indicator at an earned sum: its score (earned x 100 / possible) and its weighted part of the self score. */
export function indicatorAt(
  indicator: ScoreWeights['indicators'][number],
  earned: Rational,
): IndicatorExplanation & { weighted: Rational } {
  const score = earned.mul(indicator.scale);
  return {
    code: indicator.code,
    title: indicator.title,
    weight: indicator.weight,
    earned,
    possible: indicator.possible,
    score,
    weighted: score.mul(indicator.weightR),
  };
}

/** The self score from the sum of every indicator's weighted part (`indicatorAt`). */
export function selfTotal(weights: ScoreWeights, weightedSum: Rational): Rational {
  return weights.totalWeight.isZero() ? Rational.ZERO : weightedSum.div(weights.totalWeight);
}

/** Scores one body's raw answers: self (the answers) and verified (the evaluator's value where set). */
export function scoreQuestionnaire(
  indicators: Indicator[],
  answers: ReadonlyMap<string, AnswerInput>,
): QuestionnaireResult {
  return aggregateFractions(indicators, (question) => {
    const answer = answers.get(question.code);
    if (!answer) return undefined;
    const verifiedValue = answer.verifiedValue !== undefined ? answer.verifiedValue : answer.value;
    return {
      self: questionFraction(question, answer.value),
      verified: questionFraction(question, verifiedValue),
      changedByVerification: answer.verifiedValue !== undefined && !same(answer.verifiedValue, answer.value),
    };
  });
}

function weightedMean(indicators: IndicatorExplanation[]): Rational {
  const total = sum(indicators.map((i) => Rational.of(i.weight)));
  if (total.isZero()) return Rational.ZERO;
  return sum(indicators.map((i) => i.score.mul(Rational.of(i.weight)))).div(total);
}

export interface ComponentExplanation {
  key: string;
  label: string;
  source: 'questionnaire' | 'panel';
  weight: number;
  /** The component's score (null: a panel component with no juror score, or withheld by the gate). */
  score: Rational | null;
  /** score x weight / sum of weights counted in the final (0 for a null score). */
  contribution: Rational;
  jurorScores?: Rational[];
}

export interface FinalResult {
  final: Rational;
  gatePassed: boolean;
  /** How the final was formed: the weighted sum, or the questionnaire alone (gate `questionnaire_only`). */
  rule: 'weighted' | 'questionnaire_only';
  components: ComponentExplanation[];
}

export interface FinalInput {
  /** The verified questionnaire score; null for a body that submitted nothing (0 in every sum). */
  questionnaire: Rational | null;
  /** Juror scores per panel component key (0-100 each); a component's score is their mean. */
  panels: Readonly<Record<string, readonly Rational[]>>;
  /** An admin correction that replaces a panel component's score (the jurors' scores stay on record). */
  panelOverrides?: Readonly<Record<string, Rational>>;
}

/**
 * Final = sum(component score x weight) / sum(weights). The gate: a body whose gate component, rounded at the period's
 * decimals, is below `gate.min` gets no panel score; its final is then the weighted sum with panels at 0
 * (`weighted`) or the questionnaire alone (`questionnaire_only`).
 */
export function scoreFinal(methodology: Methodology, input: FinalInput): FinalResult {
  const questionnaireScore = input.questionnaire ?? Rational.ZERO;
  const raw = new Map<string, { score: Rational | null; jurors?: Rational[] }>();
  for (const c of methodology.components) {
    if (c.source === 'questionnaire') raw.set(c.key, { score: questionnaireScore });
    else {
      const jurors = [...(input.panels[c.key] ?? [])];
      const override = input.panelOverrides?.[c.key];
      const mean = jurors.length > 0 ? sum(jurors).div(Rational.of(jurors.length)) : null;
      raw.set(c.key, { score: override ?? mean, jurors });
    }
  }
  let gatePassed = true;
  const gate = methodology.gate;
  if (gate) {
    const gated = raw.get(gate.component)?.score ?? Rational.ZERO;
    gatePassed = !gated.round(methodology.decimals).lt(Rational.of(gate.min));
  }
  const totalWeight = sum(methodology.components.map((c) => Rational.of(c.weight)));
  const components: ComponentExplanation[] = methodology.components.map((c) => {
    const entry = raw.get(c.key);
    const withheld = !gatePassed && c.source === 'panel';
    const score = withheld ? null : (entry?.score ?? null);
    return {
      key: c.key,
      label: c.label,
      source: c.source,
      weight: c.weight,
      score,
      contribution: score ? score.mul(Rational.of(c.weight)).div(totalWeight) : Rational.ZERO,
      ...(entry?.jurors ? { jurorScores: entry.jurors } : {}),
    };
  });
  if (!gatePassed && gate?.below === 'questionnaire_only') {
    return { final: questionnaireScore, gatePassed, rule: 'questionnaire_only', components };
  }
  return { final: sum(components.map((c) => c.contribution)), gatePassed, rule: 'weighted', components };
}

/** The band of a final, applied to the final rounded at the methodology's decimals (89.995 -> 90.00 -> Informatif). */
export function bandOf(
  methodology: Methodology,
  final: Rational,
): { label: string; index: number; certificate: boolean } {
  const rounded = final.round(methodology.decimals);
  const index = methodology.bands.findIndex((b) => !rounded.lt(Rational.of(b.min)));
  const at = index === -1 ? methodology.bands.length - 1 : index;
  return { label: methodology.bands[at]?.label ?? '', index: at, certificate: bandEarnsCertificate(methodology, at) };
}

export interface Rankable {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  final: Rational;
}

const codePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Tied rows are listed by name, case-folded and compared by code point (SQL: lower(name) collate "C"), then id. */
export function byName(a: { bodyName: string; bodyId: string }, b: { bodyName: string; bodyId: string }): number {
  return codePoints(a.bodyName.toLowerCase(), b.bodyName.toLowerCase()) || codePoints(a.bodyId, b.bodyId);
}

/**
 * Competition ranking within each category on the rounded final: equal finals share a rank and the next rank skips
 * (99.50, 99.50, 98.70 -> 1, 1, 3); tied rows are listed by body name. Returns the rows in listing order.
 */
export function rankWithinCategories<T extends Rankable>(
  rows: readonly T[],
  decimals: number,
): (T & { rank: number })[] {
  const byCategory = new Map<string, T[]>();
  for (const row of rows) byCategory.set(row.categoryCode, [...(byCategory.get(row.categoryCode) ?? []), row]);
  const out: (T & { rank: number })[] = [];
  for (const category of [...byCategory.keys()].sort()) {
    const sorted = (byCategory.get(category) ?? [])
      .map((row) => ({ row, rounded: row.final.round(decimals) }))
      .sort((a, b) => b.rounded.cmp(a.rounded) || byName(a.row, b.row));
    let rank = 0;
    sorted.forEach((entry, i) => {
      const previous = sorted[i - 1];
      if (!previous?.rounded.eq(entry.rounded)) rank = i + 1;
      out.push({ ...entry.row, rank });
    });
  }
  return out;
}
