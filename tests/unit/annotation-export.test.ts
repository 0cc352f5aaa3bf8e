// Annotations exported for other tools: W3C Web Annotation JSON-LD whose selectors anchor back to the exact
// words, and CSV that a CSV parser reads back field for field, with formulas from clipped pages disarmed.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { CSV_COLUMNS, csvField } from '../../src/main/core/annotation-export';
import { anchorTarget } from '../../src/shared/selectors';

const seed = readFileSync(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));
const QUOTES = [
  'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.',
  'U.S. Secretary of State Mike Pompeo met North Korean leader Kim Jong Un',
];

let dir: string;
let core: Core;
let articleId: string;
let text: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-export-'));
  core = await openCore({ libraryDir: join(dir, 'library') });
  const [outcome] = await core.handlers['articles.import']({ files: [{ name: 'diplomat.txt', data: seed.toString('base64') }] });
  if (!outcome.ok) throw new Error(outcome.error.message);
  articleId = outcome.article.id;
  ({ text } = await core.handlers['articles.get']({ id: articleId }));
  const pompeo = await core.handlers['entities.create']({ type: 'person', name: 'Mike Pompeo' });
  const notes = ['Their words, "gangster-like", after the visit;\nsecond line.', '=HYPERLINK("https://evil.example","click")'];
  for (const [i, quote] of QUOTES.entries()) {
    const start = text.indexOf(quote);
    await core.handlers['annotations.create']({
      articleId,
      start,
      end: start + quote.length,
      exact: quote,
      note: notes[i],
      tags: i === 0 ? ['rhetoric', 'north-korea'] : [],
      color: 'yellow',
      entityIds: [pompeo.id],
    });
  }
});

afterAll(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('W3C Web Annotation JSON-LD', () => {
  test('one collection; each annotation’s selectors anchor to exactly its words in the article', async () => {
    const { text: json, count, mediaType } = await core.handlers['annotations.export']({ format: 'jsonld' });
    expect(count).toBe(2);
    expect(mediaType).toBe('application/ld+json');
    const collection = JSON.parse(json);
    expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 2 });
    const items = collection.first.items as { type: string; motivation: string; body: { purpose: string; value: string }[]; target: { source: string; selector: { type: string }[] } }[];
    expect(items.map((a) => a.type)).toEqual(['Annotation', 'Annotation']);
    for (const item of items) {
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector') as unknown as { exact: string; prefix: string; suffix: string };
      const position = item.target.selector.find((s) => s.type === 'TextPositionSelector') as unknown as { start: number; end: number };
      expect(QUOTES).toContain(quote.exact);
      expect(text.slice(position.start, position.end)).toBe(quote.exact);
      // Another tool anchoring by the quote alone finds the same words.
      const anchored = anchorTarget(text, { quote: { type: 'TextQuoteSelector', ...quote }, position: { type: 'TextPositionSelector', ...position } });
      expect(anchored.status).toBe('anchored');
      expect(item.target.source).toBe(`urn:dossier:article:${articleId}`);
      expect(item.motivation).toBe('commenting');
      expect(item.body).toContainEqual(expect.objectContaining({ purpose: 'identifying', value: 'Mike Pompeo' }));
    }
    // In text order: the meeting comes before the statement.
    expect(items[1].body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'rhetoric' });
  });

  test('only the articles asked for; an unknown article is refused', async () => {
    expect((await core.handlers['annotations.export']({ format: 'jsonld', articleIds: [articleId] })).count).toBe(2);
    await expect(core.handlers['annotations.export']({ format: 'jsonld', articleIds: ['nosuchid1'] })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('CSV', () => {
  test('a CSV parser reads every field back as it was: quotes, commas, line breaks, curly quotes', async () => {
    const { text: csv, mediaType } = await core.handlers['annotations.export']({ format: 'csv' });
    expect(mediaType).toBe('text/csv');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r.quote).sort()).toEqual([...QUOTES].sort());
    const statement = rows.find((r) => r.quote === QUOTES[0])!;
    expect(statement.note).toBe('Their words, "gangster-like", after the visit;\nsecond line.');
    expect(statement.tags).toBe('rhetoric; north-korea');
    expect(statement.entities).toBe('Mike Pompeo');
    expect(text.slice(Number(statement.start), Number(statement.end))).toBe(QUOTES[0]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  test('text a spreadsheet would run as a formula is disarmed with an apostrophe', async () => {
    const rows = parse((await core.handlers['annotations.export']({ format: 'csv' })).text, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.quote === QUOTES[1])!.note).toBe(`'=HYPERLINK("https://evil.example","click")`);
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvField(formula).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField('plain words')).toBe('plain words');
  });
});
