// The people, organisations, places and dates the core found in the article, for the analyst to accept,
// map to an entity of the library, or reject: each with one key on its row (A, M, R; U undoes a decision),
// the arrow keys moving between rows. The row in focus marks its mentions in the text.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DateSuggestion, NameSuggestion, Suggestions } from '../../../../shared/api';
import type { Entity } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS, formatDate } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { EntityChooser } from '../entities/EntityChooser';

export type MentionRange = { start: number; end: number };
type Row = { kind: 'name'; s: NameSuggestion } | { kind: 'date'; s: DateSuggestion };
type Pending = { key: string; action: 'map' | 'name' } | null;

const STATUS_LABELS = { new: 'New', known: 'In library', linked: 'Linked', rejected: 'Rejected' } as const;

/** The library's entities of one type, with type-ahead, to map a suggestion to; Escape gives up. */
function MapPicker({ type, label, onPick, onCancel }: { type: Entity['type']; label: string; onPick(entity: Entity): void; onCancel(): void }) {
  const { entities } = useLibrary();
  return (
    <div className="map-picker" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <EntityChooser
        autoFocus
        label={label}
        placeholder={`Type to find ${ENTITY_TYPE_LABELS[type].toLowerCase()}…`}
        candidates={entities.filter((e) => e.type === type)}
        onChoose={onPick}
      />
    </div>
  );
}

/** Asks the name of the event a date is of; Enter makes it. */
function EventNamer({ suggestion, onName, onCancel }: { suggestion: DateSuggestion; onName(name: string): void; onCancel(): void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="event-namer"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onName(name.trim());
      }}
    >
      <input
        autoFocus
        aria-label={`Name of the event of ${suggestion.span.text}`}
        placeholder="Name the event, e.g. Singapore summit"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onCancel();
        }}
      />
      <button type="submit" className="button primary" disabled={!name.trim()}>
        Make event
      </button>
    </form>
  );
}

export function SuggestionsPanel({
  articleId,
  open,
  onOpenChange,
  onMentions,
  onShow,
}: {
  articleId: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The mentions to mark in the text: those of the row in focus. */
  onMentions(ranges: MentionRange[]): void;
  /** Scrolls the reader to a passage. */
  onShow(range: MentionRange): void;
}) {
  const { version, refresh } = useLibrary();
  const { say } = useStatus();
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [showDecided, setShowDecided] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const focusKey = useRef<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    call('suggestions.list', { articleId })
      .then((s) => !cancelled && (setSuggestions(s), setError(null)))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [articleId, open, version]);

  useEffect(() => {
    setPending(null);
    setSuggestions(null);
  }, [articleId]);

  const rows = useMemo<Row[]>(() => {
    if (!suggestions) return [];
    const all: Row[] = [...suggestions.names.map((s) => ({ kind: 'name' as const, s })), ...suggestions.dates.map((s) => ({ kind: 'date' as const, s }))];
    return showDecided ? all : all.filter((r) => r.s.status === 'new');
  }, [suggestions, showDecided]);
  const toReview = suggestions ? [...suggestions.names, ...suggestions.dates].filter((s) => s.status === 'new').length : 0;

  // After a decision the focus goes to the next row still to review, so that A, A, R, M… runs down the list.
  useEffect(() => {
    if (!focusKey.current || pending) return;
    listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey.current)}"]`)?.focus();
    focusKey.current = null;
  }, [rows, pending]);
  const cancel = (row: Row) => {
    focusKey.current = row.s.key;
    setPending(null);
  };

  const decide = useCallback(
    async (row: Row, run: () => Promise<Suggestions>, message: string, stay = false) => {
      const index = rows.indexOf(row);
      const next = stay ? row : rows.slice(index + 1).find((r) => r.s.status === 'new') ?? rows.slice(0, index).find((r) => r.s.status === 'new');
      try {
        const updated = await run();
        focusKey.current = next?.s.key ?? null;
        setPending(null);
        setSuggestions(updated);
        refresh();
        say(message);
      } catch (err) {
        say((err as Error).message, 'error');
      }
    },
    [rows, refresh, say],
  );

  const label = (row: Row) => (row.kind === 'name' ? row.s.name : `“${row.s.span.text}”`);
  const accept = (row: Row, name?: string) =>
    void decide(row, () => call('suggestions.accept', { articleId, key: row.s.key, name }), `Accepted ${label(row)}${name ? ` as “${name}”` : ''}.`);
  const reject = (row: Row) => void decide(row, () => call('suggestions.reject', { articleId, key: row.s.key }), `Rejected ${label(row)}.`);
  const reset = (row: Row) => void decide(row, () => call('suggestions.reset', { articleId, key: row.s.key }), `${label(row)} is to review again.`, true);
  const map = (row: Row, entity: Entity) =>
    void decide(row, () => call('suggestions.map', { articleId, key: row.s.key, entityId: entity.id }), `Mapped ${label(row)} to “${entity.name}”.`);
  const startAccept = (row: Row) => (row.kind === 'date' ? setPending({ key: row.s.key, action: 'name' }) : accept(row));

  const onRowKey = (event: KeyboardEvent<HTMLLIElement>, row: Row) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    const move = (step: number) => {
      const items = [...(listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? [])];
      items[(items.indexOf(event.currentTarget) + step + items.length) % items.length]?.focus();
    };
    const actions: Record<string, () => void> = {
      a: () => startAccept(row),
      r: () => reject(row),
      m: () => setPending({ key: row.s.key, action: 'map' }),
      u: () => row.s.status !== 'new' && reset(row),
      arrowdown: () => move(1),
      arrowup: () => move(-1),
      enter: () => showFirst(row),
    };
    if (!actions[key]) return;
    event.preventDefault();
    // The reader's own keys (A annotates) must not fire as well.
    event.stopPropagation();
    actions[key]();
  };

  const mentionsOf = (row: Row): MentionRange[] => (row.kind === 'name' ? row.s.mentions : [row.s.span]);
  const showFirst = (row: Row) => {
    const [first] = mentionsOf(row);
    if (first) onShow(first);
  };

  return (
    <details
      className="suggestions"
      open={open}
      onToggle={(e) => onOpenChange((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <h2>
          Suggested entities{suggestions ? ` (${toReview} to review)` : ''}
        </h2>
      </summary>
      {error && <p className="form-error" role="alert">{error}</p>}
      {!suggestions && !error && open && <p className="muted">Reading the article…</p>}
      {suggestions && (
        <>
          <p className="muted keys-hint">
            On a row: <kbd>A</kbd> accept, <kbd>M</kbd> map to an entity, <kbd>R</kbd> reject, <kbd>U</kbd> undo, <kbd>↑</kbd>/<kbd>↓</kbd> move,{' '}
            <kbd>Enter</kbd> show in the text.
          </p>
          {!suggestions.datesResolved && suggestions.dates.length > 0 && (
            <p className="muted">Dates like “on Sunday” become days once the article has a publication date (Edit details).</p>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={showDecided} onChange={(e) => setShowDecided(e.target.checked)} /> Show decided ones too
          </label>
          {rows.length === 0 && <p className="muted">Nothing left to review.</p>}
          <ol
            className="suggestion-list"
            ref={listRef}
            aria-label="Suggestions to review"
            onFocus={(e) => {
              const key = (e.target as HTMLElement).closest('li')?.dataset.key;
              const row = rows.find((r) => r.s.key === key);
              onMentions(row ? mentionsOf(row) : []);
            }}
            onBlur={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onMentions([]);
            }}
          >
            {rows.map((row) => {
              const { s } = row;
              const type = row.kind === 'name' ? row.s.type : 'event';
              const count = mentionsOf(row).length;
              const description =
                row.kind === 'name'
                  ? `${row.s.name}, ${ENTITY_TYPE_LABELS[type].toLowerCase()}, ${count} mention${count === 1 ? '' : 's'}`
                  : `Date ${row.s.span.text}${row.s.date ? `, ${formatDate(row.s.date)}` : ''}`;
              return (
                <li key={s.key} data-key={s.key} tabIndex={0} className={`suggestion status-${s.status}`} aria-label={`${description}, ${STATUS_LABELS[s.status]}`} aria-keyshortcuts="A M R U" onKeyDown={(e) => onRowKey(e, row)}>
                  <div className="suggestion-head">
                    <span className={`entity-dot entity-${type}`} aria-hidden="true" />
                    {row.kind === 'name' ? (
                      <strong>{row.s.name}</strong>
                    ) : (
                      <strong>
                        “{row.s.span.text}” <span className="muted">→ {row.s.date ? formatDate(row.s.date) : 'date unknown'}</span>
                      </strong>
                    )}
                    <button type="button" className="link-button muted" tabIndex={-1} onClick={() => showFirst(row)} title="Show in the text (Enter)">
                      ×{count}
                    </button>
                    <span className="badge">{STATUS_LABELS[s.status]}</span>
                  </div>
                  {row.kind === 'name' && row.s.variants.length > 0 && <p className="muted">Also: {row.s.variants.join(', ')}</p>}
                  {row.kind === 'name' && row.s.ambiguousWith.length > 0 && (
                    <p className="ambiguous">Could be any of {row.s.ambiguousWith.join(', ')}: map it to the right one (M).</p>
                  )}
                  {row.kind === 'date' && <p className="muted sentence">{row.s.sentence}</p>}
                  {s.entityId && (
                    <p>
                      {s.status === 'known' ? 'Known as ' : 'Linked to '}
                      <a href={hrefs.entity(s.entityId)} tabIndex={-1}>
                        {ENTITY_TYPE_LABELS[type]} page
                      </a>
                    </p>
                  )}
                  {pending?.key === s.key && pending.action === 'map' && (
                    <MapPicker type={type} label={`Map ${label(row)} to`} onPick={(entity) => map(row, entity)} onCancel={() => cancel(row)} />
                  )}
                  {pending?.key === s.key && pending.action === 'name' && row.kind === 'date' && (
                    <EventNamer suggestion={row.s} onName={(name) => accept(row, name)} onCancel={() => cancel(row)} />
                  )}
                  <div className="row-actions">
                    <button type="button" className="button" tabIndex={-1} onClick={() => startAccept(row)}>
                      Accept
                    </button>
                    <button type="button" className="button" tabIndex={-1} onClick={() => setPending({ key: s.key, action: 'map' })}>
                      Map…
                    </button>
                    {s.status === 'new' ? (
                      <button type="button" className="button" tabIndex={-1} onClick={() => reject(row)}>
                        Reject
                      </button>
                    ) : (
                      <button type="button" className="button" tabIndex={-1} onClick={() => reset(row)}>
                        Undo
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </details>
  );
}
