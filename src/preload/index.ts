// Exposes one object, window.dossier, built from the API contract; it refuses any method not in it.
import { contextBridge, ipcRenderer } from 'electron';
import { CHOOSE_FOLDER_CHANNEL, createClient, ImportOutcomeSchema, IPC_CHANNEL, isMethodName, OPENED_CHANNEL, type ImportOutcome } from '../shared/api';
import { MENU_CHANNEL } from '../shared/app-menu';

contextBridge.exposeInMainWorld(
  'dossier',
  createClient(async (name, input) => {
    if (!isMethodName(name)) return { ok: false, error: { code: 'invalid_input', message: `Unknown method: ${String(name)}` } };
    return ipcRenderer.invoke(IPC_CHANNEL, name, input);
  }),
);

/** Passes what the main process sends on `channel` to `listener`, never the IPC event itself. */
function forwardFrom<T>(channel: string, accept: (value: unknown) => value is T) {
  return (listener: (value: T) => void): (() => void) => {
    const forward = (_event: unknown, value: unknown) => {
      if (accept(value)) listener(value);
    };
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  };
}

// What the app around the page says: the application menu's choices, and files the system opened with it;
// and what only it can do: ask the system's dialog for a folder.
contextBridge.exposeInMainWorld('dossierApp', {
  onMenuCommand: forwardFrom(MENU_CHANNEL, (value): value is string => typeof value === 'string'),
  onFilesOpened: forwardFrom(OPENED_CHANNEL, (value): value is ImportOutcome[] => ImportOutcomeSchema.array().safeParse(value).success),
  chooseFolder: async (): Promise<string | null> => {
    const chosen: unknown = await ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL);
    return typeof chosen === 'string' ? chosen : null;
  },
});
