// hardenSessions, driven through a stand-in for Electron's app, session and shell (Electron itself cannot
// start on the build machines): every permission refused, every navigation, redirect and webview stopped,
// every new window denied, and only a checked http(s) link handed to the system's browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: never[]) => unknown;
const electron = vi.hoisted(() => ({
  permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  appListeners: new Map<string, Handler>(),
  opened: [] as string[],
}));

vi.mock('electron', () => ({
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof electron.permissionRequest) => (electron.permissionRequest = h),
      setPermissionCheckHandler: (h: typeof electron.permissionCheck) => (electron.permissionCheck = h),
    },
  },
  app: { on: (event: string, handler: Handler) => electron.appListeners.set(event, handler) },
  shell: { openExternal: async (url: string) => void electron.opened.push(url) },
}));

const { hardenSessions } = await import('../../src/main/electron/security');

/** A web contents as Electron passes it to "web-contents-created". */
function contents() {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on: (event: string, listener: (event: { preventDefault(): void }) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    emit(event: string): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) });
      return prevented;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('hardenSessions', () => {
  beforeEach(() => {
    electron.opened.length = 0;
    hardenSessions();
  });

  it('refuses every permission, asked or checked', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = [];
      electron.permissionRequest!(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
    expect(electron.permissionCheck!(null, 'media', 'app://dossier')).toBe(false);
  });

  it('stops navigation, redirects and webviews in every web contents, and denies new windows', () => {
    const page = contents();
    (electron.appListeners.get('web-contents-created') as (event: unknown, contents: unknown) => void)({}, page);
    expect(page.emit('will-navigate')).toBe(true);
    expect(page.emit('will-redirect')).toBe(true);
    expect(page.emit('will-attach-webview')).toBe(true);
    for (const url of ['https://thediplomat.com/a', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@example.org/']) {
      expect(page.open(url), url).toEqual({ action: 'deny' });
    }
    // Only the plain web address went to the browser.
    expect(electron.opened).toEqual(['https://thediplomat.com/a']);
  });
});
