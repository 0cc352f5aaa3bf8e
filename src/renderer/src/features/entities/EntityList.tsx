// The library's entities in the sidebar, each a link to its page.
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { ENTITY_TYPE_LABELS } from '../../components/format';

export function EntityList({ currentId }: { currentId: string | null }) {
  const { entities } = useLibrary();
  if (entities.length === 0) return <p className="muted">People, organisations, places and events you link appear here.</p>;
  return (
    <ul className="entity-list" aria-label="Entities">
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
