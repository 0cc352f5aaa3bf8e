// The Electron binding of the API contract: one channel, every sender checked, every input validated.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, type Handlers } from '../../shared/api';
import { dispatch } from '../core/dispatch';

export function bindIpc(handlers: Handlers, isTrustedFrame: (url: string) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedFrame(url)) {
      return { ok: false, error: { code: 'invalid_input', message: `Refused a call from an untrusted frame (${url}).` } };
    }
    return dispatch(handlers, name, input);
  });
}
