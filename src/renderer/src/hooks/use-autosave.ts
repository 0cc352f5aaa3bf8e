// Saves what the user types after a short pause, in order, and at the latest when the view closes or the
// window is hidden, so that nothing typed is lost.
import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveStatus = 'saved' | 'pending' | 'saving' | { error: string };

export function useAutosave<T>(save: (value: T) => Promise<void>, delay = 500) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (pending.current === null) return chain.current;
    const value = pending.current;
    pending.current = null;
    chain.current = chain.current.then(async () => {
      setStatus('saving');
      try {
        await saveRef.current(value);
        setStatus(pending.current === null ? 'saved' : 'pending');
      } catch (error) {
        // Keep the value to try again with the next change or on close; the user sees why it failed.
        pending.current ??= value;
        setStatus({ error: (error as Error).message });
      }
    });
    return chain.current;
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = value;
      setStatus('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [delay, flush],
  );

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { status, schedule, flush };
}
