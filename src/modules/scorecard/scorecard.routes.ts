import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonContent, problems, READ_ERRORS, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { ScorecardSchema } from './scorecard.schemas.ts';
import * as service from './scorecard.service.ts';

const getRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/scorecard',
  operationId: 'getScorecard',
  tags: ['results'],
  security: SESSION,
  summary:
    'A body’s scorecard: components, indicators self and verified, rank and band, the change against last year, and the items that would raise the score most',
  request: { params: z.object({ sid: IdParam('sid') }) },
  responses: { 200: jsonContent(ScorecardSchema, 'The scorecard'), ...problems(...READ_ERRORS) },
});

export const scorecardRoutes = createRouter().openapi(getRoute, async (c) => {
  const scorecard = await service.scorecard(c.get('deps'), requireActor(c), c.req.valid('param').sid);
  return c.json(scorecard, 200);
});
