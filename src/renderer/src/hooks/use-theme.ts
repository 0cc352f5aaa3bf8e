// The colour theme: the system's unless the user picked light or dark, remembered on this machine.
import { useEffect, useMemo, useState } from 'react';
import { useCommands } from './use-commands';

export type Theme = 'system' | 'light' | 'dark';
const KEY = 'dossier.theme';

function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Before the first paint, so that a dark choice never flashes light. */
export function applyStoredTheme(): void {
  apply(storedTheme());
}

export function useTheme(): void {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    apply(theme);
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  }, [theme]);
  const commands = useMemo(
    () =>
      (
        [
          ['system', 'Theme: follow the system'],
          ['light', 'Theme: light'],
          ['dark', 'Theme: dark'],
        ] as const
      ).map(([value, title]) => ({ id: `theme-${value}`, title: value === theme ? `${title} (current)` : title, run: () => setTheme(value) })),
    [theme],
  );
  useCommands('theme', commands);
}
