// The user's preferences on this machine (theme, reader type, brief defaults, export folder): each validated when read,
// so that a stored value from an older or a broken version falls back to the default, and shared by every
// view that shows or changes it.
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { BRIEF_GROUPINGS } from '../../../shared/model';

export const THEMES = ['system', 'light', 'dark'] as const;
export const READER_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export const READER_WIDTHS = ['narrow', 'medium', 'wide'] as const;

const BriefDefaultsSchema = z.object({
  groupBy: z.enum(BRIEF_GROUPINGS),
  frontMatter: z.boolean(),
  wikilinks: z.boolean(),
  entityIndex: z.boolean(),
  eventTimeline: z.boolean(),
  splitSections: z.boolean(),
});
export type BriefDefaults = z.infer<typeof BriefDefaultsSchema>;

const PREFERENCES = {
  theme: { key: 'dossier.theme', schema: z.enum(THEMES), fallback: 'system' as (typeof THEMES)[number] },
  readerSize: { key: 'dossier.readerSize', schema: z.enum(READER_SIZES), fallback: 'medium' as (typeof READER_SIZES)[number] },
  readerWidth: { key: 'dossier.readerWidth', schema: z.enum(READER_WIDTHS), fallback: 'medium' as (typeof READER_WIDTHS)[number] },
  /** Where briefs are exported, if the user chose a folder (else the app's own export folder). */
  exportFolder: { key: 'dossier.exportFolder', schema: z.string().min(1).nullable(), fallback: null as string | null },
  /** The library folders opened on this computer, the last one first. */
  recentLibraries: { key: 'dossier.recentLibraries', schema: z.array(z.string().min(1)).max(20), fallback: [] as string[] },
  briefDefaults: {
    key: 'dossier.briefDefaults',
    schema: BriefDefaultsSchema,
    fallback: { groupBy: 'article', frontMatter: false, wikilinks: false, entityIndex: false, eventTimeline: false, splitSections: false } as BriefDefaults,
  },
};
type Name = keyof typeof PREFERENCES;
export type Preference<N extends Name> = (typeof PREFERENCES)[N]['fallback'];

const listeners = new Set<() => void>();
const values = new Map<Name, unknown>();

export function getPreference<N extends Name>(name: N): Preference<N> {
  if (!values.has(name)) {
    const { key, schema, fallback } = PREFERENCES[name];
    const raw = localStorage.getItem(key);
    let stored: unknown = raw;
    try {
      stored = raw === null ? undefined : JSON.parse(raw);
    } catch {
      // Written as a bare word by an earlier version (the theme was): read as it is.
    }
    const parsed = schema.safeParse(stored);
    values.set(name, parsed.success ? parsed.data : fallback);
  }
  return values.get(name) as Preference<N>;
}

export function setPreference<N extends Name>(name: N, value: Preference<N>): void {
  const { key, fallback } = PREFERENCES[name];
  values.set(name, value);
  if (JSON.stringify(value) === JSON.stringify(fallback)) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
  applyPreferences();
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const setters = new Map<Name, (value: never) => void>();

/** A preference and the function that changes it (the same function every time), for every view at once. */
export function usePreference<N extends Name>(name: N): [Preference<N>, (value: Preference<N>) => void] {
  const value = useSyncExternalStore(subscribe, () => getPreference(name));
  if (!setters.has(name)) setters.set(name, (next: never) => setPreference(name, next));
  return [value, setters.get(name) as (value: Preference<N>) => void];
}

const FONT_SIZES: Record<(typeof READER_SIZES)[number], string> = { small: '1rem', medium: '1.1rem', large: '1.25rem', 'x-large': '1.45rem' };
const WIDTHS: Record<(typeof READER_WIDTHS)[number], string> = { narrow: '36rem', medium: '44rem', wide: '56rem' };

/** Puts the theme and the reader's type on the page; run before the first paint, then on every change. */
export function applyPreferences(): void {
  const root = document.documentElement;
  const theme = getPreference('theme');
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.style.setProperty('--reader-font-size', FONT_SIZES[getPreference('readerSize')]);
  root.style.setProperty('--reader-width', WIDTHS[getPreference('readerWidth')]);
}
