// A lowdb adapter for one JSON file of the library: validated against its schema on every read, written
// durably. A file that fails validation is reported and never overwritten with defaults.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import { DossierError } from '../../shared/errors';
import { writeFileDurable } from './durable-file';
import type { WriteQueue } from './write-queue';

export class ValidatedJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new DossierError('storage', `Could not read ${this.path}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.corrupt(`${issue.path.join('.') || 'the file'}: ${issue.message}`);
    }
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.path, JSON.stringify(data, null, 1));
  }

  private corrupt(reason: string): DossierError {
    return new DossierError(
      'library_corrupt',
      `${basename(this.path)} in ${this.path} cannot be read (${reason}). It was left untouched; restore it from a backup or move it aside.`,
    );
  }
}

/** A lowdb database whose saves go through the library's write queue and only change memory once on disk. */
export class Store<T> {
  private constructor(
    private readonly db: Low<T>,
    private readonly queue: WriteQueue,
  ) {}

  static async open<T>(path: string, schema: z.ZodType<T>, defaults: T, queue: WriteQueue): Promise<Store<T>> {
    const db = new Low<T>(new ValidatedJsonFile(path, schema), defaults);
    await db.read();
    return new Store(db, queue);
  }

  get data(): T {
    return this.db.data;
  }

  /** Computes the next state from the current one, saves it durably, then makes it current. */
  update(next: (current: T) => T): Promise<T> {
    return this.queue.run(async () => {
      const previous = this.db.data;
      this.db.data = next(previous);
      try {
        await this.db.write();
      } catch (error) {
        this.db.data = previous;
        throw error;
      }
      return this.db.data;
    });
  }
}
