// Rebuilds the text of PDF pages from positioned text runs: runs → lines → paragraphs and headings,
// without the running headers, footers and page numbers. Pure: positions in, blocks out.

/** One run of text as pdf.js reports it: where it starts (PDF units, y upwards), how wide it is, its size. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** pdf.js knows the text continues on a new line after this run. */
  endsLine: boolean;
}

export interface Block {
  kind: 'paragraph' | 'heading';
  /** 2 or 3 for headings: the reader's title is the only level 1. */
  level: number;
  text: string;
  size: number;
}

interface Line {
  text: string;
  x: number;
  y: number;
  endX: number;
  size: number;
  /** Characters of the run that set `size`: the line's size is that of most of its text, not its footnote marks. */
  sizeWeight: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function toLines(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  for (const run of runs) {
    if (run.text !== '') {
      const sameLine =
        line !== null && Math.abs(run.y - line.y) <= Math.max(line.size, run.size) * 0.5 && run.x >= line.endX - line.size;
      if (line === null || !sameLine) {
        if (line) lines.push(line);
        line = { text: run.text, x: run.x, y: run.y, endX: run.x + run.width, size: run.size, sizeWeight: run.text.length };
      } else {
        // Words are often separate runs with no space between them, only a gap.
        const gap = run.x - line.endX;
        if (gap > run.size * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(run.text)) line.text += ' ';
        line.text += run.text;
        line.endX = Math.max(line.endX, run.x + run.width);
        if (run.text.length > line.sizeWeight) {
          line.size = run.size;
          line.y = run.y;
          line.sizeWeight = run.text.length;
        }
      }
    }
    if (run.endsLine && line) {
      lines.push(line);
      line = null;
    }
  }
  if (line) lines.push(line);
  return lines
    .map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }))
    .filter((l) => l.text !== '');
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // The lower middle: with as many paragraph gaps as line gaps, the line gap is the usual one.
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/** The size most of the document's characters are set in: body text. */
export function bodySize(pages: TextRun[][]): number {
  const weights = new Map<number, number>();
  for (const run of pages.flat()) {
    const size = Math.round(run.size * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + run.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, weight] of weights) if (weight > bestWeight) [best, bestWeight] = [size, weight];
  return best || 10;
}

/** Joins the lines of a paragraph: a word hyphenated at the end of a line is made whole again (only when
 * the next line goes on in lowercase, so "well-\nKnown" keeps its hyphen); CJK lines join without space. */
export function joinLines(lines: string[]): string {
  let text = '';
  for (const line of lines) {
    if (text === '') text = line;
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else if (CJK.test(text.slice(-1)) && CJK.test(line[0])) text += line;
    else text += ` ${line}`;
  }
  return text;
}

const ENDS_SENTENCE = /[.!?:;…"”’»)\]]$/;

function toBlocks(lines: Line[], body: number): Block[] {
  // The usual distance between two lines of body text on this page.
  const gaps = lines
    .slice(1)
    .map((line, i) => ({ gap: lines[i].y - line.y, size: line.size }))
    .filter(({ gap, size }) => gap > 0 && gap < size * 3 && Math.abs(size - body) < body * 0.15)
    .map(({ gap }) => gap);
  const leading = median(gaps) ?? body * 1.2;
  const rightEdge = median(lines.filter((l) => Math.abs(l.size - body) < body * 0.15).map((l) => l.endX)) ?? 0;

  const blocks: Block[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const size = current[0].size;
    const text = joinLines(current.map((l) => l.text));
    const words = text.split(/\s+/).length;
    const heading = size >= body * 1.15 && words <= 25;
    blocks.push({ kind: heading ? 'heading' : 'paragraph', level: size >= body * 1.5 ? 2 : 3, text, size });
    current = [];
  };
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (prev) {
      const gap = prev.y - line.y;
      const newParagraph =
        gap < 0 || // moved up: a new column or a box
        gap > Math.max(leading * 1.3, line.size * 1.05) + 0.5 ||
        Math.abs(line.size - prev.size) > Math.min(line.size, prev.size) * 0.15 ||
        line.x > prev.x + line.size * 0.8 || // first line indented
        (ENDS_SENTENCE.test(prev.text) && prev.endX < rightEdge - line.size * 3); // short last line
      if (newParagraph) flush();
    }
    current.push(line);
  }
  flush();
  return blocks;
}

const ROMAN = '(?=[mdclxvi])m*(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})';
const PAGE_NUMBER = new RegExp(`^(?:page\\s*)?(?:\\d{1,4}|${ROMAN})(?:\\s*(?:of|/)\\s*\\d{1,4})?$`, 'i');
const shape = (text: string) => text.replace(/\d+/g, '#').toLowerCase();

/** Drops running headers and footers (the same first or last line on many pages, page numbers aside)
 * and bare page numbers at the top or bottom of a page. */
function withoutFurniture(pages: Line[][]): Line[][] {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edges = new Set([lines[0], lines[lines.length - 1]].filter(Boolean).map((l) => shape(l.text)));
    for (const edge of edges) counts.set(edge, (counts.get(edge) ?? 0) + 1);
  }
  const repeated = (line: Line) => pages.length >= 3 && (counts.get(shape(line.text)) ?? 0) >= Math.max(3, pages.length * 0.5);
  const furniture = (line: Line) => PAGE_NUMBER.test(line.text) || repeated(line);
  return pages.map((lines) => {
    const kept = [...lines];
    // Headers and footers can be two lines deep (title line and page number).
    for (let i = 0; i < 2 && kept.length > 0 && furniture(kept[0]); i++) kept.shift();
    for (let i = 0; i < 2 && kept.length > 0 && furniture(kept[kept.length - 1]); i++) kept.pop();
    return kept;
  });
}

/** The blocks of a document's pages, in reading order; a paragraph cut by a page break is joined again. */
export function layoutPages(pages: TextRun[][]): Block[] {
  const body = bodySize(pages);
  const blocks: Block[] = [];
  for (const lines of withoutFurniture(pages.map(toLines))) {
    const pageBlocks = toBlocks(lines, body);
    const last = blocks[blocks.length - 1];
    const first = pageBlocks[0];
    if (
      last?.kind === 'paragraph' &&
      first?.kind === 'paragraph' &&
      !ENDS_SENTENCE.test(last.text) &&
      /^\p{Ll}/u.test(first.text)
    ) {
      last.text = joinLines([last.text, first.text]);
      pageBlocks.shift();
    }
    blocks.push(...pageBlocks);
  }
  return blocks;
}
