// The full-text index itself (FlexSearch), apart from the library: what the search worker thread holds, and
// what tests and one-shot commands run on the calling thread. Everything here is CPU work or a read/write of
// the index's own file in cache/: the core sends documents in and gets candidates out.
//
// FlexSearch was chosen over MiniSearch by measurement on the benchmark's 10,000 articles (2-core machine):
// indexing 28 s against 74 s, 150 MB of heap against 580, the saved index restored in 0.9 s against 11.4 s,
// and p99 of 8 ms against 92 for a word, 33 against 227 for two words. What it lacks is made here: matching
// every word across title and body (two indexes, the results intersected by word) and prefix expansion of the
// word being typed (over the vocabulary kept beside the index).
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { Charset, Index } from 'flexsearch';
import type { SearchHit } from '../../shared/api';
import { mayHave, sequenceFilter, sequenceProbe, wordsOf } from './word-runs';

export interface Doc {
  id: string;
  kind: SearchHit['kind'];
  refId: string;
  articleId: string | null;
  title: string;
  text: string;
  tags: string;
}

/** A document the index matched, before the core checks it against the library. */
export interface Candidate {
  kind: SearchHit['kind'];
  refId: string;
  articleId: string | null;
  score: number;
}

export interface Candidates {
  /** The words looked for, prefixes expanded: where snippets are taken from. */
  terms: string[];
  /** Best first: the first `take` of them. */
  candidates: Candidate[];
  /** How many documents there were in all. */
  total: number;
}

/** Bumped whenever what is indexed, or how, changes: an index file of another format is rebuilt. */
export const INDEX_FORMAT = 5;

/** Prefix expansion only for words this long, and into at most this many words (shortest first). */
const MIN_PREFIX = 3;
const MAX_EXPANSIONS = 16;

type Ref = { kind: SearchHit['kind']; refId: string; articleId: string | null };

/** `fastupdate` keeps, for each document, where its words are: removing it then costs well under a
 * millisecond instead of a walk over the whole index (28 ms for the annotations of 10,000 articles). */
function newIndex(fastupdate: boolean): Index {
  return new Index({ tokenize: 'strict', encoder: Charset.Default, resolution: 9, fastupdate });
}

/** What FlexSearch 0.8 keeps inside an Index, as far as re-enabling fast updates needs (its version is pinned). */
interface IndexInternals {
  fastupdate: boolean;
  map: Map<string, (number[] | undefined)[]>;
  reg: Map<number, number[][]> | Set<number>;
}

/**
 * FlexSearch imports a saved index without the register of where each document's words are (it turns fast
 * updates off); this builds the register again from the index itself.
 */
function enableFastUpdate(index: Index): void {
  const internals = index as unknown as IndexInternals;
  const register = new Map<number, number[][]>();
  for (const buckets of internals.map.values()) {
    for (const ids of buckets) {
      if (!ids) continue;
      for (const id of ids) {
        const places = register.get(id);
        if (places) places.push(ids);
        else register.set(id, [ids]);
      }
    }
  }
  internals.reg = register;
  internals.fastupdate = true;
}

interface Header {
  format: number;
  /** How much of the change journal the index had taken in when it was written. */
  journalBytes: number;
  /** The documents by number (null: removed), and their keys. */
  refs: (Ref & { key: string } | null)[];
  /** Written into the file of word runs too: the two files belong together only if they have the same. */
  stamp: string;
  annotationDocs: Record<string, string[]>;
  vocabulary: string[];
}

export interface Restored {
  journalBytes: number;
  articleIds: string[];
  entityIds: string[];
}

export class SearchEngine {
  /** Article bodies: written at import, taken out when the article goes; never updated. */
  private bodies = newIndex(false);
  /** Titles and tags of articles, annotations, entities: small, and what changes. */
  private meta = newIndex(true);
  private refs: ((Ref & { key: string }) | null)[] = [];
  private numbers = new Map<string, number>();
  /** The annotation documents of each article, to replace them all when the article's annotations change. */
  private annotationDocs = new Map<string, string[]>();
  /** Every word ever indexed, lowercased, for prefix expansion; sorted when first needed after a change. */
  private vocabulary = new Set<string>();
  private sorted: string[] | null = null;
  /** Which words stand next to each other in each document (an article's title and body, an annotation's
   * quote and note, an entity's name and aliases), by document number (see word-runs.ts). */
  private runs = new Map<number, Uint8Array>();

  private learn(words: string[]): void {
    for (const word of words) {
      if (this.vocabulary.has(word)) continue;
      this.vocabulary.add(word);
      this.sorted = null;
    }
  }

  /** Adds documents, or replaces those already in the index. An article's body is indexed once. */
  put(docs: Doc[]): void {
    for (const doc of docs) {
      let n = this.numbers.get(doc.id);
      const known = n !== undefined;
      if (n === undefined) {
        n = this.refs.length;
        this.numbers.set(doc.id, n);
      }
      this.refs[n] = { key: doc.id, kind: doc.kind, refId: doc.refId, articleId: doc.articleId };
      const meta = doc.kind === 'article' ? `${doc.title}\n${doc.tags}` : `${doc.title}\n${doc.text}\n${doc.tags}`;
      if (known) this.meta.update(n, meta);
      else this.meta.add(n, meta);
      this.learn(wordsOf(meta));
      const words = wordsOf(doc.text);
      if (doc.kind === 'article' && !this.bodies.contain(n)) {
        this.bodies.add(n, doc.text);
        this.learn(words);
      }
      // The title's words too: a phrase in the title (or an annotation's quote) is found as one in the text is.
      this.runs.set(n, sequenceFilter([...wordsOf(doc.title), ...words]));
    }
  }

  private discard(key: string): void {
    const n = this.numbers.get(key);
    if (n === undefined) return;
    this.meta.remove(n);
    if (this.bodies.contain(n)) this.bodies.remove(n);
    this.runs.delete(n);
    this.refs[n] = null;
    this.numbers.delete(key);
  }

  /** Takes an article (with its annotations) or an entity out of the index. */
  remove(kind: 'article' | 'entity', id: string): void {
    if (kind === 'entity') return this.discard(`e:${id}`);
    this.discard(`a:${id}`);
    this.setAnnotations(id, []);
  }

  /** The annotations of one article, as they are now: those no longer there leave the index. */
  setAnnotations(articleId: string, docs: Doc[]): void {
    const now = new Set(docs.map((d) => d.id));
    for (const key of this.annotationDocs.get(articleId) ?? []) if (!now.has(key)) this.discard(key);
    this.put(docs);
    if (docs.length) this.annotationDocs.set(articleId, [...now]);
    else this.annotationDocs.delete(articleId);
  }

  /** The indexed words that begin with `prefix`, shortest first. */
  private expand(prefix: string): string[] {
    this.sorted ??= [...this.vocabulary].sort();
    const words = this.sorted;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < words.length && words[i].startsWith(prefix); i++) found.push(words[i]);
    return found.sort((a, b) => a.length - b.length).slice(0, MAX_EXPANSIONS);
  }

  /**
   * The documents that have every word of `words` in their title, tags or body (the last word also as the
   * beginning of a word, if `prefix`: it is being typed), best first: words in the title or an annotation
   * count most, then where in the body they come (FlexSearch ranks earlier places first). Documents that
   * cannot have the words of each phrase one after another are left out (the core checks the rest). Only the
   * best `take` are answered: a common word is in tens of thousands of documents, and passing them all from
   * the worker took longer than finding them.
   */
  search(words: string, phrases: string[] = [], prefix = true, take = Infinity): Candidates {
    const query = [...new Set(wordsOf(words))];
    const probes = phrases.map(wordsOf).filter((w) => w.length > 1).map(sequenceProbe);
    const none: Candidates = { terms: [], candidates: [], total: 0 };
    if (!query.length) return none;
    const size = this.refs.length;
    const limit = size + 1;
    const terms: string[] = [];
    // Scores by document number, in arrays rather than maps (a common word is in every document): the sum
    // over the words so far, how many words each document has had, and the current word's score.
    const total = new Float64Array(size);
    const matched = new Uint16Array(size);
    const wordScore = new Float64Array(size);
    const touchedBy = new Int32Array(size).fill(-1);
    let alive: number[] = [];
    for (const [i, word] of query.entries()) {
      const variants = prefix && i === query.length - 1 && word.length >= MIN_PREFIX ? [...new Set([word, ...this.expand(word)])] : [word];
      const touched: number[] = [];
      const touch = (n: number, score: number) => {
        // Only a document that had every word before this one can still be a candidate.
        if (n >= size || matched[n] !== i) return;
        if (touchedBy[n] !== i) {
          touchedBy[n] = i;
          wordScore[n] = score;
          touched.push(n);
        } else if (score > wordScore[n]) wordScore[n] = score;
      };
      for (const variant of variants) {
        // (FlexSearch answers nothing at all, rather than an empty list, for a word whose documents all left.)
        const inMeta = (this.meta.search(variant, { limit }) as number[] | undefined) ?? [];
        const inBody = (this.bodies.search(variant, { limit }) as number[] | undefined) ?? [];
        if (inMeta.length || inBody.length) terms.push(variant);
        for (const n of inMeta) touch(n, 2);
        for (let rank = 0; rank < inBody.length; rank++) touch(inBody[rank], 1 + 0.5 * (1 - rank / inBody.length));
      }
      for (const n of touched) {
        matched[n] = i + 1;
        total[n] += wordScore[n];
      }
      alive = touched;
      if (!alive.length) return none;
    }
    const found: number[] = [];
    for (const n of alive) {
      if (!this.refs[n]) continue;
      const runs = this.runs.get(n);
      if (runs && probes.some((probe) => !mayHave(runs, probe))) continue;
      found.push(n);
    }
    // Best first; among equals, the order FlexSearch found them in.
    const best = found.map((n, order) => ({ n, order })).sort((a, b) => total[b.n] - total[a.n] || a.order - b.order);
    const candidates = best.slice(0, take).map(({ n }) => {
      const ref = this.refs[n]!;
      return { kind: ref.kind, refId: ref.refId, articleId: ref.articleId, score: total[n] };
    });
    return { terms, candidates, total: found.length };
  }

  clear(): void {
    this.bodies = newIndex(false);
    this.meta = newIndex(true);
    this.refs = [];
    this.numbers.clear();
    this.annotationDocs.clear();
    this.vocabulary.clear();
    this.sorted = null;
    this.runs.clear();
  }

  /**
   * Writes the index beside the library: a line of what the index needs besides FlexSearch's own data, then
   * one line per part of that data ("m" or "b", its key, the part). A temporary file is renamed over the
   * last one: a torn write leaves the old file or none. False when it cannot be written; the old file is then
   * removed, since it no longer matches.
   */
  async save(path: string, journalBytes: number): Promise<boolean> {
    const stamp = randomBytes(16).toString('hex');
    const header: Header = {
      format: INDEX_FORMAT,
      journalBytes,
      stamp,
      refs: this.refs,
      annotationDocs: Object.fromEntries(this.annotationDocs),
      vocabulary: [...this.vocabulary],
    };
    const lines = [JSON.stringify(header)];
    try {
      this.meta.export((key, data) => void lines.push(`m\t${key}\t${data}`));
      this.bodies.export((key, data) => void lines.push(`b\t${key}\t${data}`));
      // The word runs first, the index last: an index file is only ever read with the runs written for it.
      await writeFile(`${path}.runs.tmp`, encodeRuns(stamp, this.runs));
      await rename(`${path}.runs.tmp`, `${path}.runs`);
      await writeFile(`${path}.tmp`, lines.join('\n'));
      await rename(`${path}.tmp`, path);
      return true;
    } catch (error) {
      console.error('The search index was not saved:', error instanceof Error ? error.message : error);
      for (const file of [`${path}.tmp`, path, `${path}.runs.tmp`, `${path}.runs`]) await rm(file, { force: true });
      return false;
    }
  }

  /** Loads the index written by `save`; null (and an empty index) when there is none of this format. */
  async restore(path: string): Promise<Restored | null> {
    this.clear();
    let header: Header;
    try {
      const lines = (await readFile(path, 'utf8')).split('\n');
      header = JSON.parse(lines[0]) as Header;
      if (header.format !== INDEX_FORMAT) return null;
      this.runs = decodeRuns(header.stamp, await readFile(`${path}.runs`));
      // Read in as FlexSearch writes it, without the register (see enableFastUpdate).
      this.meta = newIndex(false);
      for (const line of lines.slice(1)) {
        const [part, key] = line.split('\t', 2);
        const data = line.slice(part.length + key.length + 2);
        if (part === 'm') this.meta.import(key, data);
        else if (part === 'b') this.bodies.import(key, data);
        else throw new Error(`unknown part ${part}`);
      }
      enableFastUpdate(this.meta);
    } catch {
      // Missing, torn or from another version: it is rebuilt from the library.
      this.clear();
      return null;
    }
    this.refs = header.refs;
    for (const [n, ref] of this.refs.entries()) if (ref) this.numbers.set(ref.key, n);
    this.annotationDocs = new Map(Object.entries(header.annotationDocs));
    this.vocabulary = new Set(header.vocabulary);
    const live = this.refs.filter((r) => r !== null);
    return {
      journalBytes: header.journalBytes,
      articleIds: live.filter((r) => r.kind === 'article').map((r) => r.refId),
      entityIds: live.filter((r) => r.kind === 'entity').map((r) => r.refId),
    };
  }
}

/** The engine's operations by name, as the worker receives them and the in-thread client calls them. */
export function engineOperations(engine: SearchEngine) {
  return {
    put: (docs: Doc[]) => engine.put(docs),
    remove: (kind: 'article' | 'entity', id: string) => engine.remove(kind, id),
    setAnnotations: (articleId: string, docs: Doc[]) => engine.setAnnotations(articleId, docs),
    search: (words: string, phrases: string[], prefix: boolean, take: number) => engine.search(words, phrases, prefix, take),
    clear: () => engine.clear(),
    save: (path: string, journalBytes: number) => engine.save(path, journalBytes),
    restore: (path: string) => engine.restore(path),
  };
}

export type EngineOperations = ReturnType<typeof engineOperations>;
export type EngineOp = keyof EngineOperations;

/** The engine as the core sees it: every operation answers later, wherever it runs. */
export type EngineClient = { [K in EngineOp]: (...args: Parameters<EngineOperations[K]>) => Promise<Awaited<ReturnType<EngineOperations[K]>>> } & {
  close(): Promise<void>;
  /** Called when the index was lost with the thread that held it. */
  onLost(listener: () => void): void;
};

/** The word-pair filters as one file: the index's stamp (32 bytes), then for each article its document
 * number, the filter's length and the filter. */
function encodeRuns(stamp: string, runs: Map<number, Uint8Array>): Buffer {
  let size = 32;
  for (const filter of runs.values()) size += 8 + filter.length;
  const out = Buffer.alloc(size);
  out.write(stamp, 0, 32, 'latin1');
  let at = 32;
  for (const [n, filter] of runs) {
    out.writeUInt32LE(n, at);
    out.writeUInt32LE(filter.length, at + 4);
    out.set(filter, at + 8);
    at += 8 + filter.length;
  }
  return out;
}

function decodeRuns(stamp: string, file: Buffer): Map<number, Uint8Array> {
  if (file.toString('latin1', 0, 32) !== stamp) throw new Error('the word runs were written for another index');
  const runs = new Map<number, Uint8Array>();
  for (let at = 32; at < file.length; ) {
    const n = file.readUInt32LE(at);
    const length = file.readUInt32LE(at + 4);
    if (at + 8 + length > file.length) throw new Error('the word runs file is cut short');
    runs.set(n, new Uint8Array(file.subarray(at + 8, at + 8 + length)));
    at += 8 + length;
  }
  return runs;
}
