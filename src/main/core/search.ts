// Full-text search over article titles and bodies, annotation quotes, notes and tags, and entity names.
// The index is derived data: kept on the engine (a worker thread in the app), saved in cache/search with a
// journal of the library's changes since, restored and brought up to date at the next start (or rebuilt
// when it cannot be), and never needed for correctness: results are checked against the library when
// they are shown.
import { appendFileSync, existsSync, statSync, truncateSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { SearchFilters, SearchHit } from '../../shared/api';
import type { Annotation, Article } from '../../shared/model';
import { DossierError } from '../../shared/errors';
import type { Library, LibraryChange } from './library';
import type { Candidate, Doc, EngineClient } from './search-engine';
import { engineHere } from './search-engine-client';
import { wordsOf } from './word-runs';

const SNIPPET_CONTEXT = 70;
/** Candidates read at once while results are checked: as many as hits are still wanted, within these. */
const MIN_CHECK_BATCH = 16;
const MAX_CHECK_BATCH = 64;
/** Candidates asked of the engine for each hit wanted: most pass their check. When too few do (filters), as
 * many again times this are asked for. */
const TAKE_PER_HIT = 2;
const TAKE_GROWTH = 8;
/** Articles read at once while the index is built. */
const BUILD_BATCH = 16;
/** How long a search waits for an index still loading before it looks through names alone (see `warm`). */
const NAMES_AFTER_MS = 200;
/** How long the index may go unsaved after a change (a crash then costs at most this much journal replay). */
const SAVE_DELAY_MS = 5 * 60_000;

function articleDoc(article: Article, text: string): Doc {
  return { id: `a:${article.id}`, kind: 'article', refId: article.id, articleId: article.id, title: article.title, text, tags: article.tags.join(' ') };
}

function annotationDoc(a: Annotation): Doc {
  return { id: `n:${a.id}`, kind: 'annotation', refId: a.id, articleId: a.articleId, title: a.target.quote.exact, text: a.note, tags: a.tags.join(' ') };
}

/** Words and quoted phrases of a query: `"gangster-like" demands` → phrases ["gangster-like"], words [demands]. */
export function parseQuery(query: string): { phrases: string[]; words: string } {
  const phrases: string[] = [];
  const words = query.replace(/"([^"]+)"/g, (_, phrase: string) => {
    phrases.push(phrase.trim());
    return ` ${phrase} `;
  });
  return { phrases: phrases.filter((p) => /[\p{L}\p{N}]/u.test(p)), words: words.trim() };
}

export function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_CONTEXT);
  const to = Math.min(text.length, end + SNIPPET_CONTEXT);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase matches its words in order with any punctuation or space between: “gangster-like” demands. */
function phrasePattern(phrase: string): RegExp {
  const words = phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(escape);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function findPhrase(text: string, phrase: RegExp): { start: number; end: number } | null {
  const match = phrase.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** The first place where any of the words begins a word (one pass, however many words a prefix became). */
function termsPattern(terms: string[]): RegExp | null {
  return terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join('|')})[\\p{L}\\p{N}]*`, 'iu') : null;
}

/** Where in `text` the query matched first: a phrase if there is one, else the first matched term. */
function locate(text: string, phrases: RegExp[], terms: RegExp | null): { start: number; end: number } | null {
  for (const phrase of phrases) {
    const found = findPhrase(text, phrase);
    if (found) return found;
  }
  const match = terms?.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

class Closed extends Error {}

export class SearchIndex {
  private readonly engine: EngineClient;
  private readonly dir: string | null;
  private loading: Promise<void> | null = null;
  private loaded = false;
  private closing = false;
  /** Changes made while the index was being loaded, with where the journal stood after each. */
  private readonly missed: { change: LibraryChange; bytes: number }[] = [];
  /** Updates in order; a search waits for them, so it always sees the library's last saved state. */
  private updating: Promise<void> = Promise.resolve();
  /** Whether an index file is on disk, so that changes are worth writing into the journal. */
  private persisted: boolean;
  private journalBytes: number;
  /** How much of the journal the index holds, and how much the file on disk held when it was written. */
  private appliedBytes = 0;
  private savedBytes = -1;
  private saveTimer: NodeJS.Timeout | null = null;
  /** Whether a search made while the index loads is answered from names (hosts that stay up), rather than
   * waiting for it (a command that searches once). */
  private answersWhileLoading = false;
  /** Whether `warm` is waiting for what it was told to let go first (then a search does not start the load). */
  private waitingToLoad = false;

  /**
   * `cacheDir`: where the index is kept between runs (null: not kept). `engine`: where it runs (this thread
   * unless told otherwise).
   */
  constructor(
    private readonly library: Library,
    options: { cacheDir?: string | null; engine?: EngineClient } = {},
  ) {
    this.engine = options.engine ?? engineHere();
    this.dir = options.cacheDir ?? null;
    this.persisted = !!this.dir && existsSync(this.indexPath);
    this.journalBytes = this.persisted ? fileSize(this.journalPath) : 0;
    this.engine.onLost(() => {
      this.loaded = false;
      this.loading = null;
    });
    library.onChange((change) => {
      if (this.persisted) this.journal(change);
      const bytes = this.journalBytes;
      if (this.loaded)
        this.updating = this.updating
          .then(async () => {
            await this.apply(change);
            this.appliedBytes = bytes;
            this.scheduleSave();
          })
          .catch((error: unknown) => console.error(error));
      else if (this.loading) this.missed.push({ change, bytes });
    });
  }

  private get indexPath(): string {
    return join(this.dir ?? '', 'index.json');
  }

  private get journalPath(): string {
    return join(this.dir ?? '', 'journal.ndjson');
  }

  /** Written before the change is taken in: a crash before the next save leaves it to be replayed. */
  private journal(change: LibraryChange): void {
    const line = `${JSON.stringify(change)}\n`;
    try {
      appendFileSync(this.journalPath, line);
      this.journalBytes += Buffer.byteLength(line);
    } catch {
      // Without its journal the saved index cannot be trusted: the next start rebuilds it.
      this.persisted = false;
    }
  }

  /** The changes written to the journal after `from`, once each; null when the journal is shorter than that. */
  private async readJournal(from: number): Promise<LibraryChange[] | null> {
    const size = fileSize(this.journalPath);
    if (size < from) return null;
    if (size === from) return [];
    const file = await open(this.journalPath, 'r');
    try {
      const buffer = Buffer.alloc(size - from);
      await file.read(buffer, 0, buffer.length, from);
      const unique = new Map<string, LibraryChange>();
      for (const line of buffer.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const change = JSON.parse(line) as LibraryChange;
        unique.set(line, change);
      }
      return [...unique.values()];
    } catch {
      return null;
    } finally {
      await file.close();
    }
  }

  private async load(): Promise<void> {
    const startBytes = this.journalBytes;
    const restored = this.persisted ? await this.engine.restore(this.indexPath) : null;
    const replay = restored ? await this.readJournal(restored.journalBytes) : null;
    let changed = true;
    if (restored && replay) {
      // The saved index, brought up to date: what the journal says changed since, and anything the journal
      // could not tell (articles or entities that came or went without it).
      const articles = this.library.articles();
      const indexed = new Set(restored.articleIds);
      for (const article of articles) if (!indexed.has(article.id)) replay.push({ kind: 'article', id: article.id }, { kind: 'annotations', articleId: article.id });
      const present = new Set(articles.map((a) => a.id));
      for (const id of restored.articleIds) if (!present.has(id)) replay.push({ kind: 'article', id });
      const entities = new Set(this.library.listEntities().map((e) => e.id));
      for (const id of restored.entityIds) if (!entities.has(id)) replay.push({ kind: 'entity', id });
      await this.engine.put([...entities].map((id) => this.entityDoc(id)));
      for (const change of replay) {
        if (this.closing) throw new Closed();
        await this.apply(change);
      }
      changed = replay.length > 0;
    } else {
      await this.engine.clear();
      await this.build();
    }
    this.appliedBytes = startBytes;
    if (!changed) this.savedBytes = restored!.journalBytes === startBytes ? startBytes : -1;
    for (const { change, bytes } of this.missed.splice(0)) {
      await this.apply(change);
      this.appliedBytes = bytes;
    }
    this.loaded = true;
    await this.save();
  }

  private async build(): Promise<void> {
    const articles = this.library.articles();
    for (let at = 0; at < articles.length; at += BUILD_BATCH) {
      if (this.closing) throw new Closed();
      const batch = articles.slice(at, at + BUILD_BATCH);
      const docs = await Promise.all(
        // A body that cannot be read (damaged on disk; the reader says why) leaves its article findable by title.
        batch.map(async (article) => articleDoc(article, await this.library.loadText(article.id, { hold: false }).catch(() => ''))),
      );
      await this.engine.put(docs);
      for (const article of batch) if (this.library.annotationCount(article.id)) await this.indexAnnotations(article.id);
    }
    await this.engine.put(this.library.listEntities().map((e) => this.entityDoc(e.id)));
  }

  private entityDoc(id: string): Doc {
    const entity = this.library.getEntity(id);
    return { id: `e:${id}`, kind: 'entity', refId: id, articleId: null, title: entity.name, text: [...entity.aliases, entity.description].join(' '), tags: entity.type };
  }

  private async indexAnnotations(articleId: string): Promise<void> {
    const annotations = this.library.hasArticle(articleId) ? await this.library.listAnnotations(articleId) : [];
    await this.engine.setAnnotations(articleId, annotations.map(annotationDoc));
  }

  /** Takes one change in, from the library as it is now: the same change taken twice does no harm. */
  private async apply(change: LibraryChange): Promise<void> {
    if (change.kind === 'annotations') return this.indexAnnotations(change.articleId);
    if (change.kind === 'entity') {
      // A deleted or merged entity leaves the index.
      if (!this.library.hasEntity(change.id)) return this.engine.remove('entity', change.id);
      return this.engine.put([this.entityDoc(change.id)]);
    }
    if (!this.library.hasArticle(change.id)) return this.engine.remove('article', change.id);
    const article = this.library.getArticle(change.id);
    await this.engine.put([articleDoc(article, await this.library.loadText(change.id, { hold: false }).catch(() => ''))]);
  }

  private scheduleSave(): void {
    if (!this.dir || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.updating = this.updating.then(() => this.save()).catch((error: unknown) => console.error(error));
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  /**
   * Writes the index as it is, unless the file already holds it. When it holds the whole journal, the file
   * says so by 0 and the journal starts over (unless a change came in while it was written).
   */
  private async save(): Promise<void> {
    if (!this.dir || !this.loaded || this.savedBytes === this.appliedBytes) return;
    await mkdir(this.dir, { recursive: true });
    const bytes = this.appliedBytes;
    const whole = bytes === this.journalBytes;
    const saved = await this.engine.save(this.indexPath, whole ? 0 : bytes);
    this.persisted = saved;
    if (!saved) return void (this.savedBytes = -1);
    if (!whole) return void (this.savedBytes = bytes);
    if (this.journalBytes !== bytes) return void (this.savedBytes = -1);
    // Nothing was appended while the file was written (this runs in one go: no change can come in between).
    try {
      truncateSync(this.journalPath);
    } catch {
      // No journal yet: nothing to start over.
    }
    this.journalBytes = this.appliedBytes = this.savedBytes = 0;
  }

  /** Starts loading the index in the background once `first` is done, for hosts that stay up (the app,
   * `dossier serve`); resolves when it is loaded (or could not be), never rejects. */
  warm(first: Promise<unknown> = Promise.resolve()): Promise<void> {
    this.answersWhileLoading = true;
    this.waitingToLoad = true;
    return first
      .finally(() => (this.waitingToLoad = false))
      .then(() => this.ready())
      .catch((error: unknown) => {
        if (!(error instanceof Closed) && !this.closing) console.error('The search index could not be loaded:', error);
      });
  }

  /** Resolves once every change made so far is in the index (the benchmark times this). */
  async settled(): Promise<void> {
    await this.updating;
  }

  private ready(): Promise<void> {
    if (this.closing) return Promise.reject(new DossierError('storage', 'The library is closing.'));
    if (this.loaded) return Promise.resolve();
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /**
   * Stops loading, lets the changes under way in, and writes the index if it changed (unless `keep` is
   * false: the cache is about to go).
   */
  async close({ keep = true }: { keep?: boolean } = {}): Promise<void> {
    this.closing = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.loading?.catch(() => undefined);
    await this.updating;
    if (keep) await this.save();
    await this.engine.close();
  }

  /** Whether searches look through the whole index; false while it loads (then, in hosts that stay up, a
   * search that asks for it looks through article titles, annotations and entity names only). */
  get complete(): boolean {
    return this.loaded;
  }

  /** `names`: while the index loads in a host that stays up, answer from names (see `complete`) rather than
   * wait for it. */
  async search(query: string, filters: SearchFilters, limit: number, { names = false }: { names?: boolean } = {}): Promise<SearchHit[]> {
    const { phrases, words } = parseQuery(query);
    // The last word is still being typed (and stands for the words it begins) unless a space or a closing
    // quote says it is done.
    const typing = !/[\s"]$/.test(query);
    if (names && !this.loaded && this.answersWhileLoading) {
      // A restore takes seconds at 10,000 articles and a rebuild minutes: the names need not wait for them.
      const loading = this.waitingToLoad ? new Promise<boolean>(() => undefined) : this.ready().then(() => true);
      const loaded = await Promise.race([loading, new Promise<boolean>((resolve) => setTimeout(resolve, NAMES_AFTER_MS, false))]);
      if (!loaded) return words ? this.searchNames(words, phrases, typing, filters, limit) : [];
    }
    await this.ready();
    await this.updating;
    if (!words) return [];
    let take = Math.max(MIN_CHECK_BATCH, limit * TAKE_PER_HIT);
    const first = await this.engine.search(words, phrases, typing, take);
    let { candidates, total } = first;
    const pattern = termsPattern(first.terms);
    const patterns = phrases.map(phrasePattern);
    const hits: SearchHit[] = [];
    const checked = new Set<string>();
    const key = (c: Candidate) => `${c.kind}:${c.refId}`;
    for (;;) {
      // Candidates are checked (phrases, filters) and given snippets a batch at a time, reading their texts
      // concurrently, in score order, until enough are found; other calls get their turn between batches.
      const fresh = candidates.filter((c) => !checked.has(key(c)));
      for (let at = 0; at < fresh.length && hits.length < limit; ) {
        if (checked.size) await new Promise((resolve) => setImmediate(resolve));
        // As many as are still wanted (most candidates pass): one batch is often all it takes.
        const size = Math.min(MAX_CHECK_BATCH, Math.max(MIN_CHECK_BATCH, limit - hits.length));
        const slice = fresh.slice(at, at + size);
        for (const c of slice) checked.add(key(c));
        const batch = await Promise.all(slice.map((candidate) => this.toHit(candidate, patterns, pattern, filters)));
        at += size;
        for (const hit of batch) if (hit && hits.length < limit) hits.push(hit);
      }
      if (hits.length >= limit || candidates.length >= total) break;
      // Too few passed (filters): more are asked for. The index may have changed meanwhile, so the ones
      // checked already are known by name.
      take *= TAKE_GROWTH;
      ({ candidates, total } = await this.engine.search(words, phrases, typing, take));
    }
    return hits;
  }

  private async toHit(result: Candidate, phrases: RegExp[], pattern: RegExp | null, filters: SearchFilters): Promise<SearchHit | null> {
    const { kind, refId } = result;
    if (kind === 'entity') {
      if (filters.tag || filters.site || filters.from || filters.to || filters.hasAnnotations) return null;
      if (filters.entityId && filters.entityId !== refId) return null;
      const entity = this.library.getEntity(refId);
      if (!phrases.every((p) => findPhrase(entity.name, p))) return null;
      return { kind, id: refId, articleId: null, title: entity.name, snippet: entity.type, match: null, score: result.score };
    }
    if (!result.articleId || !this.library.hasArticle(result.articleId)) return null;
    const article = this.library.getArticle(result.articleId);
    if (!this.articlePasses(article, filters)) return null;
    if (kind === 'annotation') {
      const annotation = (await this.library.listAnnotations(article.id)).find((a) => a.id === refId);
      if (!annotation) return null;
      if (filters.entityId && !annotation.entityIds.includes(filters.entityId)) return null;
      if (filters.tag && !annotation.tags.includes(filters.tag)) return null;
      const haystack = `${annotation.target.quote.exact}\n${annotation.note}`;
      if (!phrases.every((p) => findPhrase(haystack, p))) return null;
      const { start, end } = annotation.target.position;
      return { kind, id: refId, articleId: article.id, title: article.title, snippet: annotation.target.quote.exact, note: annotation.note, match: { start, end }, score: result.score };
    }
    if (filters.tag && !article.tags.includes(filters.tag)) {
      const annotations = await this.library.listAnnotations(article.id);
      if (!annotations.some((a) => a.tags.includes(filters.tag!))) return null;
    }
    if (filters.entityId) {
      const annotations = await this.library.listAnnotations(article.id);
      if (!annotations.some((a) => a.entityIds.includes(filters.entityId!))) return null;
    }
    const text = await this.library.loadText(article.id, { hold: false }).catch(() => '');
    // Every phrase must be in the body or the title; the index only knew the words.
    if (!phrases.every((p) => findPhrase(text, p) || findPhrase(article.title, p))) return null;
    const found = locate(text, phrases, pattern);
    return {
      kind,
      id: article.id,
      articleId: article.id,
      title: article.title,
      snippet: found ? snippet(text, found.start, found.end) : article.excerpt,
      match: found,
      score: result.score,
    };
  }

  /**
   * The search made while the index loads: every word (the last one begun, while typing) and phrase looked
   * for directly in entity names and aliases, article titles and tags, and annotations' quotes, notes and
   * tags: in that order, entities and titles being what is most often looked for by name.
   */
  private async searchNames(words: string, phrases: string[], typing: boolean, filters: SearchFilters, limit: number): Promise<SearchHit[]> {
    const query = [...new Set(wordsOf(words))];
    const wordPatterns = query.map((word, i) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}${typing && i === query.length - 1 ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu'));
    const phrasePatterns = phrases.map(phrasePattern);
    const has = (text: string) => wordPatterns.every((p) => p.test(text)) && phrasePatterns.every((p) => p.test(text));
    const hits: SearchHit[] = [];
    const articleFilters = filters.tag || filters.site || filters.from || filters.to || filters.hasAnnotations;
    if (!articleFilters) {
      for (const entity of this.library.listEntities()) {
        if (hits.length >= limit) return hits;
        if ((!filters.entityId || filters.entityId === entity.id) && has(`${entity.name}\n${entity.aliases.join('\n')}`))
          hits.push({ kind: 'entity', id: entity.id, articleId: null, title: entity.name, snippet: entity.type, match: null, score: 2 });
      }
    }
    const annotations = await this.library.allAnnotations();
    const withEntity = filters.entityId ? new Set(annotations.filter((a) => a.annotation.entityIds.includes(filters.entityId!)).map((a) => a.article.id)) : null;
    const withTag = filters.tag ? new Set(annotations.filter((a) => a.annotation.tags.includes(filters.tag!)).map((a) => a.article.id)) : null;
    for (const article of this.library.articles()) {
      if (hits.length >= limit) return hits;
      if (!this.articlePasses(article, filters)) continue;
      if (withEntity && !withEntity.has(article.id)) continue;
      if (withTag && !article.tags.includes(filters.tag!) && !withTag.has(article.id)) continue;
      if (has(`${article.title}\n${article.tags.join(' ')}`))
        hits.push({ kind: 'article', id: article.id, articleId: article.id, title: article.title, snippet: article.excerpt, match: null, score: 2 });
    }
    for (const { annotation, article } of annotations) {
      if (hits.length >= limit) return hits;
      if (!this.articlePasses(article, filters)) continue;
      if (filters.entityId && !annotation.entityIds.includes(filters.entityId)) continue;
      if (filters.tag && !annotation.tags.includes(filters.tag)) continue;
      if (!has(`${annotation.target.quote.exact}\n${annotation.note}\n${annotation.tags.join(' ')}`)) continue;
      const { start, end } = annotation.target.position;
      hits.push({ kind: 'annotation', id: annotation.id, articleId: article.id, title: article.title, snippet: annotation.target.quote.exact, note: annotation.note, match: { start, end }, score: 2 });
    }
    return hits;
  }

  private articlePasses(article: Article, filters: SearchFilters): boolean {
    if (filters.site && (article.siteName ?? '').toLocaleLowerCase() !== filters.site.toLocaleLowerCase()) return false;
    if (filters.hasAnnotations && this.library.annotationCount(article.id) === 0) return false;
    const date = article.publishedAt?.slice(0, 10) ?? null;
    if (filters.from && (!date || date < filters.from)) return false;
    if (filters.to && (!date || date.slice(0, filters.to.length) > filters.to)) return false;
    return true;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
