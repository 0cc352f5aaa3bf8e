import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/main/core/timeline';
import type { Annotation, Article, Entity } from '../../src/shared/model';

const entity = (id: string, type: Entity['type'], name: string, date: string | null = null): Entity => ({
  id, type, name, aliases: [], description: '', wikidataId: null, date, endDate: null, placeId: null, participantIds: [],
});
const article = (id: string, publishedAt: string | null): Article => ({
  id, title: `Article ${id}`, byline: null, siteName: null, url: null, publishedAt, clippedAt: '2026-11-29T00:00:00Z', lang: 'en', dir: 'ltr',
  excerpt: '', wordCount: 10, tags: [], previousVersionId: null,
  source: { fileName: 'a.txt', mediaType: 'text/plain', encoding: 'utf-8', sha256: '0'.repeat(64), size: 1 },
});
const annotation = (id: string, articleId: string, quote: string, entityIds: string[], tags: string[] = []): Annotation => ({
  id, articleId, created: '', modified: '', note: `note ${id}`, noteDoc: null, tags, color: 'yellow', entityIds, speakerId: null, anchor: 'anchored', review: null,
  target: { quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: quote.length } },
});

const entities = [
  entity('pompeo1', 'person', 'Mike Pompeo'),
  entity('kimjong', 'person', 'Kim Jong Un'),
  entity('summit1', 'event', 'Singapore summit', '2018-06-12'),
  entity('julytrip', 'event', 'Pompeo’s July 2018 visit to Pyongyang', '2018-07'),
  entity('undated', 'event', 'Some talks'),
];
const seed = article('seed01', '2018-10-08');
const nodate = article('nodate', null);
const items = [
  { article: seed, annotation: annotation('ann001', seed.id, 'gangster-like demands', ['pompeo1', 'julytrip'], ['rhetoric']) },
  { article: seed, annotation: annotation('ann002', seed.id, 'met Kim Jong Un', ['pompeo1', 'kimjong']) },
  { article: seed, annotation: annotation('ann003', seed.id, 'the June 12 summit', ['kimjong', 'summit1', 'julytrip']) },
  { article: nodate, annotation: annotation('ann004', nodate.id, 'a clip with no date', ['pompeo1'], ['rhetoric']) },
];

describe('the timeline', () => {
  it('places events on their dates and annotations on their earliest event, else their article, in time order', () => {
    const { items: out, undated } = buildTimeline(entities, items);
    expect(out.map((i) => [i.kind, i.id, i.date, i.dateFrom])).toEqual([
      ['event', 'summit1', '2018-06-12', 'event'],
      ['annotation', 'ann003', '2018-06-12', 'linked-event'],
      ['event', 'julytrip', '2018-07', 'event'],
      ['annotation', 'ann001', '2018-07', 'linked-event'],
      ['annotation', 'ann002', '2018-10-08', 'article'],
    ]);
    // The clip with no date and the undated event cannot be placed: the first is counted, the event is left out.
    expect(undated).toBe(1);
    expect(out.find((i) => i.id === 'summit1')!.endDate).toBeNull();
    expect(buildTimeline([{ ...entities[2], endDate: '2018-06-13' }], []).items[0]).toMatchObject({ date: '2018-06-12', endDate: '2018-06-13' });
    expect(out.find((i) => i.id === 'ann001')).toMatchObject({ label: 'gangster-like demands', note: 'note ann001', article: { id: 'seed01', title: 'Article seed01' } });
  });

  it('by entity: its annotations and the events they link to; an event asked for is shown itself', () => {
    expect(buildTimeline(entities, items, { entityId: 'kimjong' }).items.map((i) => i.id)).toEqual(['summit1', 'ann003', 'julytrip', 'ann002']);
    expect(buildTimeline(entities, items, { entityId: 'summit1' }).items.map((i) => i.id)).toEqual(['summit1', 'ann003', 'julytrip']);
    expect(buildTimeline(entities, items, { entityId: 'pompeo1' })).toMatchObject({ undated: 1 });
  });

  it('by tag: the tagged annotations and their events', () => {
    const { items: out, undated, tags } = buildTimeline(entities, items, { tag: 'rhetoric' });
    expect(out.map((i) => i.id)).toEqual(['julytrip', 'ann001']);
    expect(undated).toBe(1);
    // The tags to choose from are those of every annotation of the entity, not of the tag's alone.
    expect(tags).toEqual(['rhetoric']);
    expect(buildTimeline(entities, items, { entityId: 'kimjong' }).tags).toEqual([]);
  });
});
