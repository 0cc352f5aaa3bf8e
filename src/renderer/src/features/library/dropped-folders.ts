// Folders dropped on the window: every article file under them (hidden ones left out, as when a folder is
// imported from the palette), read through the entries the browser gives for a drop.
import { isArticlePath } from '../../../../shared/api';

/** The parts of the browser's FileSystemEntry that a walk needs. */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void };
}

function readAll(directory: DroppedEntry): Promise<DroppedEntry[]> {
  const reader = directory.createReader!();
  const all: DroppedEntry[] = [];
  // readEntries gives a batch at a time (100 in Chromium) and an empty batch at the end.
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all);
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}

const fileOf = (entry: DroppedEntry) => new Promise<File>((resolve, reject) => entry.file!(resolve, reject));

/**
 * The files to import for what was dropped: a file dropped by itself is taken as it is (the import says if it
 * is not an article); from a folder, only the article files under it, in path order.
 */
export async function filesFromEntries(entries: DroppedEntry[]): Promise<File[]> {
  const files: File[] = [];
  for (const entry of entries) {
    if (entry.isFile) {
      files.push(await fileOf(entry));
      continue;
    }
    const found: { path: string; entry: DroppedEntry }[] = [];
    const walk = async (directory: DroppedEntry) => {
      for (const child of await readAll(directory)) {
        if (child.isDirectory) {
          if (!child.name.startsWith('.')) await walk(child);
        } else if (isArticlePath(child.fullPath.slice(entry.fullPath.length))) {
          found.push({ path: child.fullPath, entry: child });
        }
      }
    };
    await walk(entry);
    found.sort((a, b) => a.path.localeCompare(b.path));
    for (const { entry: child } of found) files.push(await fileOf(child));
  }
  return files;
}
