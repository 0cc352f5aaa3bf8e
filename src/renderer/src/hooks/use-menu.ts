// The application menu (Electron): each command chosen there runs the palette's command of the same id,
// as the current view has it; one the view does not offer is said so.
import { useEffect, useRef } from 'react';
import { menuCommands, PALETTE_COMMAND } from '../../../shared/app-menu';
import { useCommandRegistry } from './use-commands';
import { useStatus } from './use-status';

/** Asks the command palette to open (the menu's "Command Palette…"). */
export const OPEN_PALETTE_EVENT = 'dossier:open-palette';

export function useMenu(): void {
  const { commands } = useCommandRegistry();
  const { say } = useStatus();
  const current = useRef(commands);
  current.current = commands;
  useEffect(
    () =>
      window.dossierMenu?.onCommand((id) => {
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
}
