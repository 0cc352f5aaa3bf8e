import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/main/core/suggest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import type { Entity } from '../../src/shared/model';

const SHARED = `${__dirname}/../../../shared`;

async function textOf(path: string): Promise<string> {
  const article = await extractArticle({ fileName: path.split('/').pop()!, bytes: readFileSync(path) });
  return canonicalText(article.doc);
}

const seedText = await textOf(`${SHARED}/fixtures/diplomat-pompeo-kim-pyongyang.txt`);
// What ../shared/fixtures/README.md says the seed article names.
const SEED_PEOPLE = ['Mike Pompeo', 'Kim Jong Un', 'Stephen Biegun', 'Kim Yo Jong', 'Kim Song Hye', 'Shinzo Abe', 'Kim Yong Chol', 'Donald J. Trump', 'Moon Jae-in', 'Mike Pence'];
const SEED_PLACES = ['Pyongyang', 'Tokyo', 'Seoul', 'Beijing', 'Singapore', 'Japan', 'South Korea', 'North Korea'];

const entity = (fields: Partial<Entity> & Pick<Entity, 'type' | 'name'>): Entity => ({
  id: `id${fields.name.replace(/\W/g, '')}`, aliases: [], description: '', wikidataId: null, date: null, ...fields,
});

describe('suggestions on the seed article', () => {
  const { names } = suggest(seedText, { publishedAt: null, entities: [] });
  const people = names.filter((s) => s.type === 'person');
  const places = names.filter((s) => s.type === 'place');

  it('name at least 9 of its 10 people and every place, with at most 3 wrong people', () => {
    const found = SEED_PEOPLE.filter((p) => people.some((s) => s.name === p));
    expect(found.length, `found ${found.join(', ')}`).toBeGreaterThanOrEqual(9);
    const wrong = people.filter((s) => !SEED_PEOPLE.includes(s.name) && s.ambiguousWith.length === 0);
    expect(wrong.map((s) => s.name).length, wrong.map((s) => s.name).join(', ')).toBeLessThanOrEqual(3);
    for (const place of SEED_PLACES) expect(places.map((s) => s.name)).toContain(place);
  });

  it('group "Pompeo" with "Mike Pompeo", and every mention is the text at its place', () => {
    const pompeo = people.find((s) => s.name === 'Mike Pompeo')!;
    expect(pompeo.variants).toContain('Pompeo');
    expect(pompeo.mentions.length).toBeGreaterThanOrEqual(8);
    for (const s of names) for (const m of s.mentions) expect(seedText.slice(m.start, m.end)).toBe(m.text);
  });

  it('leave "Kim" alone on its own, ambiguous between the four Kims, never folded into Kim Jong Un', () => {
    const kim = people.find((s) => s.name === 'Kim')!;
    expect(kim.ambiguousWith.sort()).toEqual(['Kim Jong Un', 'Kim Song Hye', 'Kim Yo Jong', 'Kim Yong Chol']);
    const kju = people.find((s) => s.name === 'Kim Jong Un')!;
    expect(kju.variants).not.toContain('Kim');
    // "Chairman Kim" is counted with the ambiguous Kim, and its mention covers the name only.
    expect(kim.mentions.every((m) => m.text === 'Kim')).toBe(true);
  });

  it('do not take the words after a name for part of it, nor a title for a name', () => {
    const all = names.map((s) => s.name);
    expect(all.filter((n) => /Encounter|Chairman|President|Secretary|State Mike/.test(n))).toEqual([]);
    expect(all).not.toContain('Korea');
  });

  it('say which suggestions the library already knows, by name or alias, and leave out rejected ones', () => {
    const known = [entity({ type: 'person', name: 'Pompeo, Mike', aliases: ['Mike Pompeo'] }), entity({ type: 'place', name: 'Pyongyang' })];
    const result = suggest(seedText, { publishedAt: null, entities: known, rejected: ['person:kim', 'place:asia'] });
    expect(result.names.find((s) => s.name === 'Mike Pompeo')!.entityId).toBe(known[0].id);
    expect(result.names.find((s) => s.name === 'Pyongyang')!.entityId).toBe(known[1].id);
    expect(result.names.find((s) => s.name === 'Kim Jong Un')!.entityId).toBeNull();
    expect(result.names.map((s) => s.key)).not.toContain('person:kim');
    expect(result.names.map((s) => s.key)).not.toContain('place:asia');
  });
});

describe('dates, resolved against the publication date', () => {
  it('leave relative dates unresolved while the article has no date', () => {
    const { dates, datesResolved } = suggest(seedText, { publishedAt: null, entities: [] });
    expect(datesResolved).toBe(false);
    expect(dates.find((d) => d.span.text === 'on Sunday')!.date).toBeNull();
  });

  it('make "on Sunday" a day, "June 12" a day and "early July" a month once it has one', () => {
    const { dates } = suggest(seedText, { publishedAt: '2018-10-08', entities: [] });
    const byText = (t: string) => dates.filter((d) => d.span.text === t).map((d) => d.date);
    expect(byText('on Sunday')).toEqual(['2018-10-07', '2018-10-07']);
    expect(byText('June 12')).toEqual(['2018-06-12']);
    expect(byText('July')).toEqual(['2018-07']);
    expect(byText('August')).toEqual(['2018-08']);
    for (const d of dates) expect(seedText.slice(d.span.start, d.span.end)).toBe(d.span.text);
    expect(dates.find((d) => d.span.text === 'June 12')!.sentence).toMatch(/^Pompeo had last traveled to North Korea in early July.*Trump\.$/);
  });

  it('keep a written year, and take no time of day for a date', () => {
    const { dates } = suggest('They met on 3 March 2015 in the evening, and again in March 2016.', { publishedAt: null, entities: [] });
    expect(dates.map((d) => [d.span.text, d.date])).toEqual([['on 3 March 2015', '2015-03-03'], ['March 2016', '2016-03']]);
  });
});

describe('suggestions on real articles nobody labelled', () => {
  it('a BBC page: "Mr Obama" and "Obama" are Barack Obama', async () => {
    const text = await textOf(`${SHARED}/corpus/readability/bbc-1/source.html`);
    const { names } = suggest(text, { publishedAt: null, entities: [] });
    const obama = names.filter((s) => s.type === 'person' && /Obama/.test(s.name));
    expect(obama.map((s) => s.name)).toEqual(['Barack Obama']);
    expect(obama[0].variants).toContain('Obama');
  });

  it('a NYT page: a family name keeps its particle and drops its article', async () => {
    const text = await textOf(`${SHARED}/corpus/readability/nytimes-1/source.html`);
    const { names } = suggest(text, { publishedAt: null, entities: [] });
    expect(names.some((s) => s.name === 'Osama bin Laden')).toBe(true);
    expect(names.some((s) => s.name === 'Laden')).toBe(false);
  });
});
