// HTML pages: Readability finds the article and its metadata, then the content is sanitized and parsed.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DossierError } from '../../../shared/errors';
import { canonicalText } from '../../../shared/canonical-text';
import type { ExtractedArticle } from './types';
import { htmlToDoc } from './html-to-doc';
import {
  cleanByline,
  cleanLine,
  cleanTitle,
  dirFromLang,
  fileStem,
  makeExcerpt,
  normalizeDate,
  type SourceContext,
  toDir,
  toHttpUrl,
} from './metadata';
import { sanitizeHtml } from './sanitize';

/** Real pages nest a few dozen levels; Readability and the sanitizer recurse, and overflow the stack on
 * pages built to be deep (tens of thousands of levels), so such pages are refused up front. */
const MAX_DEPTH = 400;

function depthOf(root: Element): number {
  let max = 0;
  const stack: { node: Element; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > max) max = depth;
    for (const child of Array.from(node.children)) stack.push({ node: child, depth: depth + 1 });
  }
  return max;
}

function metaContent(document: Document, selector: string): string | null {
  return cleanLine(document.querySelector(selector)?.getAttribute('content'));
}

function articleUrl(document: Document): string | null {
  return (
    toHttpUrl(document.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ??
    toHttpUrl(metaContent(document, 'meta[property="og:url" i]'))
  );
}

/** linkedom builds exactly the tags it is given, so a fragment or a page without <body> gets a proper
 * <html><head></head><body> shell: Readability and our fallback both need a body. */
function parseDocument(text: string): Document {
  const { document } = parseHTML(text);
  if (document.documentElement?.localName === 'html' && document.head && document.body) return document;
  const inner = text.replace(/<!doctype[^>]*>|<\/?(?:html|head|body)\b[^>]*>/gi, '');
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${inner}</body></html>`).document;
}

export function importHtml(text: string, source: SourceContext): ExtractedArticle {
  const document = parseDocument(text);
  if (depthOf(document.documentElement) > MAX_DEPTH) {
    throw new DossierError(
      'invalid_input',
      `Cannot import "${source.fileName}": its HTML is nested more than ${MAX_DEPTH} levels deep.`,
    );
  }
  // A page's <base> would make its relative links point wherever it says; we resolve them ourselves.
  for (const base of Array.from(document.querySelectorAll('base'))) base.remove();

  // Read before Readability runs: it rewrites the document it is given.
  const url = articleUrl(document);
  const fallbackTitle =
    cleanTitle(document.querySelector('title')?.textContent) ??
    cleanTitle(document.querySelector('h1, h2, h3')?.textContent) ??
    fileStem(source.fileName);
  const declaredLang = cleanLine(document.documentElement.getAttribute('lang'));

  const article = new Readability(document).parse();
  // Without an article, the whole <body> is the best we have; the first document was rewritten, so reparse.
  const content = article?.content ?? parseDocument(text).body.innerHTML;
  const doc = htmlToDoc(sanitizeHtml(content), url);

  const lang = cleanLine(article?.lang) ?? declaredLang;
  return {
    mediaType: source.fileName.toLowerCase().endsWith('.xhtml') ? 'application/xhtml+xml' : 'text/html',
    encoding: source.encoding,
    title: cleanTitle(article?.title) ?? fallbackTitle,
    byline: cleanByline(article?.byline),
    siteName: cleanLine(article?.siteName),
    url,
    publishedAt: normalizeDate(article?.publishedTime),
    lang,
    dir: toDir(article?.dir) ?? dirFromLang(lang),
    excerpt: cleanLine(article?.excerpt) ?? makeExcerpt(canonicalText(doc)),
    doc,
  };
}
