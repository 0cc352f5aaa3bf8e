// A file that vanishes mid-import (deleted, moved, its drive unplugged) between the moment the command line
// listed it and the moment it reads it: a clear message naming it, and the library unchanged, or with
// --keep-going the other files imported and that one reported. The file really disappears from disk; the
// only stand-in is the moment: reading it deletes it first.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/hosts/cli';
import { openCore } from '../../src/main/core';

const vanishing = new Set<string>();

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readFileVanishing = (async (path: Parameters<typeof real.readFile>[0], ...rest: unknown[]) => {
    if (typeof path === 'string' && vanishing.delete(path)) await real.rm(path);
    return (real.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof real.readFile;
  return { ...real, default: { ...real, readFile: readFileVanishing }, readFile: readFileVanishing };
});

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);

let root: string;
let folder: string;
let library: string;
let stderr: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-vanish-'));
  folder = join(root, 'clips');
  library = join(root, 'library');
  await mkdir(folder);
  await writeFile(join(folder, 'a-diplomat.txt'), await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt')));
  await writeFile(join(folder, 'b-bbc.html'), await readFile(shared('corpus/readability/bbc-1/source.html')));
  await writeFile(join(folder, 'c-heise.html'), await readFile(shared('corpus/readability/heise/source.html')));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(async () => {
  vi.restoreAllMocks();
  vanishing.clear();
  await rm(root, { recursive: true, force: true });
});

async function titles(): Promise<string[]> {
  const core = await openCore({ libraryDir: library, dailyBackupDelayMs: null });
  try {
    return core.library.listArticles().map((a) => a.title).sort();
  } finally {
    await core.close();
  }
}

describe('a file that vanishes mid-import', () => {
  it('is named in one clear line, and the library is left as it was', async () => {
    vanishing.add(join(folder, 'b-bbc.html'));
    const code = await main(['import', folder, '--library', library], { rendererDir: root });
    expect(code).not.toBe(0);
    expect(stderr.split('\n')[0]).toBe(`dossier: ${join(folder, 'b-bbc.html')}: no such file`);
    // It was listed, then gone when read.
    expect(vanishing.size).toBe(0);
    expect(await titles()).toEqual([]);
  });

  it('with --keep-going, the others are imported and it is reported', async () => {
    vanishing.add(join(folder, 'b-bbc.html'));
    const code = await main(['import', folder, '--keep-going', '--library', library], { rendererDir: root });
    expect(code).not.toBe(0);
    expect(stderr).toContain(`not imported: ${join(folder, 'b-bbc.html')}: no such file`);
    expect(stderr).toContain('1 of 3 could not be imported (listed above); the rest were.');
    const imported = await titles();
    expect(imported).toHaveLength(2);
    expect(imported.some((t) => t.includes('Pompeo'))).toBe(true);
  });
});
