// Which runs of two and of three words stand one after another in a document, kept as a small Bloom filter per
// document: a quoted phrase can then be ruled out of most documents that have its words, but not in that
// order, without reading them. (FlexSearch knows which words a document has, not where; its "context" index
// would know, at ten times the memory.) A filter may say yes wrongly (under 1% per run at the sizes chosen),
// never no.

/** What counts as a word here and for the index: the same tokens as phrasePattern's in search.ts. */
const WORD = /[\p{L}\p{N}]+/gu;

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Bits per run in a filter (two runs per word: the pair and the triple it begins), within the bounds below,
 * and bits set per run: with ten bits and seven of them (the best number for ten), under 1% false positives
 * per run. (About 8 KB for an article of 3,300 words: 80 MB for the reference library's 10,000.) */
const BITS_PER_RUN = 10;
const HASHES = 7;
const MIN_BYTES = 32;
const MAX_BYTES = 32_768;

/** FNV-1a over the words of words[from..to), and a second hash derived from it: bits h1 + i·h2. */
function runHashes(words: string[], from: number, to: number): [number, number] {
  let h = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    const s = words[w];
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x20;
    h = Math.imul(h, 0x01000193);
  }
  let g = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  g = Math.imul(g ^ (g >>> 13), 0xc2b2ae35);
  return [h >>> 0, (g ^ (g >>> 16)) >>> 0];
}

/** Every run of two and of three words of `words`. */
function eachRun(words: string[], visit: (from: number, to: number) => void): void {
  for (let i = 1; i < words.length; i++) {
    visit(i - 1, i + 1);
    if (i >= 2) visit(i - 2, i + 1);
  }
}

const bitOf = (h1: number, h2: number, i: number, bits: number) => ((h1 + Math.imul(i, h2)) >>> 0) % bits;

export function sequenceFilter(words: string[]): Uint8Array {
  const filter = new Uint8Array(Math.min(MAX_BYTES, Math.max(MIN_BYTES, Math.ceil((2 * words.length * BITS_PER_RUN) / 8))));
  const bits = filter.length * 8;
  eachRun(words, (from, to) => {
    const [h1, h2] = runHashes(words, from, to);
    for (let i = 0; i < HASHES; i++) {
      const bit = bitOf(h1, h2, i, bits);
      filter[bit >>> 3] |= 1 << (bit & 7);
    }
  });
  return filter;
}

/** A phrase's runs, hashed once for all the filters it is checked against. */
export function sequenceProbe(words: string[]): Uint32Array {
  const hashes: number[] = [];
  eachRun(words, (from, to) => hashes.push(...runHashes(words, from, to)));
  return Uint32Array.from(hashes);
}

/** False when the phrase cannot stand, its words one after another, in the filtered text. */
export function mayHave(filter: Uint8Array, probe: Uint32Array): boolean {
  const bits = filter.length * 8;
  for (let r = 0; r < probe.length; r += 2) {
    for (let i = 0; i < HASHES; i++) {
      const bit = bitOf(probe[r], probe[r + 1], i, bits);
      if (!(filter[bit >>> 3] & (1 << (bit & 7)))) return false;
    }
  }
  return true;
}
