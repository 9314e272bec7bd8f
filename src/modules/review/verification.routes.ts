import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { jsonResponse } from '../../http/security-headers.ts';
import { requireActor } from '../../http/session.ts';
import {
  SaveVerificationSchema,
  VerificationCompletedSchema,
  VerificationResultSchema,
} from './verification.schemas.ts';
import * as verification from './verification.service.ts';

const tags = ['review'];
const Sid = z.object({ sid: IdParam('sid') });

const saveRoute = createRoute({
  method: 'patch',
  path: '/submissions/{sid}/verification',
  operationId: 'saveVerification',
  tags,
  security: SESSION,
  summary:
    'Set verified values (the assigned evaluator or the commission admin, in the verification stage): a value that differs from the answer needs a reason',
  request: { params: Sid, body: jsonBody(SaveVerificationSchema) },
  responses: {
    200: jsonContent(VerificationResultSchema, 'Saved: the verification state, progress and live scores'),
    ...problems(...WRITE_ERRORS),
  },
});

const completeRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/verification/complete',
  operationId: 'completeVerification',
  tags,
  security: SESSION,
  summary: 'Complete the verification: 422 with `missing` unless every question is verified',
  request: { params: Sid },
  responses: {
    200: jsonContent(VerificationCompletedSchema, 'Complete'),
    // the whole input is the path: no body is parsed, so no 400 or 415
    ...problems(401, 403, 404, 409, 413, 422),
  },
});

export const verificationRoutes = createRouter();

verificationRoutes
  .openapi(saveRoute, async (c) => {
    const result = await verification.saveVerification(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
      c.req.valid('json').items,
    );
    // the screen's hot path (a save per item, as the autosave's): one plain header object, no compression of an
    // answer of about a kilobyte
    return jsonResponse(c, result, 200);
  })
  .openapi(completeRoute, async (c) => {
    const result = await verification.completeVerification(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
    );
    return c.json(result, 200);
  });
