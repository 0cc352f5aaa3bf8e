// A lowdb adapter for one JSON file of the library: validated against its schema on every read, written
// durably. A file that fails validation is reported and never overwritten with defaults.
import { isAscii } from 'node:buffer';
import { createHash, webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { z } from 'zod';
import { DossierError } from '../../shared/errors';
import { SCHEMA_VERSION } from '../../shared/model';
import { copiesInGenerations } from './backup';
import { readFileBytes, writeFileDurable } from './durable-file';
import { migrateFile } from './migrations';
import type { WriteQueue } from './write-queue';

type Loaded<T> = { ok: true; data: T; migratedFrom: number | null } | { ok: false; missing: boolean; reason: string };

export interface FileOptions {
  /** Keep the previous version as `<file>.bak` on every save, and recover from it when the file is bad. */
  backup?: boolean;
  /** Told what was recovered, in words for the user. */
  onRecover?: (message: string) => void;
  /** The library the file belongs to: when the file and its `.bak` are both damaged, the newest of the
   * library's backups that holds a good copy of it is used. */
  libraryDir?: string;
  /**
   * Where to note the checksum of the file as this version of Dossier last wrote it (in cache/). A file found
   * exactly as written, by a Dossier with the same schema, is not checked against the schema again at the
   * next open: at 10,000 articles that check is a third of the time the library takes to open. Anything
   * else — a file edited, damaged, restored or written by another version — is checked as always.
   */
  checkedStamp?: string;
}

const StampSchema = z.object({ sha256: z.string(), schema: z.string() });

/** A schema's fingerprint: what it requires and the defaults it fills in, as JSON Schema, hashed. */
const fingerprints = new WeakMap<z.ZodType, string>();
function fingerprint(schema: z.ZodType): string {
  let known = fingerprints.get(schema);
  if (!known) {
    known = sha256(JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' })));
    fingerprints.set(schema, known);
  }
  return known;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
/** SHA-256 of a whole file, hashed on the thread pool: ~17 ms at 50,000 articles this thread need not spend. */
const digest = async (bytes: Uint8Array) => Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');

/**
 * `data` as JSON in ASCII alone, every other character written as its \u escape (the same value to any JSON
 * reader): read back, such a file skips UTF-8 decoding, ~35 ms of the 50,000-article library.json's open.
 */
export function asciiJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class ValidatedJsonFile<T> implements Adapter<T> {
  /** The format the file on disk is in when it was read in an older one: a copy is kept before it is replaced. */
  private migratedFrom: number | null = null;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly options: FileOptions = {},
  ) {}

  private get backupPath(): string {
    return `${this.path}.bak`;
  }

  private async load(path: string): Promise<Loaded<T>> {
    let bytes: Buffer;
    try {
      bytes = await readFileBytes(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true, reason: 'it is missing' };
      throw new DossierError('storage', `Could not read ${path}: ${(error as Error).message}`);
    }
    // Checked against its stamp on the thread pool while this thread decodes and parses it.
    const asWritten = path === this.path ? this.asWritten(bytes) : Promise.resolve(false);
    // Written ASCII-only (see `write`), a file decodes in a quarter of the time UTF-8 takes.
    const raw = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      // Reported by `parse`, with what is wrong (after a byte order mark is taken off).
    }
    if (json !== undefined && (await asWritten)) return { ok: true, data: json as T, migratedFrom: null };
    return this.parse(raw, path, json);
  }

  /** Whether the file is, byte for byte, what this schema's Dossier last wrote (see `checkedStamp`). */
  private async asWritten(bytes: Uint8Array): Promise<boolean> {
    const { checkedStamp } = this.options;
    if (!checkedStamp) return false;
    try {
      const stamp = StampSchema.parse(JSON.parse(await readFile(checkedStamp, 'utf8')));
      if (stamp.schema !== fingerprint(this.schema)) return false;
      return stamp.sha256 === (await digest(bytes));
    } catch {
      // No stamp yet, or a damaged one: the file is checked.
      return false;
    }
  }

  /** Notes what was just written; a stamp that cannot be written only means the next open checks the file. */
  private async stamp(bytes: Uint8Array): Promise<void> {
    const { checkedStamp } = this.options;
    if (!checkedStamp) return;
    try {
      await mkdir(dirname(checkedStamp), { recursive: true });
      await writeFile(checkedStamp, JSON.stringify({ sha256: await digest(bytes), schema: fingerprint(this.schema) }));
    } catch {
      await rm(checkedStamp, { force: true }).catch(() => undefined);
    }
  }

  /** `known`: the JSON of `raw` when it was parsed already. */
  private parse(raw: string, path: string, known?: unknown): Loaded<T> {
    let json = known;
    if (json === undefined) {
      try {
        json = JSON.parse(raw.replace(/^\uFEFF/, ''));
      } catch {
        return { ok: false, missing: false, reason: raw.length === 0 ? 'it is empty' : 'it is not valid JSON' };
      }
    }
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      // Not damage: a newer Dossier wrote it. Touch nothing.
      throw new DossierError(
        'library_too_new',
        `${path} was written by a newer version of Dossier (format ${version}; this one reads ${SCHEMA_VERSION}). Update Dossier to open this library.`,
      );
    }
    // An older format is brought up to date in memory; a migration that fails throws, touching nothing.
    const { data, from } = migrateFile(path, json);
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, missing: false, reason: `${issue.path.join('.') || 'the file'}: ${issue.message}` };
    }
    return { ok: true, data: parsed.data, migratedFrom: from };
  }

  async read(): Promise<T | null> {
    const primary = await this.load(this.path);
    if (primary.ok) {
      this.migratedFrom = primary.migratedFrom;
      return primary.data;
    }
    if (!this.options.backup) {
      if (primary.missing) return null;
      throw this.corrupt(primary.reason);
    }
    const backup = await this.load(this.backupPath);
    const name = basename(this.path);
    if (!backup.ok) {
      if (primary.missing && backup.missing) return null;
      const archived = await this.fromLibraryBackups();
      if (!archived) throw this.corrupt(primary.reason);
      const setAside = await this.setAside(primary.missing);
      await writeFileDurable(this.path, JSON.stringify(archived.data));
      this.options.onRecover?.(
        `${name} could not be read (${primary.reason}), nor its previous version.${setAside ? ` It was set aside as ${basename(setAside)}, and` : ' It'} was restored from the library’s backup of ${archived.created}: changes made since may be missing.`,
      );
      return archived.data;
    }
    if (primary.missing) {
      await writeFileDurable(this.path, JSON.stringify(backup.data));
      this.options.onRecover?.(`${name} was missing after an interrupted save; it was restored from its backup.`);
      return backup.data;
    }
    // Damaged: keep it for inspection, bring back the last good version.
    const setAside = (await this.setAside(false))!;
    await writeFileDurable(this.path, JSON.stringify(backup.data));
    this.options.onRecover?.(
      `${name} could not be read (${primary.reason}). It was set aside as ${basename(setAside)} and the previous version was restored: the last change to it may be missing.`,
    );
    return backup.data;
  }

  /** Moves the damaged file aside for inspection (when there is one); returns where it went. */
  private async setAside(missing: boolean): Promise<string | null> {
    if (missing) return null;
    const to = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, to);
    return to;
  }

  /** The newest good copy of this file in the library's backups, checked against their manifests. */
  private async fromLibraryBackups(): Promise<{ data: T; created: string } | null> {
    const { libraryDir } = this.options;
    if (!libraryDir) return null;
    const name = relative(libraryDir, this.path).split(sep).join('/');
    for await (const copy of copiesInGenerations(libraryDir, name)) {
      const loaded = this.parse(new TextDecoder().decode(copy.bytes), this.path);
      if (loaded.ok) return { data: loaded.data, created: copy.created };
    }
    return null;
  }

  async write(data: T): Promise<void> {
    if (this.migratedFrom !== null) {
      // The file as the older format had it, kept once, before the first save in the new one replaces it.
      const copy = `${this.path}.format-${this.migratedFrom}`;
      if (!(await stat(copy).catch(() => null))) await writeFileDurable(copy, await readFile(this.path));
    }
    const bytes = Buffer.from(asciiJson(data), 'latin1');
    await writeFileDurable(this.path, bytes, this.options.backup ? { keepPrevious: this.backupPath } : {});
    this.migratedFrom = null;
    await this.stamp(bytes);
  }

  private corrupt(reason: string): DossierError {
    return new DossierError(
      'library_corrupt',
      `${basename(this.path)} in ${this.path} cannot be read (${reason}), and there is no good backup of it. It was left untouched; restore it from a backup of your own or move it aside.`,
    );
  }
}

/** A lowdb database whose saves go through the library's write queue and only change memory once on disk. */
export class Store<T> {
  private constructor(
    private readonly db: Low<T>,
    private readonly queue: WriteQueue,
  ) {}

  static async open<T>(path: string, schema: z.ZodType<T>, defaults: T, queue: WriteQueue, options: Omit<FileOptions, 'backup'> = {}): Promise<Store<T>> {
    const db = new Low<T>(new ValidatedJsonFile(path, schema, { backup: true, ...options }), defaults);
    await db.read();
    return new Store(db, queue);
  }

  get data(): T {
    return this.db.data;
  }

  /** Computes the next state from the current one, saves it durably, then makes it current. */
  update(next: (current: T) => T): Promise<T> {
    return this.queue.run(() => this.save(next(this.db.data)));
  }

  /** Saves `data` as the whole file, durably, then makes it current: for a caller already in the write queue. */
  async save(data: T): Promise<T> {
    const previous = this.db.data;
    this.db.data = data;
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = previous;
      throw error;
    }
    return data;
  }

  /** Makes `data` current without writing the file: for changes saved durably elsewhere (library.journal). */
  adopt(data: T): void {
    this.db.data = data;
  }
}
