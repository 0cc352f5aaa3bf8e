// A drop-down of the library's entities (of some types), with a first choice for none of them: the filters
// of search and the timeline, an event's place.
import type { EntityType } from '../../../../shared/model';
import { useLibrary } from '../../hooks/use-library';

export function EntitySelect({ value, onChange, none, types }: { value: string; onChange(id: string): void; none: string; types?: EntityType[] }) {
  const { entities } = useLibrary();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {entities
        .filter((e) => !types || types.includes(e.type))
        .map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
    </select>
  );
}
