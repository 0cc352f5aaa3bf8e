// Electron entry: hardens the app, opens the core on the default library, binds IPC, shows the window.
import { app, BrowserWindow, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_NAME, lastLibraryFile, librariesToOpen, openCore, type Core } from './core';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './electron/app-protocol';
import { bindIpc } from './electron/ipc';
import { createMainWindow } from './electron/main-window';
import { installAppMenu } from './electron/menu';
import { OPENED_CHANNEL, type ImportOutcome } from '../shared/api';
import { openDoor, type Door } from './core/door';
import { filesFromArgv, openFiles } from './core/open-files';
import { saveLastLibrary } from './core/last-library';
import { bindFolderChooser } from './electron/choose-folder';
import { trustedSender } from './electron/trusted-sender';
import { hardenSessions } from './electron/security';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let door: Door | null = null;
// Dossier's own words on its command line: the executable, and the app's folder when run unpackaged.
const ownArgs = app.isPackaged ? 1 : 2;
// Files asked to be opened before the window was there (at launch, or macOS's open-file before ready).
const waiting: string[] = filesFromArgv(process.argv, process.cwd(), ownArgs);

/** Imports files the system asked Dossier to open, and tells the window what became of them. */
async function open(paths: string[]): Promise<ImportOutcome[]> {
  if (!core || !mainWindow) {
    waiting.push(...paths);
    return [];
  }
  if (paths.length === 0) return [];
  const outcomes = await openFiles(core.handlers, paths);
  mainWindow.webContents.send(OPENED_CHANNEL, outcomes);
  return outcomes;
}

function comeForward(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}

async function start(): Promise<void> {
  hardenSessions();
  serveRenderer(join(outDir, 'renderer'));
  // `dossier open FILE` in a terminal: without its door the app works all the same, the command imports alone.
  door = await openDoor().catch((error: unknown) => {
    console.error('`dossier open` will not reach this window:', error);
    return null;
  });
  const lastLibrary = lastLibraryFile(app.getPath('userData'));
  const folders = await librariesToOpen(app.getPath('userData'));
  for (const [i, libraryDir] of folders.entries()) {
    try {
      core = await openCore({
        libraryDir,
        exportDir: join(app.getPath('documents'), APP_NAME),
        workerDir: join(outDir, 'main'),
        door: door?.endpoint,
        libraryOpened: (dir) => void saveLastLibrary(lastLibrary, dir).catch((error: unknown) => console.error(error)),
      });
      break;
    } catch (error) {
      const last = i === folders.length - 1;
      dialog.showErrorBox(
        'Dossier cannot open its library',
        `${(error as Error).message}${last ? '' : `\n\nDossier opens its default library instead: ${folders[folders.length - 1]}.`}`,
      );
      if (last) {
        app.quit();
        return;
      }
    }
  }
  if (!core) return;
  const trusted = trustedSender(APP_ORIGIN, devServerUrl);
  bindIpc(core.handlers, trusted);
  bindFolderChooser(() => mainWindow, trusted);
  core.warm();
  installAppMenu(() => mainWindow);
  mainWindow = await createMainWindow(outDir, devServerUrl, join(app.getPath('userData'), 'window-state.json'));
  await open(waiting.splice(0));
  door?.answer((paths) => {
    comeForward();
    return open(paths);
  });
}

app.setName(APP_NAME);
// The same folder the command line takes for the app's (it finds the library the app opened last there).
app.setPath('userData', join(app.getPath('appData'), APP_NAME));
registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (a file opened with Dossier, `Dossier FILE` in a terminal) hands over to this one.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    comeForward();
    void open(filesFromArgv(argv, workingDirectory, ownArgs));
  });
  // macOS: a file dropped on the dock icon or opened with Dossier, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void open([path]);
  });
  app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  // The library closes before the app ends: the last writes finish and the search index is saved; the door
  // closes and its socket goes. (A core that does not close in time is left: everything it wrote is durable,
  // and the index has its journal.)
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || (!core && !door)) return;
    quitting = true;
    event.preventDefault();
    const closing = Promise.all([core?.close(), door?.close()]).catch((error: unknown) => console.error(error));
    void Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 10_000))]).then(() => app.exit(0));
  });
}
