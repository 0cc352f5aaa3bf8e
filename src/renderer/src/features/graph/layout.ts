// Where the graph's nodes go. Plain TypeScript over headless cytoscape, so that it runs off the UI thread
// (layout.worker.ts) and in the benchmark alike. Deterministic: the same graph always lays out the same way.
import cytoscape, { type ElementDefinition } from 'cytoscape';
import type { Graph, GraphEdge } from '../../../../shared/api';

export type Positions = Record<string, { x: number; y: number }>;

/** How many links are drawn and laid out at most (unless there are more entities, each of which keeps one):
 * beyond it a drawing is a smudge, and slow to make. */
export const MAX_DRAWN_LINKS = 1000;

/** The links to draw: all of them, or within the limit, each entity's strongest link (so that none floats
 * alone) and then the heaviest of the rest. In the graph's order, so that the drawing is the same each time. */
export function drawnLinks(graph: Graph): GraphEdge[] {
  if (graph.edges.length <= MAX_DRAWN_LINKS) return graph.edges;
  // A stable sort: links of equal weight keep the graph's fixed order.
  const heaviest = [...graph.edges].sort((a, b) => b.weight - a.weight);
  const kept = new Set<GraphEdge>();
  const reached = new Set<string>();
  for (const e of heaviest) {
    if (reached.has(e.source) && reached.has(e.target)) continue;
    kept.add(e);
    reached.add(e.source).add(e.target);
  }
  for (const e of heaviest) {
    if (kept.size >= MAX_DRAWN_LINKS) break;
    kept.add(e);
  }
  return graph.edges.filter((e) => kept.has(e));
}

/** Diameters that grow with the annotations linking each entity, relative to the most linked one (by area),
 * so that hubs stand out in any library without hiding the rest. */
export function nodeSizes(graph: Graph): Map<string, number> {
  const most = Math.max(1, ...graph.nodes.map((n) => n.annotationCount));
  return new Map(graph.nodes.map((n) => [n.id, 14 + 22 * Math.sqrt(n.annotationCount / most)]));
}

/** Starting points on a spiral, in the graph's order (by name): cose then needs no random start. */
function spiral(i: number): { x: number; y: number } {
  const angle = i * 2.399963; // the golden angle, which spreads points evenly
  const radius = 30 * Math.sqrt(i);
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

export function layoutGraph(graph: Graph, focusId: string | null): Positions {
  const sizes = nodeSizes(graph);
  const elements: ElementDefinition[] = [
    ...graph.nodes.map((n, i) => ({ data: { id: n.id, size: sizes.get(n.id) }, position: spiral(i) })),
    ...drawnLinks(graph).map((e) => ({ data: { id: `${e.source}~${e.target}`, source: e.source, target: e.target } })),
  ];
  const cy = cytoscape({
    headless: true,
    // Headless cytoscape ignores style unless asked, and the layout must know how big the nodes are.
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
    elements,
    // Keep the starting points given (the default would put every node at 0, 0).
    layout: { name: 'preset' },
  });
  const focus = focusId ? cy.getElementById(focusId) : null;
  if (focus?.nonempty()) {
    // Around an entity: it in the middle, its neighbours on a ring, theirs on the next one.
    const near = focus.closedNeighborhood().nodes();
    cy.layout({
      name: 'concentric',
      concentric: (node) => (node.same(focus) ? 2 : near.has(node) ? 1 : 0),
      levelWidth: () => 1,
      // Room for the names written under the nodes.
      minNodeSpacing: 60,
      animate: false,
      fit: false,
    }).run();
  } else {
    // A force layout from the spiral. It cools faster than cytoscape's default (0.99), which at 500 entities
    // takes seconds for little visible gain; there are no random steps unless two nodes start at one point.
    cy.layout({
      name: 'cose',
      randomize: false,
      animate: false,
      fit: false,
      coolingFactor: 0.9,
      nodeRepulsion: () => 40_000,
      idealEdgeLength: () => 60,
    }).run();
  }
  const positions: Positions = {};
  cy.nodes().forEach((node) => {
    positions[node.id()] = { ...node.position() };
  });
  cy.destroy();
  return positions;
}
