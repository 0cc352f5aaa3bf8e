// Managing entities (issue 5): rename and edit, merge and its undo, delete with an account of what it
// unlinks, and who said a quote. On a real library in a temporary folder, reopened where it matters.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeEvents, unmergeEvents } from '../../src/main/core/entity-edits';
import { Library } from '../../src/main/core/library';
import { SearchIndex } from '../../src/main/core/search';
import { parseInput } from '../../src/shared/api';
import type { Annotation, DocNode, Entity } from '../../src/shared/model';

let dir: string;
let library: Library;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-entities-'));
  library = await Library.open(dir);
});
afterEach(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

const seedBytes = () => readFile(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));
const ACCUSED = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';
const TWEET = '“Had a good trip to #Pyongyang to meet with Chairman Kim,” Pompeo said in a tweet.';
const SEOUL = 'Pompeo spoke to reporters in Seoul on Monday.';

async function importFile(name: string, bytes: Uint8Array) {
  const [result] = await library.commitImport(await library.prepareImport([{ name, bytes }]));
  return result.article;
}

async function annotate(articleId: string, quote: string, fields: Parameters<Library['createAnnotation']>[4]) {
  const { start, end } = await library.locateQuote(articleId, quote);
  return library.createAnnotation(articleId, start, end, quote, fields);
}

/** A note that mentions an entity: "<before>@<label><after>". */
const noteWith = (entity: Entity, label: string, before: string, after: string): DocNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: before }, { type: 'mention', attrs: { id: entity.id, label } }, { type: 'text', text: after }] }],
});

/** Everything a merge touches, to compare before and after. */
async function snapshot(articleIds: string[]) {
  return {
    entities: library.listEntities(),
    relations: library.listRelations(),
    annotations: await Promise.all(articleIds.map((id) => library.listAnnotations(id))),
  };
}

const find = (list: Annotation[], id: string) => list.find((a) => a.id === id)!;

describe('editing an entity', () => {
  it('renames it, tidies its aliases and keeps names unique per type', async () => {
    const kim = await library.createEntity('person', 'Kim');
    await library.createEntity('person', 'Kim Jong Un');
    await library.createEntity('place', 'Seoul');

    const renamed = await library.updateEntity(kim.id, { name: ' Kim Yo Jong ', aliases: ['Kim', ' ', 'kim yo jong', 'Kim', 'Yo Jong'], description: 'Sister of Kim Jong Un', wikidataId: 'Q1337' });
    expect(renamed).toMatchObject({ name: 'Kim Yo Jong', aliases: ['Kim', 'Yo Jong'], description: 'Sister of Kim Jong Un', wikidataId: 'Q1337' });

    await expect(library.updateEntity(kim.id, { name: 'kim jong un' })).rejects.toMatchObject({
      code: 'duplicate',
      message: 'There is already a person named “kim jong un”.',
    });
    // Another type may have the name; renaming to its own name in other letters is no conflict.
    expect((await library.updateEntity(kim.id, { name: 'Seoul' })).name).toBe('Seoul');
    expect((await library.updateEntity(kim.id, { name: 'SEOUL' })).name).toBe('SEOUL');
    await expect(library.updateEntity(kim.id, { date: '2018-10-07' })).rejects.toMatchObject({ code: 'invalid_input', message: 'Only events carry a date, a place and participants.' });

    await library.close();
    library = await Library.open(dir);
    expect(library.getEntity(kim.id)).toMatchObject({ name: 'SEOUL', aliases: ['Kim', 'Yo Jong'], wikidataId: 'Q1337' });
  });

  it('dates events, and the contract refuses a Wikidata id that is not one', async () => {
    const visit = await library.createEntity('event', 'Pompeo visit to Pyongyang', '2018-10');
    expect((await library.updateEntity(visit.id, { date: '2018-10-07' })).date).toBe('2018-10-07');
    expect((await library.updateEntity(visit.id, { date: null, wikidataId: null })).date).toBeNull();
    expect(() => parseInput('entities.update', { id: visit.id, patch: { wikidataId: 'wd:42' } })).toThrow(/patch.wikidataId: a Wikidata id is Q followed by digits/);
    expect(() => parseInput('entities.update', { id: visit.id, patch: { name: '  ' } })).toThrow(/the name cannot be empty/);
    expect(() => parseInput('entities.update', { id: visit.id, patch: { date: 'October' } })).toThrow(/use a date like/);
  });

  it('gives an event a date range, a place and participants, each of the right kind', async () => {
    const summit = await library.createEntity('event', 'Singapore summit', '2018-06-12');
    const singapore = await library.createEntity('place', 'Singapore');
    const trump = await library.createEntity('person', 'Donald J. Trump');
    const kim = await library.createEntity('person', 'Kim Jong Un');
    const updated = await library.updateEntity(summit.id, { endDate: '2018-06-13', placeId: singapore.id, participantIds: [trump.id, kim.id, trump.id] });
    expect(updated).toMatchObject({ date: '2018-06-12', endDate: '2018-06-13', placeId: singapore.id, participantIds: [trump.id, kim.id] });
    await expect(library.updateEntity(summit.id, { endDate: '2018-06-01' })).rejects.toThrow('The end date comes after the start date.');
    await expect(library.updateEntity(summit.id, { placeId: trump.id })).rejects.toThrow('An event happens at a place.');
    await expect(library.updateEntity(summit.id, { participantIds: [singapore.id] })).rejects.toThrow('Participants are people or organisations.');
    await expect(library.updateEntity(trump.id, { placeId: singapore.id })).rejects.toThrow('Only events carry');
    await library.close();
    library = await Library.open(dir);
    expect(library.getEntity(summit.id)).toMatchObject({ endDate: '2018-06-13', placeId: singapore.id, participantIds: [trump.id, kim.id] });
  });
});

describe('merging entities', () => {
  /** Two articles; "Pompeo" (to be merged) and "Mike Pompeo" (kept) linked, speaking and mentioned across them. */
  async function setUp() {
    const seed = await importFile('diplomat-pompeo-kim-pyongyang.txt', await seedBytes());
    const seoul = await importFile('seoul.md', Buffer.from(`# Pompeo in Seoul\n\n${SEOUL}\n`));
    const kept = await library.createEntity('person', 'Mike Pompeo', null, ['Secretary Pompeo']);
    const merged = await library.createEntity('person', 'Pompeo', null, ['Mike', 'secretary pompeo']);
    const kim = await library.createEntity('person', 'Kim Jong Un');
    const tweet = await annotate(seed.id, TWEET, { entityIds: [merged.id, kim.id], speakerId: merged.id, noteDoc: noteWith(merged, 'Pompeo', 'Upbeat: ', ' met Kim.') });
    const accused = await annotate(seed.id, ACCUSED, { entityIds: [kim.id, kept.id, merged.id] });
    const inSeoul = await annotate(seoul.id, SEOUL, { entityIds: [merged.id], noteDoc: noteWith(merged, 'Pompeo', 'Then ', ' in Seoul') });
    const metKim = await library.createRelation(merged.id, kim.id, 'met with', [tweet.id]);
    const keptMetKim = await library.createRelation(kept.id, kim.id, 'Met with', [accused.id]);
    const same = await library.createRelation(kept.id, merged.id, 'is', []);
    const accuses = await library.createRelation(kim.id, merged.id, 'accuses', [accused.id]);
    return { seed, seoul, kept, merged, kim, tweet, accused, inSeoul, relations: { metKim, keptMetKim, same, accuses } };
  }

  it('moves names, links across articles, speaker, mentions and relations to the kept entity', async () => {
    const { seed, seoul, kept, merged, kim, tweet, accused, inSeoul, relations } = await setUp();
    const result = await library.mergeEntities(kept.id, merged.id);

    expect(result).toMatchObject({ id: kept.id, name: 'Mike Pompeo', aliases: ['Secretary Pompeo', 'Pompeo', 'Mike'] });
    expect(library.hasEntity(merged.id)).toBe(false);
    const [seedNow, seoulNow] = (await snapshot([seed.id, seoul.id])).annotations;
    expect(find(seedNow, tweet.id)).toMatchObject({ entityIds: [kept.id, kim.id], speakerId: kept.id, note: 'Upbeat: Pompeo met Kim.', modified: tweet.modified });
    expect(find(seedNow, tweet.id).noteDoc).toEqual(noteWith({ ...merged, id: kept.id }, 'Pompeo', 'Upbeat: ', ' met Kim.'));
    expect(find(seedNow, accused.id).entityIds).toEqual([kim.id, kept.id]);
    expect(find(seoulNow, inSeoul.id)).toMatchObject({ entityIds: [kept.id], note: 'Then Pompeo in Seoul' });

    // The same relation (whatever the letter case) gives its evidence; the one to itself goes; the others follow.
    expect(library.listRelations()).toEqual([
      { ...relations.keptMetKim, evidence: [accused.id, tweet.id] },
      { ...relations.accuses, to: kept.id },
    ]);

    // Everything is on disk, with the record of the merge.
    await library.close();
    library = await Library.open(dir);
    expect(library.getEntity(kept.id).aliases).toEqual(['Secretary Pompeo', 'Pompeo', 'Mike']);
    expect(JSON.parse(await readFile(join(dir, 'entities.json'), 'utf8')).merges).toHaveLength(1);
  });

  it('is undone exactly: the entity with its id, the kept one as it was, links, speaker, mentions, relations', async () => {
    const { seed, seoul, kept, merged } = await setUp();
    const before = await snapshot([seed.id, seoul.id]);
    await library.mergeEntities(kept.id, merged.id);
    await library.close();
    library = await Library.open(dir);

    const undone = await library.undoMerge(merged.id);
    expect(undone.entity).toEqual(merged);
    expect(undone.kept).toEqual(kept);
    expect(await snapshot([seed.id, seoul.id])).toEqual(before);
    await expect(library.undoMerge(merged.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is undone even after the annotations and the kept entity were edited since, keeping those edits', async () => {
    const { seed, seoul, kept, merged, kim, tweet, accused, inSeoul } = await setUp();
    await library.mergeEntities(kept.id, merged.id);
    // After the merge: a tag and a second mention of the kept entity in one note, the kept entity unlinked
    // from another, a new annotation of the kept one, and the kept entity renamed with an alias of its own.
    const tweetNow = find(await library.listAnnotations(seed.id), tweet.id);
    const longerNote: DocNode = {
      type: 'doc',
      content: [
        ...tweetNow.noteDoc!.content!,
        { type: 'paragraph', content: [{ type: 'text', text: 'Compare ' }, { type: 'mention', attrs: { id: kept.id, label: 'Mike Pompeo' } }] },
      ],
    };
    await library.updateAnnotation(seed.id, tweet.id, { tags: ['rhetoric'], noteDoc: longerNote });
    await library.updateAnnotation(seoul.id, inSeoul.id, { color: 'green' });
    await library.updateAnnotation(seed.id, accused.id, { entityIds: [kim.id] });
    const later = await annotate(seed.id, 'He arrived in Seoul, South Korea, in the evening', { entityIds: [kept.id] });
    await library.updateEntity(kept.id, { name: 'Michael Pompeo', aliases: [...library.getEntity(kept.id).aliases, 'Mike P.'] });

    await library.undoMerge(merged.id);

    expect(library.getEntity(kept.id)).toMatchObject({ name: 'Michael Pompeo', aliases: ['Secretary Pompeo', 'Mike P.'] });
    expect(library.getEntity(merged.id)).toEqual(merged);
    const seedNow = await library.listAnnotations(seed.id);
    const tweetAfter = find(seedNow, tweet.id);
    expect(tweetAfter).toMatchObject({ tags: ['rhetoric'], speakerId: merged.id, entityIds: [merged.id, kim.id, kept.id] });
    // The mention moved by the merge is back; the one written since stays with the kept entity.
    expect(tweetAfter.noteDoc!.content![0]).toEqual(noteWith(merged, 'Pompeo', 'Upbeat: ', ' met Kim.').content![0]);
    expect(tweetAfter.noteDoc!.content![1].content![1].attrs).toEqual({ id: kept.id, label: 'Mike Pompeo' });
    // It had both; the kept one was unlinked since: only the merged one comes back.
    expect(find(seedNow, accused.id).entityIds).toEqual([kim.id, merged.id]);
    expect(find(seedNow, later.id).entityIds).toEqual([kept.id]);
    expect(find(await library.listAnnotations(seoul.id), inSeoul.id)).toMatchObject({ color: 'green', entityIds: [merged.id] });
  });

  it('refuses entities of different types, an entity into itself, and an undo whose kept entity is gone', async () => {
    const { kept, merged, kim } = await setUp();
    const place = await library.createEntity('place', 'Pyongyang');
    await expect(library.mergeEntities(kept.id, place.id)).rejects.toMatchObject({
      code: 'invalid_input',
      message: '“Pyongyang” is a place and “Mike Pompeo” is a person: only entities of the same type can be merged.',
    });
    await expect(library.mergeEntities(kept.id, kept.id)).rejects.toMatchObject({ code: 'invalid_input' });

    await library.mergeEntities(kept.id, merged.id);
    // The merged name is free again after the merge: taken by a new entity, undo cannot bring it back.
    const other = await library.createEntity('person', 'Pompeo');
    await expect(library.undoMerge(merged.id)).rejects.toMatchObject({ code: 'duplicate' });
    await library.deleteEntity(other.id);
    await library.mergeEntities(kim.id, kept.id);
    await expect(library.undoMerge(merged.id)).rejects.toMatchObject({
      code: 'not_found',
      message: '“Mike Pompeo” was deleted or merged since, so the merge of “Pompeo” into it cannot be undone.',
    });
    // Undone in turn, it can be undone again.
    await library.undoMerge(kept.id);
    expect((await library.undoMerge(merged.id)).entity).toEqual(merged);
  });

  it('moves events’ places and participants, and puts them back', () => {
    const event = (id: string, placeId: string | null, participantIds: string[]): Entity => ({
      id, type: 'event', name: id, aliases: [], description: '', wikidataId: null, date: null, endDate: null, placeId, participantIds,
    });
    const entities = [event('event-one', 'merged', ['kim-jong', 'merged']), event('event-two', 'kept-1', ['merged', 'kept-1']), event('event-3x', null, ['kim-jong'])];
    const merged = mergeEvents(entities, 'kept-1', 'merged');
    expect(merged.entities.map((e) => [e.placeId, e.participantIds])).toEqual([
      ['kept-1', ['kim-jong', 'kept-1']],
      ['kept-1', ['kept-1']],
      [null, ['kim-jong']],
    ]);
    expect(unmergeEvents(merged.entities, merged.moves, 'kept-1', 'merged')).toEqual(entities);
  });

  it('keeps only the last 50 merges and reads entity files written before merges existed', async () => {
    await library.close();
    await writeFile(join(dir, 'entities.json'), JSON.stringify({ schemaVersion: 1, entities: [], relations: [] }));
    library = await Library.open(dir);
    const keep = await library.createEntity('organisation', 'US State Department');
    for (let i = 0; i < 51; i++) await library.mergeEntities(keep.id, (await library.createEntity('organisation', `State Dept ${i}`)).id);
    const merges = JSON.parse(await readFile(join(dir, 'entities.json'), 'utf8')).merges;
    expect(merges).toHaveLength(50);
    await expect(library.undoMerge(merges[0].merged.id)).resolves.toBeTruthy();
    expect(library.getEntity(keep.id).aliases).toHaveLength(50);
  });
});

describe('deleting an entity', () => {
  it('says what it unlinks, before and after doing it, and leaves no reference behind', async () => {
    const seed = await importFile('diplomat-pompeo-kim-pyongyang.txt', await seedBytes());
    const seoul = await importFile('seoul.md', Buffer.from(`# Pompeo in Seoul\n\n${SEOUL}\n`));
    const kim = await library.createEntity('person', 'Kim');
    const pompeo = await library.createEntity('person', 'Mike Pompeo');
    const tweet = await annotate(seed.id, TWEET, { entityIds: [pompeo.id], noteDoc: noteWith(kim, 'Kim', 'Met ', ' again.'), speakerId: kim.id });
    await annotate(seed.id, ACCUSED, { entityIds: [kim.id] });
    const inSeoul = await annotate(seoul.id, SEOUL, { speakerId: kim.id });
    await library.createRelation(pompeo.id, kim.id, 'met with', [tweet.id]);

    const account = { annotations: 3, articles: 2, speakerOf: 2, relations: 1, events: 0 };
    expect(await library.entityDeleteAccount(kim.id)).toEqual(account);
    expect(await library.deleteEntity(kim.id)).toEqual(account);

    expect(library.hasEntity(kim.id)).toBe(false);
    expect(library.listRelations()).toEqual([]);
    const tweetNow = find(await library.listAnnotations(seed.id), tweet.id);
    // The mention reads as it did, as plain words.
    expect(tweetNow).toMatchObject({ entityIds: [pompeo.id], speakerId: null, note: 'Met Kim again.' });
    expect(tweetNow.noteDoc!.content![0].content!.map((n) => n.type)).toEqual(['text', 'text', 'text']);
    expect(find(await library.listAnnotations(seoul.id), inSeoul.id).speakerId).toBeNull();
    await expect(library.entityDeleteAccount(kim.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes deleted and merged entities out of search, and puts an undone merge back', async () => {
    const search = new SearchIndex(library);
    const kim = await library.createEntity('person', 'Kim Yo Jong');
    const sister = await library.createEntity('person', 'Sister Kim');
    const entityHits = async (query: string) => (await search.search(query, {}, 10)).filter((h) => h.kind === 'entity').map((h) => h.title);
    expect(await entityHits('Kim')).toHaveLength(2);
    await library.mergeEntities(kim.id, sister.id);
    expect(await entityHits('Kim')).toEqual(['Kim Yo Jong']);
    await library.undoMerge(sister.id);
    expect(await entityHits('Sister')).toEqual(['Sister Kim']);
    await library.deleteEntity(kim.id);
    expect(await entityHits('Kim')).toEqual(['Sister Kim']);
  });
});

describe('who said a quote', () => {
  it('is a person or an organisation of the library, and can be cleared', async () => {
    const seed = await importFile('diplomat-pompeo-kim-pyongyang.txt', await seedBytes());
    const pompeo = await library.createEntity('person', 'Mike Pompeo');
    const place = await library.createEntity('place', 'Pyongyang');
    const tweet = await annotate(seed.id, TWEET, {});
    expect((await library.updateAnnotation(seed.id, tweet.id, { speakerId: pompeo.id })).speakerId).toBe(pompeo.id);
    await expect(library.updateAnnotation(seed.id, tweet.id, { speakerId: place.id })).rejects.toMatchObject({
      message: 'A quote is said by a person or an organisation, and “Pyongyang” is a place.',
    });
    await expect(library.updateAnnotation(seed.id, tweet.id, { speakerId: 'no-such-entity' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await library.updateAnnotation(seed.id, tweet.id, { speakerId: null })).speakerId).toBeNull();
  });
});
