// The Import button: a file picker for article files, a folder picker, and a form for a web address.
import { useEffect, useMemo, useRef, useState } from 'react';
import { IMPORT_EXTENSIONS, isArticlePath, SUPPORTED_FORMATS } from '../../../../shared/api';
import { useCommands } from '../../hooks/use-commands';
import { useStatus } from '../../hooks/use-status';
import { useImport } from './use-import';

const IMPORT_ACCEPT = IMPORT_EXTENSIONS.map((extension) => `.${extension}`).join(',');


export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const { importSources, busy } = useImport();
  const { say } = useStatus();
  const dialog = useRef<HTMLDialogElement>(null);
  const [address, setAddress] = useState('');
  const commands = useMemo(
    () => [
      { id: 'import', title: 'Import files…', shortcut: 'Ctrl+O', run: () => input.current?.click() },
      { id: 'import-folder', title: 'Import a folder…', run: () => folderInput.current?.click() },
      { id: 'import-url', title: 'Import a web address…', run: () => dialog.current?.showModal() },
    ],
    [],
  );
  useCommands('import', commands);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'o' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        input.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="button primary" onClick={() => input.current?.click()} disabled={busy} aria-keyshortcuts="Control+O">
        {busy ? 'Importing…' : 'Import…'}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          void importSources(files);
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="import-folder-input"
        // Chromium's folder picker: every file under the chosen folder.
        {...{ webkitdirectory: '' }}
        onChange={(event) => {
          const all = Array.from(event.target.files ?? []);
          event.target.value = '';
          const files = all.filter((file) => isArticlePath(file.webkitRelativePath || file.name));
          if (files.length === 0) say(`No article files in that folder (${all.length} other files). ${SUPPORTED_FORMATS}`, 'error');
          else void importSources(files);
        }}
      />
      <dialog ref={dialog} className="dialog" aria-labelledby="import-url-title">
        <form
          method="dialog"
          onSubmit={() => {
            const url = address.trim();
            setAddress('');
            if (url) void importSources([{ url }]);
          }}
        >
          <h2 id="import-url-title">Import a web address</h2>
          <p className="muted">Dossier fetches the page and keeps its text; its images are not downloaded. You can also paste a link anywhere outside a text field.</p>
          <label>
            <span>Address</span>
            <input type="url" required placeholder="https://" value={address} onChange={(e) => setAddress(e.target.value)} autoFocus />
          </label>
          <div className="form-actions">
            <button type="submit" className="button primary">
              Import
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
