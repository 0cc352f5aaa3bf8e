// Durable file writes: a temp file beside the target, fsync, rename over it, fsync the folder (and the quick read
// of a whole file). A crash at any moment leaves either the old file or the new one, never half of one.
import { readFile } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { DossierError } from '../../shared/errors';

/** The file operations used here, replaceable by tests that inject faults (EPERM, ENOSPC, fsync errors). */
export const fileSystem = { open, rename, rm };

/**
 * Reads a whole (small) file as text. fs/promises' readFile goes through the thread pool several times a file;
 * the callback form takes half the time for the files a library is made of (measured here: 500 texts of
 * 20 KB, 55 ms against 110), and a search reads dozens of them.
 */
const readFileCallback = promisify(readFile);
export const readTextFile = (path: string): Promise<string> => readFileCallback(path, 'utf8');
export const readFileBytes = (path: string): Promise<Buffer> => readFileCallback(path);

let tempCounter = 0;

// Windows briefly locks files that a virus scanner or indexer is reading: rename fails with EPERM/EBUSY.
const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_ATTEMPTS = 8;

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fileSystem.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE.has(code) || attempt >= RENAME_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt));
    }
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fileSystem.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'ENOSPC') return 'the disk is full';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission was denied';
  if (err.code === 'EROFS') return 'the disk is read-only';
  return err.message ?? String(error);
}

/** Writes `data` into the file opened with `flags` (write or append) and waits until it is on disk. */
async function writeSynced(path: string, flags: 'w' | 'a', data: string | Uint8Array): Promise<void> {
  const handle = await fileSystem.open(path, flags);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Appends `data` to the file and waits until it is on disk; `created`, when the append may have made the file,
 * so that its name is made durable too (the folder synced).
 */
export async function appendFileDurable(path: string, data: string, options: { created?: boolean } = {}): Promise<void> {
  try {
    await writeSynced(path, 'a', data);
    if (options.created) await fsyncDirectory(dirname(path));
  } catch (error) {
    throw new DossierError('storage', `Could not save ${path}: ${describe(error)}.`);
  }
}

/**
 * With `keepPrevious`, the file being replaced is kept under that name (one generation of backup): a
 * crash between the two renames leaves the backup and no file, which the reader restores from.
 */
export async function writeFileDurable(path: string, data: string | Uint8Array, options: { keepPrevious?: string } = {}): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    await writeSynced(temp, 'w', data);
    if (options.keepPrevious) {
      try {
        await renameWithRetry(path, options.keepPrevious);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      try {
        await renameWithRetry(temp, path);
      } catch (error) {
        await fileSystem.rename(options.keepPrevious, path).catch(() => undefined);
        throw error;
      }
    } else {
      await renameWithRetry(temp, path);
    }
    await fsyncDirectory(dir);
  } catch (error) {
    await fileSystem.rm(temp, { force: true }).catch(() => undefined);
    throw new DossierError('storage', `Could not save ${path}: ${describe(error)}. The previous version is intact.`);
  }
}
