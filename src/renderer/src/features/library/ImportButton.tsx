// The Import button: a file picker for article files.
import { useEffect, useMemo, useRef } from 'react';
import { IMPORT_EXTENSIONS } from '../../../../shared/api';
import { useCommands } from '../../hooks/use-commands';
import { useImport } from './use-import';

const IMPORT_ACCEPT = IMPORT_EXTENSIONS.map((extension) => `.${extension}`).join(',');

export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const { importFiles, busy } = useImport();
  const commands = useMemo(() => [{ id: 'import', title: 'Import files…', shortcut: 'Ctrl+O', run: () => input.current?.click() }], []);
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
          void importFiles(files);
        }}
      />
    </>
  );
}
