/**
 * What the PDF documents are made from (issue 24). Plain JSON data, so that a spec can cross to a render worker
 * (worker_threads) unchanged; the documents in documents/ are pure functions of their spec.
 */
import type { CertificateData } from './documents/certificate-data.ts';
import type { ReportData } from './documents/report-data.ts';
import type { ScorecardPdfData } from './documents/scorecard-data.ts';

export type { CertificateData, ReportData, ScorecardPdfData };

/** The language of a document: Indonesian by default, English edition on request (`?lang=en`). */
export type PdfLang = 'id' | 'en';

export type PdfSpec =
  | { kind: 'certificate'; lang: PdfLang; data: CertificateData }
  | { kind: 'report'; lang: PdfLang; data: ReportData }
  | { kind: 'scorecard'; lang: PdfLang; data: ScorecardPdfData };

export type { PdfRenderer } from '../../lib/pdf-renderer.ts';
