// The graph (issue #5): people, organisations, places and events as nodes, linked when annotations link
// them together, each link weighted by how many annotations do; filtered by type and weight, and narrowed
// to the neighbourhood of one entity on request.
import type { Graph, GraphEdge, GraphNode } from '../../shared/api';
import type { Annotation, Entity, EntityType } from '../../shared/model';

export interface GraphFilter {
  /** Only entities of these types (all types when absent). */
  types?: EntityType[];
  /** Only links made by at least this many annotations. */
  minWeight?: number;
  /** Only this entity and those within `depth` links of it. It is shown whatever its type. */
  focusId?: string;
  depth?: 1 | 2;
}

/** The entities an annotation links: those it is linked to, and who said the quote. */
function linkedIds(annotation: Annotation): string[] {
  return [...new Set(annotation.speakerId ? [...annotation.entityIds, annotation.speakerId] : annotation.entityIds)];
}

const byName = (a: GraphNode, b: GraphNode) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);

export function buildGraph(entities: Entity[], annotations: Annotation[], filter: GraphFilter = {}): Graph {
  const { types, minWeight = 1, focusId, depth = 1 } = filter;
  const allowed = new Map(entities.filter((e) => !types || types.includes(e.type) || e.id === focusId).map((e) => [e.id, e]));

  // One pass over the annotations counts both what links each entity and what links each pair. Entities are
  // numbered in the order of their ids, so that a pair is one number (30,000 annotations: no string keys).
  const order = [...allowed.keys()].sort();
  const number = new Map(order.map((id, i) => [id, i]));
  const counts = new Map<string, number>();
  const weights = new Map<number, number>();
  for (const annotation of annotations) {
    const ids = linkedIds(annotation).filter((id) => allowed.has(id));
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (ids.length < 2) continue;
    const numbers = ids.map((id) => number.get(id)!).sort((a, b) => a - b);
    for (let i = 0; i < numbers.length; i++) {
      for (let j = i + 1; j < numbers.length; j++) {
        const key = numbers[i] * order.length + numbers[j];
        weights.set(key, (weights.get(key) ?? 0) + 1);
      }
    }
  }
  let edges: GraphEdge[] = [];
  for (const [key, weight] of weights) {
    if (weight < minWeight) continue;
    edges.push({ source: order[Math.floor(key / order.length)], target: order[key % order.length], weight });
  }

  // Entities without a link are left out, and counted to say so; the entity in focus is always shown.
  let shown = new Set(edges.flatMap((e) => [e.source, e.target]));
  const unlinked = [...allowed.values()].filter((e) => (!types || types.includes(e.type)) && !shown.has(e.id)).length;
  if (focusId) {
    const neighbours = new Map<string, string[]>();
    for (const { source, target } of edges) {
      if (!neighbours.has(source)) neighbours.set(source, []);
      if (!neighbours.has(target)) neighbours.set(target, []);
      neighbours.get(source)!.push(target);
      neighbours.get(target)!.push(source);
    }
    let ring = allowed.has(focusId) ? [focusId] : [];
    shown = new Set(ring);
    for (let step = 0; step < depth; step++) {
      ring = [...new Set(ring.flatMap((id) => neighbours.get(id) ?? []))].filter((id) => !shown.has(id));
      for (const id of ring) shown.add(id);
    }
    edges = edges.filter((e) => shown.has(e.source) && shown.has(e.target));
  }

  const nodes = [...shown]
    .map((id): GraphNode => {
      const { type, name } = allowed.get(id)!;
      return { id, type, name, annotationCount: counts.get(id) ?? 0 };
    })
    .sort(byName);
  // Edges in a fixed order, so that the same library always lays out the same way.
  edges.sort((a, b) => (a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1));
  return { nodes, edges, unlinked };
}
