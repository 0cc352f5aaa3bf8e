// The graph page: who and what the annotations link together, filtered by type and by the weight of a link,
// or narrowed to the neighbourhood of one entity. The drawing has a table below it with the same entities
// and links, for keyboard and screen-reader users and for reading exact numbers.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Graph, GraphNode } from '../../../../shared/api';
import { ENTITY_TYPES, type Entity, type EntityType } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { hrefs, navigate, type GraphView } from '../../hooks/use-route';
import { call } from '../../lib/dossier';
import { GraphCanvas } from './GraphCanvas';
import { MAX_DRAWN_LINKS } from './layout';

/** How many of an entity's links the table names; the rest are counted. */
const NAMED_LINKS = 3;

const TYPE_PLURALS: Record<EntityType, string> = { person: 'People', organisation: 'Organisations', place: 'Places', event: 'Events' };

/** What the focus field shows and matches for each entity: its name, with its type where names repeat. */
function focusLabels(entities: Entity[]): Map<string, Entity> {
  const seen = new Map<string, number>();
  for (const e of entities) seen.set(e.name.toLocaleLowerCase(), (seen.get(e.name.toLocaleLowerCase()) ?? 0) + 1);
  return new Map(entities.map((e) => [seen.get(e.name.toLocaleLowerCase())! > 1 ? `${e.name} (${ENTITY_TYPE_LABELS[e.type].toLowerCase()})` : e.name, e]));
}

/** Each node's links, heaviest first. */
function linksByNode(graph: Graph): Map<string, { node: GraphNode; weight: number }[]> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const links = new Map<string, { node: GraphNode; weight: number }[]>(graph.nodes.map((n) => [n.id, []]));
  for (const { source, target, weight } of graph.edges) {
    links.get(source)!.push({ node: byId.get(target)!, weight });
    links.get(target)!.push({ node: byId.get(source)!, weight });
  }
  for (const list of links.values()) list.sort((a, b) => b.weight - a.weight || a.node.name.localeCompare(b.node.name));
  return links;
}

export function GraphPage(view: GraphView) {
  const { types, minWeight, focusId, depth } = view;
  const { entities, version } = useLibrary();
  // The graph shown stays until the one asked for arrives; meanwhile the drawing says it is busy.
  const request = JSON.stringify([types, minWeight, focusId, depth, version]);
  const [result, setResult] = useState<{ request: string; graph: Graph | null; error: string | null } | null>(null);
  const graph = result?.graph ?? null;
  const error = result?.error ?? null;
  const loading = result?.request !== request;
  const listId = useId();

  useEffect(() => {
    let cancelled = false;
    call('graph.get', { types: types ?? undefined, minWeight, focusId: focusId ?? undefined, depth })
      .then((g) => !cancelled && setResult({ request, graph: g, error: null }))
      .catch((err: Error) => !cancelled && setResult({ request, graph: null, error: err.message }));
    return () => {
      cancelled = true;
    };
  }, [request]);

  const show = (next: Partial<GraphView>) => {
    navigate(hrefs.graph({ ...view, ...next }));
  };
  const open = (id: string) => {
    navigate(hrefs.entity(id));
  };

  const labels = useMemo(() => focusLabels(entities), [entities]);
  const focus = entities.find((e) => e.id === focusId) ?? null;
  const focusLabel = focus ? ([...labels].find(([, e]) => e.id === focus.id)?.[0] ?? focus.name) : '';
  // The field holds what is typed until it names an entity; a new focus from elsewhere replaces it.
  const [typed, setTyped] = useState(focusLabel);
  useEffect(() => setTyped(focusLabel), [focusLabel]);
  const chooseFocus = (text: string) => {
    setTyped(text);
    const entity = labels.get(text);
    if (entity) show({ focusId: entity.id });
  };
  // Enter takes the first entity whose name starts with (or else contains) what was typed.
  const onFocusKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    const q = typed.trim().toLocaleLowerCase();
    const names = [...labels.keys()];
    const match = q && (names.find((n) => n.toLocaleLowerCase().startsWith(q)) ?? names.find((n) => n.toLocaleLowerCase().includes(q)));
    if (match) {
      event.preventDefault();
      chooseFocus(match);
    }
  };

  const [weightText, setWeightText] = useState(String(minWeight));
  useEffect(() => setWeightText(String(minWeight)), [minWeight]);

  const links = useMemo(() => (graph ? linksByNode(graph) : new Map<string, { node: GraphNode; weight: number }[]>()), [graph]);
  const shownTypes = types ?? [...ENTITY_TYPES];

  return (
    <main className="page graph-page" aria-label="Graph">
      <h1>Graph{focus ? ` around ${focus.name}` : ''}</h1>
      <div className="filters">
        <fieldset className="type-filter">
          <legend>Show</legend>
          {ENTITY_TYPES.map((type) => (
            <label key={type} className="check">
              <input
                type="checkbox"
                checked={shownTypes.includes(type)}
                onChange={(e) => {
                  const next = e.target.checked ? [...shownTypes, type] : shownTypes.filter((t) => t !== type);
                  show({ types: next.length === ENTITY_TYPES.length ? null : ENTITY_TYPES.filter((t) => next.includes(t)) });
                }}
              />
              <span className={`entity-dot entity-${type}`} aria-hidden="true" />
              {TYPE_PLURALS[type]}
            </label>
          ))}
        </fieldset>
        <label>
          Least annotations per link
          <input
            type="number"
            min={1}
            step={1}
            value={weightText}
            onChange={(e) => {
              setWeightText(e.target.value);
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1) show({ minWeight: n });
            }}
          />
        </label>
        <label>
          Focus on
          <input type="text" list={listId} value={typed} placeholder="An entity’s name" onChange={(e) => chooseFocus(e.target.value)} onKeyDown={onFocusKey} />
          <datalist id={listId}>
            {[...labels.keys()].map((label) => (
              <option key={label} value={label} />
            ))}
          </datalist>
        </label>
        <label>
          Depth
          <select value={depth} disabled={!focusId} onChange={(e) => show({ depth: e.target.value === '2' ? 2 : 1 })}>
            <option value="1">Its neighbours</option>
            <option value="2">Theirs too</option>
          </select>
        </label>
        <button type="button" className="button" disabled={!focusId} onClick={() => show({ focusId: null, depth: 1 })}>
          Clear focus
        </button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {graph && graph.nodes.length === 0 && (
        <p className="muted">Nothing to show. Link two or more entities on the same annotation and they appear here, joined.</p>
      )}
      {graph && !focusId && graph.unlinked > 0 && (
        <p className="muted">
          {graph.unlinked} {graph.unlinked === 1 ? 'entity has' : 'entities have'} no link{minWeight > 1 ? ` of ${minWeight} annotations or more` : ''} and{' '}
          {graph.unlinked === 1 ? 'is' : 'are'} not shown.
        </p>
      )}
      {graph && graph.edges.length > MAX_DRAWN_LINKS && (
        <p className="muted">
          The drawing shows {MAX_DRAWN_LINKS.toLocaleString()} of the {graph.edges.length.toLocaleString()} links: each entity’s strongest, then
          the heaviest. Ask for more annotations per link, or focus on an entity, to see them all.
        </p>
      )}
      {graph?.nodes.length !== 0 && <GraphCanvas graph={graph} focusId={focusId} loading={loading} onOpen={open} />}
      {graph && graph.nodes.length > 0 && (
        <section className="graph-table" aria-labelledby={`${listId}-caption`}>
          <table>
            <caption id={`${listId}-caption`}>
              {graph.nodes.length} {graph.nodes.length === 1 ? 'entity' : 'entities'}, {graph.edges.length} link{graph.edges.length === 1 ? '' : 's'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Entity</th>
                <th scope="col" className="number">Links</th>
                <th scope="col" className="number">Annotations</th>
                <th scope="col">Linked most with (annotations)</th>
              </tr>
            </thead>
            <tbody>
              {graph.nodes.map((node) => {
                const own = links.get(node.id) ?? [];
                return (
                  <tr key={node.id} className={node.id === focusId ? 'focus' : undefined}>
                    <th scope="row">
                      <a href={hrefs.entity(node.id)}>
                        <span className={`entity-dot entity-${node.type}`} aria-hidden="true" /> {node.name}
                      </a>
                      <span className="muted"> {ENTITY_TYPE_LABELS[node.type].toLowerCase()}</span>
                      {node.id !== focusId && (
                        <button type="button" className="link-button" onClick={() => show({ focusId: node.id })} aria-label={`Focus on ${node.name}`}>
                          Focus
                        </button>
                      )}
                    </th>
                    <td className="number">{own.length}</td>
                    <td className="number">{node.annotationCount}</td>
                    <td>
                      {own
                        .slice(0, NAMED_LINKS)
                        .map((l) => `${l.node.name} (${l.weight})`)
                        .join(', ')}
                      {own.length > NAMED_LINKS ? `, and ${own.length - NAMED_LINKS} more` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
