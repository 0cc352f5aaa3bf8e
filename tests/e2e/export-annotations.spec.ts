// Saving every annotation for other tools from the command palette: JSON-LD and CSV files as downloads.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, seedFile, test } from './fixtures';
import { annotate, importThroughPicker } from './reader-helpers';

const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

test('the palette saves all annotations as W3C Web Annotation JSON-LD or CSV', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  await annotate(page, QUOTE, 'Their words, "gangster-like".');

  for (const [format, title] of [
    ['jsonld', 'Export all annotations as W3C Web Annotation JSON-LD…'],
    ['csv', 'Export all annotations as CSV…'],
  ] as const) {
    await page.keyboard.press('Control+k');
    await page.keyboard.type(title.slice(0, 30));
    const download = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('option', { name: title }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`dossier-annotations.${format}`);
    const text = await readFile((await file.path())!, 'utf8');
    if (format === 'jsonld') {
      const collection = JSON.parse(text);
      expect(collection.first.items[0].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });
    } else {
      const [row] = parse(text, { columns: true }) as Record<string, string>[];
      expect(row.quote).toBe(QUOTE);
      expect(row.note).toBe('Their words, "gangster-like".');
    }
    await expect(page.getByRole('status')).toContainText('Exported 1 annotation');
  }
});
