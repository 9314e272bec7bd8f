import { type Actor, decide, isCommissionStaff } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { Rational } from '../../domain/rational.ts';
import { nextBand, type QuestionState, recommendations } from '../../domain/recommendations.ts';
import { aggregateFractions, bandOf, maxPoints } from '../../domain/scoring.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
// the certificates' one read (the PDF module's), and the one place their verify address is formed
import { certificateData } from '../pdf/certificate-data.ts';
import { certificateInForce } from '../pdf/certificates.repository.ts';
// the periods' repository, as the results service reads it: the questionnaire as stored
import { loadQuestionnaire } from '../periods/periods.repository.ts';
import { periodResults } from '../results/results.service.ts';
import { scoreView } from '../submissions/score-view.ts';
// who may read the submission (its body, the commission's staff, an evaluator who sees it), and when verification is
// released to the body: the scorecard follows the submission's own visibility
import { readable, VERIFICATION_RELEASED } from '../submissions/submission-view.service.ts';
import * as repo from './scorecard.repository.ts';
import type { Scorecard, ScorecardResult } from './scorecard.schemas.ts';

/** How many recommendations the scorecard lists. */
export const RECOMMENDATIONS_SHOWN = 10;

/** Stages from which staff allowed to preview results (admin, leadership) see the preview on a scorecard. */
const PREVIEW_STAGES: readonly string[] = ['results', 'published'];

const shown = (value: Rational, decimals: number) => Number(value.toFixed(decimals));

/**
 * One body's scorecard for the actor. The body sees its self scores always, its verified scores once verification is
 * released (objection stage on), and its final, band and rank only from published results (the latest version);
 * staff see verification as it happens, and admin and leadership the preview from the results stage on.
 */
export async function scorecard(deps: AppDeps, actor: Actor, submissionId: string): Promise<Scorecard> {
  const row = await readable(deps, actor, submissionId);
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const methodology = row.methodology as Methodology;
  const decimals = methodology.decimals;
  const staff = isCommissionStaff(actor, row.commissionId);
  const verifiedVisible = staff || VERIFICATION_RELEASED.includes(row.stage);
  const mayPreview =
    decide(actor, 'results.preview', { commissionId: row.commissionId }) === 'allow' &&
    PREVIEW_STAGES.includes(row.stage);

  const [header, questionnaire, answers, panelRows, overrideRows, results, previous] = await Promise.all([
    repo.headerOf(deps.db, row.periodId, row.categoryCode, row.commissionId),
    loadQuestionnaire(deps.db, row.questionnaireId),
    repo.answerPoints(deps.db, row.id),
    repo.panelScoresOf(deps.db, row.id),
    repo.panelOverridesOf(deps.db, row.id),
    periodResults(deps, { id: row.periodId, methodology }, { previewIfUnpublished: mayPreview }),
    repo.previousResult(deps.db, row.commissionId, row.bodyId, row.year),
  ]);

  // the result shown: the latest published version, or the preview (staff); the body's own row in it
  let result: ScorecardResult | null = null;
  let resultMethodology = methodology;
  const own = results?.rows.find((r) => r.bodyId === row.bodyId);
  if (results && own && (results.published || mayPreview)) {
    const version = results.version === null ? undefined : await repo.versionOf(deps.db, row.periodId, results.version);
    if (version) resultMethodology = version.methodology as Methodology;
    result = {
      published: results.published,
      version: results.version,
      decreeNumber: version?.decreeNumber ?? null,
      decreeDate: version?.decreeDate ?? null,
      // published rows carry their example mark (ResultRow does not type it)
      example: (own as { example?: boolean }).example ?? version?.example ?? false,
      components: resultMethodology.components.map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
        source: c.source,
        score: own.components[c.key] ?? null,
      })),
      final: own.final,
      band: own.band,
      bandIndex: bandOf(resultMethodology, Rational.of(own.final)).index,
      bands: resultMethodology.bands.map((b) => b.label),
      rank: own.rank,
      of: results.rows.filter((r) => r.categoryCode === own.categoryCode).length,
    };
  }

  // indicators, self and verified, from the stored points (numerators over each question's max points)
  const byCode = new Map(questionnaire.indicators.flatMap((i) => i.questions).map((q) => [q.code, q]));
  const questions = new Map<string, QuestionState>();
  for (const a of answers) {
    const question = byCode.get(a.questionCode);
    if (!question) continue;
    const max = maxPoints(question);
    const self = Rational.of(a.selfPoints).div(max);
    const verified = verifiedVisible && a.verifiedPoints !== null ? Rational.of(a.verifiedPoints).div(max) : self;
    questions.set(a.questionCode, { self, verified, answered: a.value !== null });
  }
  const scores = aggregateFractions(questionnaire.indicators, (q) => questions.get(q.code));
  const self = scoreView(scores.self, decimals);
  const verified = scoreView(scores.verified, decimals);

  // recommendations: the panel's scores count only where the reader may see what they make (a shown result, or staff)
  const panels: Record<string, Rational[]> = {};
  const panelOverrides: Record<string, Rational> = {};
  if (staff || result) {
    for (const p of panelRows) panels[p.component] = [...(panels[p.component] ?? []), Rational.of(p.score)];
    for (const o of overrideRows)
      if (o.component && o.score !== null) panelOverrides[o.component] = Rational.of(o.score);
  }
  const advice = recommendations({
    methodology,
    indicators: questionnaire.indicators,
    questions,
    panels,
    panelOverrides,
  });
  const next = result ? nextBand(resultMethodology, Rational.of(result.final)) : null;
  // certificates are issued at publication: a preview has none; the one in force is the body's unrevoked one
  const inForce = result?.published ? await certificateInForce(deps.db, row.periodId, row.bodyId) : undefined;
  const certificate = inForce ? certificateData(inForce, deps.publicUrl) : null;

  const before = previous
    ? {
        periodId: previous.periodId,
        year: previous.year,
        version: previous.version,
        final: Number(previous.final),
        band: previous.band,
        bandIndex: previous.bandIndex,
        rank: previous.rank,
        of: Number(previous.of),
        example: previous.example,
      }
    : null;

  return {
    period: { id: row.periodId, year: row.year, title: header.title, stage: row.stage },
    body: { id: row.bodyId, name: row.bodyName, categoryCode: row.categoryCode, categoryName: header.categoryName },
    submission: { id: row.id, status: row.status },
    decimals,
    verifiedVisible,
    saq: { self: self.score, verified: verifiedVisible ? verified.score : null },
    indicators: self.indicators.map((i, k) => ({
      code: i.code,
      title: i.title,
      weight: i.weight,
      self: i.score,
      verified: verifiedVisible ? (verified.indicators[k]?.score ?? null) : null,
    })),
    result,
    previous: before,
    change:
      result && before
        ? {
            final: shown(Rational.of(result.final).sub(Rational.of(before.final)), decimals),
            rank: before.rank - result.rank,
            band: result.bandIndex < before.bandIndex ? 'up' : result.bandIndex > before.bandIndex ? 'down' : 'same',
          }
        : null,
    recommendationsBasis: verifiedVisible ? 'verified' : 'self',
    recommendations: advice.items.slice(0, RECOMMENDATIONS_SHOWN).map((item) => ({
      questionCode: item.questionCode,
      questionText: item.questionText,
      indicator: item.indicator,
      status: item.status,
      gain: shown(item.gain, decimals),
      saqGain: shown(item.saqGain, decimals),
    })),
    recommendationsTotal: advice.items.length,
    nextBand: next ? { label: next.label, min: next.min, pointsNeeded: shown(next.pointsNeeded, decimals) } : null,
    certificate: certificate ? { code: certificate.code, verifyUrl: certificate.verifyUrl } : null,
  };
}
