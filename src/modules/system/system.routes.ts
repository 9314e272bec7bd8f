import { createRoute } from '@hono/zod-openapi';
import { ANONYMOUS, jsonContent, problems } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { HealthSchema } from '../auth/auth.schemas.ts';
import * as service from './system.service.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['system'],
  security: ANONYMOUS,
  summary: 'Liveness and the database in use (no auth); 503 when the database is down',
  responses: { 200: jsonContent(HealthSchema, 'Healthy'), ...problems() },
});

export const systemRoutes = createRouter().openapi(healthRoute, async (c) =>
  c.json(await service.health(c.get('deps')), 200),
);
