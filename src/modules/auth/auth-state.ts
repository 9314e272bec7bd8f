import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../../http/context.ts';

/** A looked-up session: its actor, trusted until `until` (ms), and its stored hash for the batched revalidation. */
export interface CachedActor {
  actor: Actor;
  until: number;
  tokenHash: string;
}

/**
 * The auth module's state that lives across requests, built once per app by createApp (src/app.ts), so that two apps
 * in one process share nothing: the session cache (token -> actor, trusted for SESSION_CACHE_SECONDS) and the decoy
 * hash that makes an unknown e-mail cost as much as a wrong password.
 */
export interface AuthState {
  sessions: Map<string, CachedActor>;
  decoyHash: Promise<string> | undefined;
}

/** The app's dependencies with the auth state: what the session and login services take. */
export interface AuthDeps extends AppDeps {
  auth: AuthState;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by createApp for every request: the app's dependencies with the auth state. */
    auth: AuthDeps;
  }
}

export function createAuthState(): AuthState {
  return { sessions: new Map(), decoyHash: undefined };
}
