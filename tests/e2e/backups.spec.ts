// Backups from the app: made by hand, listed, and restored in place after the library as it is has been
// backed up, so that the restore can itself be undone from the same list.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, sharedDir, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

const articleLinks = (page: Page) => page.getByRole('navigation', { name: 'Library' }).getByRole('list').first().getByRole('link');
const rows = (page: Page) => page.locator('.backups-table tbody tr');

test('a backup made by hand is restored in place, and the restore is undone from the list', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  await expect(page.getByRole('heading', { level: 1, name: /US-North Korea Diplomacy/ })).toBeVisible();

  // From the start page's link: no backup yet, then one made by hand.
  await page.getByRole('link', { name: 'Dossier', exact: true }).click();
  await page.getByRole('link', { name: 'backups of your library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await expect(page.getByText('No backup yet')).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backed up the library' })).toBeVisible();
  await expect(rows(page).filter({ hasText: 'Made by you' })).toHaveCount(1);
  expect((await readdir(join(host.libraryDir, 'backups'))).filter((n) => n.endsWith('--manual.zip'))).toHaveLength(1);

  // Later, a second article.
  await importThroughPicker(page, join(sharedDir, 'corpus', 'readability/bbc-1/source.html'));
  await expect(articleLinks(page)).toHaveCount(2);

  // Restore the backup, by the palette this time: the dialog asks first, Escape keeps things as they are.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Backups');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  const manual = rows(page).filter({ hasText: 'Made by you' });
  await manual.getByRole('button', { name: /^Restore the backup of / }).click();
  const dialog = page.getByRole('dialog', { name: /^Restore the library as it was on / });
  await expect(dialog).toContainText('The library as it is now is backed up first');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: '/tmp/backups-restore.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(articleLinks(page)).toHaveCount(2);

  await manual.getByRole('button', { name: /^Restore the backup of / }).click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the library as it was on' })).toContainText(': 1 article.');
  await expect(articleLinks(page)).toHaveCount(1);
  await expect(articleLinks(page)).toContainText('US-North Korea Diplomacy');
  await expect(rows(page).first()).toContainText('Before a restore');
  await page.screenshot({ path: '/tmp/backups-restored.png' });

  // The restore undone: the library as it was just before comes back, both articles.
  await rows(page).filter({ hasText: 'Before a restore' }).getByRole('button', { name: /^Restore the backup of / }).click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the library as it was on' }).last()).toContainText(': 2 articles.');
  await expect(articleLinks(page)).toHaveCount(2);
  // And the app still works on the restored library: search finds the article that came back.
  await page.getByRole('searchbox').fill('gangster-like');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main').getByText('US-North Korea Diplomacy').first()).toBeVisible();
});

test('a backup file made by `dossier backup` is added to the list and restored; a file that is not one is refused', async ({ page, host }) => {
  const scratch = await mkdtemp(join(tmpdir(), 'dossier-backup-file-'));
  try {
    // Another library with the BBC page, backed up to a file from the command line.
    const dossier = (...args: string[]) => promisify(execFile)(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', join(scratch, 'other')]);
    await dossier('import', join(sharedDir, 'corpus', 'readability', 'bbc-1', 'source.html'));
    await dossier('backup', join(scratch, 'other.zip'));
    await writeFile(join(scratch, 'notes.zip'), 'not an archive');

    await page.goto(host.url);
    await importThroughPicker(page, seedFile);
    await expect(articleLinks(page)).toHaveCount(1);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Backups');
    await page.keyboard.press('Enter');

    const add = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Add a backup file…' }).click();
      await (await chooser).setFiles(file);
    };
    await add(join(scratch, 'notes.zip'));
    await expect(page.getByRole('status').filter({ hasText: 'notes.zip: This is not a Dossier backup' })).toBeVisible();
    await add(join(scratch, 'other.zip'));
    await expect(page.getByRole('status').filter({ hasText: 'Added the backup of' })).toBeVisible();
    const added = rows(page).filter({ hasText: 'Added from a file' });
    await expect(added).toHaveCount(1);

    await added.getByRole('button', { name: /^Restore the backup of / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Restored the library as it was on' })).toContainText(': 1 article.');
    await expect(articleLinks(page)).toHaveText([/Obama admits US gun laws/]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
