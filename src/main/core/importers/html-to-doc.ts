// Sanitized HTML → an article body (ProseMirror JSON) in the schema the reader renders with.
import { DOMParser } from '@tiptap/pm/model';
import { parseHTML } from 'linkedom';
import type { DocNode } from '../../../shared/model';
import { documentSchema } from '../../../shared/document-schema';

/** Makes every link absolute against the article's address, and unwraps those that cannot be: a relative
 * link in a file has nothing to point to, and a <base> of the page is never trusted for it. */
function absolutizeLinks(root: ParentNode, baseUrl: string | null): void {
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    let resolved: URL | null = null;
    try {
      resolved = baseUrl ? new URL(href, baseUrl) : new URL(href);
    } catch {
      resolved = null;
    }
    if (resolved && /^(https?|mailto):$/.test(resolved.protocol)) link.setAttribute('href', resolved.href);
    else link.removeAttribute('href');
  }
}

const isHardBreak = (node: DocNode | undefined) => node?.type === 'hardBreak';

/** Removes what removed images and empty wrappers leave behind: line breaks at the edges of a block and
 * empty top-level paragraphs. */
function tidy(node: DocNode, isDoc: boolean): DocNode {
  if (!node.content) return node;
  let content = node.content.map((child) => tidy(child, false));
  if (node.type === 'paragraph' || node.type === 'heading') {
    while (isHardBreak(content[0])) content.shift();
    while (isHardBreak(content[content.length - 1])) content.pop();
  }
  if (isDoc) {
    const kept = content.filter((child) => child.type !== 'paragraph' || (child.content?.length ?? 0) > 0);
    content = kept.length > 0 ? kept : [{ type: 'paragraph' }];
  }
  const { content: _dropped, ...rest } = node;
  return content.length > 0 ? { ...rest, content } : rest;
}

/** Parses sanitized HTML; whitespace is collapsed as a browser would (ProseMirror's default). */
export function htmlToDoc(sanitizedHtml: string, baseUrl: string | null): DocNode {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  document.body.innerHTML = sanitizedHtml;
  absolutizeLinks(document.body, baseUrl);
  const parsed: DocNode = DOMParser.fromSchema(documentSchema()).parse(document.body).toJSON();
  const doc = tidy(parsed, true);
  // The tidied body must still be a valid document of the schema the reader loads it with.
  documentSchema().nodeFromJSON(doc).check();
  return doc;
}

/** A body of plain paragraphs whose text is kept exactly as given. */
export function paragraphsToDoc(paragraphs: string[]): DocNode {
  const content = paragraphs
    .filter((text) => text !== '')
    .map((text): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}
