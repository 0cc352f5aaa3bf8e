import { describe, expect, it } from 'vitest';
import { mentionedEntityIds, noteDocFromText, noteText } from '../../src/shared/note';
import type { DocNode } from '../../src/shared/model';

const doc: DocNode = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Ask ' },
        { type: 'mention', attrs: { id: 'entity-biegun', label: 'Stephen Biegun' } },
        { type: 'text', text: ' now', marks: [{ type: 'bold' }] },
      ],
    },
    { type: 'paragraph' },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'and ' }, { type: 'mention', attrs: { id: 'entity-biegun', label: 'Stephen Biegun' } }, { type: 'mention', attrs: { id: 'entity-kim', label: 'Kim Jong Un' } }] }] }] },
  ],
};

describe('notes', () => {
  it('reads as plain text with mentions by name', () => {
    expect(noteText(doc)).toBe('Ask Stephen Biegun now\n\nand Stephen BiegunKim Jong Un');
  });

  it('lists the mentioned entities once each, in order', () => {
    expect(mentionedEntityIds(doc)).toEqual(['entity-biegun', 'entity-kim']);
  });

  it('turns a plain note into a document and back', () => {
    const text = 'First line\n\nThird “line”';
    expect(noteText(noteDocFromText(text))).toBe(text);
    expect(mentionedEntityIds(noteDocFromText(text))).toEqual([]);
  });
});
