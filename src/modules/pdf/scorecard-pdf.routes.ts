import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, problems, READ_ERRORS, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { LangQuery, langOf, pdfResponse } from './pdf-response.ts';
import * as service from './scorecard-pdf.service.ts';

const getRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/scorecard.pdf',
  operationId: 'getScorecardPdf',
  tags: ['results'],
  security: SESSION,
  summary:
    'A body’s scorecard as an A4 PDF (a download): the figures its scorecard shows the caller, with the version and ' +
    'decree they come from (or a preview for staff), indicators self against verified, the change against last year ' +
    'and the recommendations; Indonesian, or English with `?lang=en`. 503 on a host that renders no PDFs',
  request: { params: z.object({ sid: IdParam('sid') }), query: z.object({ lang: LangQuery }) },
  responses: {
    200: {
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      description: 'The scorecard (attachment rapor-<year>-<body>.pdf)',
    },
    ...problems(...READ_ERRORS),
  },
});

export const scorecardPdfRoutes = createRouter().openapi(getRoute, async (c) => {
  const { bytes, fileName } = await service.scorecardPdf(
    c.get('deps'),
    requireActor(c),
    c.req.valid('param').sid,
    langOf(c.req.valid('query').lang),
  );
  return pdfResponse(bytes, fileName);
});
