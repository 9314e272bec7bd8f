import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Tone = 'success' | 'info' | 'error';
export interface StatusMessage {
  id: number;
  text: string;
  tone: Tone;
  /** Survives the next navigation (a save that returns to the list says so on the list). */
  carry: boolean;
}

interface Status {
  message: StatusMessage | null;
  announce: (text: string, tone?: Tone, options?: { carry?: boolean }) => void;
  clear: () => void;
  /** Called by the shell on each navigation: a carried message stays once, any other goes. */
  navigated: () => void;
}

const StatusContext = createContext<Status | null>(null);
let counter = 0;

/** One polite live region for the app: what just happened (saved, imported, invited) is announced there. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const announce = useCallback((text: string, tone: Tone = 'success', options: { carry?: boolean } = {}) => {
    counter += 1;
    setMessage({ id: counter, text, tone, carry: options.carry ?? false });
  }, []);
  const clear = useCallback(() => setMessage(null), []);
  const navigated = useCallback(() => setMessage((m) => (m?.carry ? { ...m, carry: false } : null)), []);
  const value = useMemo(() => ({ message, announce, clear, navigated }), [message, announce, clear, navigated]);
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): Status {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}
