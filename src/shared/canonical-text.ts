// The canonical text of an article body: the one string every selector indexes into. Main, renderer and
// CLI all compute it with this function, together with the map between text offsets and ProseMirror
// positions that the reader needs to draw highlights and read selections.
import type { DocNode } from './model';

/** Node types whose children are inline content: each is one block of the canonical text (a unit test
 * checks this against the document schema). */
export const TEXTBLOCK_TYPES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'codeBlock']);

/** Placed between two non-empty text blocks. */
export const BLOCK_SEPARATOR = '\n\n';

/** A run of canonical text that corresponds one to one with a run of ProseMirror positions. */
export interface Segment {
  textStart: number;
  pmStart: number;
  length: number;
}

export interface CanonicalText {
  text: string;
  segments: Segment[];
}

function nodeSize(node: DocNode): number {
  if (node.type === 'text') return node.text?.length ?? 0;
  if (!node.content) return isLeaf(node) ? 1 : 2;
  return 2 + node.content.reduce((sum, child) => sum + nodeSize(child), 0);
}

function isLeaf(node: DocNode): boolean {
  return node.type === 'hardBreak' || node.type === 'horizontalRule' || node.type === 'image';
}

export function canonicalize(doc: DocNode): CanonicalText {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;

  const visitTextblock = (block: DocNode, contentStart: number) => {
    const pieces: { text: string; pmStart: number }[] = [];
    let pos = contentStart;
    for (const child of block.content ?? []) {
      if (child.type === 'text' && child.text) pieces.push({ text: child.text, pmStart: pos });
      else if (child.type === 'hardBreak') pieces.push({ text: '\n', pmStart: pos });
      pos += nodeSize(child);
    }
    if (pieces.length === 0) return;
    if (parts.length > 0) {
      parts.push(BLOCK_SEPARATOR);
      length += BLOCK_SEPARATOR.length;
    }
    for (const piece of pieces) {
      segments.push({ textStart: length, pmStart: piece.pmStart, length: piece.text.length });
      parts.push(piece.text);
      length += piece.text.length;
    }
  };

  const visit = (node: DocNode, contentStart: number) => {
    let pos = contentStart;
    for (const child of node.content ?? []) {
      if (TEXTBLOCK_TYPES.has(child.type)) visitTextblock(child, pos + 1);
      else if (child.content) visit(child, pos + 1);
      pos += nodeSize(child);
    }
  };
  visit(doc, 0);
  return { text: parts.join(''), segments };
}

export function canonicalText(doc: DocNode): string {
  return canonicalize(doc).text;
}

/**
 * The ProseMirror position of a canonical text offset. An offset inside a block separator maps to the
 * end of the block before it when it ends a range (`bias: 'end'`), else to the start of the next block.
 */
export function toDocPosition(segments: Segment[], offset: number, bias: 'start' | 'end'): number | null {
  if (segments.length === 0) return null;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const segEnd = seg.textStart + seg.length;
    if (offset >= seg.textStart && offset <= segEnd) {
      if (bias === 'start' && offset === segEnd && i + 1 < segments.length && segments[i + 1].textStart === segEnd)
        continue;
      return seg.pmStart + (offset - seg.textStart);
    }
    if (offset < seg.textStart) {
      if (bias === 'start') return seg.pmStart;
      const prev = segments[i - 1];
      return prev ? prev.pmStart + prev.length : seg.pmStart;
    }
  }
  const last = segments[segments.length - 1];
  return last.pmStart + last.length;
}

/**
 * The canonical text offset of a ProseMirror position. A position outside any text (between blocks,
 * on an image) snaps forward for the start of a range and backward for its end.
 */
export function toTextOffset(segments: Segment[], pos: number, bias: 'start' | 'end'): number {
  if (segments.length === 0) return 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const segEnd = seg.pmStart + seg.length;
    if (pos >= seg.pmStart && pos <= segEnd) return seg.textStart + (pos - seg.pmStart);
    if (pos < seg.pmStart) {
      if (bias === 'start') return seg.textStart;
      const prev = segments[i - 1];
      return prev ? prev.textStart + prev.length : seg.textStart;
    }
  }
  const last = segments[segments.length - 1];
  return last.textStart + last.length;
}
