// library.json with a journal beside it: an imported or edited article is saved by appending it, as one line,
// to library.journal (one small write and an fsync) instead of rewriting the whole file, which at 10,000
// articles is 7.6 MB and held the core's event loop ~40 ms for every page imported. The journal is folded into
// library.json when it grows long and when the library closes; at open it is read on top of library.json, the
// last line for an article winning. Reading it again over a library.json that already holds some of its lines
// gives the same articles, so a crash at any point between the two files loses nothing acknowledged.
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { DossierError } from '../../shared/errors';
import { ArticleSchema, LibraryFileSchema, SCHEMA_VERSION, type Article, type LibraryFile } from '../../shared/model';
import { withPuts } from '../../shared/with-puts';
import { appendFileDurable } from './durable-file';
import { Store, type FileOptions } from './json-file';
import { migrateFile } from './migrations';
import type { WriteQueue } from './write-queue';

/** Lines kept in the journal before library.json is rewritten with them (~35 ms at 10,000 articles). */
export const JOURNAL_LIMIT = 1000;

const LineSchema = z.object({ v: z.number().int(), put: z.unknown() });

interface ReadJournal {
  exists: boolean;
  puts: Article[];
  /** Lines that could not be read, other than the last: damage, kept aside. */
  damaged: number;
  /** The last line cut short: a save interrupted before it was acknowledged. */
  torn: boolean;
}

async function readJournal(path: string, libraryPath: string): Promise<ReadJournal> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, puts: [], damaged: 0, torn: false };
    throw new DossierError('storage', `Could not read ${path}: ${(error as Error).message}`);
  }
  const rows = text.split('\n');
  // A complete journal ends with a newline; anything after the last one is a line whose save never finished.
  const tail = rows.pop() ?? '';
  const read: ReadJournal = { exists: true, puts: [], damaged: 0, torn: tail !== '' };
  for (const row of rows) {
    if (row === '') continue;
    const article = readLine(row, libraryPath);
    if (article) read.puts.push(article);
    else read.damaged++;
  }
  return read;
}

function readLine(row: string, libraryPath: string): Article | null {
  let line: z.infer<typeof LineSchema>;
  try {
    line = LineSchema.parse(JSON.parse(row));
  } catch {
    return null;
  }
  if (line.v > SCHEMA_VERSION) {
    throw new DossierError(
      'library_too_new',
      `${libraryPath} was changed by a newer version of Dossier (format ${line.v}; this one reads ${SCHEMA_VERSION}). Update Dossier to open this library.`,
    );
  }
  // A line from an older format is brought up to date as the file it belongs to would be.
  try {
    const { data } = migrateFile(libraryPath, { schemaVersion: line.v, articles: [line.put] });
    const parsed = ArticleSchema.safeParse((data as { articles: unknown[] }).articles[0]);
    return parsed.success ? parsed.data : null;
  } catch {
    // A format no migration starts from: damage.
    return null;
  }
}

export class LibraryStore {
  /** Set when the journal may end in a line cut short (a failed append): the next save rewrites library.json. */
  private mustCompact = false;

  private constructor(
    private readonly store: Store<LibraryFile>,
    private readonly path: string,
    private readonly queue: WriteQueue,
    private exists: boolean,
    private lines: number,
    /** Whether library.json is on disk: a new library's first save writes it, so the folder is seen as a library. */
    private written: boolean,
  ) {}

  static async open(dir: string, queue: WriteQueue, options: Omit<FileOptions, 'backup'> & { onRecover: (message: string) => void }): Promise<LibraryStore> {
    const libraryPath = join(dir, 'library.json');
    const store = await Store.open(libraryPath, LibraryFileSchema, { schemaVersion: SCHEMA_VERSION, articles: [] }, queue, options);
    const path = join(dir, 'library.journal');
    const journal = await readJournal(path, libraryPath);
    store.adopt({ ...store.data, articles: withPuts(store.data.articles, journal.puts) });
    const written = (await stat(libraryPath).catch(() => null)) !== null;
    const opened = new LibraryStore(store, path, queue, journal.exists, journal.puts.length, written);
    if (journal.damaged > 0) {
      // Everything readable is saved into library.json first; the journal is then kept aside, not deleted.
      await queue.run(() => store.save(store.data));
      const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(path, aside);
      opened.exists = false;
      opened.lines = 0;
      const one = journal.damaged === 1;
      options.onRecover(
        `${one ? 'One saved change' : `${journal.damaged} saved changes`} to the library’s articles could not be read from library.journal and ${one ? 'was' : 'were'} skipped; the rest were kept. The journal was set aside as ${basename(aside)}.`,
      );
    } else if (journal.torn) {
      await queue.run(() => opened.compactNow());
    }
    return opened;
  }

  get data(): LibraryFile {
    return this.store.data;
  }

  /**
   * Saves the articles `change` returns (new ones, or new versions of ones by their id) durably, then makes
   * them current; `change` is given the library as it is when its turn in the write queue comes.
   */
  put(change: (current: LibraryFile) => Article[]): Promise<Article[]> {
    return this.queue.run(async () => {
      const articles = change(this.store.data);
      const next = { ...this.store.data, articles: withPuts(this.store.data.articles, articles) };
      if (this.mustCompact || !this.written || this.lines + articles.length > JOURNAL_LIMIT) {
        await this.store.save(next);
        this.written = true;
        await this.emptyJournal();
        return articles;
      }
      const text = articles.map((put) => `${JSON.stringify({ v: SCHEMA_VERSION, put })}\n`).join('');
      try {
        await appendFileDurable(this.path, text, { created: !this.exists });
      } catch (error) {
        this.mustCompact = true;
        throw error;
      }
      this.exists = true;
      this.lines += articles.length;
      this.store.adopt(next);
      return articles;
    });
  }

  /** Folds the journal into library.json (when it has anything): at close, so that the next open reads one file. */
  compact(): Promise<void> {
    return this.queue.run(() => this.compactNow());
  }

  private async compactNow(): Promise<void> {
    if (!this.exists && !this.mustCompact) return;
    await this.store.save(this.store.data);
    this.written = true;
    await this.emptyJournal();
  }

  /**
   * Once library.json holds every line: a journal left by a crash here is only read again, to the same effect.
   * One that cannot be removed is harmless for the same reason; the next save tries again.
   */
  private async emptyJournal(): Promise<void> {
    try {
      await rm(this.path, { force: true });
    } catch {
      this.mustCompact = true;
      return;
    }
    this.exists = false;
    this.lines = 0;
    this.mustCompact = false;
  }
}
