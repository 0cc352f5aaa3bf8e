// Re-anchoring over real text: Hypothesis's own baselines, and edits made to real articles with the outcome
// a user expects for each (anchored, fuzzy for review, or orphaned — never silently moved).
import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import type { AnnotationTarget } from '../../src/shared/model';
import { anchorTarget, describeRange } from '../../src/shared/selectors';

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);

interface HypothesisRow {
  target: { selector: ({ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } | { type: 'TextPositionSelector'; start: number; end: number } | { type: 'RangeSelector' })[] }[];
}

function toTarget(row: HypothesisRow): AnnotationTarget {
  const selectors = row.target[0].selector;
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector')!;
  const position = selectors.find((s) => s.type === 'TextPositionSelector')!;
  if (quote.type !== 'TextQuoteSelector' || position.type !== 'TextPositionSelector') throw new Error('bad fixture');
  return { quote, position };
}

async function seedText(): Promise<string> {
  const bytes = await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'));
  return canonicalText((await extractArticle({ fileName: 'seed.txt', bytes })).doc);
}

function targetOf(text: string, quote: string): AnnotationTarget {
  const start = text.indexOf(quote);
  if (start === -1 || text.indexOf(quote, start + 1) !== -1) throw new Error(`"${quote}" must occur once`);
  return describeRange(text, start, start + quote.length);
}

const covered = (text: string, anchor: { start: number; end: number }) => text.slice(anchor.start, anchor.end);

describe('Hypothesis baselines', () => {
  for (const name of ['minimal', 'wikipedia-regression-testing']) {
    it(`${name}: every annotation anchors to its exact quote, by position and by quote alone`, async () => {
      const html = await readFile(shared(`corpus/hypothesis-baselines/${name}.html`), 'utf8');
      // linkedom builds no <html> around a fragment such as minimal.html: give it one, as a browser would.
      const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html>${html}</html>`);
      const text = document.body.textContent ?? '';
      const rows = (JSON.parse(await readFile(shared(`corpus/hypothesis-baselines/${name}.json`), 'utf8')) as { rows: HypothesisRow[] }).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const target = toTarget(row);
        const byPosition = anchorTarget(text, target);
        expect(byPosition.status).toBe('anchored');
        expect(covered(text, byPosition)).toBe(target.quote.exact);
        // The same page with its whitespace collapsed: positions no longer fit, the quote and context must.
        const collapsed = text.replace(/[ \t\n]+/g, ' ');
        const byQuote = anchorTarget(collapsed, target);
        expect(byQuote.status, target.quote.exact).toBe('anchored');
        expect(covered(collapsed, byQuote)).toBe(target.quote.exact);
      }
    });
  }
});

describe('edits to a real article', async () => {
  const text = await seedText();
  const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';
  const target = targetOf(text, QUOTE);
  const paragraphs = text.split('\n\n');

  it('anchors where it was when nothing changed', () => {
    expect(anchorTarget(text, target)).toMatchObject({ status: 'anchored', start: target.position.start, score: 1 });
  });

  it('follows the quote when words are inserted before it', () => {
    const edited = text.replace('In Pyongyang on Sunday', 'In the North Korean capital Pyongyang on Sunday');
    const anchor = anchorTarget(edited, target);
    expect(anchor.status).toBe('anchored');
    expect(covered(edited, anchor)).toBe(QUOTE);
  });

  it('stays anchored when words are inserted right before and after it', () => {
    const edited = text.replace(QUOTE, `Then, ${QUOTE} It was not the first time.`);
    const anchor = anchorTarget(edited, target);
    expect(anchor.status).toBe('anchored');
    expect(covered(edited, anchor)).toBe(QUOTE);
  });

  it('flags the quote as fuzzy, covering the new words, when words are inserted inside it', () => {
    const edited = text.replace('expressing “gangster-like” demands', 'expressing what it called “gangster-like” demands');
    const anchor = anchorTarget(edited, target);
    expect(anchor.status).toBe('fuzzy');
    expect(covered(edited, anchor)).toBe('North Korea accused Pompeo of expressing what it called “gangster-like” demands in a statement after the visit.');
    expect(anchor.score).toBeGreaterThan(0.8);
    expect(anchor.score).toBeLessThan(1);
  });

  it('flags a typo fix inside the quote as fuzzy with a high score', () => {
    const typoTarget = targetOf(text, 'the North Korean leader negotiator after the June 12 summit');
    const edited = text.replace('the North Korean leader negotiator', 'the North Korean leader’s negotiator');
    const anchor = anchorTarget(edited, typoTarget);
    expect(anchor.status).toBe('fuzzy');
    expect(covered(edited, anchor)).toBe('the North Korean leader’s negotiator after the June 12 summit');
    expect(anchor.score).toBeGreaterThan(0.95);
  });

  it('follows the quote when its paragraph moves', () => {
    const moved = [...paragraphs];
    const at = moved.findIndex((p) => p.includes(QUOTE));
    const [paragraph] = moved.splice(at, 1);
    moved.splice(1, 0, paragraph);
    const edited = moved.join('\n\n');
    const anchor = anchorTarget(edited, target);
    expect(anchor.status).toBe('anchored');
    expect(covered(edited, anchor)).toBe(QUOTE);
  });

  it('orphans the annotation when the quote is deleted', () => {
    const edited = text.replace(` ${QUOTE}`, '');
    expect(anchorTarget(edited, target).status).toBe('orphaned');
  });

  it('does not silently move to the same words elsewhere when the original passage is gone', () => {
    const short = targetOf(text, 'which ended on poor terms');
    const edited = text.replace('during that trip, which ended on poor terms.', 'during that trip.').replace('Sunday, Pompeo promptly', 'Sunday, in a visit which ended on poor terms, Pompeo promptly');
    const anchor = anchorTarget(edited, short);
    expect(anchor.status).not.toBe('anchored');
  });

  it('chooses between repeated words by their context', () => {
    const words = 'Kim Jong Un\u00a0during that trip';
    const repeated = targetOf(text, words);
    const edited = `${words}. ${text}`;
    const anchor = anchorTarget(edited, repeated);
    expect(anchor).toMatchObject({ status: 'anchored', start: repeated.position.start + words.length + 2 });
  });

  it('anchors overlapping and nested annotations independently', () => {
    const outer = targetOf(text, 'He\u00a0did not meet Kim Jong Un\u00a0during that trip, which ended on poor terms.');
    const inner = targetOf(text, 'did not meet Kim Jong Un');
    const overlapping = targetOf(text, 'during that trip, which ended on poor terms. North Korea accused Pompeo');
    const edited = text.replace('Following his meetings', 'After his meetings');
    for (const t of [outer, inner, overlapping, target]) {
      const anchor = anchorTarget(edited, t);
      expect(anchor.status).toBe('anchored');
      expect(covered(edited, anchor)).toBe(t.quote.exact);
    }
  });

  it('anchors a quote across a paragraph boundary, and flags it when a paragraph is inserted between', () => {
    const across = targetOf(text, 'after the visit.\n\nFollowing his meetings in Pyongyang');
    expect(anchorTarget(text, across).status).toBe('anchored');
    const edited = text.replace('after the visit.\n\nFollowing', 'after the visit.\n\nA new paragraph.\n\nFollowing');
    const anchor = anchorTarget(edited, across);
    expect(anchor.status).not.toBe('anchored');
  });
});

describe('scripts and characters', () => {
  it('anchors in right-to-left Arabic text after an edit before the quote', async () => {
    const text = (await readFile(shared('corpus/rtl-arabic/expected-text.txt'), 'utf8')).trim();
    const start = Math.floor(text.length / 2);
    const target = describeRange(text, start, start + 40);
    const edited = `مقدمة قصيرة. ${text}`;
    const anchor = anchorTarget(edited, target);
    expect(anchor.status).toBe('anchored');
    expect(covered(edited, anchor)).toBe(target.quote.exact);
  });

  it('keeps emoji and combining marks whole', () => {
    const text = 'Le café (cafe\u0301) served 👩🏽‍💻 coders; the café closed. 👩🏽‍💻 left.';
    const target = targetOf(text, 'cafe\u0301) served 👩🏽‍💻 coders');
    const edited = `Update: ${text}`;
    const anchor = anchorTarget(edited, target);
    expect(anchor.status).toBe('anchored');
    expect(covered(edited, anchor)).toBe('cafe\u0301) served 👩🏽‍💻 coders');
    expect(anchorTarget(edited.replace('café (cafe\u0301)', 'café'), target).status).not.toBe('anchored');
  });
});
