// Exposes one object, window.dossier, built from the API contract; it refuses any method not in it.
import { contextBridge, ipcRenderer } from 'electron';
import { createClient, IPC_CHANNEL, isMethodName } from '../shared/api';

contextBridge.exposeInMainWorld(
  'dossier',
  createClient(async (name, input) => {
    if (!isMethodName(name)) return { ok: false, error: { code: 'invalid_input', message: `Unknown method: ${String(name)}` } };
    return ipcRenderer.invoke(IPC_CHANNEL, name, input);
  }),
);
