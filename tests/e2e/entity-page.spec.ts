// An entity's page beyond its annotations: unlinked mentions linked with one key, related entities, and
// relations with their evidence.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, projectDir, seedFile, test } from './fixtures';

const run = promisify(execFile);
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

test('unlinked mentions are linked with L, related entities are listed, and a relation cites its evidence', async ({ page, serveLibrary }) => {
  const host = await serveLibrary(async (library) => {
    const dossier = async (...args: string[]) =>
      (await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json'])).stdout;
    const [seed] = JSON.parse(await dossier('import', seedFile));
    await dossier('annotate', seed.id, '--quote', QUOTE, '--link', 'person:Mike Pompeo', '--link', 'place:North Korea');
  });
  await page.goto(host.url);
  // "Pompeo" becomes an alias of Mike Pompeo by mapping the suggestion to him.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: /US-North Korea Diplomacy/ }).click();
  // It is known to the library already, so it waits among the decided ones.
  await page.getByLabel('Show decided ones too').check();
  const suggestion = page.getByRole('list', { name: 'Suggestions to review' }).getByRole('listitem', { name: /^Mike Pompeo, person/ });
  await expect(suggestion).toContainText('In library');
  await suggestion.focus();
  await page.keyboard.press('a');
  await expect(page.getByRole('status')).toContainText('Accepted Mike Pompeo.');

  await page.getByRole('list', { name: 'Entities', exact: true }).getByRole('link', { name: 'Mike Pompeo' }).click();
  const mentions = page.getByRole('list', { name: 'Unlinked mentions of Mike Pompeo' }).getByRole('listitem');
  // Nine mentions in the article, one of them inside the annotated passage.
  await expect(page.getByRole('heading', { name: 'Unlinked mentions (8)' })).toBeVisible();
  await mentions.first().focus();
  await expect(mentions.first()).toContainText('Secretary of State Mike Pompeo met');
  await page.keyboard.press('l');
  await expect(page.getByRole('status')).toContainText('Linked “Mike Pompeo” in “US-North Korea Diplomacy');
  await expect(page.getByRole('heading', { name: 'Unlinked mentions (7)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '2 linked annotations' })).toBeVisible();
  await expect(mentions.first()).toBeFocused();

  await expect(page.getByRole('region', { name: 'Related entities' })).toContainText('North Korea 1 shared annotation');

  await page.getByRole('button', { name: 'Add a relation…' }).click();
  const form = page.getByRole('form', { name: 'New relation' });
  await form.getByLabel('Relation').fill('was accused by');
  await form.getByLabel('…whom or what').selectOption({ label: 'North Korea (place)' });
  await form.getByRole('checkbox', { name: /gangster-like/ }).check();
  await form.getByRole('button', { name: 'Add relation' }).click();
  const relations = page.getByRole('region', { name: 'Relations' });
  await expect(relations).toContainText('Mike Pompeo was accused by North Korea 1 annotation as evidence');
  await relations.getByRole('link', { name: 'North Korea' }).click();
  await expect(page.getByRole('region', { name: 'Relations' })).toContainText('Mike Pompeo was accused by North Korea');

  // Enter on a mention opens it in the reader.
  await page.getByRole('list', { name: 'Entities', exact: true }).getByRole('link', { name: 'Mike Pompeo' }).click();
  await mentions.first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/articles\/[^?]+\?at=\d+-\d+/);
  await expect(page.locator('.article-body .highlight-search')).toHaveText('Pompeo');
});

test('an event gets a date range, a place and participants, shown on its page, theirs, and the timeline', async ({ page, serveLibrary }) => {
  const host = await serveLibrary(async (library) => {
    const dossier = async (...args: string[]) =>
      (await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json'])).stdout;
    const [seed] = JSON.parse(await dossier('import', seedFile));
    await dossier('annotate', seed.id, '--quote', 'the June 12 summit', '--link', 'event:Singapore summit', '--link', 'place:Singapore', '--link', 'person:Donald J. Trump');
  });
  await page.goto(host.url);
  const entities = page.getByRole('list', { name: 'Entities', exact: true });
  await entities.getByRole('link', { name: 'Singapore summit' }).click();
  await page.getByRole('button', { name: 'Rename or edit…' }).click();
  const form = page.getByRole('form', { name: 'Edit Singapore summit' });
  await form.getByLabel('Date', { exact: true }).fill('2018-06-12');
  await form.getByLabel('Until (for an event that lasted)').fill('2018-06-11');
  await form.getByLabel('Place').selectOption({ label: 'Singapore' });
  await form.getByRole('group', { name: 'Participants' }).getByRole('checkbox', { name: 'Donald J. Trump' }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('The end date comes after the start date.');
  await form.getByLabel('Until (for an event that lasted)').fill('2018-06-13');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.eyebrow')).toContainText('Event · 2018-06-12 – 2018-06-13');
  await expect(page.locator('.event-setting')).toHaveText('At Singapore; with Donald J. Trump.');

  await page.locator('.event-setting').getByRole('link', { name: 'Donald J. Trump' }).click();
  await expect(page.getByRole('region', { name: 'Events' })).toContainText('2018-06-12 Singapore summit');
  await page.getByRole('link', { name: 'On the timeline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline of Donald J. Trump' })).toBeVisible();
  await expect(page.locator('.timeline-item.kind-event')).toContainText('12 Jun 2018 – 13 Jun 2018 · event');
  await page.goBack();
  await page.getByRole('link', { name: 'In the graph' }).click();
  await expect(page).toHaveURL(/#\/graph\?focus=/);
});
