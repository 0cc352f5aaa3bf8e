// library.json and its journal: article saves appended, read back after a crash, folded in at close or when
// long, and a journal cut short or damaged handled without losing what was acknowledged.
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileSystem } from '../../src/main/core/durable-file';
import { newId } from '../../src/main/core/ids';
import { Library } from '../../src/main/core/library';
import { JOURNAL_LIMIT, LibraryStore } from '../../src/main/core/library-journal';
import { WriteQueue } from '../../src/main/core/write-queue';
import { SCHEMA_VERSION, type Article } from '../../src/shared/model';

const fixture = fileURLToPath(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));

const article = (title: string, id = newId()): Article => ({
  id, title, byline: null, siteName: null, url: null, publishedAt: null, clippedAt: '2026-12-06T00:00:00Z', lang: 'en', dir: 'ltr',
  excerpt: '', wordCount: 10, tags: [], previousVersionId: null,
  source: { fileName: `${title}.txt`, mediaType: 'text/plain', encoding: 'utf-8', sha256: '0'.repeat(64), size: 1 },
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-journal-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
  await rm(`${dir}-crashed`, { recursive: true, force: true });
});

const openStore = (warnings: string[] = [], at = dir) => LibraryStore.open(at, new WriteQueue(), { onRecover: (m) => warnings.push(m) });
const titles = (store: LibraryStore) => store.data.articles.map((a) => a.title);
/** The folder as a crash would leave it: what is on disk, with no close (and no lock, its process gone). */
async function crashCopy(): Promise<string> {
  const copy = `${dir}-crashed`;
  await cp(dir, copy, { recursive: true });
  await rm(join(copy, '.dossier.lock'), { force: true });
  return copy;
}

describe('the library journal', () => {
  it('saves an article by a line in the journal, leaving library.json as it was, and folds it in at close', async () => {
    const store = await openStore();
    const first = article('first');
    await store.put(() => [first]);
    // A new library's first save writes library.json, so that the folder is known as a library.
    const written = await readFile(join(dir, 'library.json'), 'utf8');
    await store.put(() => [article('second')]);
    await store.put(() => [{ ...first, title: 'first, renamed' }]);
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(written);
    expect((await readFile(join(dir, 'library.journal'), 'utf8')).split('\n')).toHaveLength(3);
    expect(titles(store)).toEqual(['first, renamed', 'second']);

    const crashed = await crashCopy();
    const reopened = await openStore([], crashed);
    expect(titles(reopened)).toEqual(['first, renamed', 'second']);
    await reopened.compact();
    expect(await stat(join(crashed, 'library.journal')).catch(() => null)).toBeNull();
    expect(JSON.parse(await readFile(join(crashed, 'library.json'), 'utf8')).articles.map((a: Article) => a.title)).toEqual(['first, renamed', 'second']);
  });

  it('rewrites library.json once the journal is long, and starts the journal again', async () => {
    const store = await openStore();
    await store.put(() => [article('first')]);
    await store.put(() => Array.from({ length: JOURNAL_LIMIT - 1 }, (_, i) => article(`a${i}`)));
    expect(await stat(join(dir, 'library.journal')).then((s) => s.size)).toBeGreaterThan(0);
    await store.put(() => [article('one more'), article('and another')]);
    expect(await stat(join(dir, 'library.journal')).catch(() => null)).toBeNull();
    expect(JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')).articles).toHaveLength(JOURNAL_LIMIT + 2);
    await store.put(() => [article('after')]);
    expect((await openStore()).data.articles).toHaveLength(JOURNAL_LIMIT + 3);
  });

  it('ignores a last line cut short by a crash (never acknowledged) and folds the journal in', async () => {
    const store = await openStore();
    await store.put(() => [article('first')]);
    await store.put(() => [article('second')]);
    await appendFile(join(dir, 'library.journal'), `{"v":${SCHEMA_VERSION},"put":{"id":"abcdefgh","tit`);
    const warnings: string[] = [];
    const reopened = await openStore(warnings);
    expect(titles(reopened)).toEqual(['first', 'second']);
    expect(warnings).toEqual([]);
    expect(await stat(join(dir, 'library.journal')).catch(() => null)).toBeNull();
    await reopened.put(() => [article('third')]);
    expect(titles(await openStore())).toEqual(['first', 'second', 'third']);
  });

  it('keeps what it can read of a damaged journal, says so, and sets the journal aside', async () => {
    const store = await openStore();
    await store.put(() => [article('first')]);
    await store.put(() => [article('second')]);
    await appendFile(join(dir, 'library.journal'), 'not json\n{"v":1,"put":{"id":"x"}}\n');
    await store.put(() => [article('third')]);
    const warnings: string[] = [];
    const reopened = await openStore(warnings);
    expect(titles(reopened)).toEqual(['first', 'second', 'third']);
    expect(warnings).toEqual([expect.stringMatching(/^2 saved changes .* could not be read .* were skipped; the rest were kept\. The journal was set aside as library\.journal\.damaged-/)]);
    expect((await readdir(dir)).filter((n) => n.startsWith('library.journal'))).toEqual([expect.stringMatching(/^library\.journal\.damaged-/)]);
    expect(JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')).articles).toHaveLength(3);
  });

  it('refuses a journal written by a newer Dossier, touching nothing', async () => {
    const store = await openStore();
    await store.put(() => [article('first')]);
    const line = `${JSON.stringify({ v: SCHEMA_VERSION + 1, put: article('from the future') })}\n`;
    await writeFile(join(dir, 'library.journal'), line);
    await expect(openStore()).rejects.toMatchObject({ code: 'library_too_new' });
    expect(await readFile(join(dir, 'library.journal'), 'utf8')).toBe(line);
  });

  it('a failed append changes nothing and the next save rewrites library.json whole', async () => {
    const store = await openStore();
    await store.put(() => [article('first')]);
    await store.put(() => [article('second')]);
    const open = fileSystem.open;
    vi.spyOn(fileSystem, 'open').mockImplementationOnce(async () => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    await expect(store.put(() => [article('lost')])).rejects.toThrow(/the disk is full/);
    expect(titles(store)).toEqual(['first', 'second']);
    vi.mocked(fileSystem.open).mockImplementation(open);
    await store.put(() => [article('third')]);
    expect(await stat(join(dir, 'library.journal')).catch(() => null)).toBeNull();
    expect(titles(await openStore())).toEqual(['first', 'second', 'third']);
  });

  it('an imported and an edited article survive a crash, and the library opens from library.json alone after a close', async () => {
    const library = await Library.open(dir);
    const bytes = await readFile(fixture);
    const [seed] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes }]));
    const [other] = await library.commitImport(await library.prepareImport([{ name: 'other.txt', bytes: Buffer.from('Another article.\n\nWith a second paragraph.') }]));
    // Two edits made at once both count: each patches the article as the one before it left it.
    await Promise.all([library.updateArticle(seed.article.id, { title: 'Renamed' }), library.updateArticle(seed.article.id, { byline: 'A. Reporter' })]);
    expect(library.getArticle(seed.article.id)).toMatchObject({ title: 'Renamed', byline: 'A. Reporter' });
    const reopened = await Library.open(await crashCopy());
    expect(reopened.listArticles().map((a) => [a.id, a.title, a.byline])).toEqual([
      [seed.article.id, 'Renamed', 'A. Reporter'],
      [other.article.id, other.article.title, other.article.byline],
    ]);
    await reopened.close();
    await library.close();
    expect(await stat(join(dir, 'library.journal')).catch(() => null)).toBeNull();
    expect(JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')).articles.map((a: Article) => a.title)).toEqual(['Renamed', other.article.title]);
  });
});
