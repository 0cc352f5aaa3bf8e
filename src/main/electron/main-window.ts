// Creates the main window: the UI from the app protocol (or the dev server), nothing else, where the user
// last left it.
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-protocol';
import { mainWindowOptions } from './window-options';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state';

export async function createMainWindow(outDir: string, devServerUrl: string | undefined, statePath: string): Promise<BrowserWindow> {
  const options = mainWindowOptions(join(outDir, 'preload', 'index.cjs'));
  const saved = await loadWindowState(statePath);
  const minimum = { width: options.minWidth ?? 0, height: options.minHeight ?? 0 };
  const state = saved && fitToDisplays(saved, screen.getAllDisplays().map((d) => d.workArea), minimum);
  const window = new BrowserWindow({ ...options, ...(state?.bounds ?? {}) });
  window.once('ready-to-show', () => {
    if (state?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    void saveWindowState(statePath, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }).catch(() => undefined);
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
