// Builds the core in order — library, search index, then handlers — for any host. Imports nothing from Electron.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../shared/api';
import { createHandlers } from './handlers';
import { Library } from './library';
import { SearchIndex } from './search';
import { extractHere, workerExtractor } from './importers/extractor';

export interface Core {
  library: Library;
  search: SearchIndex;
  handlers: Handlers;
  close(): Promise<void>;
}

export async function openCore(options: {
  libraryDir: string;
  exportDir?: string;
  /** The built import worker (out/main/import-worker.js): extraction then runs off this thread. */
  importWorker?: string;
}): Promise<Core> {
  const extractor = options.importWorker ? workerExtractor(options.importWorker) : extractHere;
  const library = await Library.open(options.libraryDir, { extractor });
  const search = new SearchIndex(library);
  const exportDir = options.exportDir ?? join(options.libraryDir, 'exports');
  return { library, search, handlers: createHandlers(library, search, exportDir), close: () => library.close() };
}

export const APP_NAME = 'Dossier';

/** The per-user application data folder, the same one Electron's app.getPath('appData') gives. */
export function appDataDir(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** Where the library lives unless the user chose another folder. */
export function defaultLibraryDir(): string {
  return process.env.DOSSIER_LIBRARY ?? join(appDataDir(), APP_NAME, 'library');
}
