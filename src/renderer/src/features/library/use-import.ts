// Importing files the user picked or dropped, with progress and a clear account of what happened.
import { useCallback, useState } from 'react';
import type { ImportOutcome } from '../../../../shared/api';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { toImportInput } from '../../lib/files';

export function useImport() {
  const { refresh } = useLibrary();
  const { say, dismiss, update: setProgressText } = useStatus();
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setBusy(true);
      const progress = say(`Importing ${files.length} file${files.length > 1 ? 's' : ''}…`, 'progress');
      try {
        // One file per call: progress can be shown, and no request grows past the host's size limit.
        const outcomes: ImportOutcome[] = [];
        for (const [i, file] of files.entries()) {
          if (files.length > 1) setProgressText(progress, `Importing ${i + 1} of ${files.length}: ${file.name}…`);
          outcomes.push(...(await call('articles.import', await toImportInput([file]))));
        }
        const imported = outcomes.filter((o) => o.ok && !o.duplicate);
        const duplicates = outcomes.filter((o) => o.ok && o.duplicate);
        for (const o of outcomes) if (!o.ok) say(o.error.message, 'error');
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
        refresh();
        const first = outcomes.find((o) => o.ok);
        if (first?.ok && outcomes.length === 1) window.location.hash = hrefs.article(first.article.id);
      } catch (error) {
        say((error as Error).message, 'error');
      } finally {
        dismiss(progress);
        setBusy(false);
      }
    },
    [refresh, say, dismiss, setProgressText],
  );
  return { importFiles, busy };
}
