// What an entity's page shows beyond its annotations: its events in time order, the entities annotated with
// it, and the places the library names it without a link, each linked with one key (L) or opened (Enter).
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { EntityContext, Output, UnlinkedMention } from '../../../../shared/api';
import type { Entity } from '../../../../shared/model';
import { formatDate } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { hrefs, navigate } from '../../hooks/use-route';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';

const mentionKey = (m: UnlinkedMention) => `${m.article.id}:${m.start}`;

type Linked = Output<'entities.get'>['annotations'];

/** Relates the entity to another with a label, citing the annotations that link both as evidence. */
function RelationForm({ entity, annotations, onDone }: { entity: Entity; annotations: Linked; onDone(): void }) {
  const { entities, refresh } = useLibrary();
  const { say } = useStatus();
  const [label, setLabel] = useState('');
  const [otherId, setOtherId] = useState('');
  const [evidence, setEvidence] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const candidates = annotations.filter(({ annotation }) => otherId && annotation.entityIds.includes(otherId));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call('relations.create', { from: entity.id, to: otherId, label, evidence });
      say(`${entity.name} ${label.trim()} ${entities.find((e) => e.id === otherId)?.name ?? ''}: relation added.`);
      refresh();
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="relation-form" aria-label="New relation" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label>
        <span>{entity.name}…</span>
        <input autoFocus value={label} onChange={(e) => setLabel(e.target.value)} placeholder="met with" aria-label="Relation" required />
      </label>
      <label>
        <span>…whom or what</span>
        <select
          value={otherId}
          onChange={(e) => {
            setOtherId(e.target.value);
            setEvidence([]);
          }}
          required
        >
          <option value="">Choose an entity</option>
          {entities
            .filter((e) => e.id !== entity.id)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.name} ({e.type})
              </option>
            ))}
        </select>
      </label>
      {otherId && (
        <fieldset>
          <legend>Evidence: annotations linked to both</legend>
          {candidates.length === 0 && <p className="muted">None yet: the relation can stand without, or link an annotation to both first.</p>}
          {candidates.map(({ annotation }) => (
            <label key={annotation.id} className="check">
              <input
                type="checkbox"
                checked={evidence.includes(annotation.id)}
                onChange={() => setEvidence((ids) => (ids.includes(annotation.id) ? ids.filter((x) => x !== annotation.id) : [...ids, annotation.id]))}
              />
              “{annotation.target.quote.exact}”
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary">
          Add relation
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function EntityConnections({ entity, annotations }: { entity: Entity; annotations: Linked }) {
  const { version, refresh } = useLibrary();
  const [adding, setAdding] = useState(false);
  const { say } = useStatus();
  // Kept with the entity it is of: another entity's page never shows the last one's mentions while its own load.
  const [loaded, setLoaded] = useState<{ id: string; context: EntityContext } | null>(null);
  const context = loaded?.id === entity.id ? loaded.context : null;
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('entities.context', { id: entity.id })
      .then((c) => !cancelled && (setLoaded({ id: entity.id, context: c }), setError(null)))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [entity.id, version]);

  useEffect(() => {
    if (!focusNext.current) return;
    listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusNext.current)}"]`)?.focus();
    focusNext.current = null;
  }, [context]);

  const link = async (mention: UnlinkedMention) => {
    const mentions = context?.mentions ?? [];
    const next = mentions[mentions.indexOf(mention) + 1] ?? mentions[mentions.indexOf(mention) - 1];
    try {
      await call('annotations.create', {
        articleId: mention.article.id,
        start: mention.start,
        end: mention.end,
        exact: mention.text,
        entityIds: [entity.id],
      });
      focusNext.current = next ? mentionKey(next) : null;
      say(`Linked “${mention.text}” in “${mention.article.title}” to ${entity.name}.`);
      refresh();
    } catch (err) {
      say((err as Error).message, 'error');
    }
  };

  const onKey = (event: KeyboardEvent<HTMLLIElement>, mention: UnlinkedMention) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? [])];
    const at = items.indexOf(event.currentTarget);
    const actions: Record<string, () => void> = {
      l: () => void link(mention),
      enter: () => navigate(hrefs.passage(mention.article.id, mention)),
      arrowdown: () => items[Math.min(at + 1, items.length - 1)]?.focus(),
      arrowup: () => items[Math.max(at - 1, 0)]?.focus(),
    };
    const action = actions[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    action();
  };

  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!context) return null;
  const { mentions, moreMentions, related, events, relations } = context;
  const removeRelation = async (id: string) => {
    try {
      await call('relations.delete', { id });
      say('Relation removed.');
      refresh();
    } catch (err) {
      say((err as Error).message, 'error');
    }
  };

  return (
    <>
      <section aria-label="Relations">
        <h2>Relations</h2>
        {relations.length === 0 && !adding && <p className="muted">No relation yet.</p>}
        <ul className="related-list">
          {relations.map(({ relation, other, outgoing }) => (
            <li key={relation.id}>
              {outgoing ? (
                <>
                  {entity.name} <strong>{relation.label}</strong> <a href={hrefs.entity(other.id)}>{other.name}</a>
                </>
              ) : (
                <>
                  <a href={hrefs.entity(other.id)}>{other.name}</a> <strong>{relation.label}</strong> {entity.name}
                </>
              )}{' '}
              <span className="muted">
                {relation.evidence.length} annotation{relation.evidence.length === 1 ? '' : 's'} as evidence
              </span>{' '}
              <button type="button" className="link-button danger" onClick={() => void removeRelation(relation.id)} aria-label={`Remove relation ${relation.label} ${other.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        {adding ? (
          <RelationForm entity={entity} annotations={annotations} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a relation…
          </button>
        )}
      </section>
      {events.length > 0 && (
        <section aria-label="Events">
          <h2>Events</h2>
          <ol className="event-list">
            {events.map((e) => (
              <li key={e.id}>
                <span className="muted">{e.date ? formatDate(e.date) : 'no date'}</span> <a href={hrefs.entity(e.id)}>{e.name}</a>
              </li>
            ))}
          </ol>
        </section>
      )}
      {related.length > 0 && (
        <section aria-label="Related entities">
          <h2>Related</h2>
          <ul className="related-list">
            {related.map(({ entity: other, shared }) => (
              <li key={other.id}>
                <span className={`entity-dot entity-${other.type}`} aria-hidden="true" /> <a href={hrefs.entity(other.id)}>{other.name}</a>{' '}
                <span className="muted">
                  {shared} shared annotation{shared === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Unlinked mentions">
        <h2>
          Unlinked mentions ({mentions.length}
          {moreMentions ? '+' : ''})
        </h2>
        {mentions.length === 0 ? (
          <p className="muted">The library names {entity.name} nowhere else than in the passages linked to it.</p>
        ) : (
          <>
            <p className="muted keys-hint">
              On a mention: <kbd>L</kbd> links it (annotates the name), <kbd>Enter</kbd> opens it in the reader, <kbd>↑</kbd>/<kbd>↓</kbd> move.
            </p>
            <ol className="mention-list" ref={listRef} aria-label={`Unlinked mentions of ${entity.name}`}>
              {mentions.map((m) => (
                <li key={mentionKey(m)} data-key={mentionKey(m)} tabIndex={0} aria-keyshortcuts="L Enter" onKeyDown={(e) => onKey(e, m)}>
                  <p className="snippet">{m.snippet}</p>
                  <p className="muted">
                    <a href={hrefs.passage(m.article.id, m)} tabIndex={-1}>
                      {m.article.title}
                    </a>{' '}
                    <button type="button" className="button" tabIndex={-1} onClick={() => void link(m)}>
                      Link
                    </button>
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </>
  );
}
