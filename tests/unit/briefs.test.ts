import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { briefFileName, composeBrief, writeBriefFiles, writeBriefFolder } from '../../src/main/core/briefs';
import { openCore } from '../../src/main/core';
import { dispatch } from '../../src/main/core/dispatch';
import { Library } from '../../src/main/core/library';
import { unwrap, type Input, type MethodName, type Output } from '../../src/shared/api';

const SEED = `${__dirname}/../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt`;
const QUOTES = [
  'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.',
  'Pompeo promptly continued his ongoing tour of Northeast Asia.',
  'He arrived in Seoul, South Korea, in the evening',
];

let dir: string;
let library: Library;
let articleId: string;
let ids: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-briefs-'));
  library = await Library.open(dir);
  const [{ article }] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes: readFileSync(SEED) }]));
  articleId = article.id;
  await library.updateArticle(articleId, { publishedAt: '2018-10-08' });
  const text = await library.loadText(articleId);
  const july = await library.createEntity('event', 'Pompeo’s July 2018 visit', '2018-07');
  ids = [];
  for (const [i, quote] of QUOTES.entries()) {
    const at = text.indexOf(quote);
    const created = await library.createAnnotation(articleId, at, at + quote.length, quote, {
      tags: i === 2 ? ['travel'] : ['rhetoric'],
      entityIds: i < 2 ? [july.id] : [],
    });
    ids.push(created.id);
  }
});
afterEach(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

const quotesOf = (markdown: string) =>
  new MarkdownIt().parse(markdown, {}).filter((t, i, all) => t.type === 'inline' && all[i - 2]?.type === 'blockquote_open').map((t) => t.content);

describe('composing a brief from a library', () => {
  it('covers annotations by tag, within a date range by their event or article date', async () => {
    expect(quotesOf((await composeBrief(library, { tags: ['rhetoric'] })).markdown)).toEqual(QUOTES.slice(0, 2));
    // The first two are dated by their July event, the third by its article (October).
    expect((await composeBrief(library, { articleIds: [articleId], from: '2018-10' })).annotationCount).toBe(1);
    expect((await composeBrief(library, { articleIds: [articleId], to: '2018-07' })).annotationCount).toBe(2);
    expect((await composeBrief(library, { articleIds: [articleId], from: '2018-07-01', to: '2018-09-30' })).annotationCount).toBe(0);
    await expect(composeBrief(library, {})).rejects.toThrow('Choose at least one entity, article or tag');
  });

  it('keeps the analyst’s order, one section, with the introduction after the title, without live HTML', async () => {
    const { markdown } = await composeBrief(library, {
      articleIds: [articleId],
      groupBy: 'manual',
      order: [ids[2], ids[0]],
      title: 'What Pyongyang said',
      intro: 'Three passages *worth* reading. <script>alert(1)</script>',
    });
    expect(quotesOf(markdown)).toEqual([QUOTES[2], QUOTES[0], QUOTES[1]]);
    expect(markdown).toContain('Three passages *worth* reading. &lt;script>alert(1)&lt;/script>');
    expect(markdown).not.toMatch(/^## /m);
    expect(new MarkdownIt().render(markdown)).not.toContain('<script');
  });
});

describe('a brief in one file per section', () => {
  it('goes into a new folder named after it, with the event’s place in the timeline; a second export gets a folder of its own', async () => {
    const pyongyang = await library.createEntity('place', 'Pyongyang');
    const july = library.listEntities().find((e) => e.type === 'event')!;
    await library.updateEntity(july.id, { placeId: pyongyang.id });
    const { document } = await composeBrief(library, { tags: ['rhetoric', 'travel'], groupBy: 'event', title: 'Travels: July/Oct?', eventTimeline: true });
    const exports = join(dir, 'exports');
    const first = await writeBriefFolder(exports, 'Travels: July/Oct?', document);
    expect(first.folder).toBe(join(exports, 'Travels_ July_Oct_'));
    expect(await readdir(first.folder)).toEqual(['00 Travels_ July_Oct_.md', '01 Pompeo’s July 2018 visit (2018-07).md', '02 Not linked to an event.md']);
    const overview = await readFile(first.files[0]!, 'utf8');
    expect(overview).toContain('- 2018-07: Pompeo’s July 2018 visit, in Pyongyang — 2 quotes[^1]');
    expect(quotesOf(await readFile(first.files[1]!, 'utf8'))).toEqual(QUOTES.slice(0, 2));
    const second = await writeBriefFolder(exports, 'Travels: July/Oct?', document);
    expect(second.folder).toBe(join(exports, 'Travels_ July_Oct_ (2)'));
  });

  it('never replaces a file: one in the way stops the export before anything is written', async () => {
    const { document } = await composeBrief(library, { articleIds: [articleId], title: 'Seed' });
    const folder = join(dir, 'out');
    await writeBriefFiles(folder, document);
    const names = await readdir(folder);
    await writeFile(join(folder, names[1]!), 'the analyst’s own edits');
    await rm(join(folder, names[0]!));
    await expect(writeBriefFiles(folder, document)).rejects.toThrow(/exists already; nothing was written/);
    expect((await readdir(folder)).sort()).toEqual([names[1]]);
    expect(await readFile(join(folder, names[1]!), 'utf8')).toBe('the analyst’s own edits');
  });

  it('file names are safe everywhere: reserved names, forbidden characters, leading dots, trailing dots, length in bytes', () => {
    expect(briefFileName('CON')).not.toMatch(/^CON\.md$/i);
    expect(briefFileName('a<b>c:d"e/f\\g|h?i*j')).toBe('a_b_c_d_e_f_g_h_i_j.md');
    expect(briefFileName('...hidden')).toBe('hidden.md');
    expect(briefFileName('ends with dots...')).toBe('ends with dots.md');
    expect(briefFileName('notes.md')).toBe('notes.md');
    const long = briefFileName('北'.repeat(200));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(203);
  });
});

describe('saved briefs', () => {
  it('are saved, listed newest first, replaced by id, deleted, and kept across a restart', async () => {
    const first = await library.saveBrief({ title: 'Rhetoric', intro: '', entityIds: [], articleIds: [], tags: ['rhetoric'], frontMatter: false, wikilinks: false, groupBy: 'manual', order: [ids[1], ids[0]] });
    const second = await library.saveBrief({ ...first, id: undefined, title: 'Travel', tags: ['travel'] });
    expect((await library.listBriefs()).map((b) => b.title)).toEqual(['Travel', 'Rhetoric']);
    const renamed = await library.saveBrief({ ...first, title: 'Rhetoric, July' });
    expect([renamed.id, renamed.created]).toEqual([first.id, first.created]);
    await library.deleteBrief(second.id);
    await expect(library.deleteBrief(second.id)).rejects.toThrow('No saved brief');
    await expect(library.saveBrief({ ...second })).rejects.toThrow('may have been deleted');
    await library.close();
    library = await Library.open(dir);
    const [kept] = await library.listBriefs();
    expect(kept).toMatchObject({ id: first.id, title: 'Rhetoric, July', order: [ids[1], ids[0]] });
    expect(quotesOf((await composeBrief(library, kept)).markdown)).toEqual([QUOTES[1], QUOTES[0]]);
  });
});

describe('the folder a brief is exported to', () => {
  it('is the one the user chose if it is there, else the host’s; a chosen folder is never made', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dossier-export-to-'));
    const core = await openCore({ libraryDir: join(root, 'library'), exportDir: join(root, 'exports'), dailyBackupDelayMs: null });
    const call = async <M extends MethodName>(name: M, input: Input<M>) => unwrap((await dispatch(core.handlers, name, input)) as never) as Output<M>;
    try {
      const [imported] = await call('articles.import', { files: [{ name: 'seed.txt', data: readFileSync(SEED).toString('base64') }] });
      if (!imported.ok) throw new Error('the seed did not import');
      const { text } = await call('articles.get', { id: imported.article.id });
      const at = text.indexOf(QUOTES[0]);
      await call('annotations.create', { articleId: imported.article.id, start: at, end: at + QUOTES[0].length, exact: QUOTES[0], note: '', entityIds: [] });
      const scope = { articleIds: [imported.article.id] };

      const chosen = join(root, 'chosen');
      await mkdir(chosen);
      const there = await call('briefs.export', { ...scope, folder: `${chosen}/` });
      expect(there.path.startsWith(`${chosen}/`)).toBe(true);
      expect(await readFile(there.path, 'utf8')).toContain(`> ${QUOTES[0]}`);
      expect(await call('exports.checkFolder', { path: chosen })).toEqual({ path: chosen });

      for (const [folder, code] of [[join(root, 'missing'), 'not_found'], ['chosen', 'invalid_input'], [there.path, 'invalid_input']] as const) {
        const refused = await dispatch(core.handlers, 'briefs.export', { ...scope, folder });
        expect(refused).toMatchObject({ ok: false, error: { code } });
        expect(await dispatch(core.handlers, 'exports.checkFolder', { path: folder })).toMatchObject({ ok: false, error: { code } });
      }
      await expect(stat(join(root, 'missing'))).rejects.toThrow();
      expect(await readdir(chosen)).toHaveLength(1);

      const own = await call('briefs.export', scope);
      expect(own.path.startsWith(join(root, 'exports'))).toBe(true);
    } finally {
      await core.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('every annotation of the library', () => {
  it('is gathered once and kept, until an annotation, an article or an entity changes', async () => {
    const first = await library.allAnnotations();
    expect(first.map(({ annotation }) => annotation.id)).toEqual(ids);
    first.pop();
    // A caller's changes to the list it got are its own.
    expect(await library.allAnnotations()).toHaveLength(3);

    const text = await library.loadText(articleId);
    const quote = 'Pompeo promptly continued';
    await library.createAnnotation(articleId, text.indexOf(quote), text.indexOf(quote) + quote.length, quote, {});
    expect(await library.allAnnotations()).toHaveLength(4);

    await library.updateArticle(articleId, { title: 'Renamed' });
    expect((await library.allAnnotations()).every(({ article }) => article.title === 'Renamed')).toBe(true);

    await library.deleteAnnotation(articleId, ids[0]);
    expect((await library.allAnnotations()).map(({ annotation }) => annotation.id)).not.toContain(ids[0]);
  });
});
