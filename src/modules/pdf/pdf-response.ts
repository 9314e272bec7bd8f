/** What every PDF route shares: the host's renderer (503 without one), the language asked for, the response. */
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { PdfRenderer } from '../../lib/pdf-renderer.ts';
import { slugify } from '../../lib/text.ts';
import type { PdfLang } from './pdf-types.ts';

/** `?lang=id` (default) or `?lang=en`: the document's language. */
export const LangQuery = z
  .enum(['id', 'en'])
  .optional()
  .openapi({ param: { name: 'lang', in: 'query' }, description: 'The document’s language: id (default) or en.' });

export const langOf = (lang: PdfLang | undefined): PdfLang => lang ?? 'id';

/** The host's renderer; a host without one (Cloudflare Workers) answers 503 PDF_UNAVAILABLE. */
export function rendererOf(deps: Pick<AppDeps, 'pdf'>): PdfRenderer {
  if (!deps.pdf) throw new AppError('PDF_UNAVAILABLE', 'This deployment does not render PDFs (docs/deploy.md).');
  return deps.pdf;
}

/** A body's name in a file name: accents folded (é → e), at most 80 characters, never empty. */
export function bodySlug(name: string): string {
  return slugify(name.normalize('NFKD')).slice(0, 80) || 'badan-publik';
}

/** A file name safe in a Content-Disposition header: ASCII letters, digits, dots and dashes. */
export function safeFileName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120) || 'document'
  );
}

/** A rendered PDF as a download; private: it may carry unpublished data. */
export function pdfResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `attachment; filename="${safeFileName(fileName)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
