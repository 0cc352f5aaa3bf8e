// Files the system asks Dossier to open (a file association, a drop on the dock or taskbar icon, `Dossier FILE`
// or `dossier open FILE` from a terminal while Dossier runs): each importable one is imported, and the window is told.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { IMPORT_EXTENSIONS, MAX_IMPORT_BYTES, unwrap, type Handlers, type ImportOutcome } from '../../shared/api';
import { DossierError, toErrorValue } from '../../shared/errors';
import { dispatch } from './dispatch';

/**
 * The files to import among a command line's words, as absolute paths: `skip` words of Dossier's own first
 * (the executable, and the app's folder when not packaged), then anything that is not an option and ends
 * in an extension Dossier imports.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  return argv
    .slice(skip)
    .filter((word) => !word.startsWith('-') && IMPORT_EXTENSIONS.includes(extname(word).slice(1).toLowerCase()))
    .map((word) => resolve(cwd, word));
}

/** Imports the files, one outcome each in order: one that cannot be read is reported, the others go on. */
export async function openFiles(handlers: Handlers, paths: readonly string[]): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const path of paths) {
    const fileName = basename(path);
    try {
      const { size } = await stat(path);
      if (size > MAX_IMPORT_BYTES) {
        throw new DossierError('invalid_input', `Cannot import "${fileName}": it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
      }
      const data = (await readFile(path)).toString('base64');
      outcomes.push(...(unwrap((await dispatch(handlers, 'articles.import', { files: [{ name: fileName, data }] })) as never) as ImportOutcome[]));
    } catch (error) {
      const gone = (error as NodeJS.ErrnoException).code === 'ENOENT';
      outcomes.push({
        ok: false,
        fileName,
        error: gone ? { code: 'not_found', message: `Cannot import "${fileName}": there is no file at ${path}.` } : toErrorValue(error),
      });
    }
  }
  return outcomes;
}
