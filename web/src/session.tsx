import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler, type User } from './api.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; user: User | null };

interface Session {
  state: SessionState;
  user: User | null;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
  reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in: asked of GET /me once, updated by sign-in, sign-out and any 401 the API answers. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api
      .me(controller.signal)
      .then(({ user }) => setState({ status: 'ready', user }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'ready', user: null });
        else setState({ status: 'error', error });
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    setUnauthorizedHandler(() => setState({ status: 'ready', user: null }));
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const signedIn = useCallback((user: User) => setState({ status: 'ready', user }), []);
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'ready', user: null });
    }
  }, []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo<Session>(
    () => ({ state, user: state.status === 'ready' ? state.user : null, signedIn, signOut, reload }),
    [state, signedIn, signOut, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
