// Every view passes axe-core with no serious or critical violations (WCAG 2.1 A and AA rules), in the light
// and the dark theme, on the seed article with a real annotation, entity and brief.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker, selectInReader } from './reader-helpers';

const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every view passes axe-core in the ${colorScheme} theme: library, reader, annotation panel, entity page, graph, search, brief, palette, timeline, settings`, async ({ page, host }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    const seen: Record<string, string[]> = {};
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    seen['empty library'] = await violations(page);

    await importThroughPicker(page, seedFile);
    await expect(page.locator('.article-body')).toContainText(QUOTE);
    seen.reader = await violations(page);

    await selectInReader(page, QUOTE);
    await page.keyboard.press('a');
    const editor = page.getByRole('form', { name: 'Annotation' });
    await editor.getByRole('textbox', { name: 'Note' }).fill('Their words, after the visit.');
    await editor.getByRole('combobox', { name: 'Link an entity' }).fill('Mike Pompeo');
    await expect(page.getByRole('option').first()).toBeVisible();
    seen['annotation panel with type-ahead'] = await violations(page);
    await page.getByRole('option', { name: /Create person/ }).click();
    await editor.getByRole('button', { name: 'Done' }).click();
    await expect(editor).toHaveCount(0);
    seen['reader with a highlight'] = await violations(page);

    await page.getByRole('list', { name: 'Annotations' }).getByRole('link', { name: 'Mike Pompeo' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mike Pompeo' })).toBeVisible();
    seen['entity page'] = await violations(page);

    await page.getByRole('link', { name: 'Graph', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Graph' })).toBeVisible();
    // One entity linked, so nothing joined yet: the page says how to make the graph.
    await expect(page.getByText(/Nothing to show/)).toBeVisible();
    seen.graph = await violations(page);

    await page.getByRole('searchbox', { name: 'Search the library' }).fill('gangster');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /Search/ })).toBeVisible();
    seen.search = await violations(page);

    await page.getByRole('link', { name: 'Brief' }).click();
    await expect(page.getByRole('region', { name: 'Markdown preview' })).toBeVisible();
    seen.brief = await violations(page);

    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog')).toBeVisible();
    seen['command palette'] = await violations(page);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
    seen.timeline = await violations(page);

    await page.keyboard.press('Control+,');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    seen.settings = await violations(page);

    for (const [view, found] of Object.entries(seen)) expect.soft(found, view).toEqual([]);
  });
}
