// The theme follows the system until the user picks one from the palette; the choice is remembered.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const rootBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

async function runCommand(page: Page, title: string) {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(title);
  await page.getByRole('dialog').getByRole('option', { name: new RegExp(`^${title}`) }).click();
}

const LIGHT = 'rgb(247, 245, 240)';
const DARK = 'rgb(22, 24, 28)';

test('the theme follows the system, can be set to light or dark from the palette, and is remembered', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  expect(await rootBackground(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await rootBackground(page)).toBe(LIGHT);

  await runCommand(page, 'Theme: dark');
  expect(await rootBackground(page)).toBe(DARK);
  // Remembered across a reload, whatever the system says.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  expect(await rootBackground(page)).toBe(DARK);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Theme');
  await expect(page.getByRole('dialog').getByRole('option', { name: 'Theme: dark (current)' })).toBeVisible();
  await page.keyboard.press('Escape');

  await runCommand(page, 'Theme: light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await rootBackground(page)).toBe(LIGHT);
  await runCommand(page, 'Theme: follow the system');
  expect(await rootBackground(page)).toBe(DARK);
});
