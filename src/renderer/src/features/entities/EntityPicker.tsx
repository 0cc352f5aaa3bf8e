// Linking entities with type-ahead: pick an existing person, organisation, place or event, or create one.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ENTITY_TYPES, type EntityType } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS } from '../../components/format';
import { EntityOptions, type EntityOption } from './EntityOptions';
import { useLibrary } from '../../hooks/use-library';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';

type Option = EntityOption;

const MAX_SUGGESTIONS = 8;

export function EntityPicker({ selectedIds, autoFocus = false, onChange }: { selectedIds: string[]; autoFocus?: boolean; onChange(ids: string[]): void }) {
  const { entities, refresh } = useLibrary();
  const { say } = useStatus();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [pendingEvent, setPendingEvent] = useState<string | null>(null);
  const [eventDate, setEventDate] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Creation is asynchronous: read the selection as it is when the entity exists, not as it was.
  const selectedIdsRef = useRef(selectedIds);
  selectedIdsRef.current = selectedIds;
  const byId = useMemo(() => new Map(entities.map((e) => [e.id, e])), [entities]);
  const options = useMemo<Option[]>(() => {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return [];
    const matches = entities
      .filter((e) => !selectedIds.includes(e.id))
      .filter((e) => [e.name, ...e.aliases].some((n) => n.toLocaleLowerCase().includes(q)))
      .sort((a, b) => Number(!a.name.toLocaleLowerCase().startsWith(q)) - Number(!b.name.toLocaleLowerCase().startsWith(q)))
      .slice(0, MAX_SUGGESTIONS)
      .map((entity): Option => ({ kind: 'existing', entity }));
    const creates = ENTITY_TYPES.filter(
      (type) => !entities.some((e) => e.type === type && e.name.toLocaleLowerCase() === q),
    ).map((type): Option => ({ kind: 'create', type, name: query.trim() }));
    return [...matches, ...creates];
  }, [entities, query, selectedIds]);

  const add = (id: string) => {
    if (!selectedIds.includes(id)) onChange([...selectedIds, id]);
    setQuery('');
    setActive(0);
  };

  const create = async (type: EntityType, name: string, date: string | null) => {
    setError(null);
    // Clear the field now, not after the round trip, so that typing the next name is never wiped.
    setQuery('');
    setActive(0);
    try {
      const entity = await call('entities.create', { type, name, date });
      refresh();
      onChange([...selectedIdsRef.current.filter((id) => id !== entity.id), entity.id]);
      setPendingEvent(null);
      setEventDate('');
      say(`Created ${ENTITY_TYPE_LABELS[type].toLowerCase()} “${entity.name}”.`);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const choose = (option: Option) => {
    if (option.kind === 'existing') add(option.entity.id);
    else if (option.type === 'event') setPendingEvent(option.name);
    else void create(option.type, option.name, null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className="entity-picker">
      <ul className="chips" aria-label="Linked entities">
        {selectedIds.map((id) => {
          const entity = byId.get(id);
          return (
            <li key={id} className={`chip entity-${entity?.type ?? 'unknown'}`}>
              <span>{entity?.name ?? 'Unknown entity'}</span>
              <button type="button" aria-label={`Unlink ${entity?.name ?? 'entity'}`} onClick={() => onChange(selectedIds.filter((x) => x !== id))}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {pendingEvent !== null ? (
        <div className="event-form" role="group" aria-label={`New event ${pendingEvent}`}>
          <label>
            <span>Date of “{pendingEvent}”</span>
            <input
              autoFocus
              value={eventDate}
              placeholder="YYYY-MM-DD, YYYY-MM or YYYY"
              onChange={(e) => setEventDate(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void create('event', pendingEvent, eventDate.trim() || null);
                } else if (e.key === 'Escape') {
                  e.stopPropagation();
                  setPendingEvent(null);
                }
              }}
            />
          </label>
          <button type="button" className="button" onClick={() => void create('event', pendingEvent, eventDate.trim() || null)}>
            Create event
          </button>
          <button type="button" className="button" onClick={() => setPendingEvent(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="combobox">
          <input
            role="combobox"
            autoFocus={autoFocus}
            aria-label="Link an entity"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
            aria-autocomplete="list"
            placeholder="Link a person, organisation, place or event…"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {options.length > 0 && (
            <EntityOptions id={listId} label="Entities" options={options} active={active} onChoose={choose} />
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
