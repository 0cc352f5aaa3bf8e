// Importing files the user picked, dropped or pasted, and web addresses: with progress that can be
// cancelled, and a clear account of what happened to each.
import { useCallback, useRef, useState } from 'react';
import type { ImportOutcome } from '../../../../shared/api';
import { useLibrary } from '../../hooks/use-library';
import { hrefs, navigate } from '../../hooks/use-route';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { toImportInput } from '../../lib/files';

/** A file, or a web address for the core to fetch. */
export type ImportSource = File | { url: string };

/** Files sent to the core at a time. */
const IN_FLIGHT = 4;

const label = (source: ImportSource) => (source instanceof File ? source.name : source.url);

async function importOne(source: ImportSource): Promise<ImportOutcome[]> {
  if (source instanceof File) return call('articles.import', await toImportInput([source]));
  return [await call('articles.importUrl', { url: source.url })];
}

/** Tells the user what became of each file: errors, warnings, ones already there, new versions. */
export function reportImport(outcomes: ImportOutcome[], say: (text: string, kind?: 'info' | 'error') => void): void {
  const imported = outcomes.filter((o) => o.ok && !o.duplicate);
  const duplicates = outcomes.filter((o) => o.ok && o.duplicate);
  for (const o of outcomes) if (!o.ok) say(o.error.message, 'error');
  for (const o of outcomes) if (o.ok) for (const warning of o.warnings) say(warning, 'error');
  if (duplicates.length) {
    say(`${duplicates.map((d) => (d.ok ? `“${d.article.title}”` : '')).join(', ')} ${duplicates.length > 1 ? 'are' : 'is'} already in the library.`);
  }
  if (imported.length) say(`Imported ${imported.length} article${imported.length > 1 ? 's' : ''}.`);
  for (const o of outcomes) {
    if (!o.ok || !o.carried) continue;
    const { anchored, fuzzy, orphaned } = o.carried;
    say(
      `“${o.article.title}” is a new version: ${anchored} annotation${anchored === 1 ? '' : 's'} carried over exactly` +
        (fuzzy || orphaned ? `, ${fuzzy + orphaned} need${fuzzy + orphaned === 1 ? 's' : ''} your attention.` : '.'),
      fuzzy || orphaned ? 'error' : 'info',
    );
  }
}

/** One article imported: it opens. */
export function openIfOne(outcomes: ImportOutcome[]): void {
  const first = outcomes.find((o) => o.ok);
  if (first?.ok && outcomes.length === 1) navigate(hrefs.article(first.article.id));
}

export function useImport() {
  const { refresh } = useLibrary();
  const { say, dismiss, update: setProgressText } = useStatus();
  const [busy, setBusy] = useState(false);
  const cancelled = useRef(false);

  const importSources = useCallback(
    async (sources: ImportSource[]) => {
      if (sources.length === 0) return;
      setBusy(true);
      cancelled.current = false;
      const what = sources.length > 1 ? `${sources.length} files` : label(sources[0]);
      const progress = say(`Importing ${what}…`, 'progress', { label: 'Cancel', run: () => (cancelled.current = true) });
      try {
        // One source per call: progress can be shown, the import can stop between two of them with nothing
        // half-imported, and no request grows past the host's size limit. Four calls at a time: the core's import
        // workers read two or more files at once while it saves others (each save waits on the disk).
        const outcomes: ImportOutcome[][] = [];
        let next = 0;
        let handled = 0;
        let failed = false;
        const importNext = async () => {
          while (next < sources.length && !cancelled.current && !failed) {
            const at = next++;
            if (sources.length > 1) setProgressText(progress, `Importing ${at + 1} of ${sources.length}: ${label(sources[at])}…`);
            try {
              outcomes[at] = await importOne(sources[at]);
            } catch (error) {
              failed = true;
              throw error;
            }
            handled++;
          }
        };
        // Both calls finish before anything is reported: none is left running behind an error.
        const settled = await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, sources.length) }, importNext));
        for (const result of settled) if (result.status === 'rejected') throw result.reason;
        if (cancelled.current) {
          say(`Import cancelled: ${handled} of ${sources.length} were handled, the other ${sources.length - handled} were not imported.`);
        }
        // In the order the files were given, whichever came back first.
        const all = outcomes.flat();
        reportImport(all, say);
        refresh();
        openIfOne(all);
      } catch (error) {
        say((error as Error).message, 'error');
      } finally {
        dismiss(progress);
        setBusy(false);
      }
    },
    [refresh, say, dismiss, setProgressText],
  );
  return { importSources, busy };
}
