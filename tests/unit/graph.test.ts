import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/main/core/graph';
import { drawnLinks, layoutGraph, MAX_DRAWN_LINKS } from '../../src/renderer/src/features/graph/layout';
import { api } from '../../src/shared/api';
import type { Annotation, Entity } from '../../src/shared/model';

const entity = (id: string, type: Entity['type'], name: string): Entity => ({
  id, type, name, aliases: [], description: '', wikidataId: null, date: null, endDate: null, placeId: null, participantIds: [],
});
const annotation = (id: string, entityIds: string[], speakerId: string | null = null): Annotation => ({
  id, articleId: 'seed01', created: '', modified: '', note: '', noteDoc: null, tags: [], color: 'yellow', entityIds, speakerId, anchor: 'anchored', review: null,
  target: { quote: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 1 } },
});

const entities = [
  entity('pompeo1', 'person', 'Mike Pompeo'),
  entity('kimjong', 'person', 'Kim Jong Un'),
  entity('nkorea1', 'place', 'North Korea'),
  entity('statedp', 'organisation', 'State Department'),
  entity('summit1', 'event', 'Singapore summit'),
  entity('lonely1', 'person', 'Nobody Linked'),
];
const annotations = [
  annotation('ann001', ['pompeo1', 'nkorea1']),
  // Pompeo as the speaker counts as a link, once even when he is also linked.
  annotation('ann002', ['nkorea1', 'pompeo1'], 'pompeo1'),
  annotation('ann003', ['kimjong'], 'pompeo1'),
  annotation('ann004', ['kimjong', 'summit1']),
  annotation('ann005', ['summit1', 'statedp']),
  annotation('ann006', ['lonely1']),
  // A link to an entity that is gone is ignored.
  annotation('ann007', ['pompeo1', 'deleted1']),
];
const pairs = (g: ReturnType<typeof buildGraph>) => g.edges.map((e) => `${e.source}-${e.target}:${e.weight}`);
const names = (g: ReturnType<typeof buildGraph>) => g.nodes.map((n) => n.name);

describe('the graph', () => {
  it('weighs each link by the annotations linking both entities, counting the speaker', () => {
    const g = buildGraph(entities, annotations);
    expect(pairs(g)).toEqual(['kimjong-pompeo1:1', 'kimjong-summit1:1', 'nkorea1-pompeo1:2', 'statedp-summit1:1']);
    // Nodes by name, with how many annotations link each; an entity with no link to another is only counted.
    expect(g.nodes).toEqual([
      { id: 'kimjong', type: 'person', name: 'Kim Jong Un', annotationCount: 2 },
      { id: 'pompeo1', type: 'person', name: 'Mike Pompeo', annotationCount: 4 },
      { id: 'nkorea1', type: 'place', name: 'North Korea', annotationCount: 2 },
      { id: 'summit1', type: 'event', name: 'Singapore summit', annotationCount: 2 },
      { id: 'statedp', type: 'organisation', name: 'State Department', annotationCount: 1 },
    ]);
    expect(g.unlinked).toBe(1);
  });

  it('keeps only links of the weight asked for, and the entities they join', () => {
    const g = buildGraph(entities, annotations, { minWeight: 2 });
    expect(pairs(g)).toEqual(['nkorea1-pompeo1:2']);
    expect(names(g)).toEqual(['Mike Pompeo', 'North Korea']);
    expect(g.unlinked).toBe(4);
  });

  it('keeps only the types asked for, and links between them', () => {
    const g = buildGraph(entities, annotations, { types: ['person', 'event'] });
    expect(pairs(g)).toEqual(['kimjong-pompeo1:1', 'kimjong-summit1:1']);
    expect(names(g)).toEqual(['Kim Jong Un', 'Mike Pompeo', 'Singapore summit']);
    expect(g.unlinked).toBe(1);
    expect(buildGraph(entities, annotations, { types: [] })).toEqual({ nodes: [], edges: [], unlinked: 0 });
  });

  it('around an entity: its neighbours at depth 1, theirs too at depth 2, with the links among them', () => {
    expect(names(buildGraph(entities, annotations, { focusId: 'kimjong' }))).toEqual(['Kim Jong Un', 'Mike Pompeo', 'Singapore summit']);
    const two = buildGraph(entities, annotations, { focusId: 'kimjong', depth: 2 });
    expect(names(two)).toEqual(['Kim Jong Un', 'Mike Pompeo', 'North Korea', 'Singapore summit', 'State Department']);
    expect(pairs(two)).toEqual(pairs(buildGraph(entities, annotations)));
    // An entity with no links is still shown when it is the one in focus.
    expect(buildGraph(entities, annotations, { focusId: 'lonely1' })).toMatchObject({ nodes: [{ id: 'lonely1', annotationCount: 1 }], edges: [] });
  });

  it('focus combines with the filters, and the entity in focus is shown whatever its type', () => {
    // Pompeo is shown though only places and events are asked for; the summit is not, as only Kim (a person) leads to it.
    const g = buildGraph(entities, annotations, { focusId: 'pompeo1', types: ['place', 'event'], depth: 2 });
    expect(names(g)).toEqual(['Mike Pompeo', 'North Korea']);
    expect(pairs(buildGraph(entities, annotations, { focusId: 'kimjong', minWeight: 2 }))).toEqual([]);
  });

  it('validates its input: depth 1 or 2, a weight of at least 1', () => {
    const input = api['graph.get'].input;
    expect(input.parse({})).toEqual({ minWeight: 1, depth: 1 });
    expect(input.safeParse({ depth: 3 }).success).toBe(false);
    expect(input.safeParse({ minWeight: 0 }).success).toBe(false);
    expect(input.safeParse({ types: ['country'] }).success).toBe(false);
  });

  it('lays out the same way every time, whole or around an entity', () => {
    const g = buildGraph(entities, annotations);
    expect(layoutGraph(g, null)).toEqual(layoutGraph(g, null));
    const around = layoutGraph(buildGraph(entities, annotations, { focusId: 'kimjong' }), 'kimjong');
    // The entity in focus in the middle, its neighbours on a ring around it.
    const d = (id: string) => Math.hypot(around[id].x - around.kimjong.x, around[id].y - around.kimjong.y);
    expect(d('pompeo1')).toBeGreaterThan(0);
    expect(d('pompeo1')).toBeCloseTo(d('summit1'));
  });

  it('draws at most the limit of links: each entity keeps its strongest, then the heaviest', () => {
    // 60 entities all linked together once (1,770 links), and a ring of them twice.
    const many = Array.from({ length: 60 }, (_, i) => entity(`node${String(i).padStart(4, '0')}`, 'person', `Node ${i}`));
    const once = many.flatMap((a, i) => many.slice(i + 1).map((b) => annotation(`a-${a.id}-${b.id}`, [a.id, b.id])));
    const twice = many.slice(0, 10).map((a, i) => annotation(`r-${a.id}`, [a.id, many[(i + 1) % 10].id]));
    const g = buildGraph(many, [...once, ...twice]);
    expect(g.edges).toHaveLength(1770);
    const drawn = drawnLinks(g);
    expect(drawn).toHaveLength(MAX_DRAWN_LINKS);
    expect(drawn.filter((e) => e.weight === 2)).toHaveLength(10);
    const reached = new Set(drawn.flatMap((e) => [e.source, e.target]));
    expect(g.nodes.every((n) => reached.has(n.id))).toBe(true);
  });
});
