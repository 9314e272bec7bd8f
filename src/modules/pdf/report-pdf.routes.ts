import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, LIMIT, problems, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { LangQuery, pdfResponse } from './pdf-response.ts';
import * as service from './report-pdf.service.ts';

const ReportQuerySchema = z.object({
  category: z
    .string()
    .min(1)
    .max(LIMIT.code)
    .optional()
    .openapi({ description: 'One category’s table and charts (its code); all categories without it.' }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .openapi({ description: 'A published version; without it the latest, or the preview before publication.' }),
  lang: LangQuery,
});

const reportRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/report.pdf',
  operationId: 'getReportPdf',
  tags: ['results'],
  security: SESSION,
  summary:
    'The ranking report as PDF (cover, methodology, charts, a table per category): a published version for the commission’s members, the preview (marked) for admin and leadership from the results stage on',
  request: { params: z.object({ pid: IdParam('pid') }), query: ReportQuerySchema },
  responses: {
    200: {
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      description: 'The report, as a download (laporan-monev-<year>-v<version>.pdf)',
    },
    ...problems(401, 403, 404, 409, 422),
  },
});

export const reportPdfRoutes = createRouter().openapi(reportRoute, async (c) => {
  const { bytes, fileName } = await service.reportPdf(
    c.get('deps'),
    requireActor(c),
    c.req.valid('param').pid,
    c.req.valid('query'),
  );
  return pdfResponse(bytes, fileName);
});
