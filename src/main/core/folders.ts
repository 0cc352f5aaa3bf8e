// A folder the user named (a library's, or where briefs are exported): given in full or from ~, and there.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { DossierError } from '../../shared/errors';

/** The folder at `path`, resolved; an error the user can act on if it is relative, missing or a file. */
export async function existingFolder(path: string): Promise<string> {
  const given = path.trim();
  const expanded = given === '~' || given.startsWith('~/') ? join(homedir(), given.slice(1)) : given;
  if (!isAbsolute(expanded)) throw new DossierError('invalid_input', `Give the folder's full path (${given} is relative).`);
  const dir = resolve(expanded);
  const info = await stat(dir).catch(() => null);
  if (!info) throw new DossierError('not_found', `There is no folder ${dir}.`);
  if (!info.isDirectory()) throw new DossierError('invalid_input', `${dir} is a file, not a folder.`);
  return dir;
}
