// Renders resources/icon.svg into the PNGs the packages need (npm run icons): resources/icon.png at
// 1024 px, from which electron-builder makes the macOS .icns and Windows .ico, and resources/icons/<n>x<n>.png
// for Linux. Chromium draws them, so the result is the same on every machine.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  await mkdir(join(resources, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    const shot = { omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } };
    await page.screenshot({ ...shot, path: join(resources, 'icons', `${size}x${size}.png`) });
    if (size === 1024) await page.screenshot({ ...shot, path: join(resources, 'icon.png') });
    await page.close();
  }
} finally {
  await browser.close();
}
