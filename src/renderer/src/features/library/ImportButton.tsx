// The Import button: a file picker for article files.
import { useRef } from 'react';
import { useImport } from './use-import';

export const IMPORT_ACCEPT = '.txt,.text,.html,.htm,.xhtml,.md,.markdown';

export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const { importFiles, busy } = useImport();
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
          void importFiles(files);
        }}
      />
    </>
  );
}
