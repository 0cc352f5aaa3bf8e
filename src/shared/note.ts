// An annotation's note: rich text (a TipTap document, with @-mentions of entities) and the plain text
// derived from it, which search, briefs and the command line use.
import type { DocNode } from './model';

export const MENTION_NODE = 'mention';

/** Paragraphs become lines; a mention reads as the entity's name. */
export function noteText(doc: DocNode): string {
  const blocks: string[] = [];
  const inline = (node: DocNode): string => {
    if (node.type === 'text') return node.text ?? '';
    if (node.type === 'hardBreak') return '\n';
    if (node.type === MENTION_NODE) return String(node.attrs?.label ?? node.attrs?.id ?? '');
    return (node.content ?? []).map(inline).join('');
  };
  const visit = (node: DocNode) => {
    const children = node.content ?? [];
    if (children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak' || c.type === MENTION_NODE)) {
      blocks.push(children.map(inline).join(''));
    } else if (node.type === 'paragraph' || node.type === 'heading') {
      blocks.push('');
    } else {
      children.forEach(visit);
    }
  };
  visit(doc);
  return blocks.join('\n').replace(/\n+$/, '');
}

/** The ids of the entities a note mentions, in order, once each. */
export function mentionedEntityIds(doc: DocNode): string[] {
  const ids: string[] = [];
  const visit = (node: DocNode) => {
    if (node.type === MENTION_NODE && typeof node.attrs?.id === 'string' && !ids.includes(node.attrs.id)) ids.push(node.attrs.id);
    node.content?.forEach(visit);
  };
  visit(doc);
  return ids;
}

/** A plain-text note as a document: one paragraph per line. */
export function noteDocFromText(text: string): DocNode {
  return {
    type: 'doc',
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}
