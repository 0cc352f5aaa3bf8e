// HTML pages: Readability finds the article and its metadata, then the content is sanitized and parsed.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DossierError } from '../../../shared/errors';
import { canonicalText } from '../../../shared/canonical-text';
import type { DocNode } from '../../../shared/model';
import type { ExtractedArticle } from './types';
import { htmlToDoc } from './html-to-doc';
import { pageAuthor, pageLanguage, pagePublishedDate } from './page-metadata';
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

/** Elements that hold no content, and those whose end tag may be left out (a new one closes the last):
 * neither makes the page deeper, however many there are. */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rp rt'.split(' '),
);

/** Elements whose content is text, not tags, up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * How deep the tags of `html` nest, read from the text before any parsing: a page nested far deeper than
 * any article (a denial-of-service payload) is refused before the parser spends seconds on it. Comments
 * and raw-text elements (scripts, styles) are skipped, and so are void elements and those whose end tag
 * may be left out; unclosed containers count, as the parser would nest them as deep. One pass, linear in
 * the length of the page whatever it holds (no pattern here can scan past the next "<" or ">").
 */
export function tagDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*?(\/?)>/y;
  let depth = 0;
  let max = 0;
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) return max;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) return max;
      i = end + 3;
      continue;
    }
    tag.lastIndex = lt;
    const match = tag.exec(html);
    if (!match) {
      i = lt + 1;
      continue;
    }
    i = tag.lastIndex;
    const [, closing, rawName, selfClosing] = match;
    const name = rawName.toLowerCase();
    if (closing) {
      if (!NOT_NESTING.has(name)) depth = Math.max(0, depth - 1);
    } else if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}[\\s/>]`, 'ig');
      end.lastIndex = i;
      if (!end.exec(html)) return max;
      i = end.lastIndex;
      max = Math.max(max, depth + 1);
    } else if (!selfClosing && !NOT_NESTING.has(name)) {
      max = Math.max(max, ++depth);
    }
  }
}

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
export function parseDocument(text: string): Document {
  const { document } = parseHTML(text);
  if (document.documentElement?.localName === 'html' && document.head && document.body) return document;
  const inner = text.replace(/<!doctype[^>]*>|<\/?(?:html|head|body)\b[^>]*>/gi, '');
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${inner}</body></html>`).document;
}

/** A figure's caption describes its picture; pictures are not kept, so a caption left alone would read as
 * a stray paragraph of the story (and is not article text to the people who label it). Captions of
 * figures that hold text (a quotation, a table, code) stay. */
function dropPictureCaptions(html: string): string {
  if (!/<figcaption/i.test(html)) return html;
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  let changed = false;
  for (const caption of Array.from(document.querySelectorAll('figcaption'))) {
    const figure = caption.closest('figure');
    if (!figure || !figure.querySelector('img, picture, video, svg, iframe, canvas, object, embed')) continue;
    const captionText = caption.textContent ?? '';
    const figureText = figure.textContent ?? '';
    if (figureText.replace(captionText, '').trim() !== '') continue;
    caption.remove();
    changed = true;
  }
  return changed ? document.body.innerHTML : html;
}

function blockText(node: DocNode): string {
  return node.text ?? (node.content ?? []).map(blockText).join('');
}

/** Pages repeat their headline at the top of the story; the reader shows the title already. */
function dropLeadingTitle(doc: DocNode, title: string): DocNode {
  const [first, ...rest] = doc.content ?? [];
  if (rest.length === 0 || first?.type !== 'heading' || cleanLine(blockText(first)) !== cleanLine(title)) return doc;
  return { ...doc, content: rest };
}

export function importHtml(text: string, source: SourceContext): ExtractedArticle {
  const tooDeep = () =>
    new DossierError('invalid_input', `Cannot import "${source.fileName}": its HTML is nested more than ${MAX_DEPTH} levels deep.`);
  if (tagDepth(text) > MAX_DEPTH) throw tooDeep();
  const document = parseDocument(text);
  if (depthOf(document.documentElement) > MAX_DEPTH) throw tooDeep();
  // A page's <base> would make its relative links point wherever it says; we resolve them ourselves.
  for (const base of Array.from(document.querySelectorAll('base'))) base.remove();

  // Read before Readability runs: it rewrites the document it is given.
  // A fetched page's links resolve against the address it came from, as in a browser.
  const url = source.url ?? articleUrl(document);
  const fallbackTitle =
    cleanTitle(document.querySelector('title')?.textContent) ??
    cleanTitle(document.querySelector('h1, h2, h3')?.textContent) ??
    fileStem(source.fileName);
  const declaredLang = cleanLine(document.documentElement.getAttribute('lang')) ?? pageLanguage(document);
  const ogSiteName = metaContent(document, 'meta[property="og:site_name" i]');
  const pageDate = pagePublishedDate(document);
  const pageByline = pageAuthor(document, ogSiteName);

  const article = new Readability(document).parse();
  // Without an article, the whole <body> is the best we have; the first document was rewritten, so reparse.
  const content = article?.content ?? parseDocument(text).body.innerHTML;
  const title = cleanTitle(article?.title) ?? fallbackTitle;
  const doc = dropLeadingTitle(htmlToDoc(sanitizeHtml(dropPictureCaptions(content)), url), title);

  const lang = cleanLine(article?.lang) ?? declaredLang;
  return {
    mediaType: source.fileName.toLowerCase().endsWith('.xhtml') ? 'application/xhtml+xml' : 'text/html',
    encoding: source.encoding,
    title,
    byline: cleanByline(article?.byline) ?? pageByline,
    siteName: cleanLine(article?.siteName) ?? ogSiteName,
    url,
    publishedAt: normalizeDate(article?.publishedTime) ?? pageDate,
    lang,
    dir: toDir(article?.dir) ?? dirFromLang(lang),
    excerpt: cleanLine(article?.excerpt) ?? makeExcerpt(canonicalText(doc)),
    doc,
  };
}
