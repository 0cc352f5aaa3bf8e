// Plain-text clips: finds the title among the page furniture a copy-paste brings along (section names,
// repeated headlines, photo credits, closing promotions) and keeps the story's paragraphs verbatim.
import type { ExtractedArticle } from './types';
import { paragraphsToDoc } from './html-to-doc';
import { cleanByline, cleanTitle, makeExcerpt, type SourceContext, truncateAtWord } from './metadata';

/** A run of non-blank lines; paragraphs are separated by blank lines. */
type Block = string[];

const PROSE_MIN_WORDS = 30;
const PROSE_MIN_CHARS = 200;
const TITLE_MAX_CHARS = 200;

const CREDIT_LINE = /^\(?(?:(?:(?:photo|image|picture|video|illustration|graphic|cover)s?\s+)?(?:credits?|courtesy)|(?:photo|image|picture|illustration|graphic)s?)\s*:/i;
const BYLINE = /^[Bb][Yy]\s+\p{Lu}/u;
const PROMO_WORDS =
  /\b(?:subscribe|subscription|newsletters?|jobs? board|sign up|sign-up|follow us|advertisement|sponsored|all rights reserved|share this|related articles?|read more|recommended for you)\b|©/i;

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;
const endsSentence = (text: string) => /[.!?…]["'”’»)\]]*$/.test(text);

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block = [];
  for (const raw of text.split(/\r\n?|\n/)) {
    // Only spaces and tabs at the edges are layout; any other character (U+00A0 included) is text.
    const line = raw.replace(/^[ \t\f\v]+|[ \t\f\v]+$/g, '');
    if (/^\s*$/.test(line)) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

const blockText = (block: Block) => block.join(' ');

function isProse(block: Block): boolean {
  const text = blockText(block);
  return countWords(text) >= PROSE_MIN_WORDS || text.length >= PROSE_MIN_CHARS;
}

const isCredit = (line: string) => CREDIT_LINE.test(line) && countWords(line) <= 25;

/** Section names, breadcrumbs and menu items: a few words that are not a sentence. */
const isNavigation = (block: Block) => block.every((line) => countWords(line) <= 4 && !endsSentence(line));

/** Closing furniture: a promotion, or a cluster of short lines that are not sentences. */
function isPromotion(block: Block): boolean {
  const text = blockText(block);
  if (countWords(text) <= 40 && PROMO_WORDS.test(text)) return true;
  if (block.length >= 2 && block.every((line) => countWords(line) <= 8) && block.some((l) => !endsSentence(l)))
    return true;
  return block.length === 1 && countWords(text) <= 4 && !endsSentence(text);
}

/** A hard-wrapped paragraph has lines of similar length; a title line above a paragraph is much shorter. */
function looksHardWrapped(block: Block): boolean {
  if (block.length < 2) return false;
  const longestRest = Math.max(...block.slice(1).map((line) => line.length));
  return block[0].length >= longestRest * 0.6;
}

interface Position {
  block: number;
  line: number;
}

interface TitleGuess {
  title: string;
  /** The body starts right after this line; null when the body is the whole text. */
  after: Position | null;
  /** The first place the title appears: a dek is looked for between here and the body. */
  first: Position | null;
}

/**
 * The headline is the line of three or more words repeated most often before the story starts (clipped
 * pages repeat it in breadcrumbs, the heading and image captions); otherwise the first line, unless that
 * line is itself the story's first paragraph.
 */
function guessTitle(blocks: Block[]): TitleGuess {
  const firstProse = blocks.findIndex(isProse);
  const headerEnd = firstProse === -1 ? blocks.length : firstProse;
  const counts = new Map<string, { count: number; first: Position; last: Position }>();
  for (let b = 0; b < headerEnd; b++) {
    blocks[b].forEach((line, l) => {
      if (countWords(line) < 3 || line.length > TITLE_MAX_CHARS || isCredit(line)) return;
      const seen = counts.get(line);
      if (seen) {
        seen.count++;
        seen.last = { block: b, line: l };
      } else counts.set(line, { count: 1, first: { block: b, line: l }, last: { block: b, line: l } });
    });
  }
  let best: { title: string; count: number; first: Position; last: Position } | null = null;
  for (const [title, seen] of counts) if (seen.count >= 2 && (!best || seen.count > best.count)) best = { title, ...seen };
  if (best) return { title: best.title, after: best.last, first: best.first };

  const first = blocks[0];
  const hasMore = blocks.length > 1 || first.length > 1;
  const titleLike = first[0].length <= TITLE_MAX_CHARS && countWords(first[0]) < PROSE_MIN_WORDS && !looksHardWrapped(first);
  if (hasMore && titleLike) return { title: first[0], after: { block: 0, line: 0 }, first: null };
  return { title: truncateAtWord(blockText(first), 80), after: null, first: null };
}

/** The first sentence-like block between the first headline and the body: the standfirst. */
function findDek(blocks: Block[], title: string, from: Position, to: Position): string | null {
  for (let b = from.block; b <= to.block; b++) {
    // Lines after the last headline are the body's, not the dek's.
    const header = b === to.block ? blocks[b].slice(0, to.line) : blocks[b];
    const lines = header.filter((line) => line !== title && !isCredit(line));
    const text = blockText(lines);
    if (lines.length > 0 && countWords(text) >= 6 && endsSentence(text)) return text;
  }
  return null;
}

export function importPlainText(text: string, source: SourceContext): ExtractedArticle {
  const blocks = splitBlocks(text);
  if (blocks.length === 0) throw new Error('importPlainText: called with blank text');
  const guess = guessTitle(blocks);

  let body: Block[] = guess.after
    ? [blocks[guess.after.block].slice(guess.after.line + 1), ...blocks.slice(guess.after.block + 1)]
    : blocks.map((block) => [...block]);
  const dek = guess.first && guess.after ? findDek(blocks, guess.title, guess.first, guess.after) : null;

  // Once the headline is known, its further copies (captions, breadcrumbs) are furniture too.
  const isFurniture = (line: string) => isCredit(line) || (guess.after !== null && line === guess.title);
  body = body.map((block) => block.filter((line) => !isFurniture(line))).filter((block) => block.length > 0);

  // Page furniture before the story; a "By ..." line is kept as the byline.
  let byline: string | null = null;
  while (body.length > 1) {
    const [head] = body;
    if (head.length === 1 && BYLINE.test(head[0]) && countWords(head[0]) <= 10 && !byline) {
      byline = cleanByline(head[0]);
    } else if (!isNavigation(head)) break;
    body.shift();
  }
  while (body.length > 1 && isPromotion(body[body.length - 1])) body.pop();

  // Hard-wrapped lines of one paragraph are joined with a space; the characters themselves are untouched.
  const paragraphs = body.map(blockText);
  return {
    mediaType: 'text/plain',
    encoding: source.encoding,
    title: cleanTitle(guess.title) ?? 'Untitled',
    byline,
    siteName: null,
    url: null,
    publishedAt: null,
    lang: null,
    dir: null,
    excerpt: dek ?? makeExcerpt(paragraphs.join(' ')),
    doc: paragraphsToDoc(paragraphs),
  };
}
