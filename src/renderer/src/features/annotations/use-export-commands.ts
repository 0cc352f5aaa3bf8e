// Commands that save every annotation as W3C Web Annotation JSON-LD or as CSV, for other tools.
import { useMemo } from 'react';
import { ANNOTATION_EXPORT_FORMATS } from '../../../../shared/api';
import { useCommands } from '../../hooks/use-commands';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';

const LABELS: Record<(typeof ANNOTATION_EXPORT_FORMATS)[number], string> = { jsonld: 'W3C Web Annotation JSON-LD', csv: 'CSV' };

/** Hands `text` to the browser (or Electron) as a file to save. */
function saveFile(text: string, name: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useExportCommands(): void {
  const { say } = useStatus();
  const commands = useMemo(
    () =>
      ANNOTATION_EXPORT_FORMATS.map((format) => ({
        id: `export-annotations-${format}`,
        title: `Export all annotations as ${LABELS[format]}…`,
        run: async () => {
          try {
            const { text, count, mediaType, extension } = await call('annotations.export', { format });
            saveFile(text, `dossier-annotations.${extension}`, mediaType);
            say(`Exported ${count} annotation${count === 1 ? '' : 's'} as ${LABELS[format]}.`);
          } catch (error) {
            say((error as Error).message, 'error');
          }
        },
      })),
    [say],
  );
  useCommands('export-annotations', commands);
}
