/**
 * The pdf benchmark's baseline document: one A4 page with one line of text in the same TTF font (Noto Sans, registered
 * as the app registers it), for the render worker's `renderer` option, so that it goes through the very machinery the
 * certificates go through (worker thread, queue, recycling).
 */
import { Document, Page, renderToBuffer, Text } from '@react-pdf/renderer';
import type { PdfJob } from '../../src/lib/pdf-renderer.ts';
import { FONT_FAMILY, registerFonts } from '../../src/modules/pdf/fonts.ts';

export async function renderPdf(job: PdfJob): Promise<Uint8Array> {
  registerFonts();
  const { text } = job.data as { text: string };
  const buffer = await renderToBuffer(
    <Document>
      <Page size="A4" style={{ fontFamily: FONT_FAMILY, padding: 48 }}>
        <Text>{text}</Text>
      </Page>
    </Document>,
  );
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
