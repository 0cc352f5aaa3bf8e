import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connections, entityContext, findForms } from '../../src/main/core/entity-context';
import { Library } from '../../src/main/core/library';
import { SearchIndex } from '../../src/main/core/search';

const SEED = `${__dirname}/../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt`;
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

describe('finding the forms of a name', () => {
  it('takes whole words, the longest form first, none inside another', () => {
    const text = 'Mike Pompeo met Kim. Pompeo’s aide, not Pompeos, left; Mike\nPompeo returned.';
    expect(findForms(text, ['Pompeo', 'Mike Pompeo']).map((f) => f.text)).toEqual(['Mike Pompeo', 'Pompeo', 'Mike\nPompeo']);
  });
});

describe('an entity\'s context in a library', () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('lists the unlinked mentions of its name and aliases, the entities annotated with it, and its events in time order', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-context-'));
    const library = await Library.open(dir);
    const search = new SearchIndex(library);
    const [{ article }] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes: readFileSync(SEED) }]));
    const pompeo = await library.createEntity('person', 'Mike Pompeo', null, ['Pompeo']);
    const nk = await library.createEntity('place', 'North Korea');
    const july = await library.createEntity('event', 'Pompeo’s July 2018 visit to Pyongyang', '2018-07');
    const summit = await library.createEntity('event', 'Singapore summit', '2018-06-12');
    const talks = await library.createEntity('event', 'Talks to come');
    const text = await library.loadText(article.id);
    const at = text.indexOf(QUOTE);
    await library.createAnnotation(article.id, at, at + QUOTE.length, QUOTE, { entityIds: [pompeo.id, nk.id, july.id] });
    const summitAt = text.indexOf('June 12 summit');
    await library.createAnnotation(article.id, summitAt, summitAt + 14, 'June 12 summit', { entityIds: [pompeo.id, summit.id, talks.id, nk.id] });

    const context = await entityContext(library, search, pompeo.id, 100);
    // Nine mentions in the text, one inside the annotated passage.
    expect(context.mentions.map((m) => m.text)).toEqual(['Mike Pompeo', ...Array(7).fill('Pompeo')]);
    for (const m of context.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(context.mentions[0]).toMatchObject({ article: { id: article.id }, snippet: expect.stringContaining('Secretary of State Mike Pompeo met') });
    expect(context.moreMentions).toBe(false);
    expect(context.related.map((r) => [r.entity.name, r.shared])).toEqual([
      ['North Korea', 2], ['Pompeo’s July 2018 visit to Pyongyang', 1], ['Singapore summit', 1], ['Talks to come', 1],
    ]);
    expect(context.events.map((e) => e.name)).toEqual(['Singapore summit', 'Pompeo’s July 2018 visit to Pyongyang', 'Talks to come']);

    // A relation with its evidence, seen from both ends; checked, changed and removed.
    const [evidence] = await library.listAnnotations(article.id);
    const met = await library.createRelation(pompeo.id, nk.id, ' was accused by ', [evidence.id]);
    expect(met).toMatchObject({ label: 'was accused by', evidence: [evidence.id] });
    expect((await entityContext(library, search, pompeo.id, 1)).relations).toEqual([{ relation: met, other: nk, outgoing: true }]);
    expect((await entityContext(library, search, nk.id, 1)).relations).toEqual([{ relation: met, other: library.getEntity(pompeo.id), outgoing: false }]);
    await expect(library.createRelation(pompeo.id, pompeo.id, 'is', [])).rejects.toThrow('two different entities');
    await expect(library.createRelation(pompeo.id, nk.id, 'met', ['nosuchannotation'])).rejects.toThrow('No annotation with id nosuchannotation');
    expect(await library.updateRelation(met.id, { label: 'accused by' })).toMatchObject({ label: 'accused by', evidence: [evidence.id] });
    await library.deleteRelation(met.id);
    expect(library.listRelations(pompeo.id)).toEqual([]);

    const limited = await entityContext(library, search, pompeo.id, 3);
    expect([limited.mentions.length, limited.moreMentions]).toEqual([3, true]);
    await library.close();
  });

  it('counts among its events those it took part in or that happened there', () => {
    const e = (id: string, type: 'person' | 'place' | 'event', fields: object = {}) =>
      ({ id, type, name: id, aliases: [], description: '', wikidataId: null, date: null, endDate: null, placeId: null, participantIds: [], ...fields });
    const summit = e('summit', 'event', { date: '2018-06-12', endDate: '2018-06-13', participantIds: ['trumpp'], placeId: 'singap' });
    const talks = e('talkss', 'event', { date: '2018-05', participantIds: ['trumpp'] });
    const all = [e('trumpp', 'person'), e('singap', 'place'), summit, talks];
    expect(connections(all[0], all, []).events.map((x) => x.id)).toEqual(['talkss', 'summit']);
    expect(connections(all[1], all, []).events.map((x) => x.id)).toEqual(['summit']);
  });

  it('counts a speaker as a connection too', () => {
    const e = (id: string) => ({ id, type: 'person' as const, name: id, aliases: [], description: '', wikidataId: null, date: null, endDate: null, placeId: null, participantIds: [] });
    const annotation = { entityIds: ['bbbbbb'], speakerId: 'aaaaaa' } as never;
    expect(connections(e('aaaaaa'), [e('aaaaaa'), e('bbbbbb')], [annotation]).related.map((r) => r.entity.id)).toEqual(['bbbbbb']);
  });
});
