// Search results with filters; each result opens where it matched.
import { useEffect, useRef, useState } from 'react';
import type { SearchFilters, SearchHit } from '../../../../shared/api';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { call } from '../../lib/dossier';
import { EntitySelect } from '../entities/EntitySelect';

function hitHref(hit: SearchHit): string {
  if (hit.kind === 'entity') return hrefs.entity(hit.id);
  if (hit.kind === 'annotation') return hrefs.article(hit.articleId!, hit.id);
  return hit.match ? hrefs.passage(hit.id, hit.match) : hrefs.article(hit.id);
}

const KIND_LABELS: Record<SearchHit['kind'], string> = { article: 'Article', annotation: 'Annotation', entity: 'Entity' };

/** How often to look again while article texts are still being indexed. */
const PARTIAL_RETRY_MS = 1000;

export function SearchPage({ query }: { query: string }) {
  const { version } = useLibrary();
  const [filters, setFilters] = useState<SearchFilters>({});
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While the index loads after a start, results come from titles, annotations and names only: the search is
  // made again until it looks through article texts too.
  const [partial, setPartial] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const retrying = useRef(false);

  useEffect(() => {
    if (!query.trim()) return;
    let cancelled = false;
    let retry: number | undefined;
    // Typing is waited out a little; a search made again is made at once.
    const delay = retrying.current ? 0 : 120;
    retrying.current = false;
    const timer = setTimeout(() => {
      // Asked first: results found while the index was still loading are then never taken for complete.
      call('search.status', {})
        .then(async ({ complete }) => [complete, await call('search.query', { query, filters })] as const)
        .then(([complete, found]) => {
          if (cancelled) return;
          setHits(found);
          setError(null);
          setPartial(!complete);
          if (!complete)
            retry = window.setTimeout(() => {
              retrying.current = true;
              setAttempt((n) => n + 1);
            }, PARTIAL_RETRY_MS);
        })
        .catch((err: Error) => !cancelled && setError(err.message));
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(retry);
    };
  }, [query, filters, version, attempt]);

  const set = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | '') =>
    setFilters((f) => {
      const next = { ...f };
      if (value === '' || value === undefined || value === false) delete next[key];
      else next[key] = value as SearchFilters[K];
      return next;
    });

  return (
    <main className="page search-page" aria-label="Search">
      <h1>Search{query && <>: “{query}”</>}</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Entity</span>
          <EntitySelect value={filters.entityId ?? ''} onChange={(id) => set('entityId', id)} none="Any" />
        </label>
        <label>
          <span>Tag</span>
          <input value={filters.tag ?? ''} onChange={(e) => set('tag', e.target.value.trim())} />
        </label>
        <label>
          <span>Site</span>
          <input value={filters.site ?? ''} onChange={(e) => set('site', e.target.value.trim())} />
        </label>
        <label>
          <span>From</span>
          <input value={filters.from ?? ''} placeholder="YYYY-MM-DD" onChange={(e) => set('from', e.target.value.trim())} />
        </label>
        <label>
          <span>To</span>
          <input value={filters.to ?? ''} placeholder="YYYY-MM-DD" onChange={(e) => set('to', e.target.value.trim())} />
        </label>
        <label className="check">
          <input type="checkbox" checked={!!filters.hasAnnotations} onChange={(e) => set('hasAnnotations', e.target.checked)} />
          Has annotations
        </label>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {hits && (
        <p className="muted" role="status">
          {hits.length === 0 ? 'Nothing found' : `${hits.length} result${hits.length === 1 ? '' : 's'}`}
          {partial ? ' in titles, annotations and names so far: article texts are still being indexed…' : '.'}
        </p>
      )}
      <ol className="results" aria-label="Results">
        {hits?.map((hit) => (
          <li key={`${hit.kind}:${hit.id}`}>
            <a href={hitHref(hit)}>
              <span className={`badge kind-${hit.kind}`}>{KIND_LABELS[hit.kind]}</span> <strong>{hit.title}</strong>
            </a>
            <p className="snippet">{hit.snippet}</p>
            {hit.note && <p className="note">{hit.note}</p>}
          </li>
        ))}
      </ol>
    </main>
  );
}
