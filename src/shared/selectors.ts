// W3C Web Annotation selectors over the canonical text: describing a range, and finding it again.
import approxSearch from 'approx-string-match';
import type { AnchorStatus, Annotation, AnnotationTarget, TextQuoteSelector } from './model';

/** Characters of context kept on each side of a quote, as Hypothesis does. */
export const CONTEXT_LENGTH = 32;

export function describeRange(text: string, start: number, end: number): AnnotationTarget {
  if (!(start >= 0 && end <= text.length && start < end)) {
    throw new RangeError(`range ${start}–${end} is outside a text of length ${text.length}`);
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Every start offset at which `quote` occurs in `text` (overlapping occurrences included). */
export function findOccurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  if (!quote) return found;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/** Similarity of `actual` to `expected`, from 0 to 1: one minus their edit distance over the expected length. */
export function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const [best] = approxSearch(actual, expected, expected.length);
  return best ? 1 - best.errors / expected.length : 0;
}

export interface Anchor {
  status: AnchorStatus;
  start: number;
  end: number;
  /** 1 for the exact words in their context; lower for a fuzzy match; 0 when orphaned. */
  score: number;
}

// Thresholds, set by the tests over real articles with edits (tests/unit/anchoring.test.ts).
/** Context agreement above which the exact words are taken as the same passage. */
const CONTEXT_AGREES = 0.6;
/** At most this share of a quote may differ for a fuzzy match. */
const MAX_FUZZY_ERRORS = 0.25;
/** The least quote-and-context score a fuzzy match must reach; below it the annotation is orphaned. */
const MIN_FUZZY_SCORE = 0.75;

interface Candidate {
  start: number;
  end: number;
  quoteScore: number;
  context: number;
  proximity: number;
}

/** Runs of white space count as one space: re-flowed text is the same text. */
const squash = (s: string) => s.replace(/\s+/gu, ' ');

function contextScore(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  const prefix = squash(quote.prefix);
  const suffix = squash(quote.suffix);
  // Read a wider window than the context, so that squashed white space cannot make it too short.
  const before = squash(text.slice(Math.max(0, start - 2 * quote.prefix.length), start)).slice(-prefix.length);
  const after = squash(text.slice(end, end + 2 * quote.suffix.length)).slice(0, suffix.length);
  // A side with no stored context (start or end of the text) agrees only if it is still at that edge.
  const prefixScore = prefix ? similarity(before, prefix) : start === 0 ? 1 : 0.5;
  const suffixScore = suffix ? similarity(after, suffix) : end === text.length ? 1 : 0.5;
  // One side still intact is strong evidence (words were added on the other side); both sides half-similar too.
  return Math.max((prefixScore + suffixScore) / 2, Math.max(prefixScore, suffixScore) - 0.2);
}

/** Levenshtein distance, in two rows of memory. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * An approximate match reports, for each place it ends, the start with the fewest errors, which can cut
 * into words that were inserted at the start of the quote. Where the stored prefix (or suffix) is found
 * right next to the match, the quote begins (or ends) there instead.
 */
function refineBounds(text: string, start: number, end: number, quote: TextQuoteSelector, errors: number): { start: number; end: number } {
  const slack = Math.max(8, errors);
  let refinedStart = start;
  let refinedEnd = end;
  if (quote.prefix.length >= 8) {
    const from = Math.max(0, start - quote.prefix.length - slack);
    const window = text.slice(from, Math.min(end, start + slack));
    const found = approxSearch(window, quote.prefix, Math.floor(quote.prefix.length * 0.2));
    const best = found.sort((a, b) => a.errors - b.errors || Math.abs(from + a.end - start) - Math.abs(from + b.end - start))[0];
    if (best) refinedStart = from + best.end;
  }
  if (quote.suffix.length >= 8) {
    const from = Math.max(refinedStart, end - slack);
    const window = text.slice(from, end + quote.suffix.length + slack);
    const found = approxSearch(window, quote.suffix, Math.floor(quote.suffix.length * 0.2));
    const best = found.sort((a, b) => a.errors - b.errors || Math.abs(from + a.start - end) - Math.abs(from + b.start - end))[0];
    if (best) refinedEnd = from + best.start;
  }
  return refinedStart < refinedEnd ? { start: refinedStart, end: refinedEnd } : { start, end };
}

function rank(a: Candidate, b: Candidate): number {
  return b.quoteScore * 0.7 + b.context * 0.3 + b.proximity * 0.01 - (a.quoteScore * 0.7 + a.context * 0.3 + a.proximity * 0.01);
}

/**
 * Places a target in a text, as Hypothesis does but stricter about what it accepts: the position selector
 * if the quote is still there; else the exact quote where its context agrees (anchored); else the closest
 * approximate match of quote and context, flagged as fuzzy with its score; else orphaned. An annotation is
 * never moved silently to words that merely resemble it.
 */
export function anchorTarget(text: string, target: AnnotationTarget): Anchor {
  const { quote, position } = target;
  if (text.slice(position.start, position.end) === quote.exact) {
    return { status: 'anchored', start: position.start, end: position.end, score: 1 };
  }
  const proximity = (start: number) => 1 - Math.abs(start - position.start) / (text.length + 1);
  const exact = findOccurrences(text, quote.exact).map(
    (start): Candidate => ({
      start,
      end: start + quote.exact.length,
      quoteScore: 1,
      context: contextScore(text, start, start + quote.exact.length, quote),
      proximity: proximity(start),
    }),
  );
  if (exact.length > 0) {
    exact.sort(rank);
    const [best, second] = exact;
    const clearlyBest = !second || best.context - second.context >= 0.1;
    // Even the only copy of the words is flagged when its surroundings do not resemble the original: it may
    // be another passage that happens to say the same.
    if (clearlyBest && best.context >= CONTEXT_AGREES) {
      return { status: 'anchored', start: best.start, end: best.end, score: 1 };
    }
    return { status: 'fuzzy', start: best.start, end: best.end, score: Math.min(0.99, 0.7 + 0.3 * best.context) };
  }
  const maxErrors = Math.min(256, Math.floor(quote.exact.length * MAX_FUZZY_ERRORS));
  const candidates = approxSearch(text, quote.exact, maxErrors).map((match): Candidate => {
    const { start, end } = refineBounds(text, match.start, match.end, quote, match.errors);
    return {
      start,
      end,
      quoteScore: 1 - editDistance(text.slice(start, end), quote.exact) / quote.exact.length,
      context: contextScore(text, start, end, quote),
      proximity: proximity(start),
    };
  });
  candidates.sort(rank);
  const best = candidates[0];
  const score = best ? best.quoteScore * 0.7 + best.context * 0.3 : 0;
  if (!best || score < MIN_FUZZY_SCORE) return { status: 'orphaned', start: position.start, end: position.end, score: 0 };
  return { status: 'fuzzy', start: best.start, end: best.end, score };
}

/** What re-anchoring on a new version of the text did to an annotation. */
export function reanchorAnnotation(annotation: Annotation, text: string, articleId: string, now: string): Annotation {
  const anchor = anchorTarget(text, annotation.target);
  const originalQuote = annotation.review?.originalQuote ?? annotation.target.quote.exact;
  const base = { ...annotation, articleId, modified: now };
  if (anchor.status === 'orphaned') return { ...base, anchor: 'orphaned', review: { score: 0, originalQuote } };
  const target = describeRange(text, anchor.start, anchor.end);
  if (anchor.status === 'anchored' && annotation.anchor === 'anchored') return { ...base, target, anchor: 'anchored', review: null };
  // A quote found again after earlier trouble stays up for review until the user accepts it.
  return { ...base, target, anchor: 'fuzzy', review: { score: anchor.status === 'anchored' ? 1 : anchor.score, originalQuote } };
}
