// The acceptance path of ../shared/fixtures/README.md, through the UI of the loopback host.
import { readFile } from 'node:fs/promises';
import MarkdownIt from 'markdown-it';
import type { Page } from '@playwright/test';
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker, selectInReader } from './reader-helpers';

const TITLE = 'US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang';
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';
const EVENT = 'Pompeo’s July 2018 visit to Pyongyang';

async function linkEntity(page: Page, name: string, option: RegExp) {
  const combo = page.getByRole('combobox', { name: 'Link an entity' });
  await combo.fill(name);
  await page.getByRole('option', { name: option }).click();
}

const linked = (page: Page) => page.getByRole('form', { name: 'Annotation' }).getByRole('list', { name: 'Linked entities' });

/** The text of every block quotation of a Markdown document, as a CommonMark parser reads it. */
function blockQuoteTexts(markdown: string): string[] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const quotes: string[] = [];
  let depth = 0;
  let current: string[] = [];
  for (const token of tokens) {
    if (token.type === 'blockquote_open') {
      if (depth++ === 0) current = [];
    } else if (token.type === 'blockquote_close') {
      if (--depth === 0) quotes.push(current.join('\n\n'));
    } else if (depth > 0 && token.type === 'inline') {
      current.push((token.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? '\n' : c.content)).join(''));
    }
  }
  return quotes;
}

test('import the seed clip, annotate the “gangster-like” passage, link it, and export a brief', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();

  // Import through the file picker.
  await importThroughPicker(page, seedFile);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const listItem = page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: new RegExp(TITLE) });
  await expect(listItem.locator('.count')).toHaveAttribute('aria-label', '0 annotations');
  const body = page.locator('.article-body');
  await expect(body).toContainText('In Pyongyang on Sunday for his fourth trip');
  await expect(body).toContainText('Vice President Mike Pence.');
  await expect(body).not.toContainText('Recent Features');
  await expect(body).not.toContainText('jobs board');
  await expect(body).not.toContainText('Credit: Twitter');
  expect(page.url()).toMatch(/#\/articles\/[A-Za-z0-9_-]+$/);

  // The clip has no site, date or URL: add them; a bad URL is refused and nothing is saved.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('form', { name: 'Article details' });
  await details.getByLabel('Site').fill('The Diplomat');
  await details.getByLabel('URL').fill('not a web address');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByRole('alert')).toContainText('http');
  await details.getByLabel('URL').fill('https://thediplomat.com/2018/10/us-north-korea-diplomacy-picks-up-with-a-pompeo-kim-encounter-in-pyongyang/');
  await details.getByLabel('Published').fill('2018-10-08');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.article-source')).toContainText('The Diplomat · 2018-10-08');
  await expect(listItem).toContainText('The Diplomat');

  // Select the passage and annotate it with the keyboard shortcut.
  await selectInReader(page, QUOTE);
  await expect(page.getByRole('button', { name: 'Annotate' })).toBeEnabled();
  await page.keyboard.press('a');
  const editor = page.getByRole('form', { name: 'Annotation' });
  await expect(editor.locator('blockquote')).toHaveText(QUOTE);
  // Announced as it is made (the message fades after a few seconds).
  await expect(page.getByRole('status')).toContainText('Annotation created');
  await editor.getByRole('textbox', { name: 'Note' }).fill('Pyongyang’s own word for the July talks: the baseline for reading this visit.');
  await editor.getByLabel('Tags').fill('rhetoric, diplomacy');
  // Type-ahead: pressing Enter takes the first option, creating a person.
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('Mike Pompeo');
  await page.keyboard.press('Enter');
  await expect(linked(page)).toContainText('Mike Pompeo');
  await linkEntity(page, 'North Korea', /Create place “North Korea”/);
  await expect(linked(page)).toContainText('North Korea');
  await linkEntity(page, EVENT, /Create event/);
  await page.getByLabel(`Date of “${EVENT}”`).fill('2018-07');
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(linked(page)).toContainText(EVENT);
  await expect(linked(page).getByRole('listitem')).toHaveCount(3);
  // Type-ahead finds an existing entity instead of offering a duplicate.
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('pompeo');
  await expect(page.getByRole('option', { name: /Mike Pompeo/ })).toHaveCount(0); // already linked
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('');
  await expect(editor.getByText('Saved', { exact: true })).toBeVisible();
  await editor.getByRole('button', { name: 'Done' }).click();

  // The highlight is drawn over exactly the passage; the list and the library count follow.
  const list = page.getByRole('list', { name: 'Annotations' });
  await expect(list.getByRole('button', { name: QUOTE })).toBeVisible();
  const highlight = page.locator('.article-body [data-annotation-id]');
  await expect(highlight).toHaveText(QUOTE);
  await expect(listItem.locator('.count')).toHaveAttribute('aria-label', '1 annotation');

  // The entity page lists the annotation.
  await list.getByRole('link', { name: 'Mike Pompeo' }).click();
  await expect(page).toHaveURL(/#\/entities\//);
  await expect(page.getByRole('heading', { level: 1, name: 'Mike Pompeo' })).toBeVisible();
  await expect(page.locator('main blockquote')).toHaveText(QUOTE);
  await expect(page.getByRole('heading', { name: '1 linked annotation' })).toBeVisible();

  // A brief on Mike Pompeo and North Korea: preview, export, and read the file from disk.
  await page.getByRole('link', { name: 'Brief on Mike Pompeo…' }).click();
  await page.getByRole('group', { name: 'Entities' }).getByRole('checkbox', { name: /North Korea/ }).check();
  const preview = page.getByTestId('brief-preview');
  await expect(preview).toContainText(QUOTE);
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const saved = page.locator('.saved code');
  await expect(saved).toContainText(host.exportDir);
  const markdown = await readFile((await saved.textContent())!, 'utf8');

  expect(blockQuoteTexts(markdown)).toEqual([QUOTE]);
  expect(markdown).toContain('Pyongyang’s own word for the July talks');
  for (const name of ['Mike Pompeo', 'North Korea', EVENT]) expect(markdown).toContain(name);
  for (const part of [TITLE, 'The Diplomat', '2018-10-08', 'https://thediplomat.com/2018/10/us-north-korea-diplomacy-picks-up-with-a-pompeo-kim-encounter-in-pyongyang/']) {
    expect(markdown).toContain(part);
  }
  expect(markdown).toMatch(/\[\^1\]:/);
});
