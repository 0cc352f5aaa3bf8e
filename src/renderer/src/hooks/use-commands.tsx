// The app's commands in one registry: views register what they can do, the command palette lists it all.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface Command {
  id: string;
  title: string;
  /** Shown beside the title, e.g. "A" or "Ctrl+K". */
  shortcut?: string;
  /** Commands of the current view come first. */
  group?: string;
  run(): void;
}

interface CommandsState {
  commands: Command[];
  register(owner: string, commands: Command[]): void;
  unregister(owner: string): void;
}

const CommandsContext = createContext<CommandsState | null>(null);

export function CommandsProvider({ children }: { children: ReactNode }) {
  const [owners, setOwners] = useState<Map<string, Command[]>>(new Map());
  const register = useCallback((owner: string, commands: Command[]) => setOwners((m) => new Map(m).set(owner, commands)), []);
  const unregister = useCallback(
    (owner: string) =>
      setOwners((m) => {
        const next = new Map(m);
        next.delete(owner);
        return next;
      }),
    [],
  );
  const commands = useMemo(() => [...owners.values()].flat(), [owners]);
  const value = useMemo(() => ({ commands, register, unregister }), [commands, register, unregister]);
  return <CommandsContext.Provider value={value}>{children}</CommandsContext.Provider>;
}

export function useCommandRegistry(): CommandsState {
  const state = useContext(CommandsContext);
  if (!state) throw new Error('useCommandRegistry outside CommandsProvider');
  return state;
}

/** Registers a view's commands while it is shown. */
export function useCommands(owner: string, commands: Command[]): void {
  const { register, unregister } = useCommandRegistry();
  useEffect(() => {
    register(owner, commands);
  }, [owner, commands, register]);
  useEffect(() => () => unregister(owner), [owner, unregister]);
}
