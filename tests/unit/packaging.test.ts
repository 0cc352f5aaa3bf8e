// The packaging configuration (electron-builder.yml), checked without packaging: the Electron download it
// needs is not available here. electron-builder's own loader and schema validation read the file; the
// test then checks what the product needs of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, test } from 'vitest';
import { IMPORT_FORMATS } from '../../src/shared/api';

const root = join(import.meta.dirname, '..', '..');
const config = await getConfig(root, null, null);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const targets = (platform: unknown) =>
  (Array.isArray(platform) ? platform : [platform]).map((t) => (typeof t === 'string' ? { target: t } : (t as { target: string; arch?: string | string[] })));

describe('electron-builder.yml', () => {
  test('passes electron-builder’s own validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validation is real: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, electronFuse: { runAsNode: false } } as never, new DebugLogger(false))).rejects.toThrow(/electronFuse/);
  });

  test('builds an NSIS installer on Windows, a universal dmg on macOS, AppImage and deb on Linux', () => {
    expect(targets(config.win?.target).map((t) => t.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual([{ target: 'dmg', arch: 'universal' }]);
    expect(targets(config.linux?.target).map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.productName).toBe('Dossier');
    expect(config.asar).toBe(true);
    const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!**/*.map']));
  });

  test('sets the Electron fuses: no RunAsNode, encrypted cookies, ASAR integrity, app only from the ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('associates the article files Dossier opens with it: web pages, Markdown and text', () => {
    const associated = (config.fileAssociations as { ext: string | string[] }[]).flatMap((a) => a.ext);
    for (const format of ['html', 'markdown', 'text'] as const) {
      for (const extension of IMPORT_FORMATS[format].filter((e) => e !== 'text')) expect(associated).toContain(extension);
    }
  });

  test('has the app icon at every size the platforms ask for', () => {
    // macOS (.icns) and Windows (.ico) are made by electron-builder from a 1024 px PNG; Linux takes a folder.
    expect(config.mac?.icon).toBe('resources/icon.png');
    expect(config.win?.icon).toBe('resources/icon.png');
    expect(pngSize(join(root, 'resources', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(config.linux?.icon).toBe('resources/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(root, 'resources', 'icons', `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });
});
