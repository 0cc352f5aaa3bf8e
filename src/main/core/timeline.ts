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

/** When an annotation is about: the earliest date of the events it is linked to, else its article's date. */
export function annotationDate(
  annotation: Annotation,
  article: Article,
  events: Map<string, Entity>,
): { date: string; from: 'linked-event' | 'article' } | null {
  const linked = annotation.entityIds.map((id) => events.get(id)?.date).filter((d): d is string => !!d).sort();
  if (linked.length) return { date: linked[0], from: 'linked-event' };
  return article.publishedAt ? { date: article.publishedAt, from: 'article' } : null;
}

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
    for (const id of annotation.entityIds) if (events.has(id)) shownEvents.add(id);
    const dated = annotationDate(annotation, article, events);
    if (!dated) {
      undated++;
      continue;
    }
    items.push({
      kind: 'annotation',
      id: annotation.id,
      date: dated.date,
      endDate: null,
      dateFrom: dated.from,
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
