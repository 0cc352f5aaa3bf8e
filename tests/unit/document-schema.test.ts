// Stored article bodies are checked against the reader's schema before they are shown: hostile document
// JSON (the tiptap-json payloads of ../shared/security/payloads.json, and our own) is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { documentProblem } from '../../src/shared/document-schema';
import type { DocNode } from '../../src/shared/model';

interface Payload {
  id: string;
  kind: string;
  payload: string;
}
const payloads: Payload[] = JSON.parse(readFileSync(new URL('../../../shared/security/payloads.json', import.meta.url), 'utf8')).payloads;
const stored = payloads.filter((p) => p.kind === 'tiptap-json');

const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const text = (value: string): DocNode => ({ type: 'text', text: value });

/** The payload where it would sit in a document: inline nodes inside a paragraph, others as a block. */
function withPayload(node: DocNode): DocNode {
  const inline = node.type === 'text' || node.type === 'image' || node.type === 'hardBreak';
  return {
    type: 'doc',
    content: [paragraph(text('An ordinary paragraph before it.')), inline ? paragraph(text('Look: '), node) : node],
  };
}

describe('stored document JSON', () => {
  test('payloads.json has the stored-document payloads', () => {
    expect(stored.map((p) => p.id)).toEqual(expect.arrayContaining(['I66', 'I67a', 'I67b', 'I69']));
  });

  test.each(stored.map((p) => [p.id, p.payload] as const))('%s is refused, with the reason', (_id, payload) => {
    expect(documentProblem(withPayload(JSON.parse(payload) as DocNode))).toMatch(/\w/);
  });

  const own: [string, DocNode][] = [
    ['a link to a file', withPayload({ type: 'text', text: 'open', marks: [{ type: 'link', attrs: { href: 'file:///etc/passwd' } }] })],
    ['a data: link', withPayload({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'data:text/html,<script>alert(1)</script>' } }] })],
    ['a JaVaScRiPt: link with spaces', withPayload({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }] })],
    ['an unknown mark', withPayload({ type: 'text', text: 'x', marks: [{ type: 'onclick', attrs: { code: 'alert(1)' } }] })],
    ['a paragraph as the top node', paragraph(text('not a document'))],
    ['text directly in the document', { type: 'doc', content: [text('loose text')] }],
    ['a heading of level 9000', { type: 'doc', content: [{ type: 'heading', attrs: { level: 9000 }, content: [text('x')] }] }],
    ['a script node', { type: 'doc', content: [{ type: 'script', content: [text('alert(1)')] }] }],
  ];
  test.each(own)('%s is refused', (_name, doc) => {
    expect(documentProblem(doc)).not.toBeNull();
  });

  test('what the importers write passes: the seed clip, and a page with web and mail links', async () => {
    const seed = await extractArticle({
      fileName: 'seed.txt',
      bytes: readFileSync(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url)),
    });
    expect(documentProblem(seed.doc)).toBeNull();
    const page = await extractArticle({
      fileName: 'links.html',
      bytes: new TextEncoder().encode(
        '<h1>Links</h1><p>Read <a href="https://example.org/a">the report</a> or <a href="mailto:desk@example.org">write</a>; <a href="javascript:alert(1)">this one</a> is dropped.</p>',
      ),
    });
    expect(documentProblem(page.doc)).toBeNull();
  });
});
