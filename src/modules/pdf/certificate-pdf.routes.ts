import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, problems, READ_ERRORS, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import * as service from './certificate-pdf.service.ts';
import { LangQuery, langOf, pdfResponse } from './pdf-response.ts';

const certificateRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/certificate.pdf',
  operationId: 'getCertificatePdf',
  tags: ['results'],
  security: SESSION,
  summary:
    'The body’s certificate in force for the submission’s period as a PDF (A4 landscape, with a QR code to ' +
    'PUBLIC_URL/verify/<code>); `?lang=en` for the English edition. Readable by whoever may read the submission. ' +
    '404 when the period is not published or the body’s band earns no certificate',
  request: { params: z.object({ sid: IdParam('sid') }), query: z.object({ lang: LangQuery }) },
  responses: {
    200: {
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      description: 'The certificate (piagam), as a download',
    },
    ...problems(...READ_ERRORS),
  },
});

export const certificatePdfRoutes = createRouter().openapi(certificateRoute, async (c) => {
  const { bytes, fileName } = await service.certificatePdf(
    c.get('deps'),
    requireActor(c),
    c.req.valid('param').sid,
    langOf(c.req.valid('query').lang),
  );
  return pdfResponse(bytes, fileName);
});
