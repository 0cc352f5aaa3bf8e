// Format migrations: a library written in format 1 opens with its data intact, nothing rewritten on open;
// a file is saved in the new format only after a copy of it as it was; steps run in order; a step that
// throws leaves the file as it was.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../src/main/core/library';
import { MIGRATIONS, migrateFile, type Migration } from '../../src/main/core/migrations';
import { DossierError } from '../../src/shared/errors';
import { SCHEMA_VERSION } from '../../src/shared/model';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-migrations-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ARTICLE = 'art_format1';
const TEXT = 'North Korea accused Pompeo of expressing “gangster-like” demands.';
const source = { fileName: 'clip.txt', mediaType: 'text/plain', encoding: 'utf-8', sha256: 'a'.repeat(64), size: TEXT.length };

/** A library as format 1 wrote it: without the fields later versions added. */
async function writeFormat1Library(): Promise<Record<string, string>> {
  const files: Record<string, string> = {
    'library.json': JSON.stringify({
      schemaVersion: 1,
      articles: [
        { id: ARTICLE, title: 'Format one', byline: null, siteName: null, url: null, publishedAt: '2018-10-08', clippedAt: '2025-01-01T00:00:00.000Z', lang: 'en', dir: 'ltr', excerpt: '', wordCount: 9, tags: [], source },
      ],
    }),
    'entities.json': JSON.stringify({
      schemaVersion: 1,
      entities: [{ id: 'ent_visit01', type: 'event', name: 'The visit', aliases: [], description: '', wikidataId: null, date: '2018-10-07' }],
      relations: [],
    }),
    'briefs.json': JSON.stringify({
      schemaVersion: 1,
      briefs: [{ id: 'brf_format1', title: 'Old brief', entityIds: ['ent_visit01'], articleIds: [], frontMatter: true, wikilinks: false, groupBy: 'article', created: '2025-01-01', modified: '2025-01-01' }],
    }),
    [`articles/${ARTICLE}/body.json`]: JSON.stringify({ schemaVersion: 1, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] } }),
    [`articles/${ARTICLE}/annotations.json`]: JSON.stringify({
      schemaVersion: 1,
      annotations: [
        {
          id: 'ann_format1',
          articleId: ARTICLE,
          created: '2025-01-01T00:00:00.000Z',
          modified: '2025-01-01T00:00:00.000Z',
          target: { quote: { type: 'TextQuoteSelector', exact: 'gangster-like', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 40, end: 53 } },
          note: 'Old note',
          tags: [],
          color: 'yellow',
          entityIds: ['ent_visit01'],
          speakerId: null,
          anchor: 'anchored',
        },
      ],
    }),
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return files;
}

describe('migrations', () => {
  it('has one step for each format before this one, in order', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2));
  });

  it('a format-1 library opens with its data, writes nothing on open, and keeps a copy of each file before saving it anew', async () => {
    const before = await writeFormat1Library();
    const library = await Library.open(dir);
    try {
      expect(library.listArticles().map((a) => a.title)).toEqual(['Format one']);
      expect(library.getEntity('ent_visit01')).toMatchObject({ name: 'The visit', endDate: null, placeId: null, participantIds: [] });
      expect((await library.listBriefs())[0]).toMatchObject({ title: 'Old brief', frontMatter: true, entityIndex: false, order: [] });
      expect((await library.loadArticle(ARTICLE)).text).toBe(TEXT);
      const [annotation] = await library.listAnnotations(ARTICLE);
      expect(annotation?.note).toBe('Old note');
      // Reading changed nothing on disk.
      for (const [name, text] of Object.entries(before)) expect(await readFile(join(dir, name), 'utf8')).toBe(text);

      // A save: that file is in the new format, its format-1 copy beside it; the others are as they were.
      await library.updateAnnotation(ARTICLE, 'ann_format1', { note: 'New note' });
      const annotations = join(dir, 'articles', ARTICLE, 'annotations.json');
      expect(JSON.parse(await readFile(annotations, 'utf8'))).toMatchObject({ schemaVersion: SCHEMA_VERSION, suggestions: {} });
      expect(await readFile(`${annotations}.format-1`, 'utf8')).toBe(before[`articles/${ARTICLE}/annotations.json`]);
      expect(await readFile(join(dir, 'entities.json'), 'utf8')).toBe(before['entities.json']);
      // A second save does not replace the copy.
      await library.updateAnnotation(ARTICLE, 'ann_format1', { note: 'Newer note' });
      expect(await readFile(`${annotations}.format-1`, 'utf8')).toBe(before[`articles/${ARTICLE}/annotations.json`]);
    } finally {
      await library.close();
    }
    // Reopened: the migrated file reads as format 2, the others still migrate on reading.
    const again = await Library.open(dir);
    expect((await again.listAnnotations(ARTICLE))[0]?.note).toBe('Newer note');
    expect(again.getEntity('ent_visit01').participantIds).toEqual([]);
    await again.close();
  });

  it('a step that throws leaves the file as it was, and says which file and which step', async () => {
    const files = await writeFormat1Library();
    const odd = JSON.stringify({ schemaVersion: 1, entities: { not: 'a list' }, relations: [] });
    await writeFile(join(dir, 'entities.json'), odd);
    const error = await Library.open(dir).then(
      async (l) => (await l.close(), null),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DossierError);
    expect((error as Error).message).toContain('entities.json');
    expect((error as Error).message).toContain('could not be brought from format 1 to 2');
    expect((error as Error).message).toContain('entities is not a list');
    expect(await readFile(join(dir, 'entities.json'), 'utf8')).toBe(odd);
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(files['library.json']);
    expect((await readdir(dir)).filter((n) => n.includes('.format-') || n.includes('.damaged-'))).toEqual([]);
  });

  it('runs the steps in order from the file’s format, and refuses a format it has no step for', () => {
    const seen: string[] = [];
    const steps: Migration[] = [
      { to: 2, what: 'a', files: { library: (f) => (seen.push('a'), { ...f, a: true }) } },
      { to: 3, what: 'b', files: { library: (f) => (seen.push(`b after a=${String(f.a)}`), { ...f, b: true }) } },
    ];
    const input = { schemaVersion: 1, articles: [] };
    expect(migrateFile('/x/library.json', input, steps, 3)).toEqual({ data: { schemaVersion: 3, articles: [], a: true, b: true }, from: 1 });
    expect(seen).toEqual(['a', 'b after a=true']);
    expect(input).toEqual({ schemaVersion: 1, articles: [] });
    expect(migrateFile('/x/library.json', { schemaVersion: 2, articles: [] }, steps, 3).data).toEqual({ schemaVersion: 3, articles: [], b: true });
    expect(migrateFile('/x/library.json', { schemaVersion: 3 }, steps, 3)).toEqual({ data: { schemaVersion: 3 }, from: null });
    expect(() => migrateFile('/x/library.json', { schemaVersion: 1 }, steps.slice(1), 3)).toThrow('cannot bring up to date');
  });
});
