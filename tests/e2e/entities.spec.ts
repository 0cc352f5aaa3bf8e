// Managing entities from their pages (issue 5): merge two that are one person and undo it, rename, delete
// after being told what that unlinks, and name who said a quote.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, test } from './fixtures';

const run = promisify(execFile);
const TWEET = '“Had a good trip to #Pyongyang to meet with Chairman Kim,” Pompeo said in a tweet.';
const ACCUSED = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

const entityList = (page: Page) => page.getByRole('navigation', { name: 'Library' }).getByRole('list', { name: 'Entities', exact: true });
/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const openEntity = (page: Page, name: string) => entityList(page).getByRole('link', { name: new RegExp(`^${name} \\(`) }).click();

test('merge two entities and undo it, rename one, delete one with an account, and say who said a quote', async ({ page, serveLibrary }) => {
  // One long flow through five features (about 40 s alone): on two busy cores it needs more than the default.
  test.slow();
  const host = await serveLibrary(async (library) => {
    const dossier = async (...args: string[]) =>
      (await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json'])).stdout;
    const [seed] = JSON.parse(await dossier('import', seedFile));
    await dossier('annotate', seed.id, '--quote', TWEET, '--link', 'person:Pompeo', '--link', 'person:Kim Jong Un');
    await dossier('annotate', seed.id, '--quote', ACCUSED, '--link', 'person:Mike Pompeo', '--link', 'person:Kim Jong Un');
  });
  await page.goto(host.url);

  // Merge "Pompeo" into "Mike Pompeo" from Pompeo's page, by keyboard.
  await openEntity(page, 'Pompeo');
  await expect(page.getByRole('heading', { level: 1, name: 'Pompeo' })).toBeVisible();
  await page.getByRole('button', { name: 'Merge into…' }).click();
  const chooser = page.getByRole('combobox', { name: 'Merge Pompeo into' });
  await expect(chooser).toBeFocused();
  await chooser.fill('mike');
  await expect(page.getByRole('option', { name: /Mike Pompeo/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Mike Pompeo' })).toBeVisible();
  await expect(page.locator('.notice')).toContainText('Merged Pompeo into Mike Pompeo.');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expect(page.locator('.aliases')).toContainText('Also known as Pompeo');
  await expect(page.getByRole('heading', { name: '2 linked annotations' })).toBeVisible();
  await expect(page.locator('.entity-group blockquote')).toHaveText([TWEET, ACCUSED]);
  await expect(entityList(page).getByRole('link')).toHaveText(['Kim Jong Un (Person)', 'Mike Pompeo (Person)']);
  await page.screenshot({ path: '/tmp/entities-merge.png' });
  expect(await violations(page)).toEqual([]);

  // Undo, with the focused button: both pages are as they were.
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Undone: Pompeo is back.');
  await expect(page.getByRole('heading', { name: '1 linked annotation' })).toBeVisible();
  await expect(page.locator('.entity-group blockquote')).toHaveText([ACCUSED]);
  await expect(page.locator('.aliases')).toHaveCount(0);
  await openEntity(page, 'Pompeo');
  await expect(page.getByRole('heading', { level: 1, name: 'Pompeo' })).toBeVisible();
  await expect(page.locator('.entity-group blockquote')).toHaveText([TWEET]);

  // Rename: a name another person has is refused, in an alert; then a new name and an alias.
  await page.getByRole('button', { name: 'Rename or edit…' }).click();
  const form = page.getByRole('form', { name: 'Edit Pompeo' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByLabel('Name').fill('mike pompeo');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('There is already a person named “mike pompeo”.');
  expect(await violations(page)).toEqual([]);
  await form.getByLabel('Name').fill('Secretary Pompeo');
  await form.getByLabel('Aliases, one per line').fill('Pompeo\nSecPompeo');
  await form.getByLabel('Wikidata id').fill('Q473239');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Secretary Pompeo' })).toBeVisible();
  await expect(page.locator('.aliases')).toContainText('Pompeo · SecPompeo');
  await expect(page.getByRole('button', { name: 'Rename or edit…' })).toBeFocused();
  await expect(entityList(page).getByRole('link', { name: 'Secretary Pompeo (Person)' })).toBeVisible();

  // Who said it: the tweet was Pompeo's.
  await page.locator('.entity-group h3 a').click();
  await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'Had a good trip' }).getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('form', { name: 'Annotation' });
  await editor.getByRole('combobox', { name: 'Said by' }).fill('secpom');
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('list', { name: 'Speaker' })).toHaveText('Secretary Pompeo×');
  await expect(editor.getByText('Saved')).toBeVisible();
  await editor.getByRole('button', { name: 'Done' }).click();

  // Delete Kim Jong Un, who has a relation: the dialog says what goes.
  await openEntity(page, 'Kim Jong Un');
  await page.getByRole('button', { name: 'Add a relation…' }).click();
  const relation = page.getByRole('form', { name: 'New relation' });
  await relation.getByLabel('Relation').fill('met with');
  await relation.getByLabel('…whom or what').selectOption({ label: 'Secretary Pompeo (person)' });
  await relation.getByRole('button', { name: 'Add relation' }).click();
  await expect(page.getByRole('region', { name: 'Relations' })).toContainText('Kim Jong Un met with Secretary Pompeo');

  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Kim Jong Un?' });
  await expect(dialog).toContainText('Deleting Kim Jong Un unlinks it from 2 annotations in 1 article and removes 1 relation.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: '/tmp/entities-delete.png' });
  expect(await violations(page)).toEqual([]);
  // Escape keeps it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Delete Kim Jong Un' }).click();

  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('status')).toContainText('Deleted Kim Jong Un: unlinked it from 2 annotations in 1 article and removed 1 relation.');
  await expect(entityList(page).getByRole('link')).toHaveText(['Mike Pompeo (Person)', 'Secretary Pompeo (Person)']);
  await expect(entityList(page).getByRole('link', { name: 'Mike Pompeo (Person)' })).toBeFocused();

  // The quote's speaker is on Pompeo's page.
  await openEntity(page, 'Secretary Pompeo');
  await expect(page.locator('.entity-group')).toContainText('Said by Secretary Pompeo');
});
