// The reader's current text selection as a range of the canonical text.
import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { toTextOffset, type CanonicalText } from '../../../../shared/canonical-text';

export interface TextRange {
  start: number;
  end: number;
  exact: string;
}

export function selectionToRange(editor: Editor, canonical: CanonicalText): TextRange | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const root = editor.view.dom;
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
  const to = editor.view.posAtDOM(range.endContainer, range.endOffset);
  let start = toTextOffset(canonical.segments, Math.min(from, to), 'start');
  let end = toTextOffset(canonical.segments, Math.max(from, to), 'end');
  // A selection dragged past a paragraph's end should not carry the block separator along.
  while (start < end && /\s/.test(canonical.text[start])) start++;
  while (end > start && /\s/.test(canonical.text[end - 1])) end--;
  if (start >= end) return null;
  return { start, end, exact: canonical.text.slice(start, end) };
}

export function useTextSelection(editor: Editor | null, canonical: CanonicalText | null): TextRange | null {
  const [range, setRange] = useState<TextRange | null>(null);
  useEffect(() => {
    if (!editor || !canonical) return;
    const update = () => {
      // Typing in a field (the command palette, a form) moves the document's selection into it: the
      // passage chosen in the article is still the one the user means.
      const active = document.activeElement;
      if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) return;
      const next = selectionToRange(editor, canonical);
      const selection = window.getSelection();
      // Keep the last selection while focus moves to a button; drop it once the user selects nothing.
      if (next || (selection && selection.isCollapsed)) setRange(next);
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [editor, canonical]);
  return range;
}
