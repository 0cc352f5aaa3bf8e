// Exposes one object, window.dossier, built from the API contract; it refuses any method not in it.
import { contextBridge, ipcRenderer } from 'electron';
import { createClient, IPC_CHANNEL, isMethodName } from '../shared/api';
import { MENU_CHANNEL } from '../shared/app-menu';

contextBridge.exposeInMainWorld(
  'dossier',
  createClient(async (name, input) => {
    if (!isMethodName(name)) return { ok: false, error: { code: 'invalid_input', message: `Unknown method: ${String(name)}` } };
    return ipcRenderer.invoke(IPC_CHANNEL, name, input);
  }),
);

// The application menu's choices: only the command's id reaches the page, never the IPC event.
contextBridge.exposeInMainWorld('dossierMenu', {
  onCommand(listener: (command: string) => void): () => void {
    const forward = (_event: unknown, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
});
