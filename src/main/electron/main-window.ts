// Creates the main window: the UI from the app protocol (or the dev server), nothing else.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-protocol';
import { mainWindowOptions } from './window-options';

export function createMainWindow(outDir: string, devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(outDir, 'preload', 'index.cjs')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
