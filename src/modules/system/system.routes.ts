import { createRoute } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { AppError } from '../../http/errors.ts';
import { jsonContent, problems } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { HealthSchema } from '../auth/auth.schemas.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and the database in use (no auth); 503 when the database is down',
  responses: { 200: jsonContent(HealthSchema, 'Healthy'), ...problems() },
});

export const systemRoutes = createRouter().openapi(healthRoute, async (c) => {
  const deps = c.get('deps');
  try {
    await sql`select 1`.execute(deps.db);
  } catch (error) {
    throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer.', {}, { 'Retry-After': '5' }).withCause(
      error,
    );
  }
  return c.json({ status: 'ok' as const, database: deps.databaseKind }, 200);
});
