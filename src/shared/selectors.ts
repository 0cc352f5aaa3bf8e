// W3C Web Annotation selectors over the canonical text: describing a range, and finding it again.
import type { AnnotationTarget, AnchorStatus } from './model';

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

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export interface Anchor {
  status: AnchorStatus;
  start: number;
  end: number;
}

/**
 * Places a target in a text: the position selector if the quote is still there, else the occurrence of
 * the exact quote whose surrounding text best matches the stored prefix and suffix. What cannot be found
 * is orphaned, never moved to a guess.
 */
export function anchorTarget(text: string, target: AnnotationTarget): Anchor {
  const { quote, position } = target;
  if (text.slice(position.start, position.end) === quote.exact) {
    return { status: 'anchored', start: position.start, end: position.end };
  }
  const occurrences = findOccurrences(text, quote.exact);
  if (occurrences.length === 0) return { status: 'orphaned', start: position.start, end: position.end };
  let best = occurrences[0];
  let bestScore = -1;
  for (const at of occurrences) {
    const before = text.slice(Math.max(0, at - quote.prefix.length), at);
    const after = text.slice(at + quote.exact.length, at + quote.exact.length + quote.suffix.length);
    const score =
      commonSuffixLength(before, quote.prefix) +
      commonPrefixLength(after, quote.suffix) -
      Math.abs(at - position.start) / (text.length + 1);
    if (score > bestScore) {
      bestScore = score;
      best = at;
    }
  }
  return { status: 'anchored', start: best, end: best + quote.exact.length };
}
