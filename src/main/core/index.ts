// Builds the core in order — library, search index, then handlers — for any host. Imports nothing from Electron.
import { homedir } from 'node:os';
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Handlers } from '../../shared/api';
import { DossierError } from '../../shared/errors';
import { checkArchive, readGeneration, replaceContent } from './backup';
import { existingFolder } from './folders';
import { createHandlers } from './handlers';
import { Library } from './library';
import { librariesToTry, loadLastLibrary } from './last-library';
import { SearchIndex } from './search';
import { engineHere, engineWorker } from './search-engine-client';
import { extractHere, workerExtractor } from './importers/extractor';

export interface Core {
  /** The library and its index as they are now: a restore replaces both. */
  readonly library: Library;
  readonly search: SearchIndex;
  handlers: Handlers;
  /** Gets ready in the background for what a host that stays up will be asked: search, import, annotations. */
  warm(): void;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a host that stays up waits for a window to have its list before it gets ready all the same. */
const WARM_WITHOUT_WINDOW_MS = 3000;

/**
 * Lets calls through until a restore needs the library to itself: then waits for the calls under way to
 * finish and holds new ones until it is done.
 */
class Gate {
  private running = 0;
  private drained: (() => void) | null = null;
  private closed: Promise<void> | null = null;

  async pass<T>(call: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    this.running++;
    try {
      return await call();
    } finally {
      if (--this.running === 0) this.drained?.();
    }
  }

  /** Runs `work` alone: no call under way, none let in until it ends. */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    let open = () => {};
    this.closed = new Promise<void>((resolve) => (open = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await work();
    } finally {
      this.closed = null;
      open();
    }
  }
}

/**
 * The folder a library is to be opened from, checked: given in full (or from ~), there, and either a Dossier
 * library or empty (a new library then starts in it). A folder of other files is refused rather than filled.
 */
export async function libraryFolder(path: string): Promise<string> {
  const dir = await existingFolder(path);
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.'));
  if (names.length > 0 && !names.includes('library.json')) {
    throw new DossierError(
      'invalid_input',
      `${dir} holds other files and no Dossier library. Choose a library's folder, or an empty folder to start a new library in.`,
    );
  }
  return dir;
}

export async function openCore(options: {
  libraryDir: string;
  exportDir?: string;
  /** Where the built workers are (out/main): extraction and the search index then run off this thread. */
  workerDir?: string;
  /** How long after a change the day's backup is made (null: never, as for one command of the CLI). */
  dailyBackupDelayMs?: number | null;
  /** Told when another library folder was opened (the app remembers it for its next start). */
  libraryOpened?: (dir: string) => void;
  /** The host's door (core/door.ts): written into each library's lock, so `dossier open` finds the host. */
  door?: string;
}): Promise<Core> {
  const extractor = () => (options.workerDir ? workerExtractor(join(options.workerDir, 'import-worker.js')) : extractHere);
  const searchEngine = () => (options.workerDir ? engineWorker(join(options.workerDir, 'search-worker.js')) : engineHere());
  // The folder open now: another can be opened while the core runs.
  let libraryDir = resolve(options.libraryDir);
  const exportDir = () => options.exportDir ?? join(libraryDir, 'exports');
  const dailyDelay = options.dailyBackupDelayMs === undefined ? 60_000 : options.dailyBackupDelayMs;
  const gate = new Gate();
  let library: Library;
  let search: SearchIndex;
  const handlers = {} as Handlers;
  let current = {} as Handlers;

  // The day's backup: made a while after the first change of a day with none, off the path of that change.
  let lastDaily: Promise<string | null> | null = null;
  let dailyTimer: NodeJS.Timeout | null = null;
  const afterChange = () => {
    if (dailyDelay === null || dailyTimer) return;
    lastDaily ??= library.listBackups().then((list) => list.find((b) => b.reason === 'daily')?.created ?? null);
    void lastDaily.then((created) => {
      if (dailyTimer || (created && Date.now() - Date.parse(created) < DAY_MS)) return;
      dailyTimer = setTimeout(() => {
        const made = gate.pass(() => library.snapshot('daily'));
        lastDaily = made.then((b) => b.created).catch(() => null);
        void lastDaily.finally(() => (dailyTimer = null));
      }, dailyDelay);
      dailyTimer.unref?.();
    });
  };

  // Whether the host asked to get ready ahead (it stays up): a library opened again after a restore is too.
  let warmed = false;
  // Told when a window has had the whole article list: it is drawn, and the work below no longer competes with it.
  let listShown = () => {};
  const shown = new Promise<void>((resolve) => (listShown = resolve));
  const warm = () => {
    warmed = true;
    library.warmImports();
    // Once the window has its list (or after a while, without one): every annotation file (~0.9 s at 10k),
    // then the search index. While the index loads (seconds, or minutes when it is rebuilt) a search answers
    // from titles, annotations and names; the timeline, an entity's page and the graph are answered from
    // memory too (~50 MB at 10k).
    const opened = library;
    const first = Promise.race([shown, new Promise((resolve) => setTimeout(resolve, WARM_WITHOUT_WINDOW_MS).unref?.())]);
    void search.warm(first.then(() => opened.allAnnotations()).catch(() => undefined));
  };
  const open = async (opened?: Library) => {
    library = opened ?? (await Library.open(libraryDir, { extractor: extractor(), door: options.door }));
    search = new SearchIndex(library, { cacheDir: join(libraryDir, 'cache', 'search'), engine: searchEngine() });
    current = createHandlers(library, search, exportDir(), { restoreBackup, openLibrary });
    library.onChange(afterChange);
    if (warmed) warm();
  };

  const openLibrary: Handlers['library.open'] = ({ path }) =>
    gate.alone(async () => {
      const dir = await libraryFolder(path);
      if (dir !== libraryDir) {
        // The other library is opened (and locked) first: if it cannot be, this one stays as it was.
        const other = await Library.open(dir, { extractor: extractor(), door: options.door });
        if (dailyTimer) clearTimeout(dailyTimer);
        dailyTimer = null;
        lastDaily = null;
        try {
          await search.close();
          await library.close();
        } catch (error) {
          // Everything it wrote is durable already: the other library opens all the same.
          console.error('The library left did not close cleanly:', error);
        }
        libraryDir = dir;
        await open(other);
        options.libraryOpened?.(dir);
      }
      return current['library.info']({});
    });

  const restoreBackup: Handlers['backups.restore'] = ({ name }) =>
    gate.alone(async () => {
      const restored = (await library.listBackups()).find((b) => b.name === name);
      const archive = checkArchive(await readGeneration(libraryDir, name));
      if (!restored) throw new DossierError('not_found', `The backup ${name} is no longer there.`);
      // The library as it is goes first into a backup of its own: a restore can itself be undone.
      const before = await library.snapshot('before-restore');
      await search.close({ keep: false });
      await library.close();
      try {
        await replaceContent(libraryDir, archive);
      } finally {
        // Whether the new content is in place or the old one was put back, the library opens again.
        await rm(join(libraryDir, 'cache'), { recursive: true, force: true });
        lastDaily = null;
        await open();
      }
      return { restored, before, articleCount: library.articleCount };
    });

  await open();
  for (const name of Object.keys(current) as (keyof Handlers)[]) {
    const call =
      name === 'articles.list'
        ? async (input: unknown) => {
            const list = await current['articles.list'](input as Parameters<Handlers['articles.list']>[0]);
            if (!(input as { limit?: number }).limit) listShown();
            return list;
          }
        : (input: unknown) => (current[name] as (input: unknown) => Promise<unknown>)(input);
    // A restore or another library waits for the calls under way itself: counted as one, it would wait for itself.
    const alone = name === 'backups.restore' || name === 'library.open';
    (handlers as Record<string, (input: unknown) => Promise<unknown>>)[name] = alone ? call : (input) => gate.pass(() => call(input));
  }
  return {
    get library() {
      return library;
    },
    get search() {
      return search;
    },
    handlers,
    warm,
    close: async () => {
      if (dailyTimer) clearTimeout(dailyTimer);
      await gate.alone(async () => {
        await search.close();
        await library.close();
      });
    },
  };
}

export const APP_NAME = 'Dossier';

/** The per-user application data folder, the same one Electron's app.getPath('appData') gives. */
export function appDataDir(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** The app's own folder in the application data folder (Electron's userData is set to it). */
export function userDataDir(): string {
  return join(appDataDir(), APP_NAME);
}

/** Where the library lives unless the user chose another folder. */
export function defaultLibraryDir(): string {
  return process.env.DOSSIER_LIBRARY ?? join(userDataDir(), 'library');
}

/** The file where the app keeps the library folder it opened last. */
export const lastLibraryFile = (userData: string): string => join(userData, 'last-library.json');

/** The library folders the app tries at launch, in order (see last-library.ts), from its user data folder. */
export async function librariesToOpen(userData = userDataDir()): Promise<string[]> {
  return librariesToTry(process.env.DOSSIER_LIBRARY, await loadLastLibrary(lastLibraryFile(userData)), join(userData, 'library'));
}

/** The library the app opens (and the command line works on) unless told otherwise. */
export async function appLibraryDir(): Promise<string> {
  return (await librariesToOpen())[0];
}
