// Annotations that re-anchoring on a new version could not place exactly: fuzzy ones to review, orphans to
// re-attach. Nothing here is resolved without the user.
import type { Annotation } from '../../../../shared/model';
import type { TextRange } from '../reader/use-text-selection';

export function NeedsAttention({
  annotations,
  selection,
  onAccept,
  onAttach,
  onShow,
}: {
  annotations: Annotation[];
  selection: TextRange | null;
  onAccept(id: string): void;
  onAttach(id: string, range: TextRange): void;
  onShow(id: string): void;
}) {
  const flagged = annotations.filter((a) => a.anchor !== 'anchored');
  if (flagged.length === 0) return null;
  return (
    <section className="needs-attention" aria-label="Needs attention">
      <h2>Needs attention ({flagged.length})</h2>
      <p className="muted">This is a new version of the article. Check where these annotations landed.</p>
      <ol>
        {flagged.map((a) => (
          <li key={a.id} data-annotation-id={a.id}>
            <blockquote className="quote">{a.review?.originalQuote ?? a.target.quote.exact}</blockquote>
            {a.anchor === 'fuzzy' ? (
              <p>
                The text changed: it now reads{' '}
                <button type="button" className="link-button" onClick={() => onShow(a.id)}>
                  “{a.target.quote.exact}”
                </button>{' '}
                <span className="muted">({Math.round((a.review?.score ?? 0) * 100)}% match)</span>
              </p>
            ) : (
              <p className="form-error">Not found in this version.</p>
            )}
            {a.note && <p className="note">{a.note}</p>}
            <div className="row-actions">
              {a.anchor === 'fuzzy' && (
                <button type="button" className="button" onClick={() => onAccept(a.id)}>
                  Accept
                </button>
              )}
              <button
                type="button"
                className="button"
                disabled={!selection}
                title={selection ? `Attach to “${selection.exact}”` : 'Select the passage in the article first'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => selection && onAttach(a.id, selection)}
              >
                Attach to selection
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
