/**
 * The Node host's renderer: a worker thread (render-worker.ts) renders, and is replaced every few hundred documents so
 * that react-pdf's retained memory never accumulates. Skeleton: renders in-process until the bulk helper builds it.
 */
import type { PdfRenderer } from '../../lib/pdf-renderer.ts';

export function createWorkerPdfRenderer(): PdfRenderer {
  let inner: Promise<PdfRenderer> | undefined;
  const load = () => {
    inner ??= import('./in-process-renderer.ts').then((m) => m.createInProcessPdfRenderer());
    return inner;
  };
  return {
    render: async (spec) => (await load()).render(spec),
    close: async () => {
      if (inner) await (await inner).close();
    },
  };
}
