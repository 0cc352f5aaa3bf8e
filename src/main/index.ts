// Electron entry: hardens the app, opens the core on the default library, binds IPC, shows the window.
import { app, BrowserWindow, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_NAME, openCore, type Core } from './core';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './electron/app-protocol';
import { bindIpc } from './electron/ipc';
import { createMainWindow } from './electron/main-window';
import { installAppMenu } from './electron/menu';
import { trustedSender } from './electron/trusted-sender';
import { hardenSessions } from './electron/security';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  hardenSessions();
  serveRenderer(join(outDir, 'renderer'));
  try {
    core = await openCore({
      libraryDir: process.env.DOSSIER_LIBRARY ?? join(app.getPath('userData'), 'library'),
      exportDir: join(app.getPath('documents'), APP_NAME),
      importWorker: join(outDir, 'main', 'import-worker.js'),
    });
  } catch (error) {
    dialog.showErrorBox('Dossier cannot open its library', (error as Error).message);
    app.quit();
    return;
  }
  bindIpc(core.handlers, trustedSender(APP_ORIGIN, devServerUrl));
  core.warm();
  installAppMenu(() => mainWindow);
  mainWindow = await createMainWindow(outDir, devServerUrl, join(app.getPath('userData'), 'window-state.json'));
}

app.setName(APP_NAME);
registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void core?.close();
  });
}
