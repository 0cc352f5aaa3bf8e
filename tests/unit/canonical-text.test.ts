import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, canonicalize, canonicalText, TEXTBLOCK_TYPES, toDocPosition, toTextOffset } from '../../src/shared/canonical-text';
import { documentExtensions } from '../../src/shared/document-schema';
import type { DocNode } from '../../src/shared/model';

const schema = getSchema(documentExtensions);

const doc: DocNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
    { type: 'paragraph' },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Plain ' },
        { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'next line' },
      ],
    },
    {
      type: 'blockquote',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted “words” 😀' }] }],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
      ],
    },
  ],
};

describe('canonical text', () => {
  it('joins text blocks with the separator, skips empty blocks and keeps hard breaks', () => {
    expect(canonicalText(doc)).toBe(['Title', 'Plain bold\nnext line', 'Quoted “words” 😀', 'one', 'two'].join(BLOCK_SEPARATOR));
  });

  it('names exactly the text blocks of the document schema', () => {
    const textblocks = Object.values(schema.nodes).filter((n) => n.isTextblock).map((n) => n.name);
    expect(new Set(textblocks)).toEqual(new Set(TEXTBLOCK_TYPES));
  });

  it('maps every character to the ProseMirror position that holds it', () => {
    const node = schema.nodeFromJSON(doc);
    const { text, segments } = canonicalize(doc);
    for (let offset = 0; offset < text.length; offset++) {
      const char = text[offset];
      if (char === '\n') continue; // separators and hard breaks are not characters of a text node
      const pos = toDocPosition(segments, offset, 'start')!;
      expect(node.textBetween(pos, pos + 1), `offset ${offset}`).toBe(char);
      expect(toTextOffset(segments, pos, 'start')).toBe(offset);
    }
  });

  it('round-trips a range across blocks and snaps positions between blocks', () => {
    const { text, segments } = canonicalize(doc);
    const start = text.indexOf('bold');
    const end = text.indexOf('words') + 'words'.length;
    const from = toDocPosition(segments, start, 'start')!;
    const to = toDocPosition(segments, end, 'end')!;
    expect(toTextOffset(segments, from, 'start')).toBe(start);
    expect(toTextOffset(segments, to, 'end')).toBe(end);
    const node = schema.nodeFromJSON(doc);
    expect(node.textBetween(from, to, '\n\n', '\n')).toBe(text.slice(start, end));
    // A position between the heading and the paragraph snaps forward for a start, backward for an end.
    const gap = segments[1].pmStart - 1;
    expect(toTextOffset(segments, gap, 'start')).toBe(segments[1].textStart);
    expect(toTextOffset(segments, gap, 'end')).toBe(segments[0].textStart + segments[0].length);
  });

  it('gives an empty text for an empty document', () => {
    expect(canonicalize({ type: 'doc', content: [] })).toEqual({ text: '', segments: [] });
  });
});
