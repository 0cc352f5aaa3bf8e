// The article's annotations in text order; choosing one scrolls the reader to it.
import { useState } from 'react';
import type { Annotation } from '../../../../shared/model';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';

export function AnnotationList({
  annotations,
  activeId,
  onShow,
  onEdit,
  onDelete,
}: {
  annotations: Annotation[];
  activeId: string | null;
  onShow(id: string): void;
  onEdit(id: string): void;
  onDelete(id: string): void;
}) {
  const { entities } = useLibrary();
  const [confirming, setConfirming] = useState<string | null>(null);
  const byId = new Map(entities.map((e) => [e.id, e]));
  if (annotations.length === 0) {
    return <p className="muted">Select a passage and press <kbd>A</kbd> (or the Annotate button) to annotate it. <kbd>J</kbd> and <kbd>K</kbd> move between annotations.</p>;
  }
  return (
    <ol className="annotation-list" aria-label="Annotations">
      {annotations.map((a) => (
        <li key={a.id} className={a.id === activeId ? 'active' : undefined} data-annotation-id={a.id}>
          <button type="button" className={`quote-button highlight-${a.color}`} onClick={() => onShow(a.id)} title="Show in the article">
            {a.target.quote.exact}
          </button>
          {a.anchor === 'orphaned' && <p className="form-error">This passage is no longer in the article.</p>}
          {a.note && <p className="note">{a.note}</p>}
          {a.tags.length > 0 && (
            <p className="tags">
              {a.tags.map((t) => (
                <span key={t} className="tag">
                  #{t}
                </span>
              ))}
            </p>
          )}
          {a.entityIds.length > 0 && (
            <ul className="chips" aria-label="Linked entities">
              {a.entityIds.map((id) => {
                const entity = byId.get(id);
                return (
                  <li key={id} className={`chip entity-${entity?.type ?? 'unknown'}`}>
                    <a href={hrefs.entity(id)}>{entity?.name ?? 'Unknown entity'}</a>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="row-actions">
            <button type="button" className="link-button" onClick={() => onEdit(a.id)}>
              Edit
            </button>
            {confirming === a.id ? (
              <>
                <button type="button" className="link-button danger" onClick={() => onDelete(a.id)} autoFocus>
                  Delete this annotation
                </button>
                <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirming(a.id)}>
                Delete…
              </button>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
