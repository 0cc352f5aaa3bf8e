// The library's own backups: listed newest first, made by hand, and restored in place after the library as
// it is has been backed up (so that a restore can itself be undone from the same list).
import { useEffect, useId, useRef, useState } from 'react';
import { MAX_IMPORT_BYTES, type Backup } from '../../../../shared/api';
import { useLibrary } from '../../hooks/use-library';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { toBase64 } from '../../lib/files';

const KINDS: Record<Backup['reason'], string> = { daily: 'Daily', manual: 'Made by you', 'before-restore': 'Before a restore', added: 'Added from a file' };

const when = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Asks before restoring; Cancel has the focus, and Escape is Cancel. */
function RestoreDialog({ backup, onCancel, onRestore }: { backup: Backup; onCancel(): void; onRestore(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    dialog.current?.showModal();
    cancel.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Restore the library as it was on {when(backup.created)}?</h2>
      <p id={textId}>
        Articles, annotations, entities and briefs go back to what they were then. The library as it is now is backed up first: you can come back to
        it from this list.
      </p>
      <div className="form-actions">
        <button type="button" className="button danger" onClick={onRestore}>
          Restore
        </button>
        <button type="button" className="button" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

export function BackupsPage() {
  const { version, refresh } = useLibrary();
  const { say } = useStatus();
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<Backup | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  const load = () =>
    call('backups.list', {})
      .then((list) => (setBackups(list), setError(null)))
      .catch((err: Error) => setError(err.message));
  useEffect(() => void load(), [version]);

  const backUp = async () => {
    setBusy('Backing up the library…');
    try {
      const made = await call('backups.create', {});
      say(`Backed up the library (${size(made.size)}).`);
      await load();
    } catch (err) {
      say((err as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };

  const addFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      say(`${file.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: restore it into a new folder with \`dossier restore\` instead.`, 'error');
      return;
    }
    setBusy(`Checking ${file.name}…`);
    try {
      const added = await call('backups.add', { name: file.name, data: await toBase64(file) });
      say(`Added the backup of ${when(added.created)}: restore it from the list.`);
      await load();
    } catch (err) {
      say(`${file.name}: ${(err as Error).message}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: Backup) => {
    setAsking(null);
    setBusy(`Restoring the library as it was on ${when(backup.created)}…`);
    try {
      const { articleCount } = await call('backups.restore', { name: backup.name });
      say(`Restored the library as it was on ${when(backup.created)}: ${articleCount} article${articleCount === 1 ? '' : 's'}. The library as it was just before is the newest backup.`);
      refresh();
      heading.current?.focus();
    } catch (err) {
      say((err as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <main className="page backups-page" aria-label="Backups" aria-busy={busy !== null}>
      <h1 ref={heading} tabIndex={-1}>
        Backups
      </h1>
      <p className="muted">
        Dossier backs up the library each day it changes and before every restore, and keeps the last five of each kind in the library’s backups
        folder. A backup holds every article, annotation, entity and brief. A backup file made elsewhere (by{' '}
        <code>dossier backup</code>, or from another library’s backups folder) can be added to the list and restored from it.
      </p>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void backUp()} disabled={busy !== null}>
          Back up now
        </button>
        <button type="button" className="button" onClick={() => picker.current?.click()} disabled={busy !== null}>
          Add a backup file…
        </button>
        <input
          ref={picker}
          type="file"
          accept=".zip,application/zip"
          hidden
          onChange={(e) => {
            void addFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {backups && backups.length === 0 && <p>No backup yet: the first is made today, once the library changes, or now with “Back up now”.</p>}
      {backups && backups.length > 0 && (
        <table className="backups-table">
          <caption className="sr-only">The library’s backups, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td>{when(b.created)}</td>
                <td>{KINDS[b.reason]}</td>
                <td>{size(b.size)}</td>
                <td>
                  <button type="button" className="button" onClick={() => setAsking(b)} disabled={busy !== null} aria-label={`Restore the backup of ${when(b.created)}…`}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && <RestoreDialog backup={asking} onCancel={() => setAsking(null)} onRestore={() => void restore(asking)} />}
    </main>
  );
}
