// The graph drawn by cytoscape on a canvas: nodes coloured by type and sized by annotations, links as wide
// as they are heavy. A click opens an entity's page; with the keyboard, arrows move from entity to entity (in
// the order of the table below it) and Enter opens the one marked.
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Graph } from '../../../../shared/api';
import type { EntityType } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS } from '../../components/format';
import { drawnLinks, nodeSizes, type Positions } from './layout';
import type { LayoutRequest } from './layout.worker';

/** The colours of .entity-dot in styles.css, so that the graph and the lists agree. */
const TYPE_COLOURS: Record<EntityType, string> = { person: '#c2410c', organisation: '#7c3aed', place: '#047857', event: '#1d4ed8' };

/** Cytoscape adds an inline <style> to the page unless an element with this id exists. The CSP refuses
 * inline styles, so styles.css carries the one rule it holds (.graph-canvas is position: relative) and this
 * marker tells cytoscape not to try. */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

const MAX_FIT_ZOOM = 1.25;
const edgeWidth = (weight: number) => Math.min(10, 1 + 2 * Math.log2(weight));

/** Positions for the graph, computed in a worker; null while it works. A new graph ends the work on the old. */
function useLayout(graph: Graph | null, focusId: string | null): { positions: Positions | null; error: string | null } {
  const [done, setDone] = useState<{ graph: Graph; positions: Positions | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!graph) return;
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<Positions>) => setDone({ graph, positions: data, error: null });
    worker.onerror = (event) => setDone({ graph, positions: null, error: `The graph could not be laid out: ${event.message}` });
    worker.postMessage({ graph, focusId } satisfies LayoutRequest);
    return () => worker.terminate();
  }, [graph, focusId]);
  return done?.graph === graph ? done : { positions: null, error: null };
}

/** The page's colours as the canvas needs them: resolved, not light-dark(). */
function themeColours(element: HTMLElement): { ink: string; panel: string; focus: string } {
  const style = getComputedStyle(element);
  return { ink: style.color, panel: style.backgroundColor, focus: style.getPropertyValue('--focus').trim() };
}

/** Calls `onChange` when the theme changes: the user's choice (data-theme) or the system's. */
function useThemeChange(onChange: () => void): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const changed = () => callback.current();
    const observer = new MutationObserver(changed);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', changed);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', changed);
    };
  }, []);
}

function stylesheet({ ink, panel, focus }: { ink: string; panel: string; focus: string }): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(name)',
        color: ink,
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-outline-color': panel,
        'text-outline-width': 2,
        // Labels show once zoomed in enough to read them, so that 500 names do not make a smudge.
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': ink } },
    { selector: 'node.current', style: { 'underlay-color': focus, 'underlay-opacity': 0.6, 'underlay-padding': 6, 'underlay-shape': 'ellipse' } },
    { selector: 'edge', style: { width: 'data(width)', 'line-color': ink, opacity: 0.3, 'curve-style': 'haystack' } },
  ];
}

export function GraphCanvas({ graph, focusId, loading, onOpen }: { graph: Graph | null; focusId: string | null; loading: boolean; onOpen(id: string): void }) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const { positions, error } = useLayout(graph, focusId);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  // A cytoscape for each graph laid out.
  useEffect(() => {
    if (!graph || !positions || !container.current) return;
    if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
      const marker = document.createElement('template');
      marker.id = CYTOSCAPE_STYLESHEET_ID;
      document.head.append(marker);
    }
    const sizes = nodeSizes(graph);
    const elements: ElementDefinition[] = [
      ...graph.nodes.map((n) => ({
        data: { id: n.id, name: n.name, colour: TYPE_COLOURS[n.type], size: sizes.get(n.id) },
        position: positions[n.id],
        classes: n.id === focusId ? 'focus' : '',
      })),
      ...drawnLinks(graph).map((e) => ({ data: { id: `${e.source}~${e.target}`, source: e.source, target: e.target, width: edgeWidth(e.weight) } })),
    ];
    const instance = cytoscape({
      container: container.current,
      elements,
      style: stylesheet(themeColours(container.current)),
      // Fitted to the nodes below: the box of every link too costs as much again, for the same result.
      layout: { name: 'preset', fit: false },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
      // Many links redraw slowly: hide them while the view pans or zooms.
      hideEdgesOnViewport: graph.edges.length > 500,
    });
    instance.fit(instance.nodes(), 30);
    // A small graph fitted to the view would be drawn huge: no larger than its labels are meant to be read.
    if (instance.zoom() > MAX_FIT_ZOOM) {
      instance.zoom(MAX_FIT_ZOOM);
      instance.center();
    }
    instance.on('tap', 'node', (event) => openRef.current(event.target.id()));
    instance.on('mouseover', 'node', () => container.current?.classList.add('over-node'));
    instance.on('mouseout', 'node', () => container.current?.classList.remove('over-node'));
    cy.current = instance;
    setCurrentId(null);
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [graph, positions, focusId]);

  useThemeChange(() => {
    if (cy.current && container.current) cy.current.style(stylesheet(themeColours(container.current)));
  });

  const degrees = useMemo(() => {
    const count = new Map<string, number>();
    for (const e of graph?.edges ?? []) for (const id of [e.source, e.target]) count.set(id, (count.get(id) ?? 0) + 1);
    return count;
  }, [graph]);

  const mark = (id: string) => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes('.current').removeClass('current');
    // The node marked is brought to the middle, so that keyboard users see where they are.
    instance.center(instance.getElementById(id).addClass('current'));
    setCurrentId(id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!graph?.nodes.length || !positions || event.ctrlKey || event.metaKey || event.altKey) return;
    const at = graph.nodes.findIndex((n) => n.id === currentId);
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') mark(graph.nodes[(at + 1) % graph.nodes.length].id);
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') mark(graph.nodes[(at <= 0 ? graph.nodes.length : at) - 1].id);
    else if (event.key === 'Enter' && currentId) onOpen(currentId);
    else return;
    event.preventDefault();
  };

  const current = graph?.nodes.find((n) => n.id === currentId);
  const degree = current ? (degrees.get(current.id) ?? 0) : 0;
  return (
    <div className="graph-view">
      <div
        ref={container}
        className="graph-canvas"
        tabIndex={0}
        role="region"
        aria-label="Graph drawing: arrow keys mark an entity, Enter opens it"
        aria-busy={loading || (!!graph && !positions && !error)}
        onKeyDown={onKeyDown}
      />
      <p className="graph-caption" aria-live="polite">
        {error ? (
          <span className="form-error">{error}</span>
        ) : graph && !positions ? (
          `Laying out ${graph.nodes.length} entities…`
        ) : current ? (
          `${current.name}, ${ENTITY_TYPE_LABELS[current.type].toLowerCase()}: ${degree} link${degree === 1 ? '' : 's'}, ${current.annotationCount} annotation${current.annotationCount === 1 ? '' : 's'}. Enter opens its page.`
        ) : (
          'Click an entity to open its page; drag to move, scroll to zoom.'
        )}
      </p>
    </div>
  );
}
