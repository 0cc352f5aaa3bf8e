// How a brief reads and is written: its sections and options. The brief composer and the settings (a new
// brief's defaults) both show these fields.
import type { BriefDefaults } from '../../lib/preferences';

const GROUP_LABELS: Record<BriefDefaults['groupBy'], string> = {
  article: 'By article',
  entity: 'By entity',
  event: 'By event, in time order',
  manual: 'By hand, in my order',
};

const OPTION_LABELS: [keyof Omit<BriefDefaults, 'groupBy'>, string][] = [
  ['frontMatter', 'YAML front matter'],
  ['wikilinks', 'Entities as [[links]] (Obsidian)'],
  ['entityIndex', 'Index of entities'],
  ['eventTimeline', 'Timeline of events'],
  ['splitSections', 'One file per section'],
];

export function BriefFormFields({ value, onChange }: { value: BriefDefaults; onChange(next: BriefDefaults): void }) {
  return (
    <>
      <label className="field">
        <span>Sections</span>
        <select value={value.groupBy} onChange={(e) => onChange({ ...value, groupBy: e.target.value as BriefDefaults['groupBy'] })}>
          {Object.entries(GROUP_LABELS).map(([group, label]) => (
            <option key={group} value={group}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {OPTION_LABELS.map(([key, label]) => (
        <label key={key} className="check">
          <input type="checkbox" checked={value[key]} onChange={(e) => onChange({ ...value, [key]: e.target.checked })} />
          {label}
        </label>
      ))}
    </>
  );
}
