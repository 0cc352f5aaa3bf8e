// The storage layer on a real temporary directory: durable writes, validation, the library's round trip.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeFileDurable } from '../../src/main/core/durable-file';
import { ValidatedJsonFile } from '../../src/main/core/json-file';
import { Library } from '../../src/main/core/library';
import { DossierError } from '../../src/shared/errors';
import { ArticleListItemSchema } from '../../src/shared/api';
import { withPuts } from '../../src/shared/with-puts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const seedBytes = () => readFile(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

async function importSeed(library: Library) {
  const prepared = await library.prepareImport([{ name: 'diplomat-pompeo-kim-pyongyang.txt', bytes: await seedBytes() }]);
  const [result] = await library.commitImport(prepared);
  return result;
}

describe('library files as JSON', () => {
  it('are written in ASCII alone and read back as they were, whatever the script', async () => {
    const schema = z.object({ schemaVersion: z.number(), texts: z.array(z.string()) });
    const data = { schemaVersion: 2, texts: ['“gangster-like” — Pompeo', 'Pjöngjang 平壤 بيونغ يانغ', 'an emoji 🗞️ and a lone \ud800 half'] };
    const file = new ValidatedJsonFile(join(dir, 'texts.json'), schema);
    await file.write(data);
    const bytes = await readFile(join(dir, 'texts.json'));
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(JSON.parse(bytes.toString('latin1'))).toEqual(data);
    expect(await new ValidatedJsonFile(join(dir, 'texts.json'), schema).read()).toEqual(data);
    // A file in UTF-8 (an older Dossier's, or one edited by hand) still reads.
    await writeFile(join(dir, 'texts.json'), JSON.stringify(data));
    expect(await new ValidatedJsonFile(join(dir, 'texts.json'), schema).read()).toEqual(data);
  });
});

describe('durable write', () => {
  it('replaces a file whole and leaves no temp file behind', async () => {
    const path = join(dir, 'a.json');
    await writeFileDurable(path, '{"v":1}');
    await writeFileDurable(path, '{"v":2}');
    expect(await readFile(path, 'utf8')).toBe('{"v":2}');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('reports a failed write as a storage error and keeps the old file', async () => {
    const path = join(dir, 'missing-folder', 'a.json');
    await expect(writeFileDurable(path, 'x')).rejects.toMatchObject({ code: 'storage' });
  });
});

describe('library', () => {
  it('imports, annotates and reads everything back from disk after reopening', async () => {
    let library = await Library.open(dir);
    const { article, duplicate } = await importSeed(library);
    expect(duplicate).toBe(false);
    const person = await library.createEntity('person', 'Mike Pompeo');
    const event = await library.createEntity('event', 'Pompeo’s July 2018 visit to Pyongyang', '2018-07');
    const { start, end } = await library.locateQuote(article.id, QUOTE);
    const annotation = await library.createAnnotation(article.id, start, end, QUOTE, { note: 'n', entityIds: [person.id, event.id] });
    await library.close();

    library = await Library.open(dir);
    expect(library.listArticles()).toMatchObject([{ id: article.id, title: article.title, annotationCount: 1 }]);
    expect(await library.listAnnotations(article.id)).toEqual([annotation]);
    expect(library.getEntity(event.id).date).toBe('2018-07');
    const { text } = await library.loadArticle(article.id);
    expect(text.slice(annotation.target.position.start, annotation.target.position.end)).toBe(QUOTE);
    expect(await library.readSnapshot(article.source.sha256)).toEqual(await seedBytes());
    await library.close();
  });

  it('writes only the article’s annotation file when an annotation is saved', async () => {
    const library = await Library.open(dir);
    const { article } = await importSeed(library);
    const before = await readFile(join(dir, 'library.json'), 'utf8');
    const entitiesBefore = await readFile(join(dir, 'entities.json'), 'utf8').catch(() => null);
    const { start, end } = await library.locateQuote(article.id, QUOTE);
    await library.createAnnotation(article.id, start, end, QUOTE, {});
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(before);
    expect(await readFile(join(dir, 'entities.json'), 'utf8').catch(() => null)).toBe(entitiesBefore);
    const saved = JSON.parse(await readFile(join(dir, 'articles', article.id, 'annotations.json'), 'utf8'));
    expect(saved.annotations).toHaveLength(1);
    await library.close();
  });

  it('says when the same bytes are imported again instead of duplicating them', async () => {
    const library = await Library.open(dir);
    const first = await importSeed(library);
    const again = await importSeed(library);
    expect(again).toMatchObject({ duplicate: true, article: { id: first.article.id } });
    expect(library.listArticles()).toHaveLength(1);
    await library.close();
  });

  it('refuses a selection that does not match the text, and quotes that are absent or ambiguous', async () => {
    const library = await Library.open(dir);
    const { article } = await importSeed(library);
    await expect(library.createAnnotation(article.id, 0, 5, 'wrong', {})).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(library.locateQuote(article.id, 'not in the article at all')).rejects.toMatchObject({ code: 'quote_not_found' });
    await expect(library.locateQuote(article.id, 'Pompeo')).rejects.toMatchObject({ code: 'quote_ambiguous' });
    expect(await library.listAnnotations(article.id)).toEqual([]);
    await library.close();
  });

  it('refuses duplicate entities and dates on entities that are not events', async () => {
    const library = await Library.open(dir);
    await library.createEntity('person', 'Mike Pompeo');
    await expect(library.createEntity('person', ' mike pompeo ')).rejects.toMatchObject({ code: 'duplicate' });
    await expect(library.createEntity('place', 'Tokyo', '2018')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(library.listEntities()).toHaveLength(1);
    await library.close();
  });

  it('never overwrites a library file that fails validation', async () => {
    const bad = '{"schemaVersion": 1, "articles": [{"id": "x"}]}';
    await writeFile(join(dir, 'library.json'), bad);
    const error = await Library.open(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('library_corrupt');
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(bad);
    // The failed open released its lock: a repaired library opens.
    await rm(join(dir, 'library.json'));
    await (await Library.open(dir)).close();
  });


  it('checks a library file again unless it is byte for byte what this Dossier last wrote', async () => {
    let library = await Library.open(dir);
    const { article } = await importSeed(library);
    await library.close();
    const stampPath = join(dir, 'cache', 'checked', 'library.json');
    const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { sha256: string; schema: string };
    const written = await readFile(join(dir, 'library.json'), 'utf8');

    // As written: opened from the stamp, and so trusted even where the schema would refuse it (an empty
    // title here stands for any content the check would have looked at).
    const untitled = written.replace(`"title":${JSON.stringify(article.title)}`, '"title":""');
    expect(untitled).not.toBe(written);
    const sha256 = createHash('sha256').update(untitled).digest('hex');
    await writeFile(join(dir, 'library.json'), untitled);
    await writeFile(stampPath, JSON.stringify({ ...stamp, sha256 }));
    library = await Library.open(dir);
    expect(library.getArticle(article.id).title).toBe('');
    await library.close();

    // The same bytes under another schema's stamp, or with no stamp, are checked: the damage is found and
    // the previous version is brought back.
    for (const other of [{ ...stamp, sha256, schema: 'another' }, null]) {
      await writeFile(join(dir, 'library.json'), untitled);
      await writeFile(join(dir, 'library.json.bak'), written);
      if (other) await writeFile(stampPath, JSON.stringify(other));
      else await rm(stampPath);
      library = await Library.open(dir);
      expect(library.getArticle(article.id).title).toBe(article.title);
      expect(library.warnings.at(-1)).toMatch(/library\.json could not be read \(articles\.0\.title/);
      await library.close();
    }
  });
  it('lets one process at a time open a library', async () => {
    const library = await Library.open(dir);
    await expect(Library.open(dir)).rejects.toMatchObject({ code: 'library_locked' });
    await library.close();
    await (await Library.open(dir)).close();
  });

  it('takes over the lock of a process that died', async () => {
    await writeFile(join(dir, '.dossier.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: '' }));
    await (await Library.open(dir)).close();
  });

  it('imports a changed clip as a new version and carries its annotations over: anchored, fuzzy, orphaned', async () => {
    const library = await Library.open(dir);
    const { article: first } = await importSeed(library);
    const seed = (await seedBytes()).toString('utf8');
    const quotes = {
      kept: QUOTE,
      edited: 'Pompeo had assured Japanese Prime Minister Shinzo Abe',
      deleted: 'He arrived in Seoul, South Korea, in the evening and was scheduled to meet South Korean President Moon Jae-in.',
    };
    const ids: Record<string, string> = {};
    for (const [key, quote] of Object.entries(quotes)) {
      const { start, end } = await library.locateQuote(first.id, quote);
      ids[key] = (await library.createAnnotation(first.id, start, end, quote, { note: key })).id;
    }
    const changed = seed
      .replace('Pompeo had assured Japanese Prime Minister Shinzo Abe', 'Pompeo had personally assured Japanese Prime Minister Shinzo Abe')
      .replace(' ' + quotes.deleted, '')
      .replace('In Pyongyang on Sunday', 'In Pyongyang on Sunday, 7 October,');
    const [result] = await library.commitImport(
      await library.prepareImport([{ name: 'diplomat-pompeo-kim-pyongyang.txt', bytes: Buffer.from(changed) }]),
    );
    expect(result).toMatchObject({ duplicate: false, carried: { anchored: 1, fuzzy: 1, orphaned: 1 } });
    expect(result.article.previousVersionId).toBe(first.id);
    expect(await library.listAnnotations(first.id)).toEqual([]);
    expect(library.listArticles().find((a) => a.id === first.id)?.annotationCount).toBe(0);

    const { text } = await library.loadArticle(result.article.id);
    const moved = new Map((await library.listAnnotations(result.article.id)).map((a) => [a.note, a]));
    const covered = (note: string) => text.slice(moved.get(note)!.target.position.start, moved.get(note)!.target.position.end);
    expect(moved.get('kept')).toMatchObject({ id: ids.kept, anchor: 'anchored', review: null });
    expect(covered('kept')).toBe(QUOTE);
    expect(moved.get('edited')).toMatchObject({ id: ids.edited, anchor: 'fuzzy', review: { originalQuote: quotes.edited } });
    expect(covered('edited')).toBe('Pompeo had personally assured Japanese Prime Minister Shinzo Abe');
    expect(moved.get('deleted')).toMatchObject({ anchor: 'orphaned', review: { score: 0, originalQuote: quotes.deleted } });

    // The user settles them: accept the fuzzy one, re-attach the orphan to a selection.
    expect(await library.resolveAnnotation(result.article.id, ids.edited)).toMatchObject({ anchor: 'anchored', review: null });
    await expect(library.resolveAnnotation(result.article.id, ids.deleted)).rejects.toMatchObject({ code: 'invalid_input' });
    const exact = 'Pompeo promptly continued his ongoing tour of Northeast Asia.';
    const start = text.indexOf(exact);
    const reattached = await library.resolveAnnotation(result.article.id, ids.deleted, { start, end: start + exact.length, exact });
    expect(reattached).toMatchObject({ anchor: 'anchored', review: null, target: { quote: { exact } } });

    // Importing the first version's bytes again is recognised as the old version, not a third one.
    const [again] = await library.commitImport(await library.prepareImport([{ name: 'x.txt', bytes: await seedBytes() }]));
    expect(again).toMatchObject({ duplicate: true, article: { id: first.id } });
    await library.close();
  });

  it('derives the plain note from a rich one and links the entities it mentions', async () => {
    const library = await Library.open(dir);
    const { article } = await importSeed(library);
    const biegun = await library.createEntity('person', 'Stephen Biegun');
    const { start, end } = await library.locateQuote(article.id, QUOTE);
    const noteDoc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ask ' }, { type: 'mention', attrs: { id: biegun.id, label: 'Stephen Biegun' } }] }],
    };
    const created = await library.createAnnotation(article.id, start, end, QUOTE, { noteDoc });
    expect(created).toMatchObject({ note: 'Ask Stephen Biegun', entityIds: [biegun.id], noteDoc });
    const ghost = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'nosuchentity', label: 'Ghost' } }] }] };
    await expect(library.updateAnnotation(article.id, created.id, { noteDoc: ghost })).rejects.toMatchObject({ code: 'not_found' });
    // A plain note replaces the rich one, so the two never disagree.
    const plain = await library.updateAnnotation(article.id, created.id, { note: 'Plain now' });
    expect(plain).toMatchObject({ note: 'Plain now', noteDoc: null, entityIds: [biegun.id] });
    await library.close();
  });

  it('starts from the annotation counts a clean close left, and counts from the files otherwise', async () => {
    let library = await Library.open(dir);
    const { article } = await importSeed(library);
    const { start, end } = await library.locateQuote(article.id, QUOTE);
    await library.createAnnotation(article.id, start, end, QUOTE, {});
    await library.close();
    const cache = join(dir, 'cache', 'annotation-counts.json');
    const written = JSON.parse(await readFile(cache, 'utf8')) as { ids: string; counts: number[] };
    expect(written.counts).toEqual([1]);

    library = await Library.open(dir);
    expect(library.listArticles()[0].annotationCount).toBe(1);
    // Taken at open: a crash now leaves no stale counts behind.
    await expect(readFile(cache, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    await library.close();

    // Counts made for another list of articles (here: another article's) are not trusted, nor a damaged file.
    for (const other of [{ ...written, ids: written.ids.replace(/^./, (c) => (c === '0' ? '1' : '0')), counts: [5] }, { counts: 'many' }]) {
      await writeFile(cache, JSON.stringify(other));
      library = await Library.open(dir);
      expect(library.listArticles()[0].annotationCount).toBe(1);
      await library.close();
    }
    await library.close();
  });

  it('tells what changed in the list since a version of it, or that it cannot', async () => {
    const library = await Library.open(dir);
    const { article } = await importSeed(library);
    const shown = library.listArticles();
    const version = library.listVersion;
    expect(library.listChangesSince(version)).toEqual({ version, changed: [] });
    const { start, end } = await library.locateQuote(article.id, QUOTE);
    await library.createAnnotation(article.id, start, end, QUOTE, {});
    const [other] = await library.commitImport(await library.prepareImport([{ name: 'other.txt', bytes: Buffer.from('Another article.') }]));
    const since = library.listChangesSince(version)!;
    expect(since.version).toBe(library.listVersion);
    expect(since.changed.map((item) => [item.id, item.annotationCount])).toEqual([
      [article.id, 1],
      [other.article.id, 0],
    ]);
    // The list a window had, brought up to date with them, is the list.
    expect(withPuts(shown, since.changed)).toEqual(library.listArticles());
    // A version of another opening, a malformed one, or one older than the changes kept: the whole list is needed.
    expect(library.listChangesSince(`another:${since.version.split(':')[1]}`)).toBeNull();
    expect(library.listChangesSince('nonsense')).toBeNull();
    expect(library.listChangesSince(`${version.split(':')[0]}:-5`)).toBeNull();
    await library.close();
    const reopened = await Library.open(dir);
    expect(reopened.listChangesSince(since.version)).toBeNull();
    await reopened.close();
  });

  it('hands out the same list until an article or a count changes, and the first articles alone when asked', async () => {
    const library = await Library.open(dir);
    const { article } = await importSeed(library);
    const list = library.listArticles();
    expect(list).toEqual([expect.objectContaining({ id: article.id, title: article.title, annotationCount: 0 })]);
    // What the list shows of an article, and nothing more (the excerpt and source stay in the core).
    expect(Object.keys(list[0]).sort()).toEqual(Object.keys(ArticleListItemSchema.shape).sort());
    expect(library.listArticles()).toBe(list);
    expect(library.listArticles(0)).toEqual([]);

    const version = library.listVersion;
    expect(library.listVersion).toBe(version);

    const { start, end } = await library.locateQuote(article.id, QUOTE);
    const annotation = await library.createAnnotation(article.id, start, end, QUOTE, {});
    const counted = library.listArticles();
    expect(counted).not.toBe(list);
    expect(counted[0].annotationCount).toBe(1);
    const afterCreate = library.listVersion;
    expect(afterCreate).not.toBe(version);
    // A note changes no article and no count: the list a window has is still current.
    await library.updateAnnotation(article.id, annotation.id, { note: 'Ask Biegun' });
    expect(library.listVersion).toBe(afterCreate);
    expect(library.listArticles()).toBe(counted);

    // Another article imported: the list is made again, the items of the articles that did not change are the
    // same (so that the contract check looks at the new one alone).
    const [other] = await library.commitImport(await library.prepareImport([{ name: 'other.txt', bytes: Buffer.from('Another article.') }]));
    const longer = library.listArticles();
    expect(longer.map((item) => item.id)).toEqual([article.id, other.article.id]);
    expect(longer[0]).toBe(counted[0]);

    await library.updateArticle(article.id, { title: 'Renamed' });
    expect(library.listArticles()[0]).toMatchObject({ title: 'Renamed', annotationCount: 1 });
    expect(library.listArticles()[1]).toBe(longer[1]);
    const afterRename = library.listVersion;
    expect(afterRename).not.toBe(afterCreate);
    await library.close();

    // The same library opened again (as after a restore) names its list anew.
    const reopened = await Library.open(dir);
    expect(reopened.listVersion).not.toBe(afterRename);
    await reopened.close();
  });
});

