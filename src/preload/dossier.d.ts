// The types of what the preload exposes to the renderer: the API, and the application menu's choices.
import type { DossierClient, ImportOutcome } from '../shared/api';

declare global {
  interface Window {
    dossier?: DossierClient;
    /** Only in Electron: the app around the page. Each on… returns the function that stops listening. */
    dossierApp?: {
      /** The id of each application menu command chosen. */
      onMenuCommand(listener: (command: string) => void): () => void;
      /** What became of files the system asked Dossier to open. */
      onFilesOpened(listener: (outcomes: ImportOutcome[]) => void): () => void;
      /** A folder chosen in the system's dialog, or null if none was. */
      chooseFolder(): Promise<string | null>;
    };
  }
}
export {};
