/**
 * The scorecard PDF's content (owned by the scorecard document, documents/scorecard.tsx): the scorecard of issue 23 as
 * the reader may see it (`GET /submissions/:sid/scorecard`), plus the commission's name and the moment of printing.
 * Plain JSON, so that it crosses to the render worker unchanged. Every number is as shown (rounded at `decimals`).
 */
export interface ScorecardPdfData {
  commissionName: string;
  bodyName: string;
  categoryName: string;
  year: number;
  periodTitle: string;
  decimals: number;
  /** ISO moment the document was made (printed in the footer, Asia/Jakarta). */
  generatedAt: string;
  /** Whether the verified figures are shown to this reader (before release the body sees its self scores only). */
  verifiedVisible: boolean;
  saq: { self: number; verified: number | null };
  indicators: ScorecardPdfIndicator[];
  /** Final, band and rank: published (a version and its decree), a staff preview, or null (nothing to show yet). */
  result: ScorecardPdfResult | null;
  previous: {
    year: number;
    final: number;
    band: string;
    rank: number;
    of: number;
    example: boolean;
  } | null;
  change: { final: number; rank: number; band: 'up' | 'down' | 'same' } | null;
  recommendationsBasis: 'verified' | 'self';
  recommendations: ScorecardPdfRecommendation[];
  recommendationsTotal: number;
  nextBand: { label: string; min: number; pointsNeeded: number } | null;
  /** The body's certificate in force for the period, if its band earns one. */
  certificate: { code: string; verifyUrl: string } | null;
}

export interface ScorecardPdfIndicator {
  code: string;
  title: string;
  weight: number;
  self: number;
  verified: number | null;
}

export interface ScorecardPdfResult {
  /** False: a preview computed now (staff only), printed as "pratinjau". */
  published: boolean;
  version: number | null;
  decreeNumber: string | null;
  /** ISO date (YYYY-MM-DD). */
  decreeDate: string | null;
  example: boolean;
  components: { label: string; weight: number; score: number | null }[];
  final: number;
  band: string;
  /** 0 = the highest band. */
  bandIndex: number;
  bands: string[];
  rank: number;
  of: number;
}

export interface ScorecardPdfRecommendation {
  questionCode: string;
  questionText: string;
  indicator: string;
  status: 'unanswered' | 'partial' | 'corrected';
  gain: number;
  saqGain: number;
}
