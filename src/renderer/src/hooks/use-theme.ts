// The colour theme: the system's unless the user picked light or dark (a preference of this machine), with
// a palette command for each choice.
import { useMemo } from 'react';
import { usePreference } from '../lib/preferences';
import { useCommands } from './use-commands';

export function useTheme(): void {
  const [theme, setTheme] = usePreference('theme');
  const commands = useMemo(
    () =>
      (
        [
          ['system', 'Theme: follow the system'],
          ['light', 'Theme: light'],
          ['dark', 'Theme: dark'],
        ] as const
      ).map(([value, title]) => ({ id: `theme-${value}`, title: value === theme ? `${title} (current)` : title, run: () => setTheme(value) })),
    [theme, setTheme],
  );
  useCommands('theme', commands);
}
