/**
 * A renderer module for the render worker's tests (worker-renderer.ts' `renderer` option): answers a job with its own
 * JSON, and misbehaves on request, as a broken document or a dying worker would.
 */
import type { PdfJob } from '../../src/lib/pdf-renderer.ts';

export async function renderPdf(job: PdfJob): Promise<Uint8Array> {
  if (job.kind === 'throw') throw new Error('this document cannot be rendered');
  // the worker dies mid-job: process.exit in a worker thread ends that thread only
  if (job.kind === 'exit') process.exit(7);
  // an error nobody catches, as a bug in a library's callback would be
  if (job.kind === 'uncaught') {
    setTimeout(() => {
      throw new Error('uncaught in the worker');
    }, 0);
    return new Promise(() => {});
  }
  // a document that never finishes (what close() must cut short)
  if (job.kind === 'hang') return new Promise(() => {});
  return new TextEncoder().encode(JSON.stringify(job));
}
