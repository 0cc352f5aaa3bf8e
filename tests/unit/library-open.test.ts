// Opening another library folder in a running core: the other library (or a new one in an empty folder)
// replaces this one, search and all; a folder that cannot be opened leaves this one open as it was.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appLibraryDir, lastLibraryFile, openCore, userDataDir, type Core } from '../../src/main/core';
import { dispatch } from '../../src/main/core/dispatch';
import { librariesToTry, loadLastLibrary, saveLastLibrary } from '../../src/main/core/last-library';
import { unwrap, type Input, type MethodName, type Output } from '../../src/shared/api';

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);

let root: string;
let core: Core;
const opened: string[] = [];

async function call<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> {
  return unwrap((await dispatch(core.handlers, name, input)) as never) as Output<M>;
}
async function importSeed(): Promise<void> {
  const data = (await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'))).toString('base64');
  await call('articles.import', { files: [{ name: 'diplomat.txt', data }] });
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-open-'));
  core = await openCore({ libraryDir: join(root, 'a'), dailyBackupDelayMs: null, libraryOpened: (dir) => opened.push(dir) });
  await importSeed();
  opened.length = 0;
});

afterEach(async () => {
  await core.close();
  await rm(root, { recursive: true, force: true });
});

describe('opening another library folder', () => {
  it('starts a new library in an empty folder, and goes back to the first with its articles and index', async () => {
    await mkdir(join(root, 'b'));
    const b = await call('library.open', { path: join(root, 'b') });
    expect(b).toMatchObject({ path: join(root, 'b'), articleCount: 0 });
    expect(await call('articles.list', {})).toEqual([]);
    expect(await call('search.query', { query: 'gangster' })).toEqual([]);
    expect(opened).toEqual([join(root, 'b')]);

    const a = await call('library.open', { path: `${join(root, 'a')}/` });
    expect(a).toMatchObject({ path: join(root, 'a'), articleCount: 1 });
    expect((await call('search.query', { query: 'gangster' })).map((h) => h.kind)).toEqual(['article']);
    // The library left is unlocked: another program (here a second core) may open it.
    const other = await openCore({ libraryDir: join(root, 'b'), dailyBackupDelayMs: null });
    await other.close();
  });

  it('refuses what is not a library folder, and keeps the library open as it was', async () => {
    await mkdir(join(root, 'photos'));
    await writeFile(join(root, 'photos', 'cat.jpg'), 'not a library');
    await writeFile(join(root, 'file.txt'), 'a file');
    const locked = await openCore({ libraryDir: join(root, 'busy'), dailyBackupDelayMs: null });
    try {
      const refusals: [string, string, RegExp][] = [
        ['relative/path', 'invalid_input', /full path/],
        [join(root, 'missing'), 'not_found', /There is no folder/],
        [join(root, 'file.txt'), 'invalid_input', /is a file, not a folder/],
        [join(root, 'photos'), 'invalid_input', /holds other files and no Dossier library/],
        [join(root, 'busy'), 'library_locked', /./],
      ];
      for (const [path, code, message] of refusals) {
        const result = await dispatch(core.handlers, 'library.open', { path });
        expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
      }
    } finally {
      await locked.close();
    }
    expect(await call('library.info', {})).toMatchObject({ path: join(root, 'a'), articleCount: 1 });
    expect(await readFile(join(root, 'photos', 'cat.jpg'), 'utf8')).toBe('not a library');
    expect(opened).toEqual([]);
  });
});

describe('the library the app opens at launch', () => {
  it('is DOSSIER_LIBRARY, else the one opened last, else the default', async () => {
    expect(librariesToTry('/env/lib', '/last/lib', '/default')).toEqual(['/env/lib']);
    expect(librariesToTry(undefined, '/last/lib', '/default')).toEqual(['/last/lib', '/default']);
    expect(librariesToTry(undefined, null, '/default')).toEqual(['/default']);
  });

  it('is remembered in a file that, unreadable or wrong, counts as none', async () => {
    const file = join(root, 'last-library.json');
    expect(await loadLastLibrary(file)).toBeNull();
    await saveLastLibrary(file, join(root, 'b'));
    expect(await loadLastLibrary(file)).toBe(join(root, 'b'));
    await writeFile(file, JSON.stringify({ path: 'relative' }));
    expect(await loadLastLibrary(file)).toBeNull();
    await writeFile(file, '{');
    expect(await loadLastLibrary(file)).toBeNull();
  });

  it.runIf(process.platform === 'linux')('is the command line’s library too, found in the same user data folder', async () => {
    const saved = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, DOSSIER_LIBRARY: process.env.DOSSIER_LIBRARY };
    try {
      process.env.XDG_CONFIG_HOME = join(root, 'config');
      delete process.env.DOSSIER_LIBRARY;
      expect(userDataDir()).toBe(join(root, 'config', 'Dossier'));
      expect(await appLibraryDir()).toBe(join(root, 'config', 'Dossier', 'library'));
      await mkdir(userDataDir(), { recursive: true });
      await saveLastLibrary(lastLibraryFile(userDataDir()), join(root, 'b'));
      expect(await appLibraryDir()).toBe(join(root, 'b'));
      process.env.DOSSIER_LIBRARY = join(root, 'env');
      expect(await appLibraryDir()).toBe(join(root, 'env'));
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
