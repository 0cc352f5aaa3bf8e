// HTML import against real pages (Readability's own test pages) and against hostile markup.
import { readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { htmlToDoc } from '../../src/main/core/importers/html-to-doc';
import { sanitizeHtml } from '../../src/main/core/importers/sanitize';
import { canonicalText } from '../../src/shared/canonical-text';
import { DossierError } from '../../src/shared/errors';
import type { DocNode } from '../../src/shared/model';

const corpus = new URL('../../../shared/corpus/readability/', import.meta.url);
const payloadsUrl = new URL('../../../shared/security/payloads.json', import.meta.url);
const utf8 = (text: string) => new TextEncoder().encode(text);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

interface ExpectedMetadata {
  title: string;
  byline: string | null;
  publishedTime: string | null;
  lang?: string | null;
  siteName: string | null;
}

async function page(name: string) {
  const dir = new URL(`${name}/`, corpus);
  const expected: ExpectedMetadata = JSON.parse(readFileSync(new URL('expected-metadata.json', dir), 'utf8'));
  const { document } = parseHTML(readFileSync(new URL('expected.html', dir), 'utf8'));
  const firstParagraph = Array.from(document.querySelectorAll('p'))
    .map((p) => squash(p.textContent ?? ''))
    .find((text) => text.length >= 40);
  const article = await extractArticle({ fileName: `${name}.html`, bytes: readFileSync(new URL('source.html', dir)) });
  return { expected, firstParagraph, article };
}

/** Every node type and link the document holds, to check that nothing active got through. */
function walk(node: DocNode, visit: (node: DocNode) => void): void {
  visit(node);
  for (const child of node.content ?? []) walk(child, visit);
}

const BODY_NODE_TYPES = new Set([
  'doc', 'paragraph', 'text', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'codeBlock',
  'hardBreak', 'horizontalRule',
]);

function expectInert(doc: DocNode): void {
  walk(doc, (node) => {
    expect(BODY_NODE_TYPES.has(node.type), `node type ${node.type}`).toBe(true);
    for (const mark of node.marks ?? []) {
      if (mark.type === 'link') expect(String(mark.attrs?.href)).toMatch(/^(https?:|mailto:)/);
      for (const [key, value] of Object.entries(mark.attrs ?? {})) {
        expect(key).not.toMatch(/^on/i);
        expect(String(value)).not.toMatch(/^\s*(javascript|vbscript|data|file):/i);
      }
    }
    for (const value of Object.values(node.attrs ?? {})) expect(String(value)).not.toMatch(/javascript:|<script/i);
  });
}

describe('real pages (mozilla/readability test pages)', () => {
  const names = readdirSync(corpus).filter((name) => !name.includes('.'));

  test('the corpus is there', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  test.each(names)('%s: title, and the first paragraph of the article', async (name) => {
    const { expected, firstParagraph, article } = await page(name);
    expect(article.title).toBe(squash(expected.title));
    expect(firstParagraph).toBeDefined();
    expect(squash(canonicalText(article.doc))).toContain(firstParagraph);
    expect(article.mediaType).toBe('text/html');
    expect(article.encoding).toBe('utf-8');
    expectInert(article.doc);
  });

  test('metadata: byline, site, language, URL and publication time normalised to ISO 8601', async () => {
    const aclu = await page('aclu');
    expect(aclu.article.byline).toBe(aclu.expected.byline);
    expect(aclu.article.siteName).toBe(aclu.expected.siteName);
    expect(aclu.article.lang).toBe('en');
    expect(aclu.article.dir).toBe('ltr');
    expect(aclu.article.publishedAt).toBe(aclu.expected.publishedTime);
    expect(aclu.article.url).toMatch(/^https:\/\/www\.aclu\.org\//);

    // "2017-11-03 03:01:00.000000": a timestamp without a zone stays one, in ISO form.
    expect((await page('engadget')).article.publishedAt).toBe('2017-11-03T03:01:00');
    expect((await page('gitlab-blog')).article.publishedAt).toBe('2024-06-25');
    expect((await page('article-author-tag')).article.publishedAt).toBe('2015-07-10T09:53:00-04:00');
    // Readability's expected value is null here, but the page dates itself: <time datetime="2015-04-16T20:02:01+00:00">
    // in the byline, and "pub_date":"2015-04-16T20:02:01Z" in its data layer. Both are the same instant.
    expect((await page('ars-1')).article.publishedAt).toBe('2015-04-16T20:02:01Z');
    // "By Ana Sandoiu": the word is not part of the name.
    expect((await page('medicalnewstoday')).article.byline).toBe('Ana Sandoiu');
  });

  test('a right-to-left page', async () => {
    const bytes = readFileSync(new URL('../rtl-arabic/source.html', corpus));
    const article = await extractArticle({ fileName: 'arabic.html', bytes });
    expect(article.lang).toBe('ar');
    expect(article.dir).toBe('rtl');
    expect(canonicalText(article.doc).length).toBeGreaterThan(1000);
  });
});

describe('metadata fallbacks', () => {
  test('title from <title>, else the first heading, else the file name', async () => {
    const body = '<p>Some text of the page that is long enough to be an article paragraph.</p>';
    expect((await extractArticle({ fileName: 'a.html', bytes: utf8(`<title>From Title</title>${body}`) })).title).toBe('From Title');
    expect((await extractArticle({ fileName: 'b.html', bytes: utf8(`<h2>From Heading</h2>${body}`) })).title).toBe('From Heading');
    expect((await extractArticle({ fileName: 'Saved Page.html', bytes: utf8(body) })).title).toBe('Saved Page');
  });

  test('the URL comes from the canonical link or og:url, and only if it is http(s)', async () => {
    const body = '<body><article><p>Text of the article, with enough words to be one.</p></article></body>';
    const canonical = `<html><head><link rel="canonical" href="https://news.example/a/1"></head>${body}</html>`;
    expect((await extractArticle({ fileName: 'c.html', bytes: utf8(canonical) })).url).toBe('https://news.example/a/1');
    const og = `<html><head><meta property="og:url" content="http://news.example/b"></head>${body}</html>`;
    expect((await extractArticle({ fileName: 'o.html', bytes: utf8(og) })).url).toBe('http://news.example/b');
    const bad = `<html><head><link rel="canonical" href="javascript:alert(1)"></head>${body}</html>`;
    expect((await extractArticle({ fileName: 'j.html', bytes: utf8(bad) })).url).toBeNull();
  });

  test('relative links resolve against the article URL, never against the page <base> (payload J78)', async () => {
    const j78 =
      '<!DOCTYPE html><html><head><base href="https://evil.example/"><title>Article</title></head><body><article><h1>Article</h1><p>Read the <a href="next.html">next part</a> or <a href="/login">sign in</a>.</p><img src="images/figure1.png" alt="Figure 1"></article></body></html>';
    const hrefs = async (html: string) => {
      const hrefList: string[] = [];
      walk((await extractArticle({ fileName: 'j78.html', bytes: utf8(html) })).doc, (node) => {
        for (const mark of node.marks ?? []) if (mark.type === 'link') hrefList.push(String(mark.attrs?.href));
      });
      return hrefList;
    };
    // Without an address of its own, a relative link points nowhere: its text stays, the link goes.
    expect(await hrefs(j78)).toEqual([]);
    const withUrl = j78.replace('<title>', '<link rel="canonical" href="https://news.example/2024/story.html"><title>');
    expect(await hrefs(withUrl)).toEqual(['https://news.example/2024/next.html', 'https://news.example/login']);
    expect(JSON.stringify((await extractArticle({ fileName: 'j78.html', bytes: utf8(j78) })).doc)).not.toContain('evil.example');
  });
});

describe('sanitizer', () => {
  const toDoc = (html: string) => htmlToDoc(sanitizeHtml(html), null);

  test('event handlers, scripts and javascript: links leave nothing behind', () => {
    const doc = toDoc(
      '<p>Before</p><img src=x onerror=alert(1)><script>alert(1)</script><p><a href="javascript:alert(1)">click</a> after</p>',
    );
    const json = JSON.stringify(doc);
    for (const needle of ['onerror', 'javascript:', '<script', 'alert']) expect(json).not.toContain(needle);
    expect(canonicalText(doc)).toBe('Before\n\nclick after');
  });

  test('the same holds through the whole HTML importer', async () => {
    const html = '<html><body><article><h1>T</h1><p>Para one <img src=x onerror=alert(1)> text.</p><script>alert(1)</script><p><a href="javascript:alert(1)">x</a></p></article></body></html>';
    const json = JSON.stringify((await extractArticle({ fileName: 'x.html', bytes: utf8(html) })).doc);
    for (const needle of ['onerror', 'javascript:', '<script']) expect(json).not.toContain(needle);
  });

  test('keeps structure the body schema has: headings, lists, quotes, code, emphasis, web links', () => {
    const doc = toDoc(
      '<h2 style="color:red">Head</h2><ul><li>one</li></ul><blockquote><p>quote</p></blockquote><pre><code>x  =  1</code></pre><p><em>a</em> <strong>b</strong> <a href="https://example.org/" target="_blank" onclick="x()">c</a></p>',
    );
    const types = new Set<string>();
    walk(doc, (node) => {
      types.add(node.type);
      for (const mark of node.marks ?? []) types.add(mark.type);
    });
    for (const type of ['heading', 'bulletList', 'listItem', 'blockquote', 'codeBlock', 'italic', 'bold', 'link'])
      expect(types.has(type), type).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(/style|onclick|_blank/);
    expect(canonicalText(doc)).toContain('x  =  1');
  });

  test('every HTML payload of ../shared/security/payloads.json is inert after import', async () => {
    const { payloads }: { payloads: { id: string; kind: string; payload: string }[] } = JSON.parse(
      readFileSync(payloadsUrl, 'utf8'),
    );
    const html = payloads.filter((p) => p.kind === 'html');
    expect(html.length).toBeGreaterThan(30);
    for (const { id, payload } of html) {
      const page = `<html><head><title>Payload ${id}</title></head><body><article><p>An ordinary paragraph of the article before the payload.</p>${payload}</article></body></html>`;
      let doc: DocNode;
      try {
        doc = (await extractArticle({ fileName: `${id}.html`, bytes: utf8(page) })).doc;
      } catch (error) {
        // Refusing a hostile file with a clear message is also a pass.
        expect(error, id).toBeInstanceOf(DossierError);
        continue;
      }
      expectInert(doc);
      const json = JSON.stringify(doc);
      for (const needle of ['onerror', 'onload', 'javascript:', '<script', 'evil.example', 'attacker'])
        expect(json, id).not.toContain(needle);
    }
  });

  test('fails closed: the sanitizer really sanitizes here', () => {
    expect(sanitizeHtml('<img src=x onerror=alert(1)><b>ok</b>')).toBe('<b>ok</b>');
  });
});

describe('nesting depth, read before parsing', () => {
  test('every real page of the corpus is far below the limit; unclosed paragraphs and list items do not count', async () => {
    const { tagDepth } = await import('../../src/main/core/importers/html');
    const dirs = readdirSync(new URL('../../../shared/corpus/readability/', import.meta.url));
    const depths = dirs.map((name) => tagDepth(readFileSync(new URL(`../../../shared/corpus/readability/${name}/source.html`, import.meta.url), 'utf8')));
    expect(Math.max(...depths)).toBeLessThan(100);
    expect(tagDepth(`<div>${'<p>one paragraph never closed '.repeat(5000)}</div>`)).toBe(1);
    // Tags in comments and scripts are text; the script is one element inside the div.
    expect(tagDepth('<div><!-- <div><div> --><script>"<div><div>"</script><img src=x><br/></div>')).toBe(2);
    expect(tagDepth(`${'<div>'.repeat(100_000)}x`)).toBe(100_000);
  });

  test('hostile text cannot make the count slow: unclosed comments, quotes, scripts and tags (a quadratic scan would not finish)', async () => {
    const { tagDepth } = await import('../../src/main/core/importers/html');
    const size = 4_000_000;
    for (const unit of ['<!--', '<a "', "<a '", '<script>', '<a', '<<<>', '</div', '<div title="<div>">']) {
      const text = unit.repeat(Math.ceil(size / unit.length));
      expect(tagDepth(text), unit).toBeGreaterThanOrEqual(0);
    }
  });
});
