// One live region for the app's messages: screen readers hear them, everyone sees them.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface StatusMessage {
  id: number;
  /** Progress stays until its work ends; errors until dismissed; information fades. */
  kind: 'info' | 'progress' | 'error';
  text: string;
  /** A button beside the message, e.g. to cancel the work it reports. */
  action?: { label: string; run(): void };
}

interface StatusState {
  messages: StatusMessage[];
  /** Shows a message and returns its id, so that a progress message can be dismissed when done. */
  say(text: string, kind?: StatusMessage['kind'], action?: StatusMessage['action']): number;
  dismiss(id: number): void;
  update(id: number, text: string): void;
}

const StatusContext = createContext<StatusState | null>(null);
let nextId = 1;

export function StatusProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<StatusMessage[]>([]);
  const dismiss = useCallback((id: number) => setMessages((m) => m.filter((x) => x.id !== id)), []);
  const say = useCallback(
    (text: string, kind: StatusMessage['kind'] = 'info', action?: StatusMessage['action']) => {
      const id = nextId++;
      setMessages((m) => [...m.slice(-3), { id, kind, text, action }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 8000);
      return id;
    },
    [dismiss],
  );
  const update = useCallback((id: number, text: string) => setMessages((m) => m.map((x) => (x.id === id ? { ...x, text } : x))), []);
  const value = useMemo(() => ({ messages, say, dismiss, update }), [messages, say, dismiss, update]);
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusState {
  const state = useContext(StatusContext);
  if (!state) throw new Error('useStatus outside StatusProvider');
  return state;
}
