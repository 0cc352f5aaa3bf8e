// Settings: the theme, the reader's type, the defaults of a new brief, and where the library and exported
// briefs are. Each choice applies at once and is remembered on this machine.
import { READER_SIZES, READER_WIDTHS, THEMES, usePreference } from '../../lib/preferences';
import { BriefFormFields } from '../briefs/BriefFormFields';
import { ExportFolder } from './ExportFolder';
import { LibraryFolders } from './LibraryFolders';

const THEME_LABELS: Record<(typeof THEMES)[number], string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };
const SIZE_LABELS: Record<(typeof READER_SIZES)[number], string> = { small: 'Small', medium: 'Medium', large: 'Large', 'x-large': 'Extra large' };
const WIDTH_LABELS: Record<(typeof READER_WIDTHS)[number], string> = { narrow: 'Narrow', medium: 'Medium', wide: 'Wide' };

/** A group of radio buttons for one preference. */
function Choice<T extends string>({ legend, options, labels, value, onChange }: { legend: string; options: readonly T[]; labels: Record<T, string>; value: T; onChange(value: T): void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="check">
          <input type="radio" name={legend} checked={value === option} onChange={() => onChange(option)} />
          {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}

export function SettingsPage({ focus }: { focus: 'library' | null }) {
  const [theme, setTheme] = usePreference('theme');
  const [readerSize, setReaderSize] = usePreference('readerSize');
  const [readerWidth, setReaderWidth] = usePreference('readerWidth');
  const [brief, setBrief] = usePreference('briefDefaults');

  return (
    <main className="page settings-page" aria-label="Settings">
      <h1>Settings</h1>
      <p className="muted">Each choice applies at once and is remembered on this computer.</p>
      <section aria-labelledby="settings-look">
        <h2 id="settings-look">Look</h2>
        <Choice legend="Theme" options={THEMES} labels={THEME_LABELS} value={theme} onChange={setTheme} />
        <Choice legend="Reader text size" options={READER_SIZES} labels={SIZE_LABELS} value={readerSize} onChange={setReaderSize} />
        <Choice legend="Reader line length" options={READER_WIDTHS} labels={WIDTH_LABELS} value={readerWidth} onChange={setReaderWidth} />
      </section>
      <section aria-labelledby="settings-brief">
        <h2 id="settings-brief">A new brief</h2>
        <fieldset>
          <legend>Starts with</legend>
          <BriefFormFields value={brief} onChange={setBrief} />
        </fieldset>
      </section>
      <section aria-labelledby="settings-files">
        <h2 id="settings-files">Files</h2>
        <LibraryFolders focus={focus === 'library'} />
        <ExportFolder />
        <p className="muted">
          <code>DOSSIER_LIBRARY</code> names the library to start with (the command line takes <code>--library</code>, and <code>dossier serve --exports</code>{' '}
          another folder for exported briefs).
        </p>
      </section>
    </main>
  );
}
