// The library's entities in the sidebar, each a link to its page.
import { useEffect, useRef } from 'react';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { ENTITY_TYPE_LABELS } from '../../components/format';

/** An entity just deleted: once the list no longer holds it, the focus goes to the list (not to nowhere). */
let focusAfterDeleting: string | null = null;
export function focusEntityListAfterDeleting(id: string): void {
  focusAfterDeleting = id;
}

export function EntityList({ currentId }: { currentId: string | null }) {
  const { entities } = useLibrary();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusAfterDeleting || entities.some((e) => e.id === focusAfterDeleting)) return;
    focusAfterDeleting = null;
    list.current?.querySelector<HTMLElement>('a')?.focus();
  }, [entities]);
  if (entities.length === 0) return <p className="muted">People, organisations, places and events you link appear here.</p>;
  return (
    <ul className="entity-list" aria-label="Entities" ref={list}>
      {entities.map((e) => (
        <li key={e.id}>
          <a href={hrefs.entity(e.id)} aria-current={e.id === currentId ? 'page' : undefined}>
            <span className={`entity-dot entity-${e.type}`} aria-hidden="true" />
            {e.name}
            <span className="sr-only"> ({ENTITY_TYPE_LABELS[e.type]})</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
