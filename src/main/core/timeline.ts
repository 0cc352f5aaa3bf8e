// The timeline (issue #5): events on their dates, and annotations on the date of the event they are
// linked to (the earliest, if several) or else of their article, in time order.
import type { Timeline, TimelineItem } from '../../shared/api';
import type { Annotation, Article, Entity } from '../../shared/model';

export interface TimelineFilter {
  /** Only what concerns this entity: annotations linked to it, and the events those are linked to. */
  entityId?: string;
  /** Only annotations with this tag, and the events they are linked to. */
  tag?: string;
}

/** Partial dates (2018, 2018-06, 2018-06-12) compare as strings; the less precise sorts first. */
const byDate = (a: TimelineItem, b: TimelineItem) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1);

export function buildTimeline(
  entities: Entity[],
  annotations: { annotation: Annotation; article: Article }[],
  filter: TimelineFilter = {},
): Timeline {
  const events = new Map(entities.filter((e) => e.type === 'event').map((e) => [e.id, e]));
  const ofEntity = annotations.filter(
    ({ annotation }) => !filter.entityId || annotation.entityIds.includes(filter.entityId) || annotation.speakerId === filter.entityId,
  );
  const tags = [...new Set(ofEntity.flatMap(({ annotation }) => annotation.tags))].sort((a, b) => a.localeCompare(b));
  const matching = filter.tag ? ofEntity.filter(({ annotation }) => annotation.tags.includes(filter.tag!)) : ofEntity;
  const items: TimelineItem[] = [];
  let undated = 0;
  // With a filter, an event is shown when it is the entity asked for or a matching annotation links to it.
  const shownEvents = new Set<string>(filter.entityId || filter.tag ? [] : events.keys());
  if (filter.entityId && events.has(filter.entityId) && !filter.tag) shownEvents.add(filter.entityId);
  for (const { annotation, article } of matching) {
    const linkedDates = annotation.entityIds
      .map((id) => events.get(id))
      .filter((e): e is Entity => !!e)
      .map((e) => {
        shownEvents.add(e.id);
        return e.date;
      })
      .filter((d): d is string => !!d)
      .sort();
    const date = linkedDates[0] ?? article.publishedAt;
    if (!date) {
      undated++;
      continue;
    }
    items.push({
      kind: 'annotation',
      id: annotation.id,
      date,
      endDate: null,
      dateFrom: linkedDates.length ? 'linked-event' : 'article',
      label: annotation.target.quote.exact,
      note: annotation.note,
      entityIds: annotation.entityIds,
      tags: annotation.tags,
      article: { id: article.id, title: article.title },
    });
  }
  for (const id of shownEvents) {
    const event = events.get(id)!;
    if (!event.date) continue;
    items.push({ kind: 'event', id, date: event.date, endDate: event.endDate, dateFrom: 'event', label: event.name, note: event.description, entityIds: [id], tags: [], article: null });
  }
  return { items: items.sort(byDate), undated, tags };
}
