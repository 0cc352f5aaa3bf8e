// An entity's connections for its page (issue #5): where the library names it without a link (found with the
// search index, then confirmed in each article's text), the entities annotated with it, and its events.
import type { EntityContext, UnlinkedMention } from '../../shared/api';
import type { Annotation, Article, Entity } from '../../shared/model';
import type { Library } from './library';
import { snippet, type SearchIndex } from './search';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every whole-word occurrence of the forms in `text`, the longest form first, none inside another. */
export function findForms(text: string, forms: string[]): { start: number; end: number; text: string }[] {
  const found: { start: number; end: number; text: string }[] = [];
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(form).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!found.some((f) => start < f.end && f.start < end)) found.push({ start, end, text: match[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The entities annotated together with `entity`, most shared first, and the events among them in time order. */
export function connections(entity: Entity, entities: Entity[], annotations: Annotation[]): Pick<EntityContext, 'related' | 'events'> {
  const shared = new Map<string, number>();
  for (const a of annotations) {
    const ids = new Set([...a.entityIds, ...(a.speakerId ? [a.speakerId] : [])]);
    if (!ids.has(entity.id)) continue;
    for (const id of ids) if (id !== entity.id) shared.set(id, (shared.get(id) ?? 0) + 1);
  }
  const byId = new Map(entities.map((e) => [e.id, e]));
  const related = [...shared]
    .filter(([id]) => byId.has(id))
    .map(([id, count]) => ({ entity: byId.get(id)!, shared: count }))
    .sort((a, b) => b.shared - a.shared || a.entity.name.localeCompare(b.entity.name));
  // Its events: those annotated with it, and those it took part in or that happened there.
  const takesPart = entities.filter((e) => e.type === 'event' && (e.placeId === entity.id || e.participantIds.includes(entity.id)));
  const events = [...new Map([...related.map((r) => r.entity), ...takesPart].map((e) => [e.id, e])).values()]
    .filter((e) => e.type === 'event')
    .sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.name.localeCompare(b.name));
  return { related, events };
}

export async function entityContext(library: Library, search: SearchIndex, id: string, mentionLimit: number): Promise<EntityContext> {
  const entity = library.getEntity(id);
  const forms = [entity.name, ...entity.aliases].filter((f) => /[\p{L}\p{N}]{2}/u.test(f));
  const all = await library.allAnnotations();
  const { related, events } = connections(entity, library.listEntities(), all.map((a) => a.annotation));

  // Articles that may name it: the index's phrase search for each form, then the text itself decides.
  const articleIds = new Set<string>();
  for (const form of forms) {
    for (const hit of await search.search(`"${form.replace(/"/g, ' ')}"`, {}, 500)) if (hit.kind === 'article' && hit.articleId) articleIds.add(hit.articleId);
  }
  const mentions: UnlinkedMention[] = [];
  let more = false;
  const articles = library.articles().filter((a: Article) => articleIds.has(a.id));
  for (const article of articles) {
    const text = await library.loadText(article.id);
    // A mention inside a passage already annotated with the entity is linked.
    const linked = (await library.listAnnotations(article.id))
      .filter((a) => a.anchor !== 'orphaned' && (a.entityIds.includes(id) || a.speakerId === id))
      .map((a) => a.target.position);
    for (const m of findForms(text, forms)) {
      if (linked.some((p) => p.start <= m.start && m.end <= p.end)) continue;
      if (mentions.length === mentionLimit) {
        more = true;
        break;
      }
      mentions.push({ article: { id: article.id, title: article.title }, ...m, snippet: snippet(text, m.start, m.end) });
    }
    if (more) break;
  }
  const byId = new Map(library.listEntities().map((e) => [e.id, e]));
  const relations = library
    .listRelations(id)
    .map((relation) => ({ relation, other: byId.get(relation.from === id ? relation.to : relation.from)!, outgoing: relation.from === id }))
    .filter((r) => r.other);
  return { mentions, moreMentions: more, related, events, relations };
}
