// Settings: the theme, the reader's text size and line length, and a new brief's defaults, applied at
// once, kept after a reload, and accessible; opening another library folder; the folder briefs go to.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, sharedDir, test } from './fixtures';
import { annotate, importThroughPicker } from './reader-helpers';

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

test('briefs are exported to the folder chosen in the settings, checked first; the app’s own folder again on request', async ({ page, host }) => {
  const chosen = join(dirname(host.libraryDir), 'My briefs');
  await mkdir(chosen);
  const quote = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  await annotate(page, quote, 'Their words.');

  await page.keyboard.press('Control+,');
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files).toContainText(`Exported briefs${host.exportDir} (the app’s own)`);
  const field = page.getByLabel('Export folder');
  // A folder that is not there, or not given in full, is refused and nothing changes.
  for (const [folder, message] of [
    [join(chosen, 'missing'), `There is no folder ${join(chosen, 'missing')}.`],
    ['My briefs', "Give the folder's full path (My briefs is relative)."],
  ]) {
    await field.fill(folder);
    await field.press('Enter');
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(files).toContainText('(the app’s own)');
  }
  await field.fill(chosen);
  await field.press('Enter');
  await expect(page.getByRole('status')).toContainText(`Briefs will be exported to ${chosen}.`);
  await expect(files).toContainText(`Exported briefs${chosen} (chosen)`);
  await expect(field).toHaveValue('');
  expect(await violations(page)).toEqual([]);
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/settings-export-folder.png' });

  // The brief goes there; after a reload too.
  await page.reload();
  const exportBrief = async () => {
    await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /US-North Korea Diplomacy/ }).click();
    await page.getByRole('link', { name: 'Brief…' }).click();
    await expect(page.getByTestId('brief-preview')).toContainText(quote);
    await page.getByRole('button', { name: 'Export Markdown', exact: true }).click();
    return page.locator('.saved code');
  };
  const saved = await exportBrief();
  await expect(saved).toContainText(chosen);
  const [name] = await readdir(chosen);
  await expect(saved).toHaveText(join(chosen, name));
  expect(await readFile(join(chosen, name), 'utf8')).toContain(`> ${quote}`);

  // Back to the app's folder.
  await page.keyboard.press('Control+,');
  await page.getByRole('button', { name: 'Use the app’s folder' }).click();
  await expect(files).toContainText(`Exported briefs${host.exportDir} (the app’s own)`);
  await expect(await exportBrief()).toContainText(host.exportDir);
  expect(await readdir(chosen)).toHaveLength(1);
});
