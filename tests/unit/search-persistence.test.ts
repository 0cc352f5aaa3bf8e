// The search index kept between runs: saved in cache/search, restored at the next start instead of rebuilt,
// brought up to date from the journal of changes (made by another run, or before a crash), and rebuilt
// whenever what is on disk cannot be trusted.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { Library } from '../../src/main/core/library';
import { SearchIndex } from '../../src/main/core/search';
import type { EngineClient } from '../../src/main/core/search-engine';
import { engineHere } from '../../src/main/core/search-engine-client';

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);

let dir: string;
const cacheDir = () => join(dir, 'cache', 'search');

async function importSeed(core: Core): Promise<string> {
  const bytes = await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'));
  const [outcome] = await core.library.commitImport(await core.library.prepareImport([{ name: 'diplomat.txt', bytes }]));
  return outcome.article.id;
}

async function importBbc(core: Core): Promise<string> {
  const bytes = await readFile(shared('corpus/readability/bbc-1/source.html'));
  const [outcome] = await core.library.commitImport(await core.library.prepareImport([{ name: 'bbc.html', bytes }]));
  return outcome.article.id;
}

const ids = async (core: Core, query: string) => (await core.search.search(query, {}, 50)).map((h) => h.id);

/** A real engine on this thread that counts the documents it is given: a restored index is given none. */
function countingEngine(): EngineClient & { docsPut: number } {
  const engine = engineHere();
  const counting = Object.assign(Object.create(null) as object, engine, { docsPut: 0 }) as EngineClient & { docsPut: number };
  counting.put = async (docs) => {
    counting.docsPut += docs.length;
    return engine.put(docs);
  };
  return counting;
}

/** A search in a library opened anew, on a counting engine: what it found, and how many documents the index
 * had to be given to answer (none when it was restored). */
async function searchFresh(query: string): Promise<{ ids: string[]; docsPut: number }> {
  const library = await Library.open(dir);
  const engine = countingEngine();
  const search = new SearchIndex(library, { cacheDir: cacheDir(), engine });
  try {
    return { ids: (await search.search(query, {}, 10)).map((h) => h.id), docsPut: engine.docsPut };
  } finally {
    await search.close();
    await library.close();
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-search-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the saved search index', () => {
  it('is written when the library closes and restored, not rebuilt, at the next start', async () => {
    let core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importSeed(core);
    expect(await ids(core, 'gangster')).toEqual([seedId]);
    await core.close();
    expect(existsSync(join(cacheDir(), 'index.json'))).toBe(true);

    const fresh = await searchFresh('gangster');
    expect(fresh.ids).toEqual([seedId]);
    // Only the entities are given again (they are few, and always current); no article was read.
    expect(fresh.docsPut).toBe(0);
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    expect(await ids(core, 'Pyongyang')).toEqual([seedId]);
    await core.close();
  });

  it('takes in what changed while it was not loaded (another command, or a run that never searched)', async () => {
    let core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importSeed(core);
    await ids(core, 'gangster');
    await core.close();

    // A run that changes the library without searching: its changes go to the journal only.
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const bbcId = await importBbc(core);
    const { text } = await core.library.loadArticle(seedId);
    const quote = 'gangster-like';
    const start = text.indexOf(quote);
    const annotation = await core.library.createAnnotation(seedId, start, start + quote.length, quote, { note: 'Rhetorical escalation' });
    await core.library.updateArticle(seedId, { title: 'Pompeo in Pyongyang, retitled' });
    await core.close();
    expect(await readFile(join(cacheDir(), 'journal.ndjson'), 'utf8')).toContain(bbcId);

    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    expect(await ids(core, 'Obama')).toEqual([bbcId]);
    expect(await ids(core, 'escalation')).toEqual([annotation.id]);
    expect(await ids(core, 'retitled')).toEqual([seedId]);
    await core.close();
    // Written again with everything in it, the journal starts over.
    expect(await readFile(join(cacheDir(), 'journal.ndjson'), 'utf8')).toBe('');
  });

  it('replays the journal after a run that ended without saving (a crash)', async () => {
    let core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importSeed(core);
    await ids(core, 'gangster');
    await core.close();

    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    await ids(core, 'gangster');
    const { text } = await core.library.loadArticle(seedId);
    const start = text.indexOf('Pompeo');
    const annotation = await core.library.createAnnotation(seedId, start, start + 6, 'Pompeo', { note: 'Quixotic envoy' });
    await core.search.settled();
    // The index file as the crashed run left it (saved before the change), with the journal it had written.
    const crashed = join(dir, 'crashed');
    await cp(cacheDir(), crashed, { recursive: true });
    await core.close();
    await rm(cacheDir(), { recursive: true });
    await cp(crashed, cacheDir(), { recursive: true });

    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    expect(await ids(core, 'quixotic')).toEqual([annotation.id]);
    await core.close();
  });

  it('is rebuilt when its file is damaged, of another format, or its journal is shorter than it says', async () => {
    let core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importSeed(core);
    await ids(core, 'gangster');
    await core.close();
    const indexFile = join(cacheDir(), 'index.json');
    const good = await readFile(indexFile, 'utf8');

    for (const damage of [
      () => writeFile(indexFile, good.slice(0, good.length / 2)),
      () => writeFile(indexFile, good.replace(/"format":\d+/, '"format":999')),
      // The word runs of another index (or none).
      async () => {
        await writeFile(indexFile, good);
        await writeFile(`${indexFile}.runs`, 'x'.repeat(64));
      },
      async () => {
        await writeFile(indexFile, good.replace(/"journalBytes":0/, '"journalBytes":5000'));
        await writeFile(join(cacheDir(), 'journal.ndjson'), '');
      },
    ]) {
      await damage();
      const rebuilt = await searchFresh('gangster');
      expect(rebuilt.ids).toEqual([seedId]);
      expect(rebuilt.docsPut).toBeGreaterThan(0);
    }
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    expect(await ids(core, 'gangster')).toEqual([seedId]);
    await core.close();
  });

  it('answers from titles, annotations and names while it loads in a host that stays up, and from texts once loaded', async () => {
    let core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importSeed(core);
    const quote = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';
    const { start, end } = await core.library.locateQuote(seedId, quote);
    const annotation = await core.library.createAnnotation(seedId, start, end, quote, { note: 'a threat' });
    const person = await core.library.createEntity('person', 'Mike Pompeo');
    await core.close();

    // An index that cannot be loaded until the test says so (a rebuild at 10,000 articles takes minutes).
    const library = await Library.open(dir);
    const engine = countingEngine();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { clear, restore } = engine;
    let loads = 0;
    engine.clear = async () => {
      loads++;
      await held;
      return clear();
    };
    engine.restore = async (path) => {
      loads++;
      await held;
      return restore(path);
    };
    const search = new SearchIndex(library, { cacheDir: cacheDir(), engine });
    try {
      // Told to wait for something first (the app reads every annotation first): searches meanwhile do
      // not start loading the index.
      let letLoad = () => {};
      const loaded = search.warm(new Promise<void>((resolve) => (letLoad = resolve)));
      const found = async (query: string, names = true) => (await search.search(query, {}, 50, { names })).map((h) => `${h.kind}:${h.id}`);
      expect(search.complete).toBe(false);
      // In the annotation's quote, not the title: the annotation alone, until the article's text is indexed.
      expect(await found('gangster')).toEqual([`annotation:${annotation.id}`]);
      expect(await found('threat')).toEqual([`annotation:${annotation.id}`]);
      expect(await found('Pomp')).toEqual(expect.arrayContaining([`entity:${person.id}`, `annotation:${annotation.id}`]));
      expect(await found('"expressing gangster"')).toEqual([`annotation:${annotation.id}`]);
      expect(await found('Sunday')).toEqual([]);
      expect(loads).toBe(0);
      letLoad();
      await expect.poll(() => loads).toBe(1);
      expect(await found('Sunday')).toEqual([]);
      // A search that does not ask for names (an entity's page) waits for the index.
      const waiting = found('Sunday', false);
      release();
      await loaded;
      expect(search.complete).toBe(true);
      expect(await waiting).toEqual([`article:${seedId}`]);
      expect(await found('gangster')).toEqual(expect.arrayContaining([`article:${seedId}`, `annotation:${annotation.id}`]));
    } finally {
      release();
      await search.close();
      await library.close();
    }
    // A command that searches once (never warmed) waits for the index rather than answer from names.
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    expect(await ids(core, 'Sunday')).toEqual([seedId]);
    await core.close();
  });
});
