// The options of an entity type-ahead: entities of the library, and entities to create from what was typed.
// The link picker (several entities) and the chooser (one) list them the same way.
import type { Entity, EntityType } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS } from '../../components/format';

export type EntityOption = { kind: 'existing'; entity: Entity } | { kind: 'create'; type: EntityType; name: string };

export function EntityOptions({
  id,
  label,
  options,
  active,
  onChoose,
}: {
  id: string;
  label: string;
  options: EntityOption[];
  active: number;
  onChoose(option: EntityOption): void;
}) {
  return (
    <ul id={id} role="listbox" className="options" aria-label={label}>
      {options.map((option, i) => (
        <li
          key={option.kind === 'existing' ? option.entity.id : `create-${option.type}`}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          // The field keeps the focus: a click chooses without blurring it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onChoose(option)}
        >
          {option.kind === 'existing' ? (
            <>
              <span className={`entity-dot entity-${option.entity.type}`} aria-hidden="true" />
              {option.entity.name} <span className="muted">{ENTITY_TYPE_LABELS[option.entity.type]}</span>
            </>
          ) : (
            <>
              Create {ENTITY_TYPE_LABELS[option.type].toLowerCase()} “{option.name}”
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
