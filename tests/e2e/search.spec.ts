// Finding things: search as you type, filters, and results that open at the matching passage.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, seedFile, sharedDir, test } from './fixtures';
import { annotate, importThroughPicker } from './reader-helpers';

test('search finds words, phrases and notes, filters, and opens the reader at the passage', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, [
    { name: 'diplomat.txt', mimeType: 'text/plain', buffer: await readFile(seedFile) },
    { name: 'bbc.html', mimeType: 'text/html', buffer: await readFile(join(sharedDir, 'corpus/readability/bbc-1/source.html')) },
  ]);
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('link')).toHaveCount(2);

  // "/" focuses the search box; results follow the typing.
  await page.keyboard.press('/');
  await page.keyboard.type('gangster-like dem');
  const results = page.getByRole('list', { name: 'Results' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText('US-North Korea Diplomacy Picks Up');
  await expect(results).toContainText('“gangster-like” demands');

  await page.getByRole('searchbox', { name: 'Search the library' }).fill('"frustration of his presidency"');
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText('Obama');
  await page.getByRole('searchbox', { name: 'Search the library' }).fill('"presidency frustration"');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing found.' })).toBeVisible();

  // A result opens the article at the matching passage.
  await page.getByRole('searchbox', { name: 'Search the library' }).fill('Biegun');
  await results.getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/articles\/[^?]+\?at=\d+-\d+/);
  await expect(page.locator('.article-body .highlight-search')).toHaveText('Biegun');
  await expect(page.locator('.article-body .highlight-search')).toBeInViewport();

  // Notes are searchable as soon as they are saved; the filter narrows to annotated articles.
  await annotate(page, 'Stephen Biegun, the new U.S. special representative for North Korea policy', 'Point of contact for the working level talks');
  await page.getByRole('searchbox', { name: 'Search the library' }).fill('working level');
  await expect(results.getByRole('listitem').first()).toContainText('Annotation');
  await results.getByRole('link').first().click();
  await expect(page).toHaveURL(/\?annotation=/);

  await page.getByRole('searchbox', { name: 'Search the library' }).fill('president');
  await expect(results.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Has annotations' }).check();
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText('US-North Korea');
});
