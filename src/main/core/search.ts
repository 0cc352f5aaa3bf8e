// Full-text search over article titles and bodies, annotation quotes, notes and tags, and entity names.
// The index is derived data: built on first use, kept up to date from the library's change events, and
// never needed for correctness (results are checked against the library when they are shown).
import MiniSearch, { type SearchResult } from 'minisearch';
import type { SearchFilters, SearchHit } from '../../shared/api';
import type { Annotation, Article } from '../../shared/model';
import type { Library, LibraryChange } from './library';

interface Doc {
  id: string;
  kind: SearchHit['kind'];
  refId: string;
  articleId: string | null;
  title: string;
  text: string;
  tags: string;
}

const SNIPPET_CONTEXT = 70;
/** Candidates read at once while results are checked. */
const CHECK_BATCH = 32;
/** Prefix expansion only for words this long: short prefixes match half the vocabulary of 10k articles. */
const MIN_PREFIX = 3;

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

function findPhrase(text: string, phrase: string): { start: number; end: number } | null {
  const match = phrasePattern(phrase).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** Where in `text` the query matched first: a phrase if there is one, else the first matched term. */
function locate(text: string, phrases: string[], terms: string[]): { start: number; end: number } | null {
  for (const phrase of phrases) {
    const found = findPhrase(text, phrase);
    if (found) return found;
  }
  let best: { start: number; end: number } | null = null;
  for (const term of terms) {
    const match = new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}[\\p{L}\\p{N}]*`, 'iu').exec(text);
    if (match && (!best || match.index < best.start)) best = { start: match.index, end: match.index + match[0].length };
  }
  return best;
}

export class SearchIndex {
  private index: MiniSearch<Doc> | null = null;
  private building: Promise<MiniSearch<Doc>> | null = null;
  private readonly annotationDocs = new Map<string, Set<string>>();
  /** Changes made while the index was being built, applied once it is. */
  private readonly missed: LibraryChange[] = [];
  /** Updates in order; a search waits for them, so it always sees the library's last saved state. */
  private updating: Promise<void> = Promise.resolve();

  constructor(private readonly library: Library) {
    library.onChange((change) => {
      const index = this.index;
      if (index) this.updating = this.updating.then(() => this.apply(index, change)).catch((error: unknown) => console.error(error));
      else if (this.building) this.missed.push(change);
    });
  }

  private async build(): Promise<MiniSearch<Doc>> {
    const index = new MiniSearch<Doc>({
      fields: ['title', 'text', 'tags'],
      storeFields: ['kind', 'refId', 'articleId'],
      searchOptions: { boost: { title: 3, tags: 2 } },
    });
    for (const article of this.library.listArticles()) {
      // A body that cannot be read (damaged on disk; the reader says why) leaves its article findable by title.
      const text = await this.library.loadText(article.id).catch(() => '');
      index.add(articleDoc(article, text));
      if (article.annotationCount) await this.indexAnnotations(index, article.id);
    }
    for (const entity of this.library.listEntities()) index.add(this.entityDoc(entity.id));
    return index;
  }

  private entityDoc(id: string): Doc {
    const entity = this.library.getEntity(id);
    return { id: `e:${id}`, kind: 'entity', refId: id, articleId: null, title: entity.name, text: [...entity.aliases, entity.description].join(' '), tags: entity.type };
  }

  private async indexAnnotations(index: MiniSearch<Doc>, articleId: string): Promise<void> {
    for (const id of this.annotationDocs.get(articleId) ?? []) if (index.has(id)) index.discard(id);
    const docs = (await this.library.listAnnotations(articleId)).map(annotationDoc);
    index.addAll(docs);
    this.annotationDocs.set(articleId, new Set(docs.map((d) => d.id)));
  }

  private async apply(index: MiniSearch<Doc>, change: LibraryChange): Promise<void> {
    if (change.kind === 'annotations') return this.indexAnnotations(index, change.articleId);
    if (change.kind === 'entity') {
      // A deleted or merged entity leaves the index.
      if (!this.library.hasEntity(change.id)) {
        if (index.has(`e:${change.id}`)) index.discard(`e:${change.id}`);
        return;
      }
      const doc = this.entityDoc(change.id);
      if (index.has(doc.id)) index.replace(doc);
      else index.add(doc);
      return;
    }
    const article = this.library.getArticle(change.id);
    const doc = articleDoc(article, await this.library.loadText(change.id));
    if (index.has(doc.id)) index.replace(doc);
    else index.add(doc);
  }

  /** Starts building the index in the background, for hosts that stay up (the app, `dossier serve`). */
  warm(): void {
    this.ready().catch((error: unknown) => console.error('The search index could not be built:', error));
  }

  /** Resolves once every change made so far is in the index (the benchmark times this). */
  async settled(): Promise<void> {
    await this.updating;
  }

  private ready(): Promise<MiniSearch<Doc>> {
    if (this.index) return Promise.resolve(this.index);
    this.building ??= this.build().then(async (index) => {
      for (const change of this.missed.splice(0)) await this.apply(index, change);
      this.index = index;
      return index;
    });
    return this.building;
  }

  async search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]> {
    const index = await this.ready();
    await this.updating;
    const { phrases, words } = parseQuery(query);
    if (!words) return [];
    const raw = index.search(words, {
      combineWith: 'AND',
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= MIN_PREFIX,
      fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
    });
    const hits: SearchHit[] = [];
    const articles = new Map(this.library.listArticles().map((a) => [a.id, a]));
    // Candidates are checked (phrases, filters) and given snippets a batch at a time, reading their texts
    // concurrently, in score order, until enough are found.
    for (let at = 0; at < raw.length && hits.length < limit; at += CHECK_BATCH) {
      const batch = await Promise.all(raw.slice(at, at + CHECK_BATCH).map((result) => this.toHit(result, phrases, articles, filters)));
      for (const hit of batch) if (hit && hits.length < limit) hits.push(hit);
    }
    return hits;
  }

  private async toHit(
    result: SearchResult,
    phrases: string[],
    articles: Map<string, Article & { annotationCount: number }>,
    filters: SearchFilters,
  ): Promise<SearchHit | null> {
    const kind = result.kind as SearchHit['kind'];
    const refId = result.refId as string;
    if (kind === 'entity') {
      if (filters.tag || filters.site || filters.from || filters.to || filters.hasAnnotations) return null;
      if (filters.entityId && filters.entityId !== refId) return null;
      const entity = this.library.getEntity(refId);
      if (!phrases.every((p) => findPhrase(entity.name, p))) return null;
      return { kind, id: refId, articleId: null, title: entity.name, snippet: entity.type, match: null, score: result.score };
    }
    const article = articles.get(result.articleId as string);
    if (!article || !this.articlePasses(article, filters)) return null;
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
    const text = await this.library.loadText(article.id).catch(() => '');
    // Every phrase must be in the body or the title; the index only knew the words.
    if (!phrases.every((p) => findPhrase(text, p) || findPhrase(article.title, p))) return null;
    const found = locate(text, phrases, result.terms);
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

  private articlePasses(article: Article & { annotationCount: number }, filters: SearchFilters): boolean {
    if (filters.site && (article.siteName ?? '').toLocaleLowerCase() !== filters.site.toLocaleLowerCase()) return false;
    if (filters.hasAnnotations && article.annotationCount === 0) return false;
    const date = article.publishedAt?.slice(0, 10) ?? null;
    if (filters.from && (!date || date < filters.from)) return false;
    if (filters.to && (!date || date.slice(0, filters.to.length) > filters.to)) return false;
    return true;
  }
}
