// Hash routes: #/, #/articles/<id>, #/entities/<id>, #/brief, #/timeline, #/graph (deep links that survive a reload).
import { useEffect, useState } from 'react';
import { ENTITY_TYPES, type EntityType } from '../../../shared/model';
import { rememberRoute } from '../lib/session';

export type Route =
  | { name: 'home' }
  | { name: 'article'; id: string; annotationId: string | null; at: { start: number; end: number } | null }
  | { name: 'entity'; id: string }
  | { name: 'brief'; entityIds: string[]; articleIds: string[]; briefId: string | null }
  | { name: 'search'; query: string }
  | { name: 'backups' }
  | { name: 'settings'; focus: 'library' | null }
  | { name: 'timeline'; entityId: string | null; tag: string | null }
  | ({ name: 'graph' } & GraphView);

/** What the graph shows: the types (null for all), the least weight of a link, and the entity in focus. */
export interface GraphView {
  types: EntityType[] | null;
  minWeight: number;
  focusId: string | null;
  depth: 1 | 2;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'articles' && parts[1]) {
    const at = /^(\d+)-(\d+)$/.exec(params.get('at') ?? '');
    return { name: 'article', id: parts[1], annotationId: params.get('annotation'), at: at ? { start: Number(at[1]), end: Number(at[2]) } : null };
  }
  if (parts[0] === 'timeline') return { name: 'timeline', entityId: params.get('entity'), tag: params.get('tag') };
  if (parts[0] === 'backups') return { name: 'backups' };
  if (parts[0] === 'settings') return { name: 'settings', focus: params.get('focus') === 'library' ? 'library' : null };
  if (parts[0] === 'search') return { name: 'search', query: params.get('q') ?? '' };
  if (parts[0] === 'graph') {
    const types = params.get('types');
    return {
      name: 'graph',
      types: types === null ? null : ENTITY_TYPES.filter((t) => types.split(',').includes(t)),
      minWeight: Math.max(1, Math.floor(Number(params.get('min'))) || 1),
      focusId: params.get('focus'),
      depth: params.get('depth') === '2' ? 2 : 1,
    };
  }
  if (parts[0] === 'entities' && parts[1]) return { name: 'entity', id: parts[1] };
  if (parts[0] === 'brief') return { name: 'brief', entityIds: params.getAll('entity'), articleIds: params.getAll('article'), briefId: params.get('saved') };
  return { name: 'home' };
}

export const hrefs = {
  home: () => '#/',
  article: (id: string, annotationId?: string) =>
    `#/articles/${encodeURIComponent(id)}${annotationId ? `?annotation=${encodeURIComponent(annotationId)}` : ''}`,
  passage: (id: string, at: { start: number; end: number }) => `#/articles/${encodeURIComponent(id)}?at=${at.start}-${at.end}`,
  backups: () => '#/backups',
  /** With `focus`, the page opens with the focus on that part: the field to open another library with. */
  settings: (focus?: 'library') => `#/settings${focus ? `?focus=${focus}` : ''}`,
  search: (query: string) => `#/search?q=${encodeURIComponent(query)}`,
  timeline: (filter: { entityId?: string | null; tag?: string | null } = {}) => {
    const params = new URLSearchParams();
    if (filter.entityId) params.set('entity', filter.entityId);
    if (filter.tag) params.set('tag', filter.tag);
    const query = params.toString();
    return `#/timeline${query ? `?${query}` : ''}`;
  },
  entity: (id: string) => `#/entities/${encodeURIComponent(id)}`,
  graph: (view: Partial<GraphView> = {}) => {
    const params = new URLSearchParams();
    if (view.types) params.set('types', view.types.join(','));
    if (view.minWeight && view.minWeight > 1) params.set('min', String(view.minWeight));
    if (view.focusId) params.set('focus', view.focusId);
    if (view.focusId && view.depth === 2) params.set('depth', '2');
    const query = params.toString();
    return `#/graph${query ? `?${query}` : ''}`;
  },
  brief: (scope: { entityIds?: string[]; articleIds?: string[]; briefId?: string } = {}) => {
    const params = new URLSearchParams();
    if (scope.briefId) params.set('saved', scope.briefId);
    for (const id of scope.entityIds ?? []) params.append('entity', id);
    for (const id of scope.articleIds ?? []) params.append('article', id);
    const query = params.toString();
    return `#/brief${query ? `?${query}` : ''}`;
  },
};

/** Whoever shows the route, told at once when the app navigates (the hashchange event comes a task later). */
const routeListeners = new Set<() => void>();

/**
 * Goes to a route. The view changes in the same event that asked for it, so a control that mirrors the route
 * (a filter's checkbox, a select) never shows its old value in between.
 */
export function navigate(href: string): void {
  if (window.location.hash === href) return;
  window.location.hash = href;
  for (const listener of routeListeners) listener();
}

export function useRoute(): Route {
  const [state, setState] = useState(() => ({ hash: window.location.hash, route: parseRoute(window.location.hash) }));
  useEffect(() => {
    const onChange = () => {
      const hash = window.location.hash;
      setState((current) => (current.hash === hash ? current : { hash, route: parseRoute(hash) }));
      rememberRoute(hash);
    };
    onChange();
    routeListeners.add(onChange);
    window.addEventListener('hashchange', onChange);
    return () => {
      routeListeners.delete(onChange);
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return state.route;
}
