// A changed clip imported again becomes a new version; its annotations follow, and what could not be
// placed exactly waits for the user in "Needs attention".
import { readFile } from 'node:fs/promises';
import { expect, seedFile, test } from './fixtures';
import { annotate, importThroughPicker, selectInReader } from './reader-helpers';

const KEPT = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';
const EDITED = 'Pompeo had assured Japanese Prime Minister Shinzo Abe';
const DELETED = 'He arrived in Seoul, South Korea, in the evening and was scheduled to meet South Korean President Moon Jae-in.';

test('re-importing a changed clip carries annotations over and asks about the ones that moved', async ({ page, host }) => {
  await page.goto(host.url);
  const seed = await readFile(seedFile);
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: seed });
  await annotate(page, KEPT, 'kept');
  await annotate(page, EDITED, 'edited');
  await annotate(page, DELETED, 'deleted');
  await expect(page.getByRole('heading', { name: 'Annotations (3)' })).toBeVisible();
  const firstUrl = page.url();

  const changed = seed
    .toString('utf8')
    .replace(EDITED, 'Pompeo had personally assured Japanese Prime Minister Shinzo Abe')
    .replace(` ${DELETED}`, '');
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: Buffer.from(changed) });
  await expect(page.getByRole('alert').filter({ hasText: 'is a new version' })).toContainText('1 annotation carried over exactly, 2 need your attention');
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page.getByRole('link', { name: 'Previous version' })).toBeVisible();

  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention.getByRole('heading')).toHaveText('Needs attention (2)');
  await expect(attention.getByRole('listitem').filter({ hasText: 'edited' })).toContainText('Pompeo had personally assured Japanese Prime Minister Shinzo Abe');
  await expect(attention.getByRole('listitem').filter({ hasText: 'deleted' })).toContainText('Not found in this version.');
  await expect(page.locator('.article-body [data-annotation-id]')).toHaveCount(2);

  // Accept the fuzzy one where it now is; attach the orphan to a new selection.
  await attention.getByRole('listitem').filter({ hasText: 'edited' }).getByRole('button', { name: 'Accept' }).click();
  await expect(attention.getByRole('heading')).toHaveText('Needs attention (1)');
  await selectInReader(page, 'Pompeo promptly continued his ongoing tour of Northeast Asia.');
  await attention.getByRole('button', { name: 'Attach to selection' }).click();
  await expect(attention).toHaveCount(0);
  await expect(page.locator('.article-body [data-annotation-id]')).toHaveCount(3);
  await expect(page.locator('.article-body .highlight-fuzzy')).toHaveCount(0);

  // The old version is still there, marked, and links to the new one.
  await page.goto(firstUrl);
  await expect(page.getByText('An older version.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Annotations (0)' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Library' }).getByText('older version')).toBeVisible();
});
