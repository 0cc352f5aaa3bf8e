// The application menu's commands run the palette's commands of the same ids in the window. Electron cannot
// run here, so the page gets the bridge the preload exposes (window.dossierMenu, src/preload/index.ts) from
// an init script that the test drives as the main process would; all the rest is the real renderer.
import type { Page } from '@playwright/test';
import { menuCommands, PALETTE_COMMAND } from '../../src/shared/app-menu';
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

/** What the main process does when a menu item is clicked: sends the command's id to the window. */
const choose = (page: Page, command: string) => page.evaluate((id) => (window as unknown as { chooseMenuCommand(id: string): void }).chooseMenuCommand(id), command);

/** The ids of the palette's commands in the current view. */
async function paletteIds(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+k');
  const ids = await page.locator('[role="option"][data-command]').evaluateAll((items) => items.map((i) => i.getAttribute('data-command') ?? ''));
  await page.keyboard.press('Escape');
  return ids;
}

test('menu commands run the palette’s commands, and every one of them is in the palette', async ({ page, host }) => {
  await page.addInitScript(() => {
    const listeners = new Set<(id: string) => void>();
    Object.assign(window, {
      dossierMenu: {
        onCommand(listener: (id: string) => void) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      chooseMenuCommand: (id: string) => listeners.forEach((l) => l(id)),
    });
  });
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
