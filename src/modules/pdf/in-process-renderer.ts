/**
 * Renders in the calling thread. Used by the render worker itself and by tests; the Node server uses the worker
 * renderer (worker-renderer.ts), whose recycling bounds the memory react-pdf keeps per document.
 */

import type { DocumentProps } from '@react-pdf/renderer';
import { renderToBuffer } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import type { PdfJob } from '../../lib/pdf-renderer.ts';
import { documentOf } from './documents/index.tsx';
import { registerFonts } from './fonts.ts';
import type { PdfRenderer, PdfSpec } from './pdf-types.ts';

export async function renderPdf(spec: PdfSpec): Promise<Uint8Array> {
  registerFonts();
  const buffer = await renderToBuffer(documentOf(spec) as ReactElement<DocumentProps>);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function createInProcessPdfRenderer(): PdfRenderer {
  return { render: (job: PdfJob) => renderPdf(job as PdfSpec), close: async () => {} };
}
