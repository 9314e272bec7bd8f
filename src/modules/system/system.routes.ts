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

/** Health answers within this time whatever the database does: a server that stalls is a 503, never a hang. */
export const HEALTH_TIMEOUT_MS = 3000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const systemRoutes = createRouter().openapi(healthRoute, async (c) => {
  const deps = c.get('deps');
  try {
    await within(sql`select 1`.execute(deps.db), HEALTH_TIMEOUT_MS);
  } catch (error) {
    throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer.', {}, { 'Retry-After': '5' }).withCause(
      error,
    );
  }
  return c.json({ status: 'ok' as const, database: deps.databaseKind }, 200);
});
