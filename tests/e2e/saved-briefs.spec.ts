// A brief composed by hand: an introduction, passages in the analyst's order (keyboard and drag), saved in
// the library, reopened after a reload and exported again.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import MarkdownIt from 'markdown-it';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, test } from './fixtures';

const run = promisify(execFile);
const QUOTES = [
  'U.S. Secretary of State Mike Pompeo met North Korean leader Kim Jong Un.',
  'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.',
  'Pompeo promptly continued his ongoing tour of Northeast Asia.',
];

const quotesIn = (markdown: string) =>
  new MarkdownIt().parse(markdown, {}).filter((t, i, all) => t.type === 'inline' && all[i - 2]?.type === 'blockquote_open').map((t) => t.content);
const previewQuotes = async (page: Page) => quotesIn((await page.getByTestId('brief-preview').textContent()) ?? '');
const order = (page: Page) => page.getByRole('list', { name: 'Passages in the brief’s order' }).getByRole('listitem');

test('a brief in the analyst’s order is saved, reopened after a reload, and exported again', async ({ page, serveLibrary }) => {
  const host = await serveLibrary(async (library) => {
    const dossier = async (...args: string[]) =>
      (await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json'])).stdout;
    const [seed] = JSON.parse(await dossier('import', seedFile));
    for (const quote of QUOTES) await dossier('annotate', seed.id, '--quote', quote, '--link', 'person:Mike Pompeo');
  });
  await page.goto(`${host.url}#/brief`);
  await page.getByRole('group', { name: 'Entities' }).getByRole('checkbox', { name: /Mike Pompeo/ }).check();
  await page.getByLabel('Title').fill('Pompeo’s trip, in my order');
  await page.getByLabel('Introduction (Markdown)').fill('Three passages, *the accusation* first.');
  await page.getByLabel('Sections').selectOption('manual');
  await expect(order(page)).toHaveCount(3);
  await expect.poll(() => previewQuotes(page)).toEqual(QUOTES);

  // The accusation to the top with the keyboard; the focus stays on it.
  await order(page).nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => previewQuotes(page)).toEqual([QUOTES[1], QUOTES[0], QUOTES[2]]);
  await expect(order(page).first()).toBeFocused();
  // The last passage dragged above the second.
  await order(page).nth(2).dragTo(order(page).nth(1));
  await expect.poll(() => previewQuotes(page)).toEqual([QUOTES[1], QUOTES[2], QUOTES[0]]);
  await expect(page.getByTestId('brief-preview')).toContainText('Three passages, *the accusation* first.');

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toContainText('Brief “Pompeo’s trip, in my order” saved.');

  // After a reload, a new brief, then the saved one chosen: all of it comes back.
  await page.goto(`${host.url}#/brief`);
  await page.reload();
  await expect(page.getByLabel('Title')).toHaveValue('');
  await page.getByLabel('Saved briefs').selectOption({ label: 'Pompeo’s trip, in my order' });
  await expect(page.getByLabel('Title')).toHaveValue('Pompeo’s trip, in my order');
  await expect(page.getByLabel('Introduction (Markdown)')).toHaveValue('Three passages, *the accusation* first.');
  await expect(page.getByLabel('Sections')).toHaveValue('manual');
  await expect.poll(() => previewQuotes(page)).toEqual([QUOTES[1], QUOTES[2], QUOTES[0]]);

  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const saved = page.locator('.saved code');
  await expect(saved).toContainText(host.exportDir);
  expect(quotesIn(await readFile((await saved.textContent())!, 'utf8'))).toEqual([QUOTES[1], QUOTES[2], QUOTES[0]]);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete saved brief' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'deleted' })).toContainText('Saved brief “Pompeo’s trip, in my order” deleted.');
  await expect(page.getByLabel('Saved briefs').locator('option')).toHaveText(['A new brief']);
});
