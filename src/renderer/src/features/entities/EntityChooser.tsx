// Choosing one entity with type-ahead, among some (who said a quote, whom to merge with), and, where it
// makes sense, creating it. EntityPicker is the multiple choice of the links; this is the single one.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Entity, EntityType } from '../../../../shared/model';
import { EntityOptions, type EntityOption } from './EntityOptions';
import { useLibrary } from '../../hooks/use-library';
import { call } from '../../lib/dossier';

type Option = EntityOption;

const MAX_SUGGESTIONS = 8;

export function EntityChooser({
  label,
  placeholder,
  candidates,
  createTypes = [],
  autoFocus = false,
  onChoose,
}: {
  label: string;
  placeholder: string;
  /** The entities to choose from. */
  candidates: Entity[];
  /** The types a name not among the candidates may be created as. */
  createTypes?: EntityType[];
  autoFocus?: boolean;
  onChoose(entity: Entity): void;
}) {
  const { refresh } = useLibrary();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const options = useMemo<Option[]>(() => {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return [];
    const named = (e: Entity) => [e.name, ...e.aliases].some((n) => n.toLocaleLowerCase().includes(q));
    const matches = candidates
      .filter(named)
      .sort((a, b) => Number(!a.name.toLocaleLowerCase().startsWith(q)) - Number(!b.name.toLocaleLowerCase().startsWith(q)))
      .slice(0, MAX_SUGGESTIONS)
      .map((entity): Option => ({ kind: 'existing', entity }));
    const creates = createTypes
      .filter((type) => !candidates.some((e) => e.type === type && e.name.toLocaleLowerCase() === q))
      .map((type): Option => ({ kind: 'create', type, name: query.trim() }));
    return [...matches, ...creates];
  }, [candidates, createTypes, query]);

  const choose = async (option: Option) => {
    setError(null);
    setQuery('');
    setActive(0);
    if (option.kind === 'existing') return onChoose(option.entity);
    try {
      const entity = await call('entities.create', { type: option.type, name: option.name });
      refresh();
      onChoose(entity);
    } catch (err) {
      setError((err as Error).message);
    }
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
      void choose(options[active]);
    } else if (event.key === 'Escape' && query) {
      // Clears the field; a second Escape reaches the form around it.
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className="combobox">
      <input
        role="combobox"
        autoFocus={autoFocus}
        aria-label={label}
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <EntityOptions id={listId} label={label} options={options} active={active} onChoose={(option) => void choose(option)} />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
