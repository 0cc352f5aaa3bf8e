// The timeline on a real library: annotations on their article's date, undated ones counted, filters by
// entity and tag, zoom, and an item that opens its passage.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, test } from './fixtures';
import { selectInReader } from './reader-helpers';

const run = promisify(execFile);
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

async function dossier(library: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json']);
  return stdout;
}

const items = (page: Page) => page.getByRole('list', { name: 'Events and annotations in time order' }).getByRole('link');

test('the timeline places annotations in time, filters them, zooms, and opens a passage', async ({ page, serveLibrary }) => {
  const host = await serveLibrary(async (library) => {
    const clip = join(library, '..', 'talks.md');
    await writeFile(clip, '---\ntitle: Talks in Pyongyang\ndate: 2018-10-08\n---\n\nPompeo met Kim in Pyongyang on Sunday. The talks were called productive by both sides.\n');
    const [talks] = JSON.parse(await dossier(library, 'import', clip));
    await dossier(library, 'annotate', talks.id, '--quote', 'Pompeo met Kim in Pyongyang on Sunday.', '--link', 'person:Mike Pompeo');
    await dossier(library, 'annotate', talks.id, '--quote', 'The talks were called productive', '--link', 'place:Pyongyang');
    const [seed] = JSON.parse(await dossier(library, 'import', seedFile));
    await dossier(library, 'annotate', seed.id, '--quote', QUOTE, '--link', 'person:Mike Pompeo');
  });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Timeline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).first()).toContainText('8 Oct 2018');
  await expect(page.getByText('1 annotation has no date')).toBeVisible();

  // The seed clip gets its date: its annotation joins the timeline, before the others.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /US-North Korea Diplomacy/ }).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByRole('form', { name: 'Article details' }).getByLabel('Published').fill('2018-06');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.article-source')).toContainText('2018-06');
  // And a tag on a passage of the other article.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /Talks in Pyongyang/ }).click();
  await selectInReader(page, 'by both sides');
  await page.keyboard.press('a');
  const editor = page.getByRole('form', { name: 'Annotation' });
  await editor.getByLabel('Tags').fill('assessment');
  await editor.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('link', { name: 'Timeline' }).click();
  await expect(items(page)).toHaveCount(4);
  await expect(items(page).first()).toContainText('Jun 2018');
  await expect(items(page).first()).toContainText('gangster-like');
  await expect(page.getByText(/no date/)).toHaveCount(0);

  // Filters: by entity, then by tag.
  await page.getByLabel('Entity').selectOption({ label: 'Mike Pompeo' });
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline of Mike Pompeo' })).toBeVisible();
  await expect(items(page)).toHaveCount(2);
  await page.getByLabel('Entity').selectOption({ label: 'All' });
  await page.getByLabel('Tag').selectOption('assessment');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toContainText('by both sides');
  await page.getByLabel('Tag').selectOption({ label: 'All' });
  await expect(items(page)).toHaveCount(4);

  // Zoom: from months to days, and back; the axis gets finer, the track wider.
  const track = page.locator('.timeline-track');
  const fitted = (await track.boundingBox())!.width;
  await page.getByRole('region', { name: /Time axis/ }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  expect((await track.boundingBox())!.width).toBeGreaterThan(fitted * 10);
  await expect(page.locator('.timeline-axis .tick').filter({ hasText: /^Oct 2018$/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Fit' }).click();
  expect(Math.round((await track.boundingBox())!.width)).toBe(Math.round(fitted));

  // An annotation opens its passage in the reader.
  await items(page).first().click();
  await expect(page).toHaveURL(/#\/articles\/[^?]+\?annotation=/);
  await expect(page.locator('.article-body .highlight')).toContainText('gangster-like');
});

test('a crowded day keeps six lanes and gathers the rest under “+N more”, each still a link', async ({ page, serveLibrary }) => {
  const sentences = Array.from({ length: 9 }, (_, i) => `Statement number ${i + 1} was issued in Pyongyang.`);
  const host = await serveLibrary(async (library) => {
    const clip = join(library, '..', 'day.md');
    await writeFile(clip, `---\ntitle: A busy day\ndate: 2018-10-07\n---\n\n${sentences.join(' ')}\n`);
    const [article] = JSON.parse(await dossier(library, 'import', clip));
    for (const sentence of sentences) await dossier(library, 'annotate', article.id, '--quote', sentence);
  });
  await page.goto(`${host.url}#/timeline`);
  // Six in their lanes; the three in the closed list are not shown yet.
  await expect(items(page)).toHaveCount(6);
  const more = page.locator('.timeline-more');
  await expect(more.locator('summary')).toHaveText('+3 more from 7 Oct 2018');
  await expect(more.locator('a')).toHaveCount(3);
  await expect(more.locator('a').first()).toBeHidden();
  await more.locator('summary').click();
  await expect(more.getByRole('link').first()).toBeVisible();
  await expect(items(page)).toHaveCount(9);
  await more.getByRole('link').last().click();
  await expect(page).toHaveURL(/\?annotation=/);
  await expect(page.locator('.annotation-list > li.active')).toContainText('Statement number 9');
});
