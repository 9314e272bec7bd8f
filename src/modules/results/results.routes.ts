import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { WhatIfRequestSchema, WhatIfResultSchema } from './results.schemas.ts';
import * as service from './results.service.ts';

const whatIfRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/whatif',
  operationId: 'whatIf',
  tags: ['results'],
  security: SESSION,
  summary: 'Apply another methodology to the period’s current data and compare; nothing is saved',
  request: { params: z.object({ pid: IdParam('pid') }), body: jsonBody(WhatIfRequestSchema) },
  responses: {
    200: jsonContent(WhatIfResultSchema, 'Current and proposed outcome per body'),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
});

export const resultsRoutes = createRouter().openapi(whatIfRoute, async (c) => {
  const rows = await service.whatIf(
    c.get('deps'),
    requireActor(c),
    c.req.valid('param').pid,
    c.req.valid('json').methodology,
  );
  return c.json({ rows }, 200);
});
