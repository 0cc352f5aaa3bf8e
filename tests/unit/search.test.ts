// Search over a real library on disk: words, phrases, prefixes, filters, and updates as the library changes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { parseQuery } from '../../src/main/core/search';
import { dispatch } from '../../src/main/core/dispatch';
import { unwrap, type Input, type MethodName, type Output } from '../../src/shared/api';

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

let dir: string;
let core: Core;
let seedId: string;
let bbcId: string;

async function call<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> {
  return unwrap((await dispatch(core.handlers, name, input)) as never) as Output<M>;
}
const search = (query: string, filters: Input<'search.query'>['filters'] = {}) => call('search.query', { query, filters });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-search-'));
  core = await openCore({ libraryDir: dir });
  const files = [
    { name: 'diplomat.txt', data: (await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'))).toString('base64') },
    { name: 'bbc.html', data: (await readFile(shared('corpus/readability/bbc-1/source.html'))).toString('base64') },
    { name: 'heise.html', data: (await readFile(shared('corpus/readability/heise/source.html'))).toString('base64') },
  ];
  const outcomes = await call('articles.import', { files });
  [seedId, bbcId] = outcomes.map((o) => (o.ok ? o.article.id : ''));
  await call('articles.update', { id: seedId, patch: { siteName: 'The Diplomat', publishedAt: '2018-10-08' } });
});

afterAll(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('search', () => {
  it('parses quoted phrases apart from words', () => {
    expect(parseQuery('"gangster-like" demands')).toEqual({ phrases: ['gangster-like'], words: 'gangster-like  demands' });
  });

  it('finds an article by a word of its body and opens at the passage', async () => {
    const [hit] = await search('gangster');
    expect(hit).toMatchObject({ kind: 'article', id: seedId });
    const { text } = await call('articles.get', { id: seedId });
    expect(text.slice(hit.match!.start, hit.match!.end).toLowerCase()).toBe('gangster');
    expect(hit.snippet).toContain('gangster-like');
  });

  it('finds phrases and two-word queries, and not documents that only have the words apart', async () => {
    expect((await search('"gangster-like demands"')).map((h) => h.id)).toEqual([seedId]);
    expect(await search('"demands gangster-like"')).toEqual([]);
    const both = await search('Obama gun');
    expect(both[0]).toMatchObject({ id: bbcId });
    expect(both.some((h) => h.id === seedId)).toBe(false);
  });

  it('expands the last word as a prefix while typing', async () => {
    expect((await search('Pyongy')).map((h) => h.id)).toContain(seedId);
  });

  it('filters by site and date', async () => {
    expect((await search('Pompeo', { site: 'the diplomat' })).map((h) => h.id)).toEqual([seedId]);
    expect(await search('Pompeo', { site: 'BBC News' })).toEqual([]);
    expect((await search('Pompeo', { from: '2018-10', to: '2018-10' })).map((h) => h.id)).toEqual([seedId]);
    expect(await search('Pompeo', { from: '2019' })).toEqual([]);
  });

  it('follows annotations and entities as they are made, changed and deleted', async () => {
    const person = await call('entities.create', { type: 'person', name: 'Mike Pompeo' });
    expect((await search('Mike Pompeo')).some((h) => h.kind === 'entity' && h.id === person.id)).toBe(true);
    const { text } = await call('articles.get', { id: seedId });
    const start = text.indexOf(QUOTE);
    const annotation = await call('annotations.create', {
      articleId: seedId, start, end: start + QUOTE.length, exact: QUOTE, note: 'Rhetorical escalation', tags: ['rhetoric'], entityIds: [person.id],
    });
    const [hit] = await search('escalation');
    expect(hit).toMatchObject({ kind: 'annotation', id: annotation.id, articleId: seedId, match: { start, end: start + QUOTE.length } });
    expect((await search('gangster', { hasAnnotations: true })).map((h) => h.id)).toContain(seedId);
    expect((await search('Obama', { hasAnnotations: true }))).toEqual([]);
    expect((await search('gangster', { entityId: person.id })).map((h) => h.kind).sort()).toEqual(['annotation', 'article']);
    expect((await search('gangster', { tag: 'rhetoric' })).length).toBeGreaterThan(0);
    expect(await search('gangster', { tag: 'other' })).toEqual([]);

    await call('annotations.update', { articleId: seedId, id: annotation.id, patch: { note: 'Threat language' } });
    expect(await search('escalation')).toEqual([]);
    expect((await search('threat language')).map((h) => h.id)).toContain(annotation.id);
    await call('annotations.delete', { articleId: seedId, id: annotation.id });
    expect((await search('threat language')).map((h) => h.id)).not.toContain(annotation.id);
  });

  it('finds a renamed article by its new title', async () => {
    await call('articles.update', { id: bbcId, patch: { title: 'Presidential frustration over firearms' } });
    expect((await search('firearms'))[0]).toMatchObject({ id: bbcId, title: 'Presidential frustration over firearms' });
  });

  it('refuses an empty query with a clear message', async () => {
    const result = await dispatch(core.handlers, 'search.query', { query: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('type something') } });
  });

  it('finds a hit ranked below the first candidates when a filter turns those away', async () => {
    // Forty articles with the word in their title rank above the one that has it in its body only, and
    // that one alone passes the filter: the engine is asked for more than its first answer.
    const files = Array.from({ length: 40 }, (_, i) => ({
      name: `keeper-${i}.txt`,
      data: Buffer.from(`Lighthouse keeper log ${i}\n\nThe lamp was lit at dusk on day ${i}.`).toString('base64'),
    }));
    files.push({ name: 'harbour.txt', data: Buffer.from('Harbour notes\n\nA note on the old lighthouse at the end of the pier.').toString('base64') });
    const outcomes = await call('articles.import', { files });
    const harbour = outcomes.at(-1)!;
    if (!harbour.ok) throw new Error('the harbour article was not imported');
    await call('articles.update', { id: harbour.article.id, patch: { siteName: 'Harbour Gazette' } });
    expect((await call('search.query', { query: 'lighthouse ', filters: {}, limit: 50 })).map((h) => h.id).at(-1)).toBe(harbour.article.id);
    const filtered = await call('search.query', { query: 'lighthouse ', filters: { site: 'Harbour Gazette' }, limit: 1 });
    expect(filtered.map((h) => h.id)).toEqual([harbour.article.id]);
  });
});
