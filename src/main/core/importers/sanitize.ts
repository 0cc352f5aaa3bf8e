// Sanitizes imported HTML with DOMPurify before it becomes a document: only text structure and links survive.
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { DossierError } from '../../../shared/errors';

// What an article body can hold (the schema of documentExtensions) plus containers whose text is kept.
// No images, media, frames, forms, styles or SVG/MathML: the schema has no node for them, and each is a
// way to run code or load something from another host.
const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite',
  'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'ins', 'kbd', 'li', 'main', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'lang', 'dir', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Relative addresses pass (html-to-doc resolves them against the article's URL); of the schemes, only
  // web and mail links.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  // Removed controls would otherwise leave their labels and option lists behind as stray text.
  ADD_FORBID_CONTENTS: ['button', 'select', 'option', 'datalist', 'textarea', 'object', 'embed', 'canvas'],
};

let purifier: DOMPurify | null = null;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(new JSDOM('').window);
  // On a DOM it cannot use (linkedom, for one) DOMPurify returns its input unchanged: fail closed.
  if (instance.isSupported !== true) {
    throw new DossierError('internal', 'The HTML sanitizer cannot run, so HTML cannot be imported safely.');
  }
  purifier = instance;
  return instance;
}

/** Returns the sanitized HTML of a fragment or page body. */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, CONFIG);
}
