// `dossier open FILE` in a terminal while Dossier runs: the running app imports the file and shows it, as when
// the system opens a file with Dossier. Here the running app is the loopback host, with its page open.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect, projectDir, seedFile, sharedDir, test } from './fixtures';

const SEED_TITLE = /US-North Korea Diplomacy Picks Up/;
const BBC = join(sharedDir, 'corpus', 'readability', 'bbc-1', 'source.html');
const LEMONDE = join(sharedDir, 'corpus', 'readability', 'lemonde-1', 'source.html');

/** Runs `dossier open` on the host's library as a user would, and what it said. */
function open(libraryDir: string, ...files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectDir, 'bin/dossier.js'), 'open', ...files, '--library', libraryDir], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

test('`dossier open FILE` imports into the running app, which shows the article', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();

  const one = await open(host.libraryDir, seedFile);
  expect(one.code, one.stderr).toBe(0);
  expect(one.stdout).toMatch(/^imported {2}\S+ {2}US-North Korea Diplomacy/);
  expect(one.stderr).toContain('opened in the running Dossier');
  // The page was told: the import is reported, and the one article opens.
  await expect(page.getByRole('heading', { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article.' })).toBeVisible();

  // Two real pages and a file that is not there: the two are imported and listed, the third is named.
  const gone = join(host.libraryDir, '..', 'gone.html');
  const three = await open(host.libraryDir, BBC, LEMONDE, gone);
  expect(three.code).toBe(1);
  expect(three.stdout.split('\n').filter(Boolean)).toHaveLength(2);
  expect(three.stderr).toContain(`not imported: Cannot import "gone.html": there is no file at ${gone}.`);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('link', { name: /Obama admits US gun laws/ })).toBeVisible();
  await expect(library.getByRole('link', { name: /Le projet de loi sur le renseignement/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: `there is no file at ${gone}` })).toBeVisible();
  // More than one: the reader stays on the article it had open.
  await expect(page.getByRole('heading', { level: 1, name: SEED_TITLE })).toBeVisible();

  // After the app has ended, the command imports into the library itself, and says so.
  await host.stop();
  const alone = await open(host.libraryDir, seedFile);
  expect(alone.code, alone.stderr).toBe(0);
  expect(alone.stdout).toMatch(/^already in the library {2}\S+ {2}US-North Korea Diplomacy/);
  expect(alone.stderr).toContain(`Dossier is not running: imported into ${host.libraryDir}`);
});
