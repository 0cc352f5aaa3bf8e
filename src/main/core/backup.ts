// The whole library as one archive (a ZIP with a manifest of every file's SHA-256), and its restoration
// into an empty folder with every file checked before anything is written where the library goes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { DossierError } from '../../shared/errors';
import { writeFileDurable } from './durable-file';

export const MANIFEST_NAME = 'dossier-backup.json';

const ManifestSchema = z.object({
  format: z.literal('dossier-backup'),
  version: z.literal(1),
  created: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

/** What is not part of a library's content: its lock, caches rebuilt from the rest, unfinished writes. */
function isDerived(path: string): boolean {
  const parts = path.split('/');
  return path === '.dossier.lock' || parts[0] === 'cache' || /^\..*\.tmp$/.test(parts.at(-1) ?? '');
}

/** A name from an archive is only ever a plain relative path of ordinary parts (no "..", no drive, no
 * backslash), so that no entry can land outside the folder it is restored into (zip slip). */
function safeEntryName(name: string): boolean {
  if (name === '' || name.length > 500 || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/^[a-zA-Z]:$/.test(part));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every content file under `dir`, by its path relative to it with "/" separators. */
async function contentFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !isDerived(path))
    .sort();
}

/** Reads the library's files into an archive. The caller keeps writes out while this runs. */
export async function backupArchive(libraryDir: string, created: string): Promise<{ bytes: Uint8Array; files: number }> {
  const files = await contentFiles(libraryDir);
  const zippable: Zippable = {};
  const manifest: z.infer<typeof ManifestSchema> = { format: 'dossier-backup', version: 1, created, files: {} };
  for (const path of files) {
    const bytes = new Uint8Array(await readFile(join(libraryDir, ...path.split('/'))));
    manifest.files[path] = sha256(bytes);
    // Snapshots are often compressed already (PDF, DOCX, EPUB): stored as they are.
    zippable[path] = [bytes, { level: path.startsWith('snapshots/') ? 0 : 6 }];
  }
  zippable[MANIFEST_NAME] = strToU8(JSON.stringify(manifest, null, 2));
  return { bytes: zipSync(zippable), files: files.length };
}

/** Writes the archive to `outFile`, never over an existing file unless asked, never inside the library. */
export async function writeBackup(libraryDir: string, outFile: string, archive: Uint8Array, overwrite: boolean): Promise<void> {
  const target = resolve(outFile);
  if (target.startsWith(resolve(libraryDir) + sep)) {
    throw new DossierError('invalid_input', `The backup cannot go inside the library it backs up (${outFile}).`);
  }
  if (!overwrite && (await stat(target).catch(() => null))) {
    throw new DossierError('file_exists', `${outFile} exists already; choose another name or allow replacing it.`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFileDurable(target, archive);
}

/**
 * Restores the archive into `libraryDir`, which must not exist or be empty. Every entry is checked (its
 * name, and its bytes against the manifest) before anything is written; the files are written into a
 * folder beside the target and moved into place at the end, so a failure leaves no half library.
 */
export async function restoreArchive(archive: Uint8Array, libraryDir: string): Promise<{ files: number }> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(archive);
  } catch (error) {
    throw new DossierError('invalid_input', `This is not a Dossier backup: the archive cannot be read (${(error as Error).message}).`);
  }
  const manifestBytes = entries[MANIFEST_NAME];
  if (!manifestBytes) throw new DossierError('invalid_input', `This is not a Dossier backup: it has no ${MANIFEST_NAME}.`);
  let manifest: z.infer<typeof ManifestSchema>;
  try {
    manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
  } catch {
    throw new DossierError('invalid_input', `This is not a Dossier backup this version can read: its ${MANIFEST_NAME} is not valid.`);
  }
  const names = Object.keys(entries).filter((name) => name !== MANIFEST_NAME && !name.endsWith('/'));
  for (const name of names) {
    if (!safeEntryName(name) || isDerived(name)) throw new DossierError('invalid_input', `The backup holds a file it should not: “${name.slice(0, 200)}”. Nothing was restored.`);
    if (manifest.files[name] !== sha256(entries[name])) {
      throw new DossierError('library_corrupt', `The backup is damaged: “${name}” does not match its checksum. Nothing was restored.`);
    }
  }
  const missing = Object.keys(manifest.files).filter((name) => !(name in entries));
  if (missing.length > 0) throw new DossierError('library_corrupt', `The backup is incomplete: ${missing.length} file(s) are missing, e.g. “${missing[0]}”. Nothing was restored.`);
  if (!names.includes('library.json')) throw new DossierError('invalid_input', 'This backup holds no library.json. Nothing was restored.');

  const target = resolve(libraryDir);
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (existing && existing.length > 0) {
    throw new DossierError('invalid_input', `${libraryDir} is not empty: restore into a new or empty folder, so that nothing there is overwritten.`);
  }
  const staging = `${target}.restoring-${randomBytes(4).toString('hex')}`;
  try {
    for (const name of names) {
      const path = join(staging, ...name.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFileDurable(path, entries[name]);
    }
    if (existing) await rm(target, { recursive: true });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { files: names.length };
}
