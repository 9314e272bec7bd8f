import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import * as repo from './system.repository.ts';

/** Health answers within this time whatever the database does: a server that stalls is a 503, never a hang. */
export const HEALTH_TIMEOUT_MS = 3000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Liveness: the database in use, once it answered; 503 with Retry-After when it does not (in time). */
export async function health(deps: AppDeps) {
  try {
    await within(repo.ping(deps.db), HEALTH_TIMEOUT_MS);
  } catch (error) {
    throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer.', {}, { 'Retry-After': '5' }).withCause(
      error,
    );
  }
  return { status: 'ok' as const, database: deps.databaseKind };
}
