// The next start opens where the last one left off: the same article, at the same reading position.
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

const TITLE = 'US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang';

test('a new start opens the last article at the place it was read to', async ({ page, host }) => {
  await page.setViewportSize({ width: 1100, height: 500 });
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const reader = page.getByRole('main', { name: 'Reader' });
  await reader.evaluate((el) => el.scrollTo({ top: 600 }));
  await expect.poll(() => page.evaluate(() => localStorage.getItem('dossier.lastScroll'))).toContain('"top":600');

  // Start again, at the bare address (as the app starts): the article, scrolled where it was.
  const again = await page.context().newPage();
  await again.setViewportSize({ width: 1100, height: 500 });
  await again.goto(host.url);
  await expect(again.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect.poll(() => again.getByRole('main', { name: 'Reader' }).evaluate((el) => el.scrollTop)).toBe(600);

  // A view chosen on purpose wins over the remembered one.
  await again.goto(`${host.url}#/brief`);
  await expect(again.getByRole('heading', { level: 1, name: 'Brief' })).toBeVisible();
});
