// Importing by drag and drop, and what the user sees when a file cannot be imported.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

const TITLE = 'US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang';

/** Drops files on the window as the operating system would: a drop event carrying File objects. */
async function dropFiles(page: Page, files: { name: string; content: string }[]) {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name));
    return dt;
  }, files);
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
}

test('dropping files imports them; the same file again is recognised', async ({ page, host }) => {
  await page.goto(host.url);
  const seed = await readFile(seedFile, 'utf8');
  await dropFiles(page, [{ name: 'diplomat-pompeo-kim-pyongyang.txt', content: seed }]);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page).toHaveURL(/#\/articles\//);

  await dropFiles(page, [{ name: 'copy.txt', content: seed }]);
  await expect(page.getByRole('status')).toContainText('already in the library');
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('link')).toHaveCount(1);

  // A reload keeps the deep link and the library on disk.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
});

test('unsupported and empty files are refused with a clear message, and nothing is added', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, [
    { name: 'report.odt', mimeType: 'application/vnd.oasis.opendocument.text', buffer: Buffer.from('PK fake') },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 fake') },
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'blank.md', mimeType: 'text/markdown', buffer: Buffer.from('  \n\n \n') },
  ]);
  const alerts = page.getByRole('alert');
  await expect(alerts.filter({ hasText: 'report.odt' })).toContainText(/not supported/i);
  await expect(alerts.filter({ hasText: 'report.pdf' })).toContainText(/not a readable PDF/i);
  await expect(alerts.filter({ hasText: 'empty.txt' })).toContainText(/empty/i);
  await expect(alerts.filter({ hasText: 'blank.md' })).toContainText(/empty/i);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('link')).toHaveCount(0);
});

test('a deep link to an article that does not exist says so', async ({ page, host }) => {
  await page.goto(`${host.url}#/articles/nosuchid1`);
  await expect(page.getByRole('alert')).toContainText('No article with id nosuchid1');
});

test('the welcome page offers the sample article shipped with the app, and imports it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import a sample article' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.locator('.article-body')).toContainText('gangster-like');
  // Once the library has an article, the welcome page no longer offers it.
  await page.goto(`${host.url}#/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dossier' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import a sample article' })).toHaveCount(0);
});

test('characters that could not be read are reported when the article is imported', async ({ page, host }) => {
  await page.goto(host.url);
  const broken = Buffer.concat([Buffer.from('Harbour talks\n\nThe envoys met at the café '), Buffer.from([0xc3, 0x28]), Buffer.from(' and talked of naïve hopes.')]);
  await importThroughPicker(page, { name: 'broken-bytes.txt', mimeType: 'text/plain', buffer: broken });
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour talks' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'broken-bytes.txt' })).toContainText('could not be read');
});

test('a whole folder is imported from the palette: every article file under it, hidden folders left out', async ({ page, host }) => {
  const folder = join(host.exportDir, '..', 'clips');
  await mkdir(join(folder, 'asia'), { recursive: true });
  await mkdir(join(folder, '.git'), { recursive: true });
  await copyFile(seedFile, join(folder, 'asia', 'pompeo.txt'));
  await writeFile(join(folder, 'note.md'), '# A note on the talks\n\nWritten after the visit.\n');
  await writeFile(join(folder, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(folder, '.git', 'HEAD.txt'), 'Not an article.\n\nA hidden folder.');

  await page.goto(host.url);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Import a folder');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(folder);
  await expect(page.getByRole('status')).toContainText('Imported 2 articles.');
  const titles = page.getByRole('navigation', { name: 'Library' }).getByRole('link');
  await expect(titles).toHaveCount(2);
  await expect(titles.filter({ hasText: 'A note on the talks' })).toHaveCount(1);
  await expect(titles.filter({ hasText: TITLE })).toHaveCount(1);
});

test('a folder dragged from the file manager imports every article file under it', async ({ page, host }) => {
  const folder = join(host.libraryDir, '..', 'dropped');
  await mkdir(join(folder, 'korea', '.hidden'), { recursive: true });
  await copyFile(seedFile, join(folder, 'korea', 'seed.txt'));
  await writeFile(join(folder, 'talks.md'), '---\ntitle: Talks in Pyongyang\n---\n\nPompeo met Kim.\n');
  await writeFile(join(folder, 'photo.png'), 'not an article');
  await writeFile(join(folder, 'korea', '.hidden', 'secret.txt'), 'left out');
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  // The browser's own drag and drop, as from the operating system: a real folder on disk, not File objects.
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [folder], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 400, y: 300, data });
  await expect(page.getByRole('status')).toContainText('Imported 2 articles.');
  const list = page.getByRole('navigation', { name: 'Library' }).getByRole('link');
  await expect(list).toHaveCount(2);
  await expect(list.filter({ hasText: 'Talks in Pyongyang' })).toHaveCount(1);
  await expect(list.filter({ hasText: TITLE })).toHaveCount(1);
});
