// The graph on a real library: the seed article annotated from the command line, links weighted by shared
// annotations, filters by type and weight, focus on one entity, and entities opened from the table, with the
// keyboard on the drawing, and with a click on the drawing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, projectDir, seedFile, test } from './fixtures';

const run = promisify(execFile);

async function dossier(library: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json']);
  return stdout;
}

/** The table beside the drawing, one line per entity: name, links, annotations, linked most with. */
async function rows(page: Page): Promise<string[]> {
  const table = page.getByRole('table');
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th a, td')].map((cell) => cell.textContent!.trim()).join(' | ')),
  );
}

const caption = (page: Page) => page.locator('.graph-caption');

test('the graph weighs links by shared annotations, filters, focuses, and opens entities', async ({ page, serveLibrary }) => {
  test.setTimeout(120_000);
  const host = await serveLibrary(async (library) => {
    const [seed] = JSON.parse(await dossier(library, 'import', seedFile));
    const annotate = (quote: string, ...links: string[]) => dossier(library, 'annotate', seed.id, '--quote', quote, ...links.flatMap((l) => ['--link', l]));
    await annotate('North Korea accused Pompeo of expressing “gangster-like” demands', 'person:Mike Pompeo', 'place:North Korea');
    await annotate('Pompeo had last traveled to North Korea in early July', 'person:Mike Pompeo', 'place:North Korea');
    await annotate('met North Korean leader Kim Jong Un', 'person:Mike Pompeo', 'person:Kim Jong Un');
    await annotate('A photograph released by the U.S. Department of State', 'organisation:Department of State');
  });
  // Whatever cytoscape or the layout worker does must pass the Content Security Policy: no error of any kind
  // (but the favicon Chromium asks for on its own, which the app has none of).
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(host.url);
  await page.getByRole('link', { name: 'Graph' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Graph' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('3 entities, 2 links');
  expect(await rows(page)).toEqual([
    'Kim Jong Un | 1 | 1 | Mike Pompeo (1)',
    'Mike Pompeo | 2 | 3 | North Korea (2), Kim Jong Un (1)',
    'North Korea | 1 | 2 | Mike Pompeo (2)',
  ]);
  await expect(page.getByText('1 entity has no link and is not shown.')).toBeVisible();
  await expect(caption(page)).toHaveText(/Click an entity to open its page/);

  // Only links made by two annotations or more.
  await page.getByLabel('Least annotations per link').fill('2');
  await expect(page.getByRole('table')).toContainText('2 entities, 1 link');
  expect(await rows(page)).toEqual(['Mike Pompeo | 1 | 3 | North Korea (2)', 'North Korea | 1 | 2 | Mike Pompeo (2)']);
  await page.getByLabel('Least annotations per link').fill('1');
  await expect(page.getByRole('table')).toContainText('3 entities, 2 links');

  // Only people: the place and its link go.
  await page.getByRole('checkbox', { name: 'Places' }).uncheck();
  await expect(page.getByRole('table')).toContainText('2 entities, 1 link');
  expect(await rows(page)).toEqual(['Kim Jong Un | 1 | 1 | Mike Pompeo (1)', 'Mike Pompeo | 1 | 3 | Kim Jong Un (1)']);
  await page.getByRole('checkbox', { name: 'Places' }).check();

  // Around Kim Jong Un: his neighbour, then his neighbour's too.
  await page.getByRole('combobox', { name: 'Focus on' }).fill('Kim Jong Un');
  await expect(page.getByRole('heading', { level: 1, name: 'Graph around Kim Jong Un' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('2 entities, 1 link');
  expect(await rows(page)).toEqual(['Kim Jong Un | 1 | 1 | Mike Pompeo (1)', 'Mike Pompeo | 1 | 3 | Kim Jong Un (1)']);
  await page.getByLabel('Depth').selectOption({ label: 'Theirs too' });
  await expect(page.getByRole('table')).toContainText('3 entities, 2 links');
  // From the table, focus moves to another entity.
  await page.getByRole('button', { name: 'Focus on North Korea' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Graph around North Korea' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Focus on' })).toHaveValue('North Korea');
  await page.getByRole('button', { name: 'Clear focus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Graph' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('3 entities, 2 links');

  // The page passes axe-core with the graph drawn, in both themes.
  const drawing = page.getByRole('region', { name: /Graph drawing/ });
  await expect(drawing).toHaveAttribute('aria-busy', 'false');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0].target}`), colorScheme).toEqual([]);
  }

  // With the keyboard: arrows mark entities in the table's order, Enter opens the one marked.
  await drawing.focus();
  await page.keyboard.press('ArrowDown');
  await expect(caption(page)).toHaveText('Kim Jong Un, person: 1 link, 1 annotation. Enter opens its page.');
  await page.keyboard.press('ArrowDown');
  await expect(caption(page)).toHaveText('Mike Pompeo, person: 2 links, 3 annotations. Enter opens its page.');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Mike Pompeo' })).toBeVisible();

  // With the mouse: the entity marked is drawn in the middle of the drawing, and a click there opens it.
  await page.goBack();
  await expect(drawing).toHaveAttribute('aria-busy', 'false');
  await drawing.focus();
  await page.keyboard.press('ArrowUp');
  await expect(caption(page)).toHaveText(/^North Korea, place/);
  await drawing.click();
  await expect(page.getByRole('heading', { level: 1, name: 'North Korea' })).toBeVisible();

  // From the table, and from the palette.
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog').getByRole('combobox').fill('Open the graph');
  await page.keyboard.press('Enter');
  await page.getByRole('table').getByRole('link', { name: 'Kim Jong Un' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kim Jong Un' })).toBeVisible();

  expect(problems).toEqual([]);
});
