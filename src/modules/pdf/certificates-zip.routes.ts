import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, problems, READ_ERRORS, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import * as service from './certificates-zip.service.ts';
import { LangQuery, langOf, safeFileName } from './pdf-response.ts';

const zipRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/certificates.zip',
  operationId: 'getCertificatesZip',
  tags: ['results'],
  security: SESSION,
  summary: 'Every certificate in force of a published period as one ZIP, streamed as it is made',
  description:
    'The commission’s admins and leadership (and the platform admin). One PDF per certificate in force (revoked ones ' +
    'are left out), in the order category, body name, named `piagam/NNNN-<body>.pdf` (NNNN from 0001), then ' +
    '`daftar-piagam.csv` (file, code, bodyName, categoryName, band, final, verifyUrl). 404 when the period’s results ' +
    'are not published.\n\n' +
    'The ZIP is made while it is downloaded: a certificate is rendered when the client has read the one before. ' +
    '`X-Certificate-Count` says how many PDFs come. To show progress, count the entries as they arrive: each starts ' +
    'with a local file header, the bytes `50 4B 03 04` (`PK\\x03\\x04`), whose file name (length: the 2 bytes at offset ' +
    '26, little-endian) begins at offset 30 with `piagam/`; keep the last 36 bytes of a chunk to find a header split ' +
    'between chunks. If rendering fails part way, the connection is cut before the ZIP’s central directory: the file ' +
    'is incomplete, and unzip tools refuse it.',
  request: { params: z.object({ pid: IdParam('pid') }), query: z.object({ lang: LangQuery }) },
  responses: {
    200: {
      description: 'The ZIP (streamed; no Content-Length)',
      headers: z.object({
        'X-Certificate-Count': z.string().openapi({ description: 'PDFs in the ZIP', example: '56' }),
        'Content-Disposition': z.string().openapi({ example: 'attachment; filename="piagam-2025.zip"' }),
      }),
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems(...READ_ERRORS),
  },
});

export const certificatesZipRoutes = createRouter().openapi(zipRoute, async (c) => {
  const { pid } = c.req.valid('param');
  const zip = await service.certificatesZip(c.get('deps'), requireActor(c), pid, langOf(c.req.valid('query').lang));
  return new Response(zip.stream, {
    status: 200,
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${safeFileName(zip.fileName)}"`,
      'X-Certificate-Count': String(zip.count),
      // a staff download, made afresh for each request
      'Cache-Control': 'private, no-store',
    },
  }) as never;
});
