import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src/main/electron/window-options';

describe('main window options', () => {
  it('keep the renderer isolated and sandboxed, with no Node integration', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      experimentalFeatures: false,
    });
    // Nothing turns on Blink features the checklist warns of.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

import { trustedSender } from '../../src/main/electron/trusted-sender';

describe('IPC senders', () => {
  it('are the app’s own pages, and the dev server’s only in development, compared as parsed addresses', () => {
    const app = trustedSender('app://dossier');
    expect(app('app://dossier/index.html')).toBe(true);
    expect(app('app://dossier/index.html#/articles/abc')).toBe(true);
    for (const url of ['app://dossier.evil/index.html', 'app://dossierx/', 'http://localhost:5173/', 'file:///app/out/renderer/index.html', 'about:blank', '', 'not a url']) {
      expect(app(url), url).toBe(false);
    }
    const dev = trustedSender('app://dossier', 'http://localhost:5173');
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/src/index.html')).toBe(true);
    for (const url of ['http://localhost:51730/', 'http://localhost:5173.evil.example/', 'https://localhost:5173/', 'http://127.0.0.1:5173/']) {
      expect(dev(url), url).toBe(false);
    }
  });
});

import { isSafeExternalUrl } from '../../src/main/electron/external-url';

describe('external links', () => {
  it('lets only plain http(s) addresses open in the browser', () => {
    expect(isSafeExternalUrl('https://thediplomat.com/a')).toBe(true);
    expect(isSafeExternalUrl('http://example.org')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'https://user:pw@example.org', 'not a url', 'data:text/html,x']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
