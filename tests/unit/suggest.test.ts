import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../src/main/core/library';
import { suggest } from '../../src/main/core/suggest';
import { Suggester } from '../../src/main/core/suggestions';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import type { Suggestions } from '../../src/shared/api';
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
  id: `id${fields.name.replace(/\W/g, '')}`, aliases: [], description: '', wikidataId: null, date: null, endDate: null, placeId: null, participantIds: [], ...fields,
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
    expect(kim.ambiguousWith).toEqual(['Kim Jong Un', 'Kim Song Hye', 'Kim Yo Jong', 'Kim Yong Chol']);
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

  it('say which suggestions the library already knows, by name or alias, and what the user decided', () => {
    const known = [
      entity({ type: 'person', name: 'Pompeo, Mike', aliases: ['Mike Pompeo'] }),
      entity({ type: 'place', name: 'Pyongyang' }),
      entity({ type: 'person', name: 'Kim Jong Un', aliases: ['Kim'] }),
      entity({ type: 'place', name: 'Asia' }),
    ];
    const result = suggest(seedText, { publishedAt: null, entities: known, decisions: { 'person:kim yo jong': known[2].id, 'place:asia': null, 'place:tokyo': 'idGone' } });
    const byName = (name: string) => result.names.find((s) => s.name === name)!;
    expect([byName('Mike Pompeo').status, byName('Mike Pompeo').entityId]).toEqual(['known', known[0].id]);
    expect([byName('Pyongyang').status, byName('Pyongyang').entityId]).toEqual(['known', known[1].id]);
    expect([byName('Kim Yo Jong').status, byName('Kim Yo Jong').entityId]).toEqual(['linked', known[2].id]);
    expect([byName('Asia').status, byName('Asia').entityId]).toEqual(['rejected', null]);
    // A decision for an entity since deleted counts for nothing.
    expect([byName('Tokyo').status, byName('Tokyo').entityId]).toEqual(['new', null]);
    // "Kim" is an alias of Kim Jong Un, but the ambiguous Kim is not matched through it.
    expect([byName('Kim').status, byName('Kim').entityId]).toEqual(['new', null]);
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
    expect(names.find((s) => s.name === 'Omar Hassan al-Bashir')!.variants).toContain('Bashir');
    expect(names.some((s) => s.name === 'Bashir')).toBe(false);
  });

  it('an AEB page: "McConnell" is one word, and a party is no first name', async () => {
    const text = await textOf(`${SHARED}/corpus/aeb/04a6711caa7c/source.html`);
    const people = suggest(text, { publishedAt: null }).names.filter((s) => s.type === 'person').map((s) => s.name);
    expect(people).toEqual(expect.arrayContaining(['Mitch McConnell', 'Phil Bryant', 'Matt Bevin', 'Andy Beshear']));
    expect(people.filter((p) => /Republican|Mitch Mc$/.test(p))).toEqual([]);
  });

  it('a CityLab page: "Miranda" is Luis de Miranda, and "Claude" fits two people', async () => {
    const text = await textOf(`${SHARED}/corpus/readability/citylab-1/source.html`);
    const people = suggest(text, { publishedAt: null }).names.filter((s) => s.type === 'person');
    expect(people.find((s) => s.name === 'Luis de Miranda')!.variants).toContain('Miranda');
    expect(people.some((s) => s.name === 'Miranda')).toBe(false);
    expect(people.find((s) => s.name === 'Claude')!.ambiguousWith).toEqual(['Claude Debussy', 'Georges Claude']);
  });

  it('Le Monde, in French: the people, and no short word taken for a place', async () => {
    const text = await textOf(`${SHARED}/corpus/readability/lemonde-1/source.html`);
    const { names } = suggest(text, { publishedAt: null });
    expect(names.filter((s) => s.type === 'person').map((s) => s.name)).toContain('Christian Paul');
    expect(names.filter((s) => s.type === 'place').map((s) => s.name)).not.toContain('Que');
  });
});

describe('working through an article\'s suggestions in a library', () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function seeded() {
    dir = await mkdtemp(join(tmpdir(), 'dossier-suggest-'));
    const library = await Library.open(dir);
    const seed = `${SHARED}/fixtures/diplomat-pompeo-kim-pyongyang.txt`;
    const [{ article }] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes: readFileSync(seed) }]));
    return { library, suggester: new Suggester(library), articleId: article.id };
  }
  const find = (s: Suggestions, name: string) => s.names.find((n) => n.name === name)!;

  it('accepting makes the entity with its aliases; mapping adds the forms; rejecting and resetting are kept', async () => {
    const { library, suggester, articleId } = await seeded();
    let s = await suggester.list(articleId);
    s = await suggester.accept(articleId, find(s, 'Mike Pompeo').key);
    const pompeo = library.findEntity('person', 'Mike Pompeo')!;
    expect(pompeo.aliases).toEqual(['Pompeo']);
    expect(find(s, 'Mike Pompeo')).toMatchObject({ status: 'linked', entityId: pompeo.id });

    const kju = await library.createEntity('person', 'Kim Jong-un');
    s = await suggester.map(articleId, find(s, 'Kim Jong Un').key, kju.id);
    expect(library.getEntity(kju.id).aliases).toEqual(['Kim Jong Un']);
    // The ambiguous Kim may be mapped in this article, but "Kim" does not become an alias of anyone.
    s = await suggester.map(articleId, find(s, 'Kim').key, kju.id);
    expect(find(s, 'Kim')).toMatchObject({ status: 'linked', entityId: kju.id });
    expect(library.getEntity(kju.id).aliases).toEqual(['Kim Jong Un']);
    await expect(suggester.map(articleId, find(s, 'Seoul').key, kju.id)).rejects.toThrow('“Kim Jong-un” is a person; this suggestion is a place.');

    s = await suggester.reject(articleId, find(s, 'Asia').key);
    expect(find(s, 'Asia').status).toBe('rejected');
    s = await suggester.accept(articleId, find(s, 'Seoul').key, 'Seoul, South Korea');
    expect(library.findEntity('place', 'Seoul, South Korea')!.aliases).toEqual(['Seoul']);

    await library.close();
    const reopened = await Library.open(dir);
    const again = await new Suggester(reopened).list(articleId);
    expect(find(again, 'Asia').status).toBe('rejected');
    expect(find(again, 'Kim Jong Un')).toMatchObject({ status: 'linked', entityId: kju.id });
    const reset = await new Suggester(reopened).reset(articleId, find(again, 'Asia').key);
    expect(find(reset, 'Asia').status).toBe('new');
    await reopened.close();
  });

  it('a date becomes an event of that day once the article has its date; it must be named', async () => {
    const { library, suggester, articleId } = await seeded();
    await library.updateArticle(articleId, { publishedAt: '2018-10-08' });
    let s = await suggester.list(articleId);
    const sunday = s.dates.find((d) => d.span.text === 'on Sunday')!;
    expect(sunday.date).toBe('2018-10-07');
    await expect(suggester.accept(articleId, sunday.key)).rejects.toThrow('Name the event');
    s = await suggester.accept(articleId, sunday.key, 'Pompeo–Kim meeting in Pyongyang');
    const event = library.findEntity('event', 'Pompeo–Kim meeting in Pyongyang')!;
    expect(event.date).toBe('2018-10-07');
    expect(s.dates.find((d) => d.key === sunday.key)).toMatchObject({ status: 'linked', entityId: event.id });
    await library.close();
  });
});
