// Backup and restore: a round trip brings back every file of a real library byte for byte; damaged,
// tampered and hostile archives are refused before anything is written.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore } from '../../src/main/core';
import { MANIFEST_NAME, restoreArchive } from '../../src/main/core/backup';
import { DossierError } from '../../src/shared/errors';

const seed = readFileSync(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));
const page = readFileSync(new URL('../../../shared/corpus/readability/bbc-1/source.html', import.meta.url));
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

let root: string;
let library: string;
let archivePath: string;

/** Every file under `dir` with its bytes, by relative path: what "nothing lost" is checked against. */
async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path === '.dossier.lock' || path.startsWith('cache/')) continue;
    out[path] = (await readFile(join(entry.parentPath, entry.name))).toString('base64');
  }
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<DossierError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DossierError);
  return error as DossierError;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-backup-'));
  library = join(root, 'library');
  archivePath = join(root, 'backup.zip');
  const core = await openCore({ libraryDir: library });
  const outcomes = await core.handlers['articles.import']({
    files: [
      { name: 'diplomat.txt', data: seed.toString('base64') },
      { name: 'bbc.html', data: page.toString('base64') },
    ],
  });
  const seedArticle = outcomes[0].ok ? outcomes[0].article : null;
  const { text } = await core.handlers['articles.get']({ id: seedArticle!.id });
  const pompeo = await core.handlers['entities.create']({ type: 'person', name: 'Mike Pompeo' });
  const start = text.indexOf(QUOTE);
  await core.handlers['annotations.create']({ articleId: seedArticle!.id, start, end: start + QUOTE.length, exact: QUOTE, note: 'Their words.', tags: ['rhetoric'], color: 'green', entityIds: [pompeo.id] });
  await core.library.backup(archivePath);
  // A backup never replaces a file, nor goes inside the library.
  expect((await refusal(core.library.backup(archivePath))).code).toBe('file_exists');
  expect((await refusal(core.library.backup(join(library, 'inside.zip')))).message).toMatch(/inside the library/);
  await core.close();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backup and restore', () => {
  test('a round trip brings back every file byte for byte, and the library opens with its annotations', async () => {
    const restored = join(root, 'restored');
    const { files } = await restoreArchive(new Uint8Array(await readFile(archivePath)), restored);
    const original = await contents(library);
    expect(Object.keys(original).length).toBe(files);
    expect(await contents(restored)).toEqual(original);
    const core = await openCore({ libraryDir: restored });
    try {
      const articles = core.library.listArticles();
      expect(articles).toHaveLength(2);
      const annotated = articles.find((a) => a.annotationCount === 1)!;
      const [annotation] = await core.library.listAnnotations(annotated.id);
      expect(annotation.target.quote.exact).toBe(QUOTE);
      expect(core.library.listEntities().map((e) => e.name)).toEqual(['Mike Pompeo']);
    } finally {
      await core.close();
    }
  });

  test('a folder that is not empty is refused and left as it was', async () => {
    const busy = join(root, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'notes.txt'), 'mine');
    expect((await refusal(restoreArchive(new Uint8Array(await readFile(archivePath)), busy))).message).toMatch(/not empty/);
    expect(await readdir(busy)).toEqual(['notes.txt']);
  });

  test('damaged, tampered and hostile archives are refused, and nothing is written', async () => {
    const entries = unzipSync(new Uint8Array(await readFile(archivePath)));
    const manifest = JSON.parse(new TextDecoder().decode(entries[MANIFEST_NAME]));
    const cases: [string, Uint8Array, RegExp][] = [
      ['not a zip', strToU8('hello'), /not a Dossier backup/],
      ['no manifest', zipSync({ 'library.json': entries['library.json'] }), /no dossier-backup\.json/],
      ['a changed file', zipSync({ ...entries, 'library.json': strToU8('{"schemaVersion":1,"articles":[]}') }), /does not match its checksum/],
      ['a missing file', zipSync(Object.fromEntries(Object.entries(entries).filter(([name]) => name !== 'entities.json'))), /incomplete/],
      [
        'an entry that climbs out (zip slip)',
        zipSync({ ...entries, '../escaped.txt': strToU8('x'), [MANIFEST_NAME]: strToU8(JSON.stringify({ ...manifest, files: { ...manifest.files, '../escaped.txt': 'a'.repeat(64) } })) }),
        /should not/,
      ],
      ['a Windows path', zipSync({ ...entries, 'articles\\..\\..\\x.txt': strToU8('x') }), /should not/],
    ];
    for (const [name, bytes, message] of cases) {
      const target = join(root, `restore-${name.replace(/\W+/g, '-')}`);
      expect((await refusal(restoreArchive(bytes, target))).message, name).toMatch(message);
      await expect(readdir(target), name).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect((await readdir(root)).filter((n) => n.includes('restoring'))).toEqual([]);
    await expect(readFile(join(root, 'escaped.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
