/**
 * The ranking report's content (documents/report.tsx): plain JSON, built by report-pdf.service.ts from the period's
 * results (a published version or the preview), its methodology and the commission's earlier published years.
 */
export interface ReportData {
  commissionName: string;
  year: number;
  periodTitle: string;
  /** False: a preview computed from the period's data, not a decree (every page says so). */
  published: boolean;
  /** The published version shown (null: preview), and the latest one published. */
  version: number | null;
  latestVersion: number | null;
  decreeNumber: string | null;
  /** ISO date (YYYY-MM-DD). */
  decreeDate: string | null;
  /** ISO moment the document was made. */
  generatedAt: string;
  /** The methodology the rows follow (the version's snapshot, else the period's). */
  decimals: number;
  components: ReportComponent[];
  gate: { componentLabel: string; min: number; below: 'weighted' | 'questionnaire_only' } | null;
  bands: ReportBand[];
  /** The categories the report covers (all, or the one asked for), in code order. */
  categories: ReportCategory[];
}

export interface ReportComponent {
  key: string;
  label: string;
  weight: number;
  source: 'questionnaire' | 'panel';
}

export interface ReportBand {
  label: string;
  min: number;
  /** The band earns a certificate (piagam). */
  certificate: boolean;
}

export interface ReportCategory {
  code: string;
  name: string;
  /** The indicators of the category's questionnaire, in order (empty: none, e.g. an imported year). */
  indicators: { code: string; title: string; weight: number }[];
  /** Bodies per band, in the order of `bands`. */
  bandCounts: number[];
  /** The category's earlier published years and this report's year, oldest first. */
  trend: ReportTrendPoint[];
  rows: ReportRow[];
}

export interface ReportTrendPoint {
  year: number;
  bodies: number;
  averageFinal: number | null;
  /** Share (0-1) in the first band. */
  topBandShare: number | null;
  /** Generated figures (the demo's earlier years). */
  example: boolean;
  /** The year of this report (its version or preview). */
  current: boolean;
}

export interface ReportRow {
  rank: number;
  bodyName: string;
  /** Component scores by component key (null: none, e.g. no panel score). */
  components: Record<string, number | null>;
  final: number;
  band: string;
}
