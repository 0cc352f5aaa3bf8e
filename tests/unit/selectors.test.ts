import { describe, expect, it } from 'vitest';
import { anchorTarget, CONTEXT_LENGTH, describeRange, findOccurrences } from '../../src/shared/selectors';

const text = 'The cat sat. The dog sat. The cat ran away from “the dog”.';

describe('selectors', () => {
  it('describes a range with quote, context and position', () => {
    const start = text.indexOf('dog sat');
    const target = describeRange(text, start, start + 'dog sat'.length);
    expect(target.quote).toEqual({ type: 'TextQuoteSelector', exact: 'dog sat', prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: text.slice(start + 7, start + 7 + CONTEXT_LENGTH) });
    expect(target.position).toEqual({ type: 'TextPositionSelector', start, end: start + 7 });
  });

  it('refuses empty or out-of-range ranges', () => {
    expect(() => describeRange(text, 5, 5)).toThrow(RangeError);
    expect(() => describeRange(text, 0, text.length + 1)).toThrow(RangeError);
  });

  it('finds every occurrence, overlapping ones included', () => {
    expect(findOccurrences(text, 'The cat')).toEqual([0, 26]);
    expect(findOccurrences('aaaa', 'aa')).toEqual([0, 1, 2]);
    expect(findOccurrences(text, 'missing')).toEqual([]);
  });

  it('anchors by position when the quote is still there', () => {
    const start = text.lastIndexOf('The cat');
    const target = describeRange(text, start, start + 7);
    expect(anchorTarget(text, target)).toEqual({ status: 'anchored', start, end: start + 7, score: 1 });
  });

  it('uses the context to choose between repeated quotes when the text has moved', () => {
    const start = text.lastIndexOf('The cat');
    const target = describeRange(text, start, start + 7);
    const edited = `Preface. ${text}`;
    expect(anchorTarget(edited, target)).toEqual({ status: 'anchored', start: start + 9, end: start + 16, score: 1 });
  });

  it('orphans a quote that is gone rather than moving it', () => {
    const target = describeRange(text, 4, 7);
    expect(anchorTarget('No animals here.', target).status).toBe('orphaned');
  });
});
