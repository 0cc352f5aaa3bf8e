// Markdown import: real 18F blog posts with YAML front matter, and raw HTML kept inert.
import { readdirSync, readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import { DossierError } from '../../src/shared/errors';
import type { DocNode } from '../../src/shared/model';

const corpus = new URL('../../../shared/corpus/markdown-18f/', import.meta.url);
const payloadsUrl = new URL('../../../shared/security/payloads.json', import.meta.url);
const utf8 = (text: string) => new TextEncoder().encode(text);
const { unescapeAll } = new MarkdownIt().utils;

function importMd(fileName: string, text: string) {
  return extractArticle({ fileName, bytes: utf8(text) });
}

function nodeTypes(doc: DocNode): Set<string> {
  const types = new Set<string>();
  const visit = (node: DocNode) => {
    types.add(node.type);
    for (const mark of node.marks ?? []) types.add(`mark:${mark.type}`);
    node.content?.forEach(visit);
  };
  visit(doc);
  return types;
}

function linkHrefs(doc: DocNode): string[] {
  const hrefs: string[] = [];
  const visit = (node: DocNode) => {
    for (const mark of node.marks ?? []) if (mark.type === 'link') hrefs.push(String(mark.attrs?.href));
    node.content?.forEach(visit);
  };
  visit(doc);
  return hrefs;
}

describe('18F blog posts', () => {
  const posts = readdirSync(corpus).filter((name) => /^\d{4}-.*\.md$/.test(name));

  /** The front matter as the test reads it, independently of the importer. */
  function frontMatter(name: string): { title: string; date?: string } {
    const text = readFileSync(new URL(name, corpus), 'utf8');
    return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]);
  }

  test('all eight posts are there', () => {
    expect(posts).toHaveLength(8);
  });

  test.each(posts)('%s: title, date, byline and body', async (name) => {
    const article = await extractArticle({ fileName: name, bytes: readFileSync(new URL(name, corpus)) });
    const expected = frontMatter(name);
    // Titles are written for HTML ("&ldquo;agilefall&rdquo;"): the stored title is the text they show.
    expect(article.title).toBe(unescapeAll(expected.title).trim());
    const [, y, m, d] = /^(\d{4})-(\d{1,2})-(\d{1,2})-/.exec(name)!;
    const fromName = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    expect(article.publishedAt).toBe(expected.date ?? fromName);
    expect(article.byline).toMatch(/\S/);
    expect(article.mediaType).toBe('text/markdown');
    expect(canonicalText(article.doc).length).toBeGreaterThan(500);
  });

  test('exactly one post has its date only in its file name, and it is read from there', async () => {
    const nameOnly = posts.filter((name) => frontMatter(name).date === undefined);
    expect(nameOnly).toEqual(['2014-11-26-how-to-use-more-open-source.md']);
    const article = await extractArticle({ fileName: nameOnly[0], bytes: readFileSync(new URL(nameOnly[0], corpus)) });
    expect(article.publishedAt).toBe('2014-11-26');
  });

  test('a file-name date is padded: 2024-12-5 → 2024-12-05', async () => {
    expect((await importMd('2024-12-5-notes.md', 'Some text.')).publishedAt).toBe('2024-12-05');
  });

  test('authors become the byline, joined with commas', async () => {
    const name = '2015-12-29-is-your-project-using-agilefall.md';
    const article = await extractArticle({ fileName: name, bytes: readFileSync(new URL(name, corpus)) });
    expect(article.byline).toBe('christopher-goranson, alan-brouilette, alan-atlas');
  });

  test('a <style> block in a post stays inert text', async () => {
    const name = '2024-11-05-three-ways-to-write-fearless-spreadsheet-formulas.md';
    const article = await extractArticle({ fileName: name, bytes: readFileSync(new URL(name, corpus)) });
    expect(canonicalText(article.doc).startsWith('<style>')).toBe(true);
    expect(JSON.stringify(article.doc)).not.toMatch(/"type":"(style|html)/);
  });

  test('Liquid link targets become links; relative ones keep only their text', async () => {
    const article = await importMd('post.md', 'See [the launch]({{ "/2024/10/08/launches/" | url }}) and [more](https://18f.gsa.gov/).');
    expect(canonicalText(article.doc)).toBe('See the launch and more.');
    expect(linkHrefs(article.doc)).toEqual(['https://18f.gsa.gov/']);
  });
});

describe('front matter and title', () => {
  test('title from the first "# " heading, removed from the body', async () => {
    const article = await importMd('note.md', '# The Heading\n\nFirst paragraph.\n\n## Section\n\nMore.');
    expect(article.title).toBe('The Heading');
    expect(canonicalText(article.doc)).toBe('First paragraph.\n\nSection\n\nMore.');
  });

  test('a heading that repeats the front matter title is dropped; a different one stays', async () => {
    expect(canonicalText((await importMd('a.md', '---\ntitle: Same\n---\n# Same\n\nBody.')).doc)).toBe('Body.');
    const other = await importMd('b.md', '---\ntitle: Front\n---\n# Other\n\nBody.');
    expect(other.title).toBe('Front');
    expect(canonicalText(other.doc)).toBe('Other\n\nBody.');
  });

  test('without front matter or heading, the title is the file name', async () => {
    expect((await importMd('dir/My Notes.markdown', 'Just text.')).title).toBe('My Notes');
  });

  test('YAML dates become days; timestamps stay timestamps; author as a string', async () => {
    expect((await importMd('a.md', '---\ndate: 2018-10-07\nauthor: Jane Doe\n---\nBody.')).publishedAt).toBe('2018-10-07');
    expect((await importMd('a.md', '---\ndate: 2018-10-07\nauthor: Jane Doe\n---\nBody.')).byline).toBe('Jane Doe');
    expect((await importMd('a.md', '---\ndate: 2018-10-07T09:30:00Z\n---\nBody.')).publishedAt).toBe('2018-10-07T09:30:00.000Z');
    expect((await importMd('a.md', '---\ndate: "October 7, 2018"\n---\nBody.')).publishedAt).toBe('2018-10-07');
    expect((await importMd('a.md', '---\ndate: not a date\n---\nBody.')).publishedAt).toBeNull();
  });

  test('malformed front matter is refused with a message naming the file', async () => {
    let error: unknown;
    try {
      await importMd('broken.md', '---\ntitle: "unclosed\nauthors: [a,\n---\nBody.');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('invalid_input');
    expect((error as DossierError).message).toContain('broken.md');
  });

  test('no front matter, or a "---" rule that is not front matter, is fine', async () => {
    expect(canonicalText((await importMd('a.md', 'Para.\n\n---\n\nAfter.')).doc)).toBe('Para.\n\nAfter.');
    expect(canonicalText((await importMd('b.md', '---\nJust a line\n---\n\nText.')).doc)).toContain('Text.');
  });

  test('front matter is only YAML: a "---js" block is never run (payload J72)', async () => {
    const article = await importMd('rce.md', "---js\n((require('child_process')).execSync('id > /tmp/RCE.txt'))\n---\n\nBody.");
    expect(canonicalText(article.doc)).toContain('Body.');
  });
});

describe('raw HTML and hostile Markdown', () => {
  test('raw HTML stays inert text', async () => {
    const article = await importMd('raw.md', '<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">x</a>.');
    const types = nodeTypes(article.doc);
    expect([...types].sort()).toEqual(['doc', 'paragraph', 'text']);
    expect(canonicalText(article.doc)).toBe('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">x</a>.');
  });

  test('every Markdown payload of ../shared/security/payloads.json yields only safe links', async () => {
    const { payloads }: { payloads: { id: string; kind: string; payload: string }[] } = JSON.parse(
      readFileSync(payloadsUrl, 'utf8'),
    );
    const markdown = payloads.filter((p) => p.kind === 'markdown');
    expect(markdown.length).toBeGreaterThan(20);
    for (const { id, payload } of markdown) {
      let doc: DocNode;
      try {
        doc = (await importMd(`${id}.md`, `Intro paragraph.\n\n${payload}\n`)).doc;
      } catch (error) {
        expect(error, id).toBeInstanceOf(DossierError);
        continue;
      }
      for (const href of linkHrefs(doc)) expect(href, id).toMatch(/^(https?:|mailto:)/);
      for (const type of nodeTypes(doc))
        expect(['doc', 'paragraph', 'text', 'heading', 'codeBlock', 'mark:link', 'mark:code', 'mark:italic', 'mark:bold'], `${id}: ${type}`).toContain(type);
    }
  });
});
