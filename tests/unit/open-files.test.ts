// Files the system asks Dossier to open: which words of a command line are files to import, and their
// import through the core, one outcome each, a file that cannot be read said so.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { filesFromArgv, openFiles } from '../../src/main/core/open-files';

const SEED = `${__dirname}/../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt`;

describe('files from a command line', () => {
  it('leaves out Dossier’s own words and options, keeps importable files as absolute paths', () => {
    const argv = ['/opt/Dossier/dossier', '--no-sandbox', 'clip.txt', 'notes/Report.MD', '/abs/page.html', 'photo.jpg', 'README', '--flag=x.html'];
    expect(filesFromArgv(argv, '/home/ana', 1)).toEqual([resolve('/home/ana/clip.txt'), resolve('/home/ana/notes/Report.MD'), resolve('/abs/page.html')]);
    // Unpackaged, the app's folder comes second and is not a file to open.
    expect(filesFromArgv(['electron', '.', 'a.pdf'], '/w', 2)).toEqual([resolve('/w/a.pdf')]);
    expect(filesFromArgv(['/opt/Dossier/dossier'], '/w', 1)).toEqual([]);
  });
});

describe('opening files', () => {
  let dir: string;
  let core: Core;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-open-'));
    core = await openCore({ libraryDir: join(dir, 'library'), dailyBackupDelayMs: null });
  });
  afterEach(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports each file, says which one is gone or empty, and recognises one already there', async () => {
    const seed = join(dir, 'diplomat.txt');
    await writeFile(seed, readFileSync(SEED));
    await writeFile(join(dir, 'empty.md'), '');
    const outcomes = await openFiles(core.handlers, [seed, join(dir, 'gone.html'), join(dir, 'empty.md'), seed]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
    expect(outcomes[0]).toMatchObject({ ok: true, duplicate: false, article: { title: 'US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang' } });
    expect(outcomes[1]).toMatchObject({ ok: false, fileName: 'gone.html', error: { code: 'not_found', message: `Cannot import "gone.html": there is no file at ${join(dir, 'gone.html')}.` } });
    expect(outcomes[2]).toMatchObject({ ok: false, fileName: 'empty.md' });
    expect(outcomes[3]).toMatchObject({ ok: true, duplicate: true });
    expect(core.library.listArticles()).toHaveLength(1);
  });
});
