// A folder named by its full path, or chosen in the system's dialog (in the app): the form the library
// folder and the export folder share. Its owner does the work and says what went wrong.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

export function FolderForm({
  name,
  field,
  submit,
  help,
  error,
  busy = false,
  focus = false,
  onFolder,
  children,
}: {
  /** The form's accessible name. */
  name: string;
  /** The field's label. */
  field: string;
  /** The button that uses the folder typed in. */
  submit: string;
  help: ReactNode;
  error: string | null;
  busy?: boolean;
  /** Puts the focus in the field (when the view was opened to change this). */
  focus?: boolean;
  /** Uses the folder; true if it was, and the field is emptied. */
  onFolder: (folder: string) => Promise<boolean>;
  /** More buttons, after the form's own. */
  children?: ReactNode;
}) {
  const [path, setPath] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const helpId = useId();

  useEffect(() => {
    if (focus || error) input.current?.focus();
  }, [focus, error]);

  const use = async (folder: string) => {
    if (await onFolder(folder)) setPath('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void use(path);
  };
  const choose = async () => {
    const chosen = await window.dossierApp?.chooseFolder();
    if (chosen) void use(chosen);
  };

  return (
    <form className="library-open" aria-label={name} onSubmit={onSubmit}>
      <label>
        <span>{field}</span>
        <input
          ref={input}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="Its full path"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={helpId}
        />
      </label>
      {window.dossierApp && (
        <button type="button" className="button" onClick={() => void choose()} disabled={busy}>
          Choose…
        </button>
      )}
      <button type="submit" className="button" disabled={busy || !path.trim()}>
        {submit}
      </button>
      {children}
      <p id={helpId} className="muted">
        {help}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
