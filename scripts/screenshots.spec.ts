// Drives the browser host through the seed flow and saves a picture of each main view to docs/screenshots.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, projectDir, seedFile, test } from '../tests/e2e/fixtures';
import { annotate, importThroughPicker, selectInReader } from '../tests/e2e/reader-helpers';

const out = (name: string) => join(projectDir, 'docs', 'screenshots', `${name}.png`);
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

test('screenshots of the main views', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import a sample article' }).waitFor();
  await page.screenshot({ path: out('welcome') });

  await importThroughPicker(page, seedFile);
  await expect(page.locator('.article-body')).toContainText(QUOTE);
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Site').fill('The Diplomat');
  await page.getByLabel('Published').fill('2018-10-08');
  await page.getByRole('button', { name: 'Save details' }).click();

  await selectInReader(page, QUOTE);
  await page.keyboard.press('a');
  await page.getByRole('textbox', { name: 'Note' }).fill('Pyongyang’s own word for the July talks.');
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('Mike Pompeo');
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('North Korea');
  await page.getByRole('option', { name: /Create place/ }).click();
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('Pompeo’s July 2018 visit to Pyongyang');
  await page.getByRole('option', { name: /Create event/ }).click();
  await page.getByLabel(/Date of/).fill('2018-07');
  await page.getByRole('button', { name: 'Create event' }).click();
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('Kim');
  await page.screenshot({ path: out('annotate') });
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.article-body [data-annotation-id]')).toHaveText(QUOTE);
  await page.getByRole('status').getByRole('button').first().waitFor();
  await page.screenshot({ path: out('reader') });

  await page.getByRole('list', { name: 'Annotations' }).getByRole('link', { name: 'Mike Pompeo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mike Pompeo' })).toBeVisible();
  await page.screenshot({ path: out('entity') });

  await page.getByRole('link', { name: /Brief on/ }).click();
  await expect(page.getByTestId('brief-preview')).toContainText(QUOTE);
  await page.screenshot({ path: out('brief') });
});

test('screenshot of a new version with annotations to review', async ({ page, host }) => {
  await page.goto(host.url);
  const seed = await readFile(seedFile);
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: seed });
  await annotate(page, QUOTE, 'Their word for the July talks.');
  await annotate(page, 'Pompeo had assured Japanese Prime Minister Shinzo Abe', 'Abductees: watch for follow-up.');
  await annotate(page, 'He arrived in Seoul, South Korea, in the evening', 'Next stop.');
  const changed = seed
    .toString('utf8')
    .replace('Pompeo had assured', 'Pompeo had personally assured')
    .replace('He arrived in Seoul, South Korea, in the evening and', 'He');
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: Buffer.from(changed) });
  await expect(page.getByRole('region', { name: 'Needs attention' })).toBeVisible();
  await page.locator('.highlight-fuzzy').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: out('needs-attention') });
});
