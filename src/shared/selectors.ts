// W3C Web Annotation selectors over the canonical text: describing a range, and finding it again.
import approxSearch from 'approx-string-match';
import type { AnchorStatus, AnnotationTarget, TextQuoteSelector } from './model';

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
  const candidates = approxSearch(text, quote.exact, maxErrors).map(
    (match): Candidate => ({
      start: match.start,
      end: match.end,
      quoteScore: 1 - match.errors / quote.exact.length,
      context: contextScore(text, match.start, match.end, quote),
      proximity: proximity(match.start),
    }),
  );
  candidates.sort(rank);
  const best = candidates[0];
  const score = best ? best.quoteScore * 0.7 + best.context * 0.3 : 0;
  if (!best || score < MIN_FUZZY_SCORE) return { status: 'orphaned', start: position.start, end: position.end, score: 0 };
  return { status: 'fuzzy', start: best.start, end: best.end, score };
}
