import type { Actor } from '../../domain/access.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import type { Scorecard } from '../scorecard/scorecard.schemas.ts';
// the scorecard's one read: it authorizes (the submission's own visibility) and knows what this reader may see
// (verified figures once released, the preview for staff); the PDF prints exactly that
import { scorecard } from '../scorecard/scorecard.service.ts';
import type { ScorecardPdfData } from './documents/scorecard-data.ts';
import { bodySlug, rendererOf } from './pdf-response.ts';
import type { PdfLang } from './pdf-types.ts';
import { commissionNameOfPeriod } from './scorecard-pdf.repository.ts';

/** The scorecard as the document's data: what the reader may see, with the commission's name and the print time. */
export function scorecardPdfData(card: Scorecard, commissionName: string, generatedAt: Date): ScorecardPdfData {
  const r = card.result;
  return {
    commissionName,
    bodyName: card.body.name,
    categoryName: card.body.categoryName,
    year: card.period.year,
    periodTitle: card.period.title,
    decimals: card.decimals,
    generatedAt: generatedAt.toISOString(),
    verifiedVisible: card.verifiedVisible,
    saq: card.saq,
    indicators: card.indicators.map((i) => ({
      code: i.code,
      title: i.title,
      weight: i.weight,
      self: i.self,
      verified: i.verified,
    })),
    result: r
      ? {
          published: r.published,
          version: r.version,
          decreeNumber: r.decreeNumber,
          decreeDate: r.decreeDate,
          example: r.example,
          components: r.components.map((c) => ({ label: c.label, weight: c.weight, score: c.score })),
          final: r.final,
          band: r.band,
          bandIndex: r.bandIndex,
          bands: r.bands,
          rank: r.rank,
          of: r.of,
        }
      : null,
    previous: card.previous
      ? {
          year: card.previous.year,
          final: card.previous.final,
          band: card.previous.band,
          rank: card.previous.rank,
          of: card.previous.of,
          example: card.previous.example,
        }
      : null,
    change: card.change,
    recommendationsBasis: card.recommendationsBasis,
    recommendations: card.recommendations,
    recommendationsTotal: card.recommendationsTotal,
    nextBand: card.nextBand,
    certificate: card.certificate,
  };
}

/**
 * A body's scorecard as a PDF (`GET /submissions/:sid/scorecard.pdf`): the same figures the reader's scorecard shows,
 * in the language asked for; the file is named after the year and the body (rapor-2025-kementerian-keuangan.pdf).
 */
export async function scorecardPdf(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  lang: PdfLang,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const renderer = rendererOf(deps);
  const card = await scorecard(deps, actor, submissionId);
  const commissionName = await commissionNameOfPeriod(deps.db, card.period.id);
  const data = scorecardPdfData(card, commissionName, nowOf(deps));
  const bytes = await renderer.render({ kind: 'scorecard', lang, data });
  const prefix = lang === 'en' ? 'scorecard' : 'rapor';
  return { bytes, fileName: `${prefix}-${card.period.year}-${bodySlug(card.body.name)}.pdf` };
}
