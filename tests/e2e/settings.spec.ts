// Settings: the theme, the reader's text size and line length, and a new brief's defaults, applied at
// once, kept after a reload, and accessible; and opening another library folder.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, sharedDir, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const run = promisify(execFile);

// Wide enough for the reader's longest lines.
test.use({ viewport: { width: 1920, height: 1000 } });

test('settings change the theme, the reader’s type and a new brief’s form, at once and for good', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  const body = page.locator('.article-body');
  await expect(body).toContainText('gangster-like');
  const before = await body.evaluate((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), width: el.getBoundingClientRect().width }));

  // Ctrl+, opens the settings.
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Files' })).toContainText(host.libraryDir);
  expect(await violations(page)).toEqual([]);

  await page.getByRole('group', { name: 'Theme' }).getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('group', { name: 'Reader text size' }).getByLabel('Extra large').check();
  await page.getByRole('group', { name: 'Reader line length' }).getByLabel('Wide').check();
  await page.getByLabel('Sections').selectOption('entity');
  await page.getByLabel('Index of entities').check();
  await page.screenshot({ path: '/tmp/settings.png' });

  // A reload keeps every choice.
  await page.reload();
  await expect(page.getByRole('group', { name: 'Theme' }).getByLabel('Dark')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Index of entities')).toBeChecked();

  // The reader's text is larger and its lines longer.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /US-North Korea Diplomacy/ }).click();
  await expect(body).toContainText('gangster-like');
  const after = await body.evaluate((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), width: el.getBoundingClientRect().width }));
  expect(after.size).toBeGreaterThan(before.size * 1.2);
  expect(after.width).toBeGreaterThan(before.width);

  // A new brief starts as the settings say.
  await page.getByRole('link', { name: 'Brief', exact: true }).click();
  await expect(page.getByLabel('Sections')).toHaveValue('entity');
  await expect(page.getByLabel('Index of entities')).toBeChecked();
  await expect(page.getByLabel('YAML front matter')).not.toBeChecked();

  // Back to the system's theme, from the palette this time: the settings page shows it.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Theme: follow');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('group', { name: 'Theme' }).getByLabel('Follow the system')).toBeChecked();
});

test('another library folder is opened from the settings, and the ones opened before are offered again', async ({ page, host }) => {
  // A second library, made with the command line beside the one the host serves.
  const other = join(dirname(host.libraryDir), 'other-library');
  await run(process.execPath, [join(projectDir, 'bin/dossier.js'), 'import', join(sharedDir, 'corpus', 'readability/bbc-1/source.html'), '--library', other]);
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  const articles = page.getByRole('navigation', { name: 'Library' }).getByRole('list', { name: 'Articles' });
  await expect(articles.getByRole('link', { name: /US-North Korea Diplomacy/ })).toBeVisible();

  // The palette's command opens the settings with the focus in the folder's field.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Open another library');
  await page.keyboard.press('Enter');
  const field = page.getByLabel('Library folder');
  await expect(field).toBeFocused();

  // A folder of other things is refused, and the library stays as it was.
  await field.fill(dirname(host.libraryDir));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('holds other files and no Dossier library');
  await expect(field).toBeFocused();
  await expect(articles.getByRole('link', { name: /US-North Korea Diplomacy/ })).toBeVisible();

  await field.fill(other);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(`Opened the library in ${other}: 1 article.`);
  await expect(articles.getByRole('link', { name: /Obama admits US gun laws/ })).toBeVisible();
  await expect(articles.getByRole('link', { name: /US-North Korea Diplomacy/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Files' })).toContainText(other);
  // Its index is its own: the search finds its article, and not the first library's.
  await page.getByRole('searchbox', { name: 'Search the library' }).fill('frustration');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main', { name: 'Search' }).getByRole('link', { name: /Obama admits/ }).first()).toBeVisible();

  // The first library is among the recent ones: one click opens it again.
  await page.keyboard.press('Control+,');
  const recent = page.getByRole('region', { name: 'Recent libraries' });
  await expect(recent).toContainText(host.libraryDir);
  expect(await violations(page)).toEqual([]);
  await recent.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/settings-libraries.png' });
  await recent.getByRole('button', { name: `Open the library in ${host.libraryDir}` }).click();
  await expect(page.getByRole('status')).toContainText(`Opened the library in ${host.libraryDir}: 1 article.`);
  await expect(articles.getByRole('link', { name: /US-North Korea Diplomacy/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent libraries' })).toContainText(other);
});
