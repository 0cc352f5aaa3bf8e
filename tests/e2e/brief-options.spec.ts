// The brief's form: YAML front matter, Obsidian links, sections by entity or event, an index of entities
// and a timeline of events, previewed as they are chosen and written into the exported file or files.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, seedFile, test } from './fixtures';
import { annotate, importThroughPicker } from './reader-helpers';

const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

test('front matter, [[links]], sections by event, an index and a timeline, in the preview and the exported file or files', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  await annotate(page, QUOTE, 'Their words.');
  // Link the annotation to an event, from the keyboard (J, then L).
  await page.locator('.article-body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await page.keyboard.press('l');
  await page.keyboard.type('Pompeo’s July 2018 visit');
  await page.getByRole('option', { name: /Create event/ }).click();
  await page.getByLabel('Date of “Pompeo’s July 2018 visit”').fill('2018-07');
  await page.getByRole('button', { name: 'Create event' }).click();
  const editor = page.getByRole('form', { name: 'Annotation' });
  await expect(editor.getByRole('list', { name: 'Linked entities' })).toContainText('Pompeo’s July 2018 visit');
  await editor.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('link', { name: 'Brief…' }).click();
  const preview = page.getByTestId('brief-preview');
  await expect(preview).toContainText(QUOTE);
  await page.getByLabel('YAML front matter').check();
  await page.getByLabel('Entities as [[links]] (Obsidian)').check();
  await page.getByLabel('Sections').selectOption('event');
  await expect(preview).toContainText('## Pompeo’s July 2018 visit (2018-07)');
  await expect(preview).toContainText('Linked: [[Pompeo’s July 2018 visit]] (event, 2018-07)');
  const markdown = (await preview.textContent()) ?? '';
  expect(markdown.startsWith('---\n')).toBe(true);

  // The rendered preview: the quote as a quotation, letter for letter; the citation as a footnote that
  // resolves; the front matter apart; and no link that leaves the page.
  await page.getByRole('button', { name: 'Rendered' }).click();
  const rendered = page.getByRole('article', { name: 'Rendered preview' });
  await expect(rendered.locator('blockquote')).toHaveText(QUOTE);
  await expect(rendered.getByRole('heading', { level: 2, name: 'Pompeo’s July 2018 visit (2018-07)' })).toBeVisible();
  const footnoteRef = rendered.locator('sup.footnote-ref a').first();
  const target = (await footnoteRef.getAttribute('href'))!.slice(1);
  await expect(rendered.locator(`[id="${target}"]`)).toContainText('US-North Korea Diplomacy Picks Up');
  await footnoteRef.click();
  await expect(page).toHaveURL(/#\/brief/);
  await expect(rendered.locator('.front-matter summary')).toHaveText('Front matter');
  await expect(rendered.locator('script, iframe, [onclick]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await expect(preview).toContainText(QUOTE);

  await page.getByRole('button', { name: 'Export Markdown', exact: true }).click();
  const saved = page.locator('.saved code');
  await expect(saved).toContainText(host.exportDir);
  const file = await readFile((await saved.textContent())!, 'utf8');
  const [, yaml = ''] = /^---\n([\s\S]*?)\n---\n/.exec(file) ?? [];
  expect(parse(yaml).entities).toEqual(['Pompeo’s July 2018 visit']);
  expect(file).toContain(`> ${QUOTE}`);

  // An index of entities and a timeline of events, then one file per section, in a folder of its own.
  await page.getByLabel('Index of entities').check();
  await page.getByLabel('Timeline of events').check();
  await expect(preview).toContainText('## Index of entities');
  await expect(preview).toContainText('- [[Pompeo’s July 2018 visit]] (event, 2018-07): 1 quote[^1]');
  await expect(preview).toContainText('## Timeline of events');
  await expect(preview).toContainText('- 2018-07: [[Pompeo’s July 2018 visit]] — 1 quote[^1]');
  await page.getByLabel('One file per section').check();
  await page.getByRole('button', { name: 'Export Markdown files' }).click();
  await expect(page.locator('.saved')).toContainText('Saved 2 files to');
  const folder = (await saved.textContent())!;
  expect(folder.startsWith(host.exportDir)).toBe(true);
  const names = await readdir(folder);
  expect(names).toEqual([expect.stringMatching(/^00 Brief_ .*\.md$/), '01 Pompeo’s July 2018 visit (2018-07).md']);
  const overview = await readFile(join(folder, names[0]!), 'utf8');
  expect(overview).toContain('1. [Pompeo’s July 2018 visit (2018-07)](<01 Pompeo’s July 2018 visit (2018-07).md>) (1 quote)');
  expect(overview).toContain('## Timeline of events');
  const section = await readFile(join(folder, names[1]!), 'utf8');
  expect(section).toContain(`> ${QUOTE}`);
  expect(section).toContain('[^1]: “US-North Korea Diplomacy Picks Up');
});
