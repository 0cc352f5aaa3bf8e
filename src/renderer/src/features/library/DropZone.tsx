// Files and links dropped anywhere on the window are imported, and so is what is pasted outside a text
// field: files, a web address, or a clip of a page (HTML) or of text. Nothing dropped ever navigates.
import { useEffect, useState } from 'react';
import { SUPPORTED_FORMATS } from '../../../../shared/api';
import { useStatus } from '../../hooks/use-status';
import { type DroppedEntry, filesFromEntries } from './dropped-folders';
import { type ImportSource, useImport } from './use-import';

/** The web addresses among dropped or pasted text: one per line (text/uri-list comments start with #). */
export function webAddresses(text: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  return lines.every((line) => /^https?:\/\/\S+$/i.test(line)) ? lines : [];
}

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null);

/** A name for a pasted clip: its kind and the minute it was pasted, so that two clips are never taken
 * for versions of each other. */
const clipName = (extension: string) => `Pasted clip ${new Date().toISOString().slice(0, 16).replace('T', ' ').replace(':', '.')}.${extension}`;

/** What a paste carries, as sources to import. */
function pastedSources(data: DataTransfer): ImportSource[] {
  const files = Array.from(data.files);
  if (files.length) return files;
  const text = data.getData('text/plain');
  const urls = webAddresses(text);
  if (urls.length) return urls.map((url) => ({ url }));
  const html = data.getData('text/html');
  if (html.trim()) return [new File([html], clipName('html'), { type: 'text/html' })];
  if (text.trim()) return [new File([text], clipName('txt'), { type: 'text/plain' })];
  return [];
}

export function DropZone() {
  const { importSources } = useImport();
  const { say } = useStatus();
  const [over, setOver] = useState(false);
  useEffect(() => {
    const carries = (e: DragEvent) => {
      const types = Array.from(e.dataTransfer?.types ?? []);
      return types.includes('Files') || types.includes('text/uri-list');
    };
    const onOver = (e: DragEvent) => {
      // Always prevent the default, so that a drop never navigates the window to the dropped thing.
      e.preventDefault();
      setOver(carries(e));
    };
    const onLeave = (e: DragEvent) => {
      if (!e.relatedTarget) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      // The entries must be taken while the drop event lasts; a folder among them is walked after.
      const entries = Array.from(e.dataTransfer?.items ?? [])
        .map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry() as DroppedEntry | null) : null))
        .filter((entry): entry is DroppedEntry => entry !== null);
      if (entries.some((entry) => entry.isDirectory)) {
        void filesFromEntries(entries)
          .then((found) => {
            if (found.length) return importSources(found);
            say(`The dropped folder holds no article files. ${SUPPORTED_FORMATS}`, 'error');
          })
          .catch((error: Error) => say(`The dropped folder could not be read: ${error.message}`, 'error'));
        return;
      }
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) return void importSources(files);
      // A link dragged from a browser: the core fetches the page. Other addresses (file:, javascript:) are
      // not web pages and are ignored.
      const urls = webAddresses(e.dataTransfer?.getData('text/uri-list') ?? '');
      if (urls.length) void importSources(urls.map((url) => ({ url })));
    };
    // On Linux a middle click pastes the primary selection (whatever text was last selected): that is not
    // the user asking to import, so a paste right after a middle button press is left alone.
    let middleDownAt = -Infinity;
    const onMouseDown = (e: MouseEvent) => {
      if (e.button === 1) middleDownAt = e.timeStamp;
    };
    const onPaste = (e: ClipboardEvent) => {
      if (e.timeStamp - middleDownAt < 1000) return;
      if (isEditable(e.target) || !e.clipboardData) return;
      const sources = pastedSources(e.clipboardData);
      if (sources.length === 0) return;
      e.preventDefault();
      void importSources(sources);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    window.addEventListener('mousedown', onMouseDown, true);
    return () => {
      window.removeEventListener('mousedown', onMouseDown, true);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, [importSources, say]);
  return over ? <div className="drop-overlay">Drop article files or a link to import them</div> : null;
}
