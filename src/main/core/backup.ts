// The whole library as one archive (a ZIP with a manifest of every file's SHA-256), and its restoration
// into an empty folder with every file checked before anything is written where the library goes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { BackupSchema, type Backup } from '../../shared/api';
import { DossierError } from '../../shared/errors';
import { writeFileDurable } from './durable-file';

export const MANIFEST_NAME = 'dossier-backup.json';

const ManifestSchema = z.object({
  format: z.literal('dossier-backup'),
  version: z.literal(1),
  created: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

/** The library's own backups, in rotation: never inside an archive, never replaced by a restore. */
export const GENERATIONS_DIR = 'backups';
// Top-level folders of a restore in progress: the archive's files, and the content they replace.
const STAGING_PREFIX = '.restoring-';
const REPLACED_PREFIX = '.replaced-';

/** What is not part of a library's content: its lock, caches rebuilt from the rest, its backups, unfinished
 * writes and restores. */
function isDerived(path: string): boolean {
  const parts = path.split('/');
  const top = parts[0] ?? '';
  return (
    path === '.dossier.lock' ||
    top === 'cache' ||
    top === GENERATIONS_DIR ||
    top.startsWith(STAGING_PREFIX) ||
    top.startsWith(REPLACED_PREFIX) ||
    /^\..*\.tmp$/.test(parts.at(-1) ?? '')
  );
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

/** The archive's files, each checked (its name, its bytes against the manifest) before any is used. */
export interface CheckedArchive {
  manifest: z.infer<typeof ManifestSchema>;
  entries: Record<string, Uint8Array>;
  names: string[];
}

export function checkArchive(archive: Uint8Array): CheckedArchive {
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
  return { manifest, entries, names };
}

/**
 * Restores the archive into `libraryDir`, which must not exist or be empty. Every entry is checked (its
 * name, and its bytes against the manifest) before anything is written; the files are written into a
 * folder beside the target and moved into place at the end, so a failure leaves no half library.
 */
export async function restoreArchive(archive: Uint8Array, libraryDir: string): Promise<{ files: number }> {
  const { entries, names } = checkArchive(archive);
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

export const GENERATION_REASONS = BackupSchema.shape.reason.options;
export type GenerationReason = Backup['reason'];
/** How many backups of each kind are kept: the oldest go as new ones are made. */
export const GENERATIONS_KEPT = 5;

export type Generation = Backup;

const GENERATION_NAME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)--(${GENERATION_REASONS.join('|')})\\.zip$`);

/** Keeps `kept` and the newest others of its kind, GENERATIONS_KEPT in all; the older ones go. */
async function letOldestGo(libraryDir: string, reason: GenerationReason, kept: string): Promise<void> {
  const others = (await listGenerations(libraryDir)).filter((g) => g.reason === reason && g.name !== kept);
  for (const g of others.slice(GENERATIONS_KEPT - 1)) await rm(join(libraryDir, GENERATIONS_DIR, g.name), { force: true });
}

/** The library's backups, newest first. */
export async function listGenerations(libraryDir: string): Promise<Generation[]> {
  const dir = join(libraryDir, GENERATIONS_DIR);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const generations: Generation[] = [];
  for (const name of names) {
    const match = GENERATION_NAME.exec(name);
    if (!match) continue;
    const [, stamp = '', reason] = match;
    const created = stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
    const size = (await stat(join(dir, name)).catch(() => null))?.size;
    if (size !== undefined) generations.push({ name, created, reason: reason as GenerationReason, size });
  }
  return generations.sort((a, b) => b.created.localeCompare(a.created));
}

/**
 * Makes a backup of the library into its backups folder, checks it by reading it back, and lets the oldest
 * of its kind go. The caller keeps writes out while this runs, so the backup holds every acknowledged write.
 */
export async function writeGeneration(libraryDir: string, reason: GenerationReason, now = new Date()): Promise<Generation> {
  const created = now.toISOString();
  const { bytes } = await backupArchive(libraryDir, created);
  const name = `${created.replace(/[:.]/g, '-')}--${reason}.zip`;
  const path = join(libraryDir, GENERATIONS_DIR, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFileDurable(path, bytes);
  try {
    checkArchive(new Uint8Array(await readFile(path)));
  } catch (error) {
    await rm(path, { force: true });
    throw new DossierError('storage', `The backup could not be verified after it was written (${(error as Error).message}); it was removed.`);
  }
  await letOldestGo(libraryDir, reason, name);
  return { name, created, reason, size: bytes.length };
}

/**
 * Adds a backup file to the library's backups, once checked, under the time it was made (so that it is
 * listed, and restored, as the library as it was then). The same archive added twice is listed once.
 */
export async function addGeneration(libraryDir: string, archive: Uint8Array): Promise<Generation> {
  const { manifest } = checkArchive(archive);
  const created = new Date(manifest.created);
  if (Number.isNaN(created.getTime())) throw new DossierError('invalid_input', 'This backup does not say when it was made. Nothing was added.');
  const stamp = created.toISOString();
  const name = `${stamp.replace(/[:.]/g, '-')}--added.zip`;
  const path = join(libraryDir, GENERATIONS_DIR, name);
  await mkdir(dirname(path), { recursive: true });
  if (!(await stat(path).catch(() => null))) await writeFileDurable(path, archive);
  await letOldestGo(libraryDir, 'added', name);
  return { name, created: stamp, reason: 'added', size: archive.length };
}

/**
 * The copies of one library file (by its path in the library, with "/") in the library's backups, newest
 * first, each checked against its backup's manifest. A backup that cannot be read is passed over.
 */
export async function* copiesInGenerations(libraryDir: string, name: string): AsyncGenerator<{ bytes: Uint8Array; created: string }> {
  for (const generation of await listGenerations(libraryDir)) {
    try {
      const archive = new Uint8Array(await readFile(join(libraryDir, GENERATIONS_DIR, generation.name)));
      const entries = unzipSync(archive, { filter: (file) => file.name === name || file.name === MANIFEST_NAME });
      const manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(entries[MANIFEST_NAME])));
      const bytes = entries[name];
      if (bytes && manifest.files[name] === sha256(bytes)) yield { bytes, created: generation.created };
    } catch {
      // Damaged or unreadable: the next older one may hold it.
    }
  }
}

/** The bytes of one of the library's backups, by a name from listGenerations (nothing else is opened). */
export async function readGeneration(libraryDir: string, name: string): Promise<Uint8Array> {
  if (!GENERATION_NAME.test(name)) throw new DossierError('invalid_input', `“${name.slice(0, 100)}” is not one of the library’s backups.`);
  try {
    return new Uint8Array(await readFile(join(libraryDir, GENERATIONS_DIR, name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DossierError('not_found', `The backup ${name} is no longer there.`);
    throw error;
  }
}

/**
 * Replaces the content of a closed library with a checked archive's, in place. The archive is written out beside the content first; the content is then swapped in by renames, and put back if one
 * fails. The backups, the lock and nothing else stay; caches of the old content go.
 */
export async function replaceContent(libraryDir: string, { entries, names }: CheckedArchive): Promise<{ files: number }> {
  const token = randomBytes(4).toString('hex');
  const staging = join(libraryDir, `${STAGING_PREFIX}${token}`);
  const replaced = join(libraryDir, `${REPLACED_PREFIX}${token}`);
  try {
    for (const name of names) {
      const path = join(staging, ...name.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFileDurable(path, entries[name]);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const keep = (name: string) => name === GENERATIONS_DIR || name === '.dossier.lock' || name.startsWith(STAGING_PREFIX) || name.startsWith(REPLACED_PREFIX);
  const current = (await readdir(libraryDir)).filter((name) => !keep(name));
  const incoming = await readdir(staging);
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  await mkdir(replaced);
  try {
    for (const name of current) {
      await rename(join(libraryDir, name), join(replaced, name));
      movedOut.push(name);
    }
    for (const name of incoming) {
      await rename(join(staging, name), join(libraryDir, name));
      movedIn.push(name);
    }
  } catch (error) {
    // Back as it was: the archive's files out, the library's own back in.
    for (const name of movedIn) await rename(join(libraryDir, name), join(staging, name)).catch(() => undefined);
    for (const name of movedOut) await rename(join(replaced, name), join(libraryDir, name)).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    await rm(replaced, { recursive: true, force: true }).catch(() => undefined);
    throw new DossierError('storage', `The backup could not be put in place (${(error as Error).message}); the library is as it was.`);
  }
  await rm(staging, { recursive: true, force: true });
  await rm(replaced, { recursive: true, force: true });
  return { files: names.length };
}
