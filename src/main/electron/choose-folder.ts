// The system's folder dialog, for the window (to open another library): asked on its own channel, from a
// trusted frame only; answers the folder chosen, or null.
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHOOSE_FOLDER_CHANNEL } from '../../shared/api';

export function bindFolderChooser(window: () => BrowserWindow | null, isTrustedFrame: (url: string) => boolean): void {
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, async (event: IpcMainInvokeEvent) => {
    if (!isTrustedFrame(event.senderFrame?.url ?? '')) return null;
    const options: Electron.OpenDialogOptions = { title: 'Open a Library Folder', buttonLabel: 'Open Library', properties: ['openDirectory', 'createDirectory'] };
    const owner = window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}
