import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeBrief } from '../../src/main/core/briefs';
import { Library } from '../../src/main/core/library';

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
