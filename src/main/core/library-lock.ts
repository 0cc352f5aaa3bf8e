// One running Dossier per library: a lock file naming the process that holds it, and where that process takes
// files to open (its door, when it is an app that stays up).
import { hostname } from 'node:os';
import { join } from 'node:path';
import { open, readFile, rm } from 'node:fs/promises';
import { DossierError } from '../../shared/errors';

const LOCK_NAME = '.dossier.lock';

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  /** The socket of the process's door (core/door.ts), if it has one. */
  door?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** The process of this machine that has the library open now, if one has. */
export async function libraryHolder(dir: string): Promise<LockInfo | null> {
  const holder = await readHolder(join(dir, LOCK_NAME));
  return holder && holder.host === hostname() && typeof holder.pid === 'number' && isAlive(holder.pid) ? holder : null;
}

export async function acquireLibraryLock(dir: string, door?: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_NAME);
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), ...(door ? { door } : {}) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(path);
      const stale = !holder || (holder.host === info.host && !isAlive(holder.pid));
      if (!stale) {
        throw new DossierError(
          'library_locked',
          `The library ${dir} is open in another Dossier process (pid ${holder!.pid} on ${holder!.host}). Close it first.`,
        );
      }
      // The process that held it is gone (a crash): the lock is ours to take.
      await rm(path, { force: true });
    }
  }
  throw new DossierError('library_locked', `Could not lock the library ${dir}.`);
}
