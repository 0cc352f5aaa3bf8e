// Which pairs of words stand next to each other in an article's body, kept as a small Bloom filter per article:
// a quoted phrase can then be ruled out of most articles that have its words, but not in that order, without
// reading them. (FlexSearch knows which words an article has, not where; its "context" index would know, at
// ten times the memory.) A filter may say yes wrongly (about 3% per pair at the sizes chosen), never no.

/** What counts as a word here and for the index: the same tokens as phrasePattern's in search.ts. */
const WORD = /[\p{L}\p{N}]+/gu;

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Bits per pair in a filter, within the bounds below: ~3% false positives. (About 4 KB for an article of
 * 3,300 words: 41 MB for the reference library's 10,000.) */
const BITS_PER_PAIR = 10;
const MIN_BYTES = 32;
const MAX_BYTES = 16_384;

/** FNV-1a over both words, and a second hash derived from it (double hashing, two bits per pair). */
function pairHashes(a: string, b: string): [number, number] {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  mix(a);
  h ^= 0x20;
  h = Math.imul(h, 0x01000193);
  mix(b);
  let g = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  g = Math.imul(g ^ (g >>> 13), 0xc2b2ae35);
  return [h >>> 0, (g ^ (g >>> 16)) >>> 0];
}

export function pairFilter(words: string[]): Uint8Array {
  const filter = new Uint8Array(Math.min(MAX_BYTES, Math.max(MIN_BYTES, Math.ceil((words.length * BITS_PER_PAIR) / 8))));
  const bits = filter.length * 8;
  for (let i = 1; i < words.length; i++) {
    for (const hash of pairHashes(words[i - 1], words[i])) {
      const bit = hash % bits;
      filter[bit >>> 3] |= 1 << (bit & 7);
    }
  }
  return filter;
}

/** False when the words cannot all stand one after another in the filtered text. */
export function mayHaveSequence(filter: Uint8Array, words: string[]): boolean {
  const bits = filter.length * 8;
  for (let i = 1; i < words.length; i++) {
    for (const hash of pairHashes(words[i - 1], words[i])) {
      const bit = hash % bits;
      if (!(filter[bit >>> 3] & (1 << (bit & 7)))) return false;
    }
  }
  return true;
}
