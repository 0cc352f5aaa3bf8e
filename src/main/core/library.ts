// The library on disk (DESIGN.md "Storage"): article metadata, bodies, snapshots, per-article annotation
// files and entities, each a small lowdb file written through one queue.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ArticleListItem, CarriedCounts, EntityDeleteAccount, EntityPatch, Suggestions } from '../../shared/api';
import { canonicalText } from '../../shared/canonical-text';
import { DossierError } from '../../shared/errors';
import {
  AnnotationsFileSchema,
  BodyFileSchema,
  EntitiesFileSchema,
  ENTITY_TYPE_NAMES,
  SCHEMA_VERSION,
  type Annotation,
  type AnnotationsFile,
  type Article,
  type ArticlePatch,
  type DocNode,
  type EntitiesFile,
  type Entity,
  type EntityType,
  type MergeRecord,
  type Relation,
  BriefsFileSchema,
  type BriefsFile,
  type SavedBrief,
  SavedBriefSchema,
  type BriefScope,
} from '../../shared/model';
import { mentionedEntityIds, noteText } from '../../shared/note';
import { describeRange, findOccurrences, reanchorAnnotation } from '../../shared/selectors';
import { addGeneration, backupArchive, listGenerations, writeBackup, writeGeneration, type Generation, type GenerationReason } from './backup';
import {
  mergeAnnotation,
  mergedEntity,
  mergeEvents,
  mergeRelations,
  revertEntity,
  unlinkAnnotation,
  unlinkEvents,
  unmergeAnnotation,
  unmergeEvents,
  unmergeRelations,
} from './entity-edits';
import { readTextFile, writeFileDurable } from './durable-file';
import { newId } from './ids';
import { type Extractor, extractHere } from './importers/extractor';
import type { ExtractedArticle } from './importers/types';
import { Store, ValidatedJsonFile } from './json-file';
import { LibraryStore } from './library-journal';
import { acquireLibraryLock } from './library-lock';
import { WriteQueue } from './write-queue';

/** How many files are read at once when many are needed (a brief, every annotation of the library). */
const READ_BATCH = 32;

/** How many merges are kept for undo. */
const MERGES_KEPT = 50;

/** The annotation counts of the last clean close: one per article, in library.json's order, for the articles
 * whose ids hash to `ids` (a library changed since, by another program or a crash, is counted from its files). */
const CountsCacheSchema = z.object({ ids: z.string(), counts: z.array(z.number().int().nonnegative()) });

/** A digest of the articles' ids in order, to know that the counts cache was made for this very list. */
const idsDigest = (articles: Article[]) => createHash('sha256').update(articles.map((a) => a.id).join('\n')).digest('hex');

/** How many of the last changes to the article list are kept, to tell a window what changed since its list. */
const LIST_LOG_KEPT = 1000;

/** An article as the list shows it. Written field by field (the compiler holds it to the contract's type):
 * at 50,000 articles that is 9 ms, against 50 ms for a copy of each article made by spreading it. */
function listItem(a: Article, annotationCount: number): ArticleListItem {
  return {
    id: a.id,
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    url: a.url,
    publishedAt: a.publishedAt,
    clippedAt: a.clippedAt,
    lang: a.lang,
    dir: a.dir,
    wordCount: a.wordCount,
    tags: a.tags,
    previousVersionId: a.previousVersionId,
    annotationCount,
  };
}

export interface FileToImport {
  name: string;
  bytes: Uint8Array;
  /** The web address the bytes were fetched from. */
  url?: string | null;
  /** The charset the server declared for them. */
  charset?: string | null;
}

/** An import checked and extracted but not yet written: nothing is on disk until commitImport. */
export type PreparedImport =
  | { ok: true; fileName: string; duplicateOf: Article | null; sha256: string; bytes: Uint8Array; extracted: ExtractedArticle | null }
  | { ok: false; fileName: string; error: DossierError };

export interface ImportResult {
  fileName: string;
  article: Article;
  duplicate: boolean;
  /** For a new version of a known article: how its annotations came across. */
  carried: CarriedCounts | null;
  /** What the user must be told about the text (characters that could not be decoded). */
  warnings: string[];
}

export interface NewAnnotation {
  note?: string;
  noteDoc?: DocNode | null;
  tags?: string[];
  color?: Annotation['color'];
  entityIds?: string[];
  /** Who said the quote: a person or an organisation. */
  speakerId?: string | null;
}

export interface LoadedArticle {
  article: Article;
  doc: DocNode;
  text: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function countWords(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** `aliases` with `more` added, leaving out the name itself and names already there. */
function otherNames(name: string, aliases: string[], more: string[]): string[] {
  const out = [...aliases];
  for (const alias of more.map((a) => a.trim()).filter(Boolean)) {
    if (!sameName(alias, name) && !out.some((a) => sameName(a, alias))) out.push(alias);
  }
  return out;
}

/** What changed in the library, for derived data (the search index) to follow. */
// About 16 MB of text (32 MB in memory): a thousand articles of the reference size.
const TEXTS_HELD_CHARS = 16_000_000;

/** An annotation with the article it is on. */
export type AnnotationOfArticle = { annotation: Annotation; article: Article };

export type LibraryChange = { kind: 'article'; id: string } | { kind: 'annotations'; articleId: string } | { kind: 'entity'; id: string };

export class Library {
  private readonly annotationStores = new Map<string, Promise<Store<AnnotationsFile>>>();
  private readonly annotationCounts = new Map<string, number>();
  /** The list as `listArticles` last made it, for the articles and counts it was made from. */
  private listed: { from: Article[]; items: ArticleListItem[] } | null = null;
  /** Each article's list item, made again only when the article or its count changes: a list made again
   * after an import holds the same items but one (which the contract check then looks at alone). */
  private readonly listItems = new WeakMap<Article, ArticleListItem>();
  /** What `listVersion` is made of: this opening of the library, and a count of the list's changes in it. */
  private readonly opening = newId();
  private listChanges = 0;
  /** The article of each of the last changes to the list (new, edited, another count), oldest first. */
  private listLog: string[] = [];
  /** Every annotation with its article, while the library has not changed since (see allAnnotations). */
  private everyAnnotation: Promise<AnnotationOfArticle[]> | null = null;
  /** The articles by id, for the list they were made from (every save of library.json makes a new list). */
  private byId: { list: Article[]; map: Map<string, Article> } | null = null;
  /** Articles' texts last read, for briefs and checks that read hundreds at a time. */
  private readonly texts = new Map<string, string>();
  private textChars = 0;
  private closed = false;
  private readonly listeners = new Set<(change: LibraryChange) => void>();
  /** What was recovered while files were read (a damaged file replaced by its backup), for the user. */
  readonly warnings: string[];

  private constructor(
    readonly dir: string,
    private readonly queue: WriteQueue,
    private readonly library: LibraryStore,
    private readonly entities: Store<EntitiesFile>,
    private readonly releaseLock: () => Promise<void>,
    warnings: string[],
    private readonly extractor: Extractor,
  ) {
    this.warnings = warnings;
  }

  /** `door`: where the process that opens it takes files to open, written into the lock for `dossier open`. */
  static async open(dir: string, options: { extractor?: Extractor; door?: string } = {}): Promise<Library> {
    await mkdir(dir, { recursive: true });
    const releaseLock = await acquireLibraryLock(dir, options.door);
    try {
      const queue = new WriteQueue();
      const warnings: string[] = [];
      const recovered = (message: string) => warnings.push(message);
      const library = await LibraryStore.open(dir, queue, {
        onRecover: recovered,
        libraryDir: dir,
        checkedStamp: join(dir, 'cache', 'checked', 'library.json'),
      });
      const entities = await Store.open(
        join(dir, 'entities.json'),
        EntitiesFileSchema,
        { schemaVersion: SCHEMA_VERSION, entities: [], relations: [], merges: [] },
        queue,
        { onRecover: recovered, libraryDir: dir, checkedStamp: join(dir, 'cache', 'checked', 'entities.json') },
      );
      const opened = new Library(dir, queue, library, entities, releaseLock, warnings, options.extractor ?? extractHere);
      await opened.loadAnnotationCounts();
      return opened;
    } catch (error) {
      await releaseLock();
      throw error;
    }
  }

  /** Calls `listener` after every saved change; returns the function that stops it. */
  onChange(listener: (change: LibraryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: LibraryChange): void {
    if (change.kind === 'article') this.listChanged(change.id);
    this.everyAnnotation = null;
    for (const listener of this.listeners) listener(change);
  }

  /** Saves an article's annotations through its file, keeps the count, and tells the listeners. */
  private async writeAnnotations(articleId: string, next: (current: Annotation[]) => Annotation[]): Promise<Annotation[]> {
    const store = await this.annotationStore(articleId);
    const data = await store.update((current) => ({ ...current, annotations: next(current.annotations) }));
    this.setCount(articleId, data.annotations.length);
    this.changed({ kind: 'annotations', articleId });
    return data.annotations;
  }

  /** Saves every annotation of the library that `edit` changes (null leaves it as it is), writing only the
   * files that have one; returns what `edit` reported of each. */
  private async editAnnotations<T>(edit: (annotation: Annotation) => { annotation: Annotation; report: T } | null): Promise<T[]> {
    const articles = this.library.data.articles.filter((article) => this.annotationCounts.get(article.id));
    const reports: T[] = [];
    for (let at = 0; at < articles.length; at += READ_BATCH) {
      const batch = articles.slice(at, at + READ_BATCH);
      const stores = await Promise.all(batch.map((article) => this.annotationStore(article.id)));
      for (const [i, store] of stores.entries()) {
        if (!store.data.annotations.some((a) => edit(a))) continue;
        await this.writeAnnotations(batch[i].id, (current) =>
          current.map((a) => {
            const edited = edit(a);
            if (!edited) return a;
            reports.push(edited.report);
            return edited.annotation;
          }),
        );
      }
    }
    return reports;
  }

  /** The whole library as one archive, read while no write can happen. */
  async backup(outFile: string, overwrite = false): Promise<{ files: number }> {
    const { bytes, files } = await this.queue.run(() => backupArchive(this.dir, new Date().toISOString()));
    await writeBackup(this.dir, outFile, bytes, overwrite);
    return { files };
  }

  /** The names and dates an article's text names, found where files are read (an import worker, in hosts
   * that stay up), off this thread. */
  async findSuggestions(articleId: string, publishedAt: string | null): Promise<Suggestions> {
    // Asked ahead, after imports (see Suggester.afterImport), it may come once the library is closed.
    if (this.closed) throw new DossierError('not_found', 'The library was closed.');
    return this.extractor.suggest(await this.loadText(articleId), publishedAt);
  }

  /** Gets the importers ready ahead of the first import (hosts that stay up). */
  warmImports(): void {
    this.extractor.warm();
  }

  /** A backup into the library's backups folder, once every write asked for before it is on disk. */
  snapshot(reason: GenerationReason): Promise<Generation> {
    return this.queue.run(() => writeGeneration(this.dir, reason));
  }

  /** Adds a backup file to the library's backups (checked first), for the user to restore from the list. */
  addBackup(archive: Uint8Array): Promise<Generation> {
    return this.queue.run(() => addGeneration(this.dir, archive));
  }

  listBackups(): Promise<Generation[]> {
    return listGenerations(this.dir);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.library.compact();
    await this.queue.run(async () => {
      // Written only by a clean close, so that the next start need not read every annotation file.
      await mkdir(dirname(this.countsCachePath), { recursive: true });
      const { articles } = this.library.data;
      const cache = { ids: idsDigest(articles), counts: articles.map((a) => this.annotationCount(a.id)) };
      await writeFileDurable(this.countsCachePath, JSON.stringify(cache)).catch(() => undefined);
    });
    await this.releaseLock();
    await this.extractor.close();
  }

  private get countsCachePath(): string {
    return join(this.dir, 'cache', 'annotation-counts.json');
  }

  private async loadAnnotationCounts(): Promise<void> {
    try {
      const cached = CountsCacheSchema.parse(JSON.parse(await readFile(this.countsCachePath, 'utf8')));
      // Taken, not just read: after a crash from here on there is no stale copy to trust.
      await rm(this.countsCachePath);
      const { articles } = this.library.data;
      if (cached.counts.length === articles.length && cached.ids === idsDigest(articles)) {
        articles.forEach((a, i) => this.annotationCounts.set(a.id, cached.counts[i]));
        return;
      }
    } catch {
      // No cache (first start, or the last run did not close cleanly): count from the files.
    }
    // A few files at a time: at 50,000 articles, all at once ran out of file handles (EMFILE).
    const { articles } = this.library.data;
    for (let at = 0; at < articles.length; at += READ_BATCH) {
      await Promise.all(articles.slice(at, at + READ_BATCH).map((article) => this.annotationStore(article.id)));
    }
  }

  // Articles

  private setCount(articleId: string, count: number): void {
    if (this.annotationCounts.get(articleId) === count) return;
    this.annotationCounts.set(articleId, count);
    this.listed = null;
    this.listChanged(articleId);
  }

  private listChanged(articleId: string): void {
    this.listChanges++;
    this.listLog.push(articleId);
    if (this.listLog.length >= 2 * LIST_LOG_KEPT) this.listLog = this.listLog.slice(-LIST_LOG_KEPT);
  }

  /**
   * Names the article list as it is now: another value after any change to an article or a count, and in
   * another library or the same one opened again (after a restore). A window with the list of this version
   * need not ask for it again (at 10,000 articles it is 2.8 MB).
   */
  get listVersion(): string {
    return `${this.opening}:${this.listChanges}`;
  }

  /**
   * The items of the list that changed since its version `since` (new articles last, in the list's order),
   * and the version they bring it to; null when that cannot be told — a version of another opening, or from
   * before the changes kept — and the whole list is needed. After an import at 10,000 articles, a window
   * asks for one item instead of the whole list again.
   */
  listChangesSince(since: string): { version: string; changed: ArticleListItem[] } | null {
    const [opening, count] = since.split(':');
    const missed = this.listChanges - Number(count);
    if (opening !== this.opening || !Number.isInteger(missed) || missed < 0 || missed > this.listLog.length) return null;
    const ids = new Set(this.listLog.slice(this.listLog.length - missed));
    return { version: this.listVersion, changed: [...ids].map((id) => this.listItemOf(this.getArticle(id))) };
  }

  /**
   * Every article (or the first `limit`) as the list shows it, with its number of annotations. The whole list
   * is made once and handed out again until an article or a count changes: callers must not change it.
   */
  listArticles(limit?: number): ArticleListItem[] {
    const { articles } = this.library.data;
    if (limit !== undefined && limit < articles.length) return articles.slice(0, limit).map((a) => listItem(a, this.annotationCount(a.id)));
    if (this.listed?.from !== articles) this.listed = { from: articles, items: articles.map((a) => this.listItemOf(a)) };
    return this.listed.items;
  }

  private listItemOf(article: Article): ArticleListItem {
    const count = this.annotationCount(article.id);
    let item = this.listItems.get(article);
    if (item?.annotationCount !== count) this.listItems.set(article, (item = listItem(article, count)));
    return item;
  }

  /** Every article as library.json has it, excerpt and source included (callers must not change it). */
  articles(): readonly Article[] {
    return this.library.data.articles;
  }

  get articleCount(): number {
    return this.library.data.articles.length;
  }

  private articlesById(): Map<string, Article> {
    const list = this.library.data.articles;
    if (this.byId?.list !== list) this.byId = { list, map: new Map(list.map((a) => [a.id, a])) };
    return this.byId.map;
  }

  /** How many annotations an article has (0 for one unknown). */
  annotationCount(id: string): number {
    return this.annotationCounts.get(id) ?? 0;
  }

  hasArticle(id: string): boolean {
    return this.articlesById().has(id);
  }

  getArticle(id: string): Article {
    const article = this.articlesById().get(id);
    if (!article) throw new DossierError('not_found', `No article with id ${id} in this library.`);
    return article;
  }

  async loadArticle(id: string): Promise<LoadedArticle> {
    const article = this.getArticle(id);
    const adapter = new ValidatedJsonFile(join(this.articleDir(id), 'body.json'), BodyFileSchema);
    const body = await adapter.read();
    if (!body) throw new DossierError('library_corrupt', `The body of “${article.title}” is missing from the library.`);
    // A body edited outside Dossier, or written by a hostile tool, is never shown: the reader would have to
    // guess at what it means. It stays on disk as it is. (The schema is loaded on first use: opening the
    // library does not wait for the editor's code.)
    const { documentProblem } = await import('../../shared/document-schema');
    const problem = documentProblem(body.doc);
    if (problem) {
      throw new DossierError(
        'library_corrupt',
        `The stored text of “${article.title}” is not a document Dossier can show: ${problem}. It was left on disk as it is.`,
      );
    }
    return { article, doc: body.doc, text: canonicalText(body.doc) };
  }

  /**
   * An article's canonical text alone, from the disposable cache beside the library (bodies never change
   * once imported); rebuilt from the body when the cache is missing. `hold: false` leaves it out of the texts
   * kept in memory: a search reads dozens of texts it will not need again.
   */
  async loadText(id: string, { hold = true }: { hold?: boolean } = {}): Promise<string> {
    this.getArticle(id);
    const held = this.texts.get(id);
    if (held !== undefined) {
      // Most recently used last: the first ones are the first to go.
      this.texts.delete(id);
      this.texts.set(id, held);
      return held;
    }
    const cached = join(this.dir, 'cache', 'text', `${id}.txt`);
    let text: string;
    try {
      text = await readTextFile(cached);
    } catch {
      ({ text } = await this.loadArticle(id));
      await mkdir(dirname(cached), { recursive: true });
      await writeFileDurable(cached, text).catch(() => undefined);
    }
    if (hold) this.holdText(id, text);
    return text;
  }

  /** Keeps an article's text in memory (a body never changes once written), within TEXTS_HELD_CHARS. */
  private holdText(id: string, text: string): void {
    if (this.texts.has(id) || text.length > TEXTS_HELD_CHARS) return;
    this.texts.set(id, text);
    this.textChars += text.length;
    for (const [oldest, dropped] of this.texts) {
      if (this.textChars <= TEXTS_HELD_CHARS) break;
      this.texts.delete(oldest);
      this.textChars -= dropped.length;
    }
  }

  async updateArticle(id: string, patch: ArticlePatch): Promise<Article> {
    this.getArticle(id);
    // Patched as it is when the save's turn comes: two edits made at once both count.
    const [updated] = await this.library.put(({ articles }) => {
      const current = articles.find((a) => a.id === id);
      if (!current) throw new DossierError('not_found', `No article with id ${id} in this library.`);
      return [{ ...current, ...patch }];
    });
    this.changed({ kind: 'article', id });
    return updated;
  }

  /** Reads and extracts files without writing anything. */
  async prepareImport(files: FileToImport[]): Promise<PreparedImport[]> {
    const hashes = files.map((file) => sha256(file.bytes));
    // Every new file is handed to the extractor at once: it reads as many at a time as it has workers.
    const first = new Map<string, number>();
    const extractions = files.map((file, i) => {
      if (first.has(hashes[i]) || this.articleWithSource(hashes[i])) return null;
      first.set(hashes[i], i);
      return this.extract(file);
    });
    const seen = new Map<string, PreparedImport>();
    const prepared: PreparedImport[] = [];
    for (const [i, file] of files.entries()) {
      const hash = hashes[i];
      try {
        const existing = this.articleWithSource(hash);
        const earlier = seen.get(hash);
        if (existing) {
          prepared.push({ ok: true, fileName: file.name, duplicateOf: existing, sha256: hash, bytes: file.bytes, extracted: null });
        } else if (earlier?.ok) {
          prepared.push({ ...earlier, fileName: file.name });
        } else {
          // Read already, or (the same bytes as an earlier file that could not be read) read again.
          const extracted = await (extractions[i] ?? this.extract(file)).then((outcome) => outcome.article ?? Promise.reject(outcome.error));
          const item: PreparedImport = { ok: true, fileName: file.name, duplicateOf: null, sha256: hash, bytes: file.bytes, extracted };
          seen.set(hash, item);
          prepared.push(item);
        }
      } catch (error) {
        const dossierError =
          error instanceof DossierError
            ? error
            : new DossierError('invalid_input', `Could not import “${file.name}”: ${(error as Error).message}`);
        prepared.push({ ok: false, fileName: file.name, error: dossierError });
      }
    }
    return prepared;
  }

  private articleWithSource(sha: string): Article | null {
    return this.library.data.articles.find((a) => a.source.sha256 === sha) ?? null;
  }

  /** A file's extraction, settled (a failure is kept to be reported in its turn, not left unhandled meanwhile). */
  private extract(file: FileToImport): Promise<{ article: ExtractedArticle; error?: undefined } | { article?: undefined; error: unknown }> {
    return this.extractor.extract({ fileName: file.name, bytes: file.bytes, url: file.url, charset: file.charset }).then(
      (article) => ({ article }),
      (error: unknown) => ({ error }),
    );
  }

  /** The newest version of the article `extracted` is a new version of: same URL, or same file name and title. */
  private findPreviousVersion(fileName: string, extracted: ExtractedArticle): Article | undefined {
    const superseded = new Set(this.library.data.articles.map((a) => a.previousVersionId).filter(Boolean));
    return this.library.data.articles.find(
      (a) =>
        !superseded.has(a.id) &&
        ((extracted.url !== null && a.url === extracted.url) || (a.source.fileName === fileName && a.title === extracted.title)),
    );
  }

  /**
   * Writes prepared imports: every snapshot and body first, then one save of the library file that makes
   * them visible together. A new version of a known article takes over its annotations, re-anchored.
   */
  async commitImport(prepared: PreparedImport[]): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    const fresh: { article: Article; previous: Article | undefined; result: ImportResult }[] = [];
    const bySha = new Map<string, Article>();
    for (const item of prepared) {
      if (!item.ok) continue;
      const known = item.duplicateOf ?? bySha.get(item.sha256);
      if (known || !item.extracted) {
        results.push({ fileName: item.fileName, article: known!, duplicate: true, carried: null, warnings: [] });
        continue;
      }
      const previous = this.findPreviousVersion(item.fileName, item.extracted);
      const article = await this.writeArticle(item.fileName, item.sha256, item.bytes, item.extracted, previous?.id ?? null);
      bySha.set(item.sha256, article);
      const result: ImportResult = { fileName: item.fileName, article, duplicate: false, carried: null, warnings: item.extracted.warnings ?? [] };
      results.push(result);
      fresh.push({ article, previous, result });
    }
    if (fresh.length === 0) return results;
    await this.library.put(() => fresh.map((f) => f.article));
    for (const { article } of fresh) {
      this.setCount(article.id, 0);
      this.changed({ kind: 'article', id: article.id });
    }
    for (const f of fresh) if (f.previous) f.result.carried = await this.carryAnnotations(f.previous, f.article);
    return results;
  }

  /** Moves an article's annotations to its new version, each re-anchored: nothing is dropped or moved silently. */
  private async carryAnnotations(from: Article, to: Article): Promise<CarriedCounts> {
    const source = await this.annotationStore(from.id);
    const counts: CarriedCounts = { anchored: 0, fuzzy: 0, orphaned: 0 };
    if (source.data.annotations.length === 0) return counts;
    const text = await this.loadText(to.id);
    const now = new Date().toISOString();
    const moved = source.data.annotations.map((a) => reanchorAnnotation(a, text, to.id, now));
    for (const a of moved) counts[a.anchor]++;
    // The new version's file is written before the old one is emptied: a crash between leaves a copy, not a loss.
    await this.writeAnnotations(to.id, (current) => [...current, ...moved]);
    await this.writeAnnotations(from.id, () => []);
    return counts;
  }

  /** Writes an article's snapshot and body; it becomes visible when commitImport saves the library file. */
  private async writeArticle(
    fileName: string,
    hash: string,
    bytes: Uint8Array,
    extracted: ExtractedArticle,
    previousVersionId: string | null,
  ): Promise<Article> {
    const text = canonicalText(extracted.doc);
    const article: Article = {
      id: newId(),
      title: extracted.title,
      byline: extracted.byline,
      siteName: extracted.siteName,
      url: extracted.url,
      publishedAt: extracted.publishedAt,
      clippedAt: new Date().toISOString(),
      lang: extracted.lang,
      dir: extracted.dir,
      excerpt: extracted.excerpt,
      wordCount: countWords(text),
      tags: [],
      source: { fileName, mediaType: extracted.mediaType, encoding: extracted.encoding, sha256: hash, size: bytes.byteLength },
      previousVersionId,
    };
    await this.queue.run(async () => {
      await mkdir(join(this.dir, 'snapshots'), { recursive: true });
      const snapshot = join(this.dir, 'snapshots', hash);
      if (!(await stat(snapshot).catch(() => null))) await writeFileDurable(snapshot, bytes);
      await mkdir(this.articleDir(article.id), { recursive: true });
      await writeFileDurable(
        join(this.articleDir(article.id), 'body.json'),
        JSON.stringify({ schemaVersion: SCHEMA_VERSION, doc: extracted.doc }),
      );
      await mkdir(join(this.dir, 'cache', 'text'), { recursive: true });
      await writeFileDurable(join(this.dir, 'cache', 'text', `${article.id}.txt`), text);
    });
    return article;
  }

  async readSnapshot(hash: string): Promise<Buffer> {
    return readFile(join(this.dir, 'snapshots', hash));
  }

  // Annotations

  private articleDir(id: string): string {
    return join(this.dir, 'articles', id);
  }

  /** The article's annotation file, opened once: callers at the same moment share the one opening. */
  private annotationStore(articleId: string): Promise<Store<AnnotationsFile>> {
    let store = this.annotationStores.get(articleId);
    if (!store) {
      store = Store.open(
        join(this.articleDir(articleId), 'annotations.json'),
        AnnotationsFileSchema,
        { schemaVersion: SCHEMA_VERSION, annotations: [], suggestions: {} },
        this.queue,
        { onRecover: (message) => this.warnings.push(message), libraryDir: this.dir },
      ).then((opened) => {
        // The count may have come from the cache of the last run: the file itself has the last word.
        this.setCount(articleId, opened.data.annotations.length);
        return opened;
      });
      // A file that could not be opened is tried again next time.
      store.catch(() => this.annotationStores.delete(articleId));
      this.annotationStores.set(articleId, store);
    }
    return store;
  }

  async listAnnotations(articleId: string): Promise<Annotation[]> {
    this.getArticle(articleId);
    const store = await this.annotationStore(articleId);
    return [...store.data.annotations].sort((a, b) => a.target.position.start - b.target.position.start);
  }

  /** A rich note's plain text and mentions, merged into the fields to save. */
  private withNote(fields: NewAnnotation, currentEntityIds: string[]): NewAnnotation {
    // A plain note replaces a rich one; the two never disagree.
    if (!fields.noteDoc) return fields.note === undefined ? fields : { ...fields, noteDoc: null };
    const mentioned = mentionedEntityIds(fields.noteDoc);
    return {
      ...fields,
      note: noteText(fields.noteDoc),
      entityIds: [...new Set([...(fields.entityIds ?? currentEntityIds), ...mentioned])],
    };
  }

  private checkEntityIds(ids: string[]): void {
    for (const id of ids) this.getEntity(id);
  }

  /** Who said a quote must be a person or an organisation of the library. */
  private checkSpeaker(id: string): void {
    const entity = this.getEntity(id);
    if (entity.type !== 'person' && entity.type !== 'organisation') {
      throw new DossierError('invalid_input', `A quote is said by a person or an organisation, and “${entity.name}” is ${ENTITY_TYPE_NAMES[entity.type]}.`);
    }
  }

  async createAnnotation(articleId: string, start: number, end: number, exact: string, given: NewAnnotation): Promise<Annotation> {
    const fields = this.withNote(given, []);
    const text = await this.loadText(articleId);
    if (!(start < end && end <= text.length) || text.slice(start, end) !== exact) {
      throw new DossierError(
        'invalid_input',
        'The selected text does not match the article at that place. Select the passage again.',
      );
    }
    this.checkEntityIds(fields.entityIds ?? []);
    if (fields.speakerId) this.checkSpeaker(fields.speakerId);
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: newId(),
      articleId,
      created: now,
      modified: now,
      target: describeRange(text, start, end),
      note: fields.note ?? '',
      noteDoc: fields.noteDoc ?? null,
      tags: fields.tags ?? [],
      color: fields.color ?? 'yellow',
      entityIds: [...new Set(fields.entityIds ?? [])],
      speakerId: fields.speakerId ?? null,
      anchor: 'anchored',
      review: null,
    };
    await this.writeAnnotations(articleId, (current) => [...current, annotation]);
    return annotation;
  }

  /** Where a quote occurs in the article's text: it must occur exactly once (the CLI's way to annotate). */
  async locateQuote(articleId: string, quote: string): Promise<{ start: number; end: number }> {
    const article = this.getArticle(articleId);
    const text = await this.loadText(articleId);
    const found = findOccurrences(text, quote);
    if (found.length === 0) throw new DossierError('quote_not_found', `The quote is not in “${article.title}”.`);
    if (found.length > 1) {
      throw new DossierError(
        'quote_ambiguous',
        `The quote occurs ${found.length} times in “${article.title}”: quote more of the passage so that it is unique.`,
      );
    }
    return { start: found[0], end: found[0] + quote.length };
  }

  async updateAnnotation(articleId: string, id: string, given: NewAnnotation): Promise<Annotation> {
    this.getArticle(articleId);
    const store = await this.annotationStore(articleId);
    const existing = store.data.annotations.find((a) => a.id === id);
    if (!existing) throw new DossierError('not_found', `No annotation with id ${id}.`);
    const patch = this.withNote(given, existing.entityIds);
    if (patch.entityIds) this.checkEntityIds(patch.entityIds);
    if (patch.speakerId) this.checkSpeaker(patch.speakerId);
    const modified = new Date().toISOString();
    const saved = await this.writeAnnotations(articleId, (current) =>
      current.map((a) =>
        a.id === id ? { ...a, ...patch, entityIds: patch.entityIds ? [...new Set(patch.entityIds)] : a.entityIds, modified } : a,
      ),
    );
    return saved.find((a) => a.id === id)!;
  }

  /** Accepts a fuzzy anchor as it is, or attaches a flagged annotation to the passage the user selected. */
  async resolveAnnotation(articleId: string, id: string, range?: { start: number; end: number; exact: string }): Promise<Annotation> {
    const store = await this.annotationStore(articleId);
    const annotation = store.data.annotations.find((a) => a.id === id);
    if (!annotation) throw new DossierError('not_found', `No annotation with id ${id}.`);
    let target = annotation.target;
    if (range) {
      const text = await this.loadText(articleId);
      if (!(range.start < range.end && range.end <= text.length) || text.slice(range.start, range.end) !== range.exact) {
        throw new DossierError('invalid_input', 'The selected text does not match the article at that place. Select the passage again.');
      }
      target = describeRange(text, range.start, range.end);
    } else if (annotation.anchor === 'orphaned') {
      throw new DossierError('invalid_input', 'This annotation’s passage is not in the article: select the text to attach it to.');
    }
    const modified = new Date().toISOString();
    const saved = await this.writeAnnotations(articleId, (current) =>
      current.map((a) => (a.id === id ? { ...a, target, anchor: 'anchored' as const, review: null, modified } : a)),
    );
    return saved.find((a) => a.id === id)!;
  }

  async deleteAnnotation(articleId: string, id: string): Promise<void> {
    this.getArticle(articleId);
    const store = await this.annotationStore(articleId);
    if (!store.data.annotations.some((a) => a.id === id)) throw new DossierError('not_found', `No annotation with id ${id}.`);
    await this.writeAnnotations(articleId, (current) => current.filter((a) => a.id !== id));
  }

  /** Every annotation with its article, in library order then text order; with `articleIds`, those
   * articles' only (and only their files are read). Files not yet open are read a batch at a time. */
  async allAnnotations(articleIds?: string[]): Promise<AnnotationOfArticle[]> {
    if (articleIds) return this.readAnnotations([...new Set(articleIds)].map((id) => this.getArticle(id)));
    // Made once and kept until the library changes: the timeline, an entity's page and the graph each want
    // them all, and gathering 30,000 from 10,000 files (even open ones) holds the event loop up ~80 ms.
    let every = this.everyAnnotation;
    if (!every) {
      const reading = (every = this.everyAnnotation = this.readAnnotations(this.library.data.articles));
      reading.catch(() => {
        if (this.everyAnnotation === reading) this.everyAnnotation = null;
      });
    }
    return [...(await every)];
  }

  private async readAnnotations(from: Article[]): Promise<AnnotationOfArticle[]> {
    const articles = from.filter((article) => this.annotationCounts.get(article.id));
    const out: AnnotationOfArticle[] = [];
    for (let at = 0; at < articles.length; at += READ_BATCH) {
      const batch = articles.slice(at, at + READ_BATCH);
      const lists = await Promise.all(batch.map((article) => this.listAnnotations(article.id)));
      batch.forEach((article, i) => lists[i].forEach((annotation) => out.push({ annotation, article })));
    }
    return out;
  }

  // Saved briefs, in briefs.json: opened the first time one is asked for.

  private briefsStore: Promise<Store<BriefsFile>> | null = null;

  private briefs(): Promise<Store<BriefsFile>> {
    this.briefsStore ??= Store.open(
      join(this.dir, 'briefs.json'),
      BriefsFileSchema,
      { schemaVersion: SCHEMA_VERSION, briefs: [] },
      this.queue,
      { onRecover: (message) => this.warnings.push(message), libraryDir: this.dir },
    );
    return this.briefsStore;
  }

  async listBriefs(): Promise<SavedBrief[]> {
    return [...(await this.briefs()).data.briefs].sort((a, b) => b.modified.localeCompare(a.modified));
  }

  /** Saves a brief as a new one (no id) or over the one with its id. */
  async saveBrief({ id, ...given }: BriefScope & { id?: string; title: string }): Promise<SavedBrief> {
    const store = await this.briefs();
    const now = new Date().toISOString();
    const existing = id ? store.data.briefs.find((b) => b.id === id) : undefined;
    if (id && !existing) throw new DossierError('not_found', `No saved brief with id ${id}: it may have been deleted.`);
    const brief = SavedBriefSchema.parse({ ...given, id: existing?.id ?? newId(), created: existing?.created ?? now, modified: now });
    await store.update((current) => ({ ...current, briefs: [...current.briefs.filter((b) => b.id !== brief.id), brief] }));
    return brief;
  }

  async deleteBrief(id: string): Promise<void> {
    const store = await this.briefs();
    if (!store.data.briefs.some((b) => b.id === id)) throw new DossierError('not_found', `No saved brief with id ${id}.`);
    await store.update((current) => ({ ...current, briefs: current.briefs.filter((b) => b.id !== id) }));
  }

  // Relations between entities: a label, and the annotations that are the evidence for it.

  listRelations(entityId?: string): Relation[] {
    return this.entities.data.relations.filter((r) => !entityId || r.from === entityId || r.to === entityId);
  }

  private async checkRelation(from: string, to: string, evidence: string[]): Promise<void> {
    this.getEntity(from);
    this.getEntity(to);
    if (from === to) throw new DossierError('invalid_input', 'A relation joins two different entities.');
    const known = new Set((await this.allAnnotations()).map(({ annotation }) => annotation.id));
    const missing = evidence.find((id) => !known.has(id));
    if (missing) throw new DossierError('not_found', `No annotation with id ${missing}: evidence must be an annotation of the library.`);
  }

  async createRelation(from: string, to: string, label: string, evidence: string[]): Promise<Relation> {
    await this.checkRelation(from, to, evidence);
    const relation: Relation = { id: newId(), from, to, label: label.trim(), evidence: [...new Set(evidence)] };
    await this.entities.update((current) => ({ ...current, relations: [...current.relations, relation] }));
    this.changed({ kind: 'entity', id: from });
    return relation;
  }

  async updateRelation(id: string, patch: { label?: string; evidence?: string[] }): Promise<Relation> {
    const existing = this.entities.data.relations.find((r) => r.id === id);
    if (!existing) throw new DossierError('not_found', `No relation with id ${id}.`);
    await this.checkRelation(existing.from, existing.to, patch.evidence ?? []);
    const updated: Relation = {
      ...existing,
      label: patch.label?.trim() ?? existing.label,
      evidence: patch.evidence ? [...new Set(patch.evidence)] : existing.evidence,
    };
    await this.entities.update((current) => ({ ...current, relations: current.relations.map((r) => (r.id === id ? updated : r)) }));
    this.changed({ kind: 'entity', id: existing.from });
    return updated;
  }

  async deleteRelation(id: string): Promise<void> {
    const existing = this.entities.data.relations.find((r) => r.id === id);
    if (!existing) throw new DossierError('not_found', `No relation with id ${id}.`);
    await this.entities.update((current) => ({ ...current, relations: current.relations.filter((r) => r.id !== id) }));
    this.changed({ kind: 'entity', id: existing.from });
  }

  // Entity suggestions: what the user decided of each, kept with the article's annotations.

  async suggestionDecisions(articleId: string): Promise<Record<string, string | null>> {
    this.getArticle(articleId);
    return (await this.annotationStore(articleId)).data.suggestions;
  }

  /** Records that a suggestion stands for an entity, or (null) for none; undefined forgets the decision. */
  async decideSuggestion(articleId: string, key: string, entityId: string | null | undefined): Promise<void> {
    this.getArticle(articleId);
    if (entityId) this.getEntity(entityId);
    const store = await this.annotationStore(articleId);
    await store.update((current) => {
      const { [key]: _dropped, ...rest } = current.suggestions;
      return { ...current, suggestions: entityId === undefined ? rest : { ...rest, [key]: entityId } };
    });
  }

  /** Adds names an entity also goes by; the ones it already has are left as they are. */
  async addAliases(id: string, names: string[]): Promise<Entity> {
    const entity = this.getEntity(id);
    const aliases = otherNames(entity.name, entity.aliases, names);
    if (aliases.length === entity.aliases.length) return entity;
    const saved = await this.entities.update((current) => ({
      ...current,
      entities: current.entities.map((e) => (e.id === id ? { ...e, aliases } : e)),
    }));
    this.changed({ kind: 'entity', id });
    return saved.entities.find((e) => e.id === id)!;
  }

  // Entities

  listEntities(): Entity[] {
    return [...this.entities.data.entities].sort((a, b) => a.name.localeCompare(b.name));
  }

  hasEntity(id: string): boolean {
    return this.entities.data.entities.some((e) => e.id === id);
  }

  getEntity(id: string): Entity {
    const entity = this.entities.data.entities.find((e) => e.id === id);
    if (!entity) throw new DossierError('not_found', `No entity with id ${id} in this library.`);
    return entity;
  }

  findEntity(type: EntityType, name: string): Entity | undefined {
    return this.entities.data.entities.find((e) => e.type === type && sameName(e.name, name.trim()));
  }

  async createEntity(type: EntityType, name: string, date: string | null = null, aliases: string[] = []): Promise<Entity> {
    const trimmed = name.trim();
    if (this.findEntity(type, trimmed)) {
      throw new DossierError('duplicate', `There is already ${ENTITY_TYPE_NAMES[type]} named “${trimmed}”.`);
    }
    if (date && type !== 'event') throw new DossierError('invalid_input', 'Only events carry a date.');
    const entity: Entity = { id: newId(), type, name: trimmed, aliases: otherNames(trimmed, [], aliases), description: '', wikidataId: null, date, endDate: null, placeId: null, participantIds: [] };
    await this.entities.update((current) => ({ ...current, entities: [...current.entities, entity] }));
    this.changed({ kind: 'entity', id: entity.id });
    return entity;
  }

  /** Renames or edits an entity; its name stays unique among entities of its type. */
  async updateEntity(id: string, patch: EntityPatch): Promise<Entity> {
    const entity = this.getEntity(id);
    const name = patch.name?.trim() ?? entity.name;
    const other = this.findEntity(entity.type, name);
    if (other && other.id !== id) throw new DossierError('duplicate', `There is already ${ENTITY_TYPE_NAMES[entity.type]} named “${name}”.`);
    if (entity.type !== 'event' && (patch.date || patch.endDate || patch.placeId || patch.participantIds?.length)) {
      throw new DossierError('invalid_input', 'Only events carry a date, a place and participants.');
    }
    const date = patch.date === undefined ? entity.date : patch.date;
    const endDate = patch.endDate === undefined ? entity.endDate : patch.endDate;
    if (endDate && (!date || endDate < date)) throw new DossierError('invalid_input', 'The end date comes after the start date.');
    const placeId = patch.placeId === undefined ? entity.placeId : patch.placeId;
    if (placeId && this.getEntity(placeId).type !== 'place') throw new DossierError('invalid_input', 'An event happens at a place.');
    const participantIds = patch.participantIds === undefined ? entity.participantIds : [...new Set(patch.participantIds)];
    for (const pid of participantIds) {
      const type = this.getEntity(pid).type;
      if (type !== 'person' && type !== 'organisation') throw new DossierError('invalid_input', 'Participants are people or organisations.');
    }
    const updated: Entity = {
      ...entity,
      name,
      aliases: otherNames(name, [], patch.aliases ?? entity.aliases),
      description: patch.description?.trim() ?? entity.description,
      wikidataId: patch.wikidataId === undefined ? entity.wikidataId : patch.wikidataId,
      date,
      endDate,
      placeId,
      participantIds,
    };
    await this.entities.update((current) => ({ ...current, entities: current.entities.map((e) => (e.id === id ? updated : e)) }));
    this.changed({ kind: 'entity', id });
    return updated;
  }

  /**
   * Merges the entity `mergeId` into `keepId`, of the same type: its names become aliases of the kept one,
   * and every annotation link, speaker, @-mention, event and relation that named it names the kept one. What
   * was done is recorded under the merged entity's id, for undoMerge.
   */
  async mergeEntities(keepId: string, mergeId: string): Promise<Entity> {
    const kept = this.getEntity(keepId);
    const merged = this.getEntity(mergeId);
    if (keepId === mergeId) throw new DossierError('invalid_input', 'An entity cannot be merged into itself.');
    if (kept.type !== merged.type) {
      throw new DossierError(
        'invalid_input',
        `“${merged.name}” is ${ENTITY_TYPE_NAMES[merged.type]} and “${kept.name}” is ${ENTITY_TYPE_NAMES[kept.type]}: only entities of the same type can be merged.`,
      );
    }
    // The links first: should the entities file then fail to save, both entities are still there and no
    // annotation names one that is gone.
    const annotations = await this.editAnnotations((annotation) => {
      const merging = mergeAnnotation(annotation, keepId, mergeId);
      return merging && { annotation: merging.annotation, report: merging.move };
    });
    const keptAfter = mergedEntity(kept, merged, otherNames(kept.name, kept.aliases, [merged.name, ...merged.aliases]));
    await this.entities.update((current) => {
      const events = mergeEvents(
        current.entities.filter((e) => e.id !== mergeId).map((e) => (e.id === keepId ? keptAfter : e)),
        keepId,
        mergeId,
      );
      const relations = mergeRelations(current.relations, keepId, mergeId);
      const record: MergeRecord = {
        at: new Date().toISOString(),
        merged,
        keptBefore: kept,
        keptAfter,
        annotations,
        events: events.moves,
        relations: relations.before,
        absorbed: relations.absorbed,
      };
      return { ...current, entities: events.entities, relations: relations.relations, merges: [...current.merges, record].slice(-MERGES_KEPT) };
    });
    this.changed({ kind: 'entity', id: mergeId });
    this.changed({ kind: 'entity', id: keepId });
    return this.getEntity(keepId);
  }

  /** Takes back the merge of the entity `mergeId` (the one merged away), keeping what was edited since. */
  async undoMerge(mergeId: string): Promise<{ entity: Entity; kept: Entity }> {
    const record = this.entities.data.merges.find((m) => m.merged.id === mergeId);
    if (!record) {
      throw new DossierError('not_found', `There is no merge of that entity to undo: it was undone already, or is older than the last ${MERGES_KEPT} merges.`);
    }
    const { merged, keptBefore, keptAfter } = record;
    const keepId = keptBefore.id;
    if (!this.hasEntity(keepId)) {
      throw new DossierError('not_found', `“${keptBefore.name}” was deleted or merged since, so the merge of “${merged.name}” into it cannot be undone.`);
    }
    if (this.findEntity(merged.type, merged.name)) {
      throw new DossierError('duplicate', `There is already ${ENTITY_TYPE_NAMES[merged.type]} named “${merged.name}”: rename it before undoing the merge.`);
    }
    // The entity first: links put back before it exists would name an entity that is not there.
    await this.entities.update((current) => ({
      ...current,
      entities: [
        ...unmergeEvents(current.entities, record.events, keepId, mergeId).map((e) => (e.id === keepId ? revertEntity(e, keptBefore, keptAfter) : e)),
        merged,
      ],
      relations: unmergeRelations(current.relations, record, (id) => id === mergeId || current.entities.some((e) => e.id === id)),
      merges: current.merges.filter((m) => m.merged.id !== mergeId),
    }));
    const moves = new Map(record.annotations.map((move) => [move.id, move]));
    await this.editAnnotations((annotation) => {
      const move = moves.get(annotation.id);
      return move ? { annotation: unmergeAnnotation(annotation, move, keepId, mergeId), report: move } : null;
    });
    this.changed({ kind: 'entity', id: mergeId });
    this.changed({ kind: 'entity', id: keepId });
    return { entity: this.getEntity(mergeId), kept: this.getEntity(keepId) };
  }

  /** What deleting an entity would unlink, without doing it. */
  async entityDeleteAccount(id: string): Promise<EntityDeleteAccount> {
    this.getEntity(id);
    const named = (await this.allAnnotations()).filter(({ annotation }) => unlinkAnnotation(annotation, id));
    return {
      annotations: named.length,
      articles: new Set(named.map(({ article }) => article.id)).size,
      speakerOf: named.filter(({ annotation }) => annotation.speakerId === id).length,
      relations: this.listRelations(id).length,
      events: unlinkEvents(this.entities.data.entities, id).count,
    };
  }

  /** Deletes an entity and every reference to it (links, speaker, @-mentions kept as plain words, relations,
   * events); says what it unlinked. */
  async deleteEntity(id: string): Promise<EntityDeleteAccount> {
    this.getEntity(id);
    // The links first: should the entities file then fail to save, the entity is still there, linked less.
    const unlinked = await this.editAnnotations((annotation) => {
      const edited = unlinkAnnotation(annotation, id);
      return edited && { annotation: edited, report: { articleId: annotation.articleId, speaker: annotation.speakerId === id } };
    });
    const relations = this.listRelations(id).length;
    const events = unlinkEvents(this.entities.data.entities, id).count;
    await this.entities.update((current) => ({
      ...current,
      entities: unlinkEvents(current.entities, id).entities.filter((e) => e.id !== id),
      relations: current.relations.filter((r) => r.from !== id && r.to !== id),
      // A merge into an entity that is gone can no longer be undone.
      merges: current.merges.filter((m) => m.keptBefore.id !== id),
    }));
    this.changed({ kind: 'entity', id });
    return {
      annotations: unlinked.length,
      articles: new Set(unlinked.map((u) => u.articleId)).size,
      speakerOf: unlinked.filter((u) => u.speaker).length,
      relations,
      events,
    };
  }
}
