/**
 * The host-provided PDF renderer, as the app's dependencies see it (http/context.ts). The documents and their specs
 * live in src/modules/pdf/ (pdf-types.ts: PdfSpec, which every job is); this interface only carries them.
 */
export interface PdfJob {
  kind: string;
  lang: 'id' | 'en';
  data: unknown;
}

/**
 * Renders documents to PDF bytes. The Node host gives the app a renderer that works in a worker thread recycled every
 * few hundred documents (react-pdf keeps about 20 KB per document it has rendered); tests may render in-process.
 * Absent (Cloudflare Workers): the PDF routes answer 503 (docs/decisions/015-pdf-rendering.md).
 */
export interface PdfRenderer {
  render(job: PdfJob): Promise<Uint8Array>;
  /** Ends any worker; pending renders reject. */
  close(): Promise<void>;
}
