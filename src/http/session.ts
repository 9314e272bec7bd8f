import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Next } from 'hono/types';
import type { Actor } from '../domain/access.ts';
import type { AppContext, AppEnv } from './context.ts';
import { AppError } from './errors.ts';
import { writeAllowed } from './origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * How a session cookie becomes an actor. The auth module owns both; createApp hands them in, so that http/ imports no
 * module (docs/decisions/008-layers-checked-by-lint.md).
 */
export interface SessionResolver {
  cookie: string;
  actorFor(token: string): Promise<Actor | null>;
  /** The origins writes may come from, worked out once per app (http/origin.ts). */
  writeOrigins: readonly string[];
}

/**
 * Loads the actor from the session cookie and refuses cross-origin writes (CSRF): a write, with a session cookie or
 * without one (the login and the invitation's acceptance, which start a session), must carry an Origin of
 * `deps.writeOrigins` (PUBLIC_URL's, or with PUBLIC_URL unset the loopback names of the port:
 * http/origin.ts), and the refusal names the address to use (`publicUrl`). A request with neither Origin nor a
 * cross-site Sec-Fetch-Site comes from a non-browser client, which cannot be driven by another site, and passes
 * (docs/decisions/003-csrf-origin-check.md).
 */
export const sessionMiddleware = (session: SessionResolver) =>
  createMiddleware<AppEnv>((c, next) => loadSession(session, c, next));

async function loadSession(session: SessionResolver, c: AppContext, next: Next) {
  const deps = c.get('deps');
  const token = getCookie(c, session.cookie);
  if (!SAFE_METHODS.has(c.req.method)) {
    if (!writeAllowed(c.req.header('origin'), c.req.header('sec-fetch-site'), session.writeOrigins)) {
      throw new AppError(
        'ORIGIN_MISMATCH',
        `Writes must come from ${deps.publicUrl}: open the application at that address.`,
        { publicUrl: deps.publicUrl },
      );
    }
  }
  c.set('actor', token ? await session.actorFor(token) : null);
  await next();
}

/** The signed-in actor, or 401. */
export function requireActor(c: AppContext): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return actor;
}
