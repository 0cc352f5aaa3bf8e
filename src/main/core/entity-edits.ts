// What merging or deleting an entity does to everything that names it (annotations and the @-mentions in
// their notes, events, relations), and how a merge is undone. Pure functions over the library's data: the
// library saves what they return. Undo works on the data as it is by then, so that edits made after the
// merge survive it; on data left as the merge made it, it gives back exactly what was there before.
import type { Annotation, DocNode, Entity, MergeRecord, MovedId, Relation } from '../../shared/model';
import { MENTION_NODE, mentionedEntityIds, noteText } from '../../shared/note';

/** `ids` with `from` replaced by `to`, or dropped where `to` is there already; null when `from` is not there. */
export function replaceId(ids: string[], from: string, to: string): { ids: string[]; moved: MovedId } | null {
  const index = ids.indexOf(from);
  if (index === -1) return null;
  const hadKept = ids.includes(to);
  return { ids: hadKept ? ids.filter((id) => id !== from) : ids.map((id) => (id === from ? to : id)), moved: { index, hadKept } };
}

/** Puts `from` back where replaceId took it: in place of `to` when `to` came with the merge, else at its old place. */
export function restoreId(ids: string[], from: string, to: string, moved: MovedId): string[] {
  if (ids.includes(from)) return ids;
  if (!moved.hadKept && ids.includes(to)) return ids.map((id) => (id === to ? from : id));
  return [...ids.slice(0, moved.index), from, ...ids.slice(moved.index)];
}

/** The note with each mention node replaced by what `map` makes of it (null removes it). */
function mapMentions(doc: DocNode, map: (mention: DocNode) => DocNode | null): DocNode {
  const visit = (node: DocNode): DocNode | null => {
    if (node.type === MENTION_NODE) return map(node);
    if (!node.content) return node;
    return { ...node, content: node.content.map(visit).filter((child): child is DocNode => child !== null) };
  };
  return visit(doc) ?? doc;
}

const mentions = (node: DocNode, id: string) => node.attrs?.id === id;
const labelOf = (node: DocNode) => String(node.attrs?.label ?? '');

/** The note with its mentions of `from` pointing at `to`, still reading as written; the labels of those moved. */
export function moveMentions(doc: DocNode, from: string, to: string): { doc: DocNode; labels: string[] } {
  const labels: string[] = [];
  const moved = mapMentions(doc, (node) => {
    if (!mentions(node, from)) return node;
    labels.push(labelOf(node));
    return { ...node, attrs: { ...node.attrs, id: to } };
  });
  return { doc: moved, labels };
}

/** Mentions of `to` that read as one of `labels` point at `from` again, each label as often as it was moved:
 * mentions of `to` written since the merge read as its own name, not the merged one's. */
export function restoreMentions(doc: DocNode, from: string, to: string, labels: string[]): DocNode {
  const left = [...labels];
  return mapMentions(doc, (node) => {
    const at = mentions(node, to) ? left.indexOf(labelOf(node)) : -1;
    if (at === -1) return node;
    left.splice(at, 1);
    return { ...node, attrs: { ...node.attrs, id: from } };
  });
}

/** The note with its mentions of `id` turned into the plain words they read as. */
export function unmention(doc: DocNode, id: string): DocNode {
  return mapMentions(doc, (node) => {
    if (!mentions(node, id)) return node;
    const text = labelOf(node);
    return text ? { type: 'text', text, ...(node.marks ? { marks: node.marks } : {}) } : null;
  });
}

export type AnnotationMove = MergeRecord['annotations'][number];

/** The annotation with every reference to `mergeId` moved to `keepId`, and what moved; null when it has none. */
export function mergeAnnotation(a: Annotation, keepId: string, mergeId: string): { annotation: Annotation; move: AnnotationMove } | null {
  const link = replaceId(a.entityIds, mergeId, keepId);
  const speaker = a.speakerId === mergeId;
  const note = a.noteDoc ? moveMentions(a.noteDoc, mergeId, keepId) : null;
  const labels = note?.labels ?? [];
  if (!link && !speaker && labels.length === 0) return null;
  return {
    annotation: {
      ...a,
      entityIds: link?.ids ?? a.entityIds,
      speakerId: speaker ? keepId : a.speakerId,
      noteDoc: labels.length ? note!.doc : a.noteDoc,
    },
    move: { id: a.id, link: link?.moved ?? null, speaker, mentions: labels },
  };
}

/** Takes back what mergeAnnotation did, on the annotation as it is now. */
export function unmergeAnnotation(a: Annotation, move: AnnotationMove, keepId: string, mergeId: string): Annotation {
  const noteDoc = a.noteDoc && move.mentions.length ? restoreMentions(a.noteDoc, mergeId, keepId, move.mentions) : a.noteDoc;
  let entityIds = move.link ? restoreId(a.entityIds, mergeId, keepId, move.link) : a.entityIds;
  // A mention of the kept entity written since the merge still links it.
  if (noteDoc && mentionedEntityIds(noteDoc).includes(keepId) && !entityIds.includes(keepId)) entityIds = [...entityIds, keepId];
  return { ...a, entityIds, noteDoc, speakerId: move.speaker && a.speakerId === keepId ? mergeId : a.speakerId };
}

/** The annotation with no reference left to `id` (a mention becomes plain words); null when it has none. */
export function unlinkAnnotation(a: Annotation, id: string): Annotation | null {
  const mentioned = a.noteDoc !== null && mentionedEntityIds(a.noteDoc).includes(id);
  if (!a.entityIds.includes(id) && a.speakerId !== id && !mentioned) return null;
  const noteDoc = mentioned ? unmention(a.noteDoc!, id) : a.noteDoc;
  return {
    ...a,
    entityIds: a.entityIds.filter((x) => x !== id),
    speakerId: a.speakerId === id ? null : a.speakerId,
    noteDoc,
    note: mentioned ? noteText(noteDoc!) : a.note,
  };
}

/** The kept entity after a merge: the merged one's names among its aliases, and the merged one's details
 * where it has none. */
export function mergedEntity(kept: Entity, merged: Entity, aliases: string[]): Entity {
  return {
    ...kept,
    aliases,
    description: kept.description || merged.description,
    wikidataId: kept.wikidataId ?? merged.wikidataId,
    // An event's dates go together: the merged one's range only when the kept one has no date at all.
    ...(kept.date ? {} : { date: merged.date, endDate: merged.endDate }),
    placeId: kept.placeId ?? merged.placeId,
    participantIds: [...new Set([...kept.participantIds, ...merged.participantIds])],
  };
}

/** The kept entity with the merge taken back field by field: a field edited since keeps its edit, and the
 * lists lose only what the merge added to them. */
export function revertEntity(current: Entity, before: Entity, after: Entity): Entity {
  const field = <K extends 'description' | 'wikidataId' | 'date' | 'endDate' | 'placeId'>(key: K) =>
    current[key] === after[key] ? before[key] : current[key];
  const list = (key: 'aliases' | 'participantIds') => current[key].filter((x) => before[key].includes(x) || !after[key].includes(x));
  return {
    ...current,
    aliases: list('aliases'),
    description: field('description'),
    wikidataId: field('wikidataId'),
    date: field('date'),
    endDate: field('endDate'),
    placeId: field('placeId'),
    participantIds: list('participantIds'),
  };
}

export type EventMove = MergeRecord['events'][number];

/** Events with `mergeId` as their place or among their participants, moved to `keepId`. */
export function mergeEvents(entities: Entity[], keepId: string, mergeId: string): { entities: Entity[]; moves: EventMove[] } {
  const moves: EventMove[] = [];
  const next = entities.map((e) => {
    const place = e.placeId === mergeId;
    const participant = replaceId(e.participantIds, mergeId, keepId);
    if (!place && !participant) return e;
    moves.push({ id: e.id, place, participant: participant?.moved ?? null });
    return { ...e, placeId: place ? keepId : e.placeId, participantIds: participant?.ids ?? e.participantIds };
  });
  return { entities: next, moves };
}

export function unmergeEvents(entities: Entity[], moves: EventMove[], keepId: string, mergeId: string): Entity[] {
  const byId = new Map(moves.map((m) => [m.id, m]));
  return entities.map((e) => {
    const move = byId.get(e.id);
    if (!move) return e;
    return {
      ...e,
      placeId: move.place && e.placeId === keepId ? mergeId : e.placeId,
      participantIds: move.participant ? restoreId(e.participantIds, mergeId, keepId, move.participant) : e.participantIds,
    };
  });
}

/** Events no longer placed at `id` nor with it among their participants; how many there were. */
export function unlinkEvents(entities: Entity[], id: string): { entities: Entity[]; count: number } {
  let count = 0;
  const next = entities.map((e) => {
    if (e.placeId !== id && !e.participantIds.includes(id)) return e;
    count++;
    return { ...e, placeId: e.placeId === id ? null : e.placeId, participantIds: e.participantIds.filter((x) => x !== id) };
  });
  return { entities: next, count };
}

const sameRelation = (a: Relation, b: Relation) =>
  a.from === b.from && a.to === b.to && a.label.localeCompare(b.label, undefined, { sensitivity: 'accent' }) === 0;

/**
 * The relations of `mergeId` repointed at `keepId`, each in its place. One that would join the kept entity to
 * itself is dropped; so is one the kept entity already has (same label, same direction), which gets its
 * evidence.
 */
export function mergeRelations(
  relations: Relation[],
  keepId: string,
  mergeId: string,
): { relations: Relation[]; before: MergeRecord['relations']; absorbed: MergeRecord['absorbed'] } {
  const before: MergeRecord['relations'] = [];
  const absorbed: MergeRecord['absorbed'] = [];
  let next = [...relations];
  relations.forEach((relation, index) => {
    if (relation.from !== mergeId && relation.to !== mergeId) return;
    before.push({ index, relation });
    const moved = { ...relation, from: relation.from === mergeId ? keepId : relation.from, to: relation.to === mergeId ? keepId : relation.to };
    const twin = next.find((r) => r.id !== relation.id && sameRelation(r, moved));
    if (moved.from !== moved.to && !twin) {
      next = next.map((r) => (r.id === relation.id ? moved : r));
      return;
    }
    next = next.filter((r) => r.id !== relation.id);
    if (moved.from === moved.to || !twin) return;
    const evidence = moved.evidence.filter((id) => !twin.evidence.includes(id));
    if (evidence.length === 0) return;
    next = next.map((r) => (r.id === twin.id ? { ...r, evidence: [...r.evidence, ...evidence] } : r));
    absorbed.push({ id: twin.id, evidence });
  });
  return { relations: next, before, absorbed };
}

/** Takes back what mergeRelations did; a relation dropped by the merge comes back only if both its ends exist. */
export function unmergeRelations(relations: Relation[], record: MergeRecord, exists: (entityId: string) => boolean): Relation[] {
  let next = relations.map((r) => {
    const added = record.absorbed.filter((a) => a.id === r.id).flatMap((a) => a.evidence);
    return added.length ? { ...r, evidence: r.evidence.filter((id) => !added.includes(id)) } : r;
  });
  // In the order they were: each dropped one goes back to where it was in the list.
  for (const { index, relation } of [...record.relations].sort((a, b) => a.index - b.index)) {
    if (next.some((r) => r.id === relation.id)) {
      next = next.map((r) => (r.id === relation.id ? { ...r, from: relation.from, to: relation.to } : r));
    } else if (exists(relation.from) && exists(relation.to)) {
      next = [...next.slice(0, index), relation, ...next.slice(index)];
    }
  }
  return next;
}
