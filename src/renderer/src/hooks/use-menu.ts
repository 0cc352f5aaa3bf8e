// What the app around the page (Electron) says: each application menu command runs the palette's command
// of the same id, as the current view has it (one the view does not offer is said so); files the system (or
// `dossier open`, also in the loopback host) opened with Dossier are reported as any import is, and one alone opens.
import { useEffect, useRef } from 'react';
import { menuCommands, PALETTE_COMMAND } from '../../../shared/app-menu';
import { openIfOne, reportImport } from '../features/library/use-import';
import { onFilesOpened } from '../lib/dossier';
import { useCommandRegistry } from './use-commands';
import { useLibrary } from './use-library';
import { useStatus } from './use-status';

/** Asks the command palette to open (the menu's "Command Palette…"). */
export const OPEN_PALETTE_EVENT = 'dossier:open-palette';

export function useMenu(): void {
  const { commands } = useCommandRegistry();
  const { refresh } = useLibrary();
  const { say } = useStatus();
  const current = useRef(commands);
  current.current = commands;
  useEffect(
    () =>
      window.dossierApp?.onMenuCommand((id) => {
        if (id === PALETTE_COMMAND) {
          window.dispatchEvent(new Event(OPEN_PALETTE_EVENT));
          return;
        }
        const command = current.current.find((c) => c.id === id);
        if (command) command.run();
        else {
          const label = menuCommands('linux').find((c) => c.command === id)?.label ?? id;
          say(`“${label.replace(/…$/, '')}” is not available in this view.`);
        }
      }),
    [say],
  );
  useEffect(
    () =>
      onFilesOpened((outcomes) => {
        reportImport(outcomes, say);
        refresh();
        openIfOne(outcomes);
      }),
    [say, refresh],
  );
}
