// Hash routes: #/, #/articles/<id>, #/entities/<id>, #/brief, #/timeline (deep links that survive a reload).
import { useEffect, useState } from 'react';
import { rememberRoute } from '../lib/session';

export type Route =
  | { name: 'home' }
  | { name: 'article'; id: string; annotationId: string | null; at: { start: number; end: number } | null }
  | { name: 'entity'; id: string }
  | { name: 'brief'; entityIds: string[]; articleIds: string[] }
  | { name: 'search'; query: string }
  | { name: 'timeline'; entityId: string | null; tag: string | null };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'articles' && parts[1]) {
    const at = /^(\d+)-(\d+)$/.exec(params.get('at') ?? '');
    return { name: 'article', id: parts[1], annotationId: params.get('annotation'), at: at ? { start: Number(at[1]), end: Number(at[2]) } : null };
  }
  if (parts[0] === 'timeline') return { name: 'timeline', entityId: params.get('entity'), tag: params.get('tag') };
  if (parts[0] === 'search') return { name: 'search', query: params.get('q') ?? '' };
  if (parts[0] === 'entities' && parts[1]) return { name: 'entity', id: parts[1] };
  if (parts[0] === 'brief') return { name: 'brief', entityIds: params.getAll('entity'), articleIds: params.getAll('article') };
  return { name: 'home' };
}

export const hrefs = {
  home: () => '#/',
  article: (id: string, annotationId?: string) =>
    `#/articles/${encodeURIComponent(id)}${annotationId ? `?annotation=${encodeURIComponent(annotationId)}` : ''}`,
  passage: (id: string, at: { start: number; end: number }) => `#/articles/${encodeURIComponent(id)}?at=${at.start}-${at.end}`,
  search: (query: string) => `#/search?q=${encodeURIComponent(query)}`,
  timeline: (filter: { entityId?: string | null; tag?: string | null } = {}) => {
    const params = new URLSearchParams();
    if (filter.entityId) params.set('entity', filter.entityId);
    if (filter.tag) params.set('tag', filter.tag);
    const query = params.toString();
    return `#/timeline${query ? `?${query}` : ''}`;
  },
  entity: (id: string) => `#/entities/${encodeURIComponent(id)}`,
  brief: (scope: { entityIds?: string[]; articleIds?: string[] } = {}) => {
    const params = new URLSearchParams();
    for (const id of scope.entityIds ?? []) params.append('entity', id);
    for (const id of scope.articleIds ?? []) params.append('article', id);
    const query = params.toString();
    return `#/brief${query ? `?${query}` : ''}`;
  },
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseRoute(window.location.hash));
      rememberRoute(window.location.hash);
    };
    rememberRoute(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
