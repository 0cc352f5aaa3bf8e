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
    });
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
