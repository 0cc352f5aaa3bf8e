// A library left by a crash: the articles saved in library.journal since library.json was last written are
// there when it opens again, and a journal with a damaged line says so, keeping what it could read.
import { execFile } from 'node:child_process';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, projectDir, seedFile, test } from './fixtures';

const run = promisify(execFile);

test('article edits saved in the journal before a crash are there, and a damaged line is reported', async ({ page, serveLibrary }) => {
  const host = await serveLibrary(async (library) => {
    const dossier = (...args: string[]) => run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library, '--json']);
    await dossier('import', seedFile);
    // What the app had written when it crashed: library.json as of the last close, then two edits of the
    // article in the journal, and between them a line damaged on disk.
    const { articles } = JSON.parse(await readFile(join(library, 'library.json'), 'latin1'));
    const line = (title: string) => `${JSON.stringify({ v: 2, put: { ...articles[0], title } })}\n`;
    const journal = join(library, 'library.journal');
    await appendFile(journal, line('Pompeo in Pyongyang (edited)'));
    await appendFile(journal, '{"v":2,"put":{"id":\n');
    await appendFile(journal, line('Pompeo meets Kim (edited again)'));
  });
  await page.goto(host.url);
  const list = page.getByRole('navigation', { name: 'Library' });
  await expect(list.getByRole('link')).toHaveCount(1);
  await expect(list.getByRole('link').first()).toContainText('Pompeo meets Kim (edited again)');
  await expect(page.getByRole('alert').filter({ hasText: 'library.journal' })).toContainText(
    'One saved change to the library’s articles could not be read from library.journal and was skipped; the rest were kept.',
  );
  await page.screenshot({ path: test.info().outputPath('journal-recovered.png') });
  // Kept aside for inspection, its readable lines in library.json.
  expect((await readdir(host.libraryDir)).filter((name) => name.startsWith('library.journal'))).toEqual([expect.stringMatching(/^library\.journal\.damaged-/)]);
  expect(JSON.parse(await readFile(join(host.libraryDir, 'library.json'), 'latin1')).articles[0].title).toBe('Pompeo meets Kim (edited again)');
});
