// The library the app opens at launch: DOSSIER_LIBRARY when set, else the folder opened last (kept in
// userData/last-library.json when another library is opened), else the default one in the user data folder.
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { writeFileDurable } from './durable-file';

const LastLibrarySchema = z.object({ path: z.string().refine(isAbsolute, 'an absolute path') });

export async function loadLastLibrary(file: string): Promise<string | null> {
  try {
    return LastLibrarySchema.parse(JSON.parse(await readFile(file, 'utf8'))).path;
  } catch {
    // None yet (the default library has always been used), or unreadable: the default is a fine answer.
    return null;
  }
}

export async function saveLastLibrary(file: string, path: string): Promise<void> {
  await writeFileDurable(file, JSON.stringify(LastLibrarySchema.parse({ path })));
}

/** The folders to try at launch, in order: the last one is the default, which can always be made. */
export function librariesToTry(env: string | undefined, last: string | null, fallback: string): string[] {
  if (env) return [env];
  return [...new Set([last ?? fallback, fallback])];
}
