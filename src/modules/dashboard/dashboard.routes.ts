import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonContent, problems, READ_ERRORS, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { DashboardQuerySchema, DashboardSchema } from './dashboard.schemas.ts';
import * as service from './dashboard.service.ts';

const dashboardRoute = createRoute({
  method: 'get',
  path: '/commissions/{cid}/dashboard',
  operationId: 'getDashboard',
  tags: ['dashboard'],
  security: SESSION,
  summary:
    'The leadership dashboard for one period: bands per category, the trend over the years, indicator averages, the biggest movers, participation and evaluator progress (admin, leadership)',
  request: { params: z.object({ cid: IdParam('cid') }), query: DashboardQuerySchema },
  responses: { 200: jsonContent(DashboardSchema, 'The dashboard'), ...problems(...READ_ERRORS) },
});

export const dashboardRoutes = createRouter().openapi(dashboardRoute, async (c) => {
  const { cid } = c.req.valid('param');
  return c.json(await service.dashboard(c.get('deps'), requireActor(c), cid, c.req.valid('query')), 200);
});
