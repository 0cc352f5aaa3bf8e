// An entity's page: what it is, and every annotation linked to it, grouped by article.
import { useEffect, useMemo, useState } from 'react';
import { useCommands } from '../../hooks/use-commands';
import type { Output } from '../../../../shared/api';
import { ENTITY_TYPE_LABELS, formatDate } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { call } from '../../lib/dossier';
import { EntityConnections } from './EntityConnections';

export function EntityPage({ id }: { id: string }) {
  const { version } = useLibrary();
  const [data, setData] = useState<Output<'entities.get'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('entities.get', { id })
      .then((d) => !cancelled && (setData(d), setError(null)))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [id, version]);

  const name = data?.entity.name ?? '';
  const commands = useMemo(
    () => (name ? [{ id: 'brief-entity', group: 'view', title: `Brief on ${name}…`, run: () => (window.location.hash = hrefs.brief({ entityIds: [id] })) }] : []),
    [id, name],
  );
  useCommands('entity-page', commands);

  if (error) return <main className="page"><p className="form-error" role="alert">{error}</p></main>;
  if (!data) return <main className="page"><p className="muted">Loading…</p></main>;
  const { entity, annotations } = data;
  const groups = new Map<string, { title: string; items: typeof annotations }>();
  for (const item of annotations) {
    const group = groups.get(item.article.id) ?? { title: item.article.title, items: [] };
    group.items.push(item);
    groups.set(item.article.id, group);
  }

  return (
    <main className="page" aria-label={`${entity.name}`}>
      <p className="eyebrow">
        <span className={`entity-dot entity-${entity.type}`} aria-hidden="true" /> {ENTITY_TYPE_LABELS[entity.type]}
        {entity.date && <> · {formatDate(entity.date)}</>}
      </p>
      <h1>{entity.name}</h1>
      <div className="toolbar">
        <a className="button" href={hrefs.brief({ entityIds: [entity.id] })}>
          Brief on {entity.name}…
        </a>
      </div>
      <h2>
        {annotations.length} linked annotation{annotations.length === 1 ? '' : 's'}
      </h2>
      {groups.size === 0 && <p className="muted">No annotation is linked to {entity.name} yet.</p>}
      {[...groups].map(([articleId, group]) => (
        <section key={articleId} className="entity-group">
          <h3>
            <a href={hrefs.article(articleId)}>{group.title}</a>
          </h3>
          <ul>
            {group.items.map(({ annotation }) => (
              <li key={annotation.id}>
                <a className="quote-link" href={hrefs.article(articleId, annotation.id)}>
                  <blockquote className={`quote highlight-${annotation.color}`}>{annotation.target.quote.exact}</blockquote>
                </a>
                {annotation.note && <p className="note">{annotation.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <EntityConnections entity={entity} annotations={annotations} />
    </main>
  );
}
