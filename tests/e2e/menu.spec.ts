// The application menu's commands run the palette's commands of the same ids in the window. Electron cannot
// run here, so the page gets the bridge the preload exposes (window.dossierApp, src/preload/index.ts) from
// an init script that the test drives as the main process would; all the rest is the real renderer.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { menuCommands, PALETTE_COMMAND } from '../../src/shared/app-menu';
import { expect, projectDir, seedFile, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

const run = promisify(execFile);

/** What the main process does when a menu item is clicked: sends the command's id to the window. */
const choose = (page: Page, command: string) => page.evaluate((id) => (window as unknown as { chooseMenuCommand(id: string): void }).chooseMenuCommand(id), command);

/** The ids of the palette's commands in the current view. */
async function paletteIds(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+k');
  const ids = await page.locator('[role="option"][data-command]').evaluateAll((items) => items.map((i) => i.getAttribute('data-command') ?? ''));
  await page.keyboard.press('Escape');
  return ids;
}

/** The bridge the preload exposes, driven by the test as the main process would drive it. */
async function installBridge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const commands = new Set<(id: string) => void>();
    const opened = new Set<(outcomes: unknown) => void>();
    Object.assign(window, {
      dossierApp: {
        onMenuCommand(listener: (id: string) => void) {
          commands.add(listener);
          return () => commands.delete(listener);
        },
        onFilesOpened(listener: (outcomes: unknown) => void) {
          opened.add(listener);
          return () => opened.delete(listener);
        },
        // The system's folder dialog: answers what the test put in folderToChoose (null: cancelled).
        chooseFolder: async () => (window as unknown as { folderToChoose?: string }).folderToChoose ?? null,
      },
      chooseMenuCommand: (id: string) => commands.forEach((l) => l(id)),
      filesOpened: (outcomes: unknown) => opened.forEach((l) => l(outcomes)),
    });
  });
}

test('menu commands run the palette’s commands, and every one of them is in the palette', async ({ page, host }) => {
  await installBridge(page);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await choose(page, 'open-timeline');
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  await choose(page, 'theme-dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await choose(page, 'theme-system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await choose(page, PALETTE_COMMAND);
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
  // A command the view does not offer is said so, and nothing else happens.
  await choose(page, 'save-brief');
  await expect(page.getByRole('status').filter({ hasText: '“Save the Brief” is not available in this view.' })).toBeVisible();
  await choose(page, 'import-url');
  await expect(page.getByRole('dialog', { name: 'Import a web address' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Every menu command is a palette command of some view: the start page, the reader, the brief.
  const offered = new Set(await paletteIds(page));
  await importThroughPicker(page, seedFile);
  await expect(page.getByRole('heading', { level: 1, name: /US-North Korea Diplomacy/ })).toBeVisible();
  for (const id of await paletteIds(page)) offered.add(id);
  await choose(page, 'new-brief');
  await expect(page.getByRole('heading', { level: 1, name: 'Brief' })).toBeVisible();
  for (const id of await paletteIds(page)) offered.add(id);
  const inMenus = new Set([...menuCommands('darwin'), ...menuCommands('linux')].map((c) => c.command));
  expect([...inMenus].filter((id) => id !== PALETTE_COMMAND && !offered.has(id))).toEqual([]);
});

test('files the system opened with Dossier are reported as an import is, and one alone opens', async ({ page, host }) => {
  await installBridge(page);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  // What the main process does (src/main/core/open-files.ts): import through the core, then tell the window.
  const call = async (files: { name: string; data: string }[]) => {
    const response = await fetch(`${host.origin}/api/articles.import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dossier-token': host.token },
      body: JSON.stringify({ files }),
    });
    return ((await response.json()) as { value: unknown }).value;
  };
  const seed = (await readFile(seedFile)).toString('base64');
  const outcomes = await call([{ name: 'diplomat.txt', data: seed }]);
  await page.evaluate((o) => (window as unknown as { filesOpened(o: unknown): void }).filesOpened(o), outcomes);
  await expect(page.getByRole('heading', { level: 1, name: /US-North Korea Diplomacy/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article.' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /US-North Korea Diplomacy/ })).toBeVisible();
  // The same file again, and one the system could not read: both said, nothing else opens.
  const again = await call([{ name: 'diplomat.txt', data: seed }]);
  const gone = { ok: false, fileName: 'gone.html', error: { code: 'not_found', message: 'Cannot import "gone.html": there is no file at /tmp/gone.html.' } };
  await page.evaluate((o) => (window as unknown as { filesOpened(o: unknown): void }).filesOpened(o), [...(again as unknown[]), gone]);
  await expect(page.getByRole('status').filter({ hasText: 'is already in the library.' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'there is no file at /tmp/gone.html' })).toBeVisible();
});

test('File › Open Library Folder… opens the library chosen in the system’s dialog', async ({ page, host }) => {
  const other = join(dirname(host.libraryDir), 'chosen-library');
  await run(process.execPath, [join(projectDir, 'bin/dossier.js'), 'import', seedFile, '--library', other]);
  await installBridge(page);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await choose(page, 'open-library');
  await expect(page.getByLabel('Library folder')).toBeFocused();
  const chooseIn = (form: string) => page.getByRole('form', { name: form }).getByRole('button', { name: 'Choose…' }).click();
  // Cancelled: nothing happens.
  await chooseIn('Open another library');
  await expect(page.getByRole('region', { name: 'Files' })).toContainText(host.libraryDir);
  await page.evaluate((folder) => Object.assign(window, { folderToChoose: folder }), other);
  await chooseIn('Open another library');
  await expect(page.getByRole('status')).toContainText(`Opened the library in ${other}: 1 article.`);
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /US-North Korea Diplomacy/ })).toBeVisible();

  // The folder briefs are exported to, chosen the same way.
  await page.evaluate((folder) => Object.assign(window, { folderToChoose: folder }), dirname(host.libraryDir));
  await chooseIn('Export briefs to another folder');
  await expect(page.getByRole('status')).toContainText(`Briefs will be exported to ${dirname(host.libraryDir)}.`);
  await expect(page.getByRole('region', { name: 'Files' })).toContainText(`Exported briefs${dirname(host.libraryDir)} (chosen)`);
});
