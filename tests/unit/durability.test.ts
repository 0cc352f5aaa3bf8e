// Durability on a real directory: processes killed mid-write, and injected file-system faults.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileSystem, writeFileDurable } from '../../src/main/core/durable-file';
import { Library } from '../../src/main/core/library';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const seedPath = fileURLToPath(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));
/** npm test runs a few; `npm run test:durability` runs the full 200. */
const KILLS = Number(process.env.DOSSIER_KILLS ?? 8);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-durability-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged some saves, kills it at a random moment, returns the acks
 * (annotation ids, and `title N` for an edit of the article). */
function runAndKill(delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectDir, 'tests/durability/writer.ts'), dir, seedPath], {
      cwd: projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: string[] = [];
    let buffer = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line.startsWith('ack ')) acks.push(line.slice(4));
        else if (line.startsWith('title ')) acks.push(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`writer ended by itself (${code}): ${errors}`))));
  });
}

describe('killed while writing', () => {
  it(`opens, validates and keeps every acknowledged save after ${KILLS} kills at random moments`, async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      acknowledged.push(...(await runAndKill(20 + Math.floor(Math.random() * 300))));
      const library = await Library.open(dir);
      const [article] = library.listArticles();
      const saved = new Set((await library.listAnnotations(article.id)).map((a) => a.id));
      for (const id of acknowledged.filter((ack) => !ack.startsWith('title '))) {
        expect(saved.has(id), `acknowledged save ${id} after kill ${i + 1}`).toBe(true);
      }
      // The title is the last edit acknowledged, or one made after it whose acknowledgement the kill cut off.
      const lastTitle = acknowledged.findLast((ack) => ack.startsWith('title '));
      if (lastTitle) expect(Number(/^Edit (\d+)$/.exec(article.title)?.[1])).toBeGreaterThanOrEqual(Number(lastTitle.slice(6)));
      await library.close();
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  }, 30_000 + KILLS * 3_000);
});

describe('injected faults', () => {
  it('retries a rename that Windows refuses for a moment (EPERM, EBUSY)', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, 'old');
    const rename = fileSystem.rename;
    let failures = 2;
    vi.spyOn(fileSystem, 'rename').mockImplementation(async (from, to) => {
      if (failures-- > 0) throw Object.assign(new Error('locked'), { code: failures ? 'EPERM' : 'EBUSY' });
      return rename(from, to);
    });
    await writeFileDurable(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  for (const [name, code, where] of [
    ['a full disk', 'ENOSPC', 'open'],
    ['a rename that keeps failing', 'EPERM', 'rename'],
    ['an fsync error', 'EIO', 'sync'],
  ] as const) {
    it(`keeps the old file whole and reports ${name}, leaving no temp file`, async () => {
      const path = join(dir, 'a.json');
      await writeFile(path, 'old');
      const open = fileSystem.open;
      const fail = () => Object.assign(new Error(name), { code });
      if (where === 'rename') vi.spyOn(fileSystem, 'rename').mockRejectedValue(fail());
      if (where === 'open') {
        vi.spyOn(fileSystem, 'open').mockImplementation(async (file, flags) => {
          if (flags === 'w') throw fail();
          return open(file, flags);
        });
      }
      if (where === 'sync') {
        vi.spyOn(fileSystem, 'open').mockImplementation(async (file, flags) => {
          const handle = await open(file, flags);
          if (flags === 'w') handle.sync = () => Promise.reject(fail());
          return handle;
        });
      }
      await expect(writeFileDurable(path, 'new')).rejects.toMatchObject({ code: 'storage', message: expect.stringContaining('previous version is intact') });
      expect(await readFile(path, 'utf8')).toBe('old');
      expect(await readdir(dir)).toEqual(['a.json']);
    });
  }

  it('tells the user an annotation could not be saved, and keeps the library as it was', async () => {
    const library = await Library.open(dir);
    const [{ article }] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes: await readFile(seedPath) }]));
    const text = await library.loadText(article.id);
    vi.spyOn(fileSystem, 'rename').mockRejectedValue(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    await expect(library.createAnnotation(article.id, 0, 20, text.slice(0, 20), {})).rejects.toMatchObject({ code: 'storage' });
    vi.restoreAllMocks();
    expect(await library.listAnnotations(article.id)).toEqual([]);
    expect(library.listArticles()[0].annotationCount).toBe(0);
    await library.close();
  });
});

describe('damaged files on load', () => {
  async function libraryWithHistory(): Promise<{ articleId: string; title: string }> {
    const library = await Library.open(dir);
    const [{ article }] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes: await readFile(seedPath) }]));
    await library.updateArticle(article.id, { siteName: 'The Diplomat' });
    await library.close();
    return { articleId: article.id, title: article.title };
  }

  const damages: [string, (good: string) => string | Buffer][] = [
    ['empty', () => ''],
    ['truncated', (good) => good.slice(0, Math.floor(good.length / 2))],
    ['all NUL bytes', (good) => Buffer.alloc(good.length)],
    ['valid JSON failing the schema', () => JSON.stringify({ schemaVersion: 1, articles: [{ id: 'x' }] })],
    ['a __proto__ key', () => '{"schemaVersion": 1, "articles": [], "__proto__": {"polluted": true}}'.replace('"articles": []', '"articles": 5')],
  ];
  for (const [name, damage] of damages) {
    it(`sets a ${name} library.json aside, restores its backup and says so`, async () => {
      const { articleId, title } = await libraryWithHistory();
      const good = await readFile(join(dir, 'library.json'), 'utf8');
      const damaged = damage(good);
      await writeFile(join(dir, 'library.json'), damaged);
      const library = await Library.open(dir);
      expect(library.warnings).toEqual([expect.stringMatching(/library\.json could not be read .* set aside as library\.json\.damaged-.* previous version was restored/)]);
      // The backup is the version before the last save: the article is there, its last edit is not.
      expect(library.listArticles()).toMatchObject([{ id: articleId, title, siteName: null }]);
      await library.close();
      const files = await readdir(dir);
      const setAside = files.find((f) => f.startsWith('library.json.damaged-'))!;
      expect(await readFile(join(dir, setAside))).toEqual(Buffer.from(damaged));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('accepts a byte-order mark in front of the JSON', async () => {
    const { articleId } = await libraryWithHistory();
    await writeFile(join(dir, 'library.json'), `\uFEFF${await readFile(join(dir, 'library.json'), 'utf8')}`);
    const library = await Library.open(dir);
    expect(library.warnings).toEqual([]);
    expect(library.listArticles()[0]).toMatchObject({ id: articleId, siteName: 'The Diplomat' });
    await library.close();
  });

  it('restores a file lost between the two renames of a save', async () => {
    const { articleId } = await libraryWithHistory();
    await rm(join(dir, 'library.json'));
    const library = await Library.open(dir);
    expect(library.warnings).toEqual([expect.stringContaining('restored from its backup')]);
    expect(library.listArticles()[0].id).toBe(articleId);
    await library.close();
  });

  it('refuses, untouched, a file from a newer Dossier', async () => {
    await libraryWithHistory();
    const future = JSON.stringify({ schemaVersion: 99, articles: [], somethingNew: true });
    await writeFile(join(dir, 'library.json'), future);
    await expect(Library.open(dir)).rejects.toMatchObject({ code: 'library_too_new', message: expect.stringContaining('newer version of Dossier') });
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(future);
    expect((await readdir(dir)).filter((f) => f.includes('damaged'))).toEqual([]);
  });

  it('refuses, untouched, a damaged file with no good backup: defaults are never written over it', async () => {
    await libraryWithHistory();
    await writeFile(join(dir, 'library.json'), '{"schemaVersion": 1, "articles": [');
    await writeFile(join(dir, 'library.json.bak'), 'also damaged');
    await expect(Library.open(dir)).rejects.toMatchObject({ code: 'library_corrupt' });
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe('{"schemaVersion": 1, "articles": [');
  });

  it('recovers a damaged annotation file from its backup', async () => {
    const { articleId } = await libraryWithHistory();
    let library = await Library.open(dir);
    const text = await library.loadText(articleId);
    const first = await library.createAnnotation(articleId, 0, 10, text.slice(0, 10), {});
    await library.createAnnotation(articleId, 20, 30, text.slice(20, 30), {});
    await library.close();
    await writeFile(join(dir, 'articles', articleId, 'annotations.json'), '{"schemaVersion":1,"annot');
    library = await Library.open(dir);
    expect((await library.listAnnotations(articleId)).map((a) => a.id)).toEqual([first.id]);
    expect(library.warnings).toEqual([expect.stringContaining('annotations.json could not be read')]);
    expect(library.listArticles()[0].annotationCount).toBe(1);
    await library.close();
  });
});
