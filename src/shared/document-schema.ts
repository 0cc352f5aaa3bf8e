// The TipTap extensions that define an article body's schema: the importer parses HTML with them and the
// reader renders with them, so both sides always agree on what a document may contain. A stored body is
// checked against the same schema before anyone is shown it.
import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import type { DocNode } from './model';

/** The only links an article may carry: web pages and mail addresses. */
export const isAllowedUri = (url: string): boolean => /^(https?:|mailto:)/i.test(url);

export const documentExtensions = [
  StarterKit.configure({
    undoRedo: false,
    dropcursor: false,
    gapcursor: false,
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: false,
      linkOnPaste: false,
      protocols: [],
      isAllowedUri: (url) => isAllowedUri(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
  }),
];

const HEADING_LEVELS: unknown[] = [1, 2, 3, 4, 5, 6];

let schema: Schema | null = null;

export function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions);
  return schema;
}

/**
 * Why `doc` is not an article body the reader may show — a node or mark the schema does not have, content
 * in the wrong place, a link that is not a web or mail address — or null when it is one.
 */
export function documentProblem(doc: DocNode): string | null {
  let node: PmNode;
  try {
    node = documentSchema().nodeFromJSON(doc);
    node.check();
  } catch (error) {
    return (error as Error).message;
  }
  if (node.type.name !== 'doc') return `the top node is a ${node.type.name}, not a document`;
  let problem: string | null = null;
  node.descendants((child) => {
    const level = child.type.name === 'heading' ? child.attrs.level : null;
    if (level !== null && !HEADING_LEVELS.includes(level)) problem ??= `a heading of level ${String(level).slice(0, 20)}`;
    for (const mark of child.marks) {
      const href = mark.type.name === 'link' ? String(mark.attrs.href ?? '') : null;
      if (href !== null && !isAllowedUri(href)) problem ??= `a link to “${href.slice(0, 80)}”, which is not a web or mail address`;
    }
    return problem === null;
  });
  return problem;
}
