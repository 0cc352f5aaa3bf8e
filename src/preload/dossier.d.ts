// The types of what the preload exposes to the renderer: the API, and the application menu's choices.
import type { DossierClient } from '../shared/api';

declare global {
  interface Window {
    dossier?: DossierClient;
    /** Only in Electron: calls `listener` with the id of each menu command chosen; returns how to stop. */
    dossierMenu?: { onCommand(listener: (command: string) => void): () => void };
  }
}
export {};
