/** The scorecard PDF's content (owned by the scorecard document, documents/scorecard.tsx). */
export interface ScorecardPdfData {
  commissionName: string;
  bodyName: string;
  year: number;
}
