// EPUB books: one article per book. container.xml names the package (OPF), whose spine orders the XHTML
// chapters; each chapter becomes a section of the body, under a heading from the table of contents.
import { canonicalText } from '../../../shared/canonical-text';
import { DossierError } from '../../../shared/errors';
import type { DocNode } from '../../../shared/model';
import type { ExtractedArticle } from './types';
import { decodeHtml, decodeText } from './decode';
import { documentSchema } from '../../../shared/document-schema';
import { htmlToDoc } from './html-to-doc';
import { parseDocument } from './html';
import { cleanByline, cleanLine, cleanTitle, dirFromLang, fileStem, makeExcerpt, normalizeDate, toDir } from './metadata';
import { sanitizeHtml } from './sanitize';
import { elementsByName, parseXml, textOf } from './xml';
import { readZip, type ZipEntries } from './zip';

const MEDIA_TYPE = 'application/epub+zip';
const CHAPTER_TYPES = new Set(['application/xhtml+xml', 'text/html']);
/** Encryption of these kinds only obfuscates embedded fonts; the text stays readable. */
const FONT_OBFUSCATION = /idpf\.org\/2008\/embedding|ns\.adobe\.com\/pdf\/enc#RC/i;

interface ManifestItem {
  path: string;
  mediaType: string;
  properties: string[];
}

interface Package {
  opfPath: string;
  xml: Document;
  manifest: Map<string, ManifestItem>;
  spine: ManifestItem[];
  tocId: string | null;
}

const refuse = (fileName: string, reason: string) =>
  new DossierError('invalid_input', `Cannot import "${fileName}": ${reason}`);

/** A path inside the archive, from an href relative to `from` (itself a path inside the archive). The
 * archive is only read, never unpacked, so "../" cannot reach outside it: it just names no entry. */
function resolvePath(from: string, href: string): string {
  const url = new URL(href, `https://epub.invalid/${from}`);
  try {
    return decodeURIComponent(url.pathname.slice(1));
  } catch {
    return url.pathname.slice(1);
  }
}

function entryText(entries: ZipEntries, path: string): string | null {
  const bytes = entries.get(path);
  return bytes ? decodeText(bytes).text : null;
}

function readPackage(entries: ZipEntries, fileName: string): Package {
  const container = entryText(entries, 'META-INF/container.xml');
  if (container === null) throw refuse(fileName, 'it is not an EPUB book (it has no META-INF/container.xml).');
  const rootfile = elementsByName(parseXml(container), 'rootfile').find((element) => element.getAttribute('full-path'));
  const opfPath = rootfile?.getAttribute('full-path') ?? '';
  const opfText = entryText(entries, opfPath);
  if (opfText === null) throw refuse(fileName, 'its package file (OPF), which lists the chapters, is missing.');

  const xml = parseXml(opfText);
  const manifest = new Map<string, ManifestItem>();
  for (const item of elementsByName(xml, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (!id || !href) continue;
    manifest.set(id, {
      path: resolvePath(opfPath, href),
      mediaType: (item.getAttribute('media-type') ?? '').toLowerCase(),
      properties: (item.getAttribute('properties') ?? '').split(/\s+/),
    });
  }
  const spineElement = elementsByName(xml, 'spine')[0];
  const spine = elementsByName(xml, 'itemref')
    // Items outside the linear reading order (pop-up notes, answer keys) are not part of the text.
    .filter((ref) => ref.getAttribute('linear') !== 'no')
    .map((ref) => manifest.get(ref.getAttribute('idref') ?? ''))
    .filter((item): item is ManifestItem => item !== undefined && CHAPTER_TYPES.has(item.mediaType))
    // The EPUB 3 navigation document is a table of contents, not a chapter.
    .filter((item) => !item.properties.includes('nav'));
  if (spine.length === 0) throw refuse(fileName, 'its package file lists no chapters.');
  return { opfPath, xml, manifest, spine, tocId: spineElement?.getAttribute('toc') ?? null };
}

/** Refuses books whose chapters are encrypted (DRM): they cannot be read without the seller's key. */
function checkNotEncrypted(entries: ZipEntries, fileName: string): void {
  const encryption = entryText(entries, 'META-INF/encryption.xml');
  if (encryption === null) return;
  for (const data of elementsByName(parseXml(encryption), 'EncryptedData')) {
    const algorithm = elementsByName(data, 'EncryptionMethod')[0]?.getAttribute('Algorithm') ?? '';
    const uri = elementsByName(data, 'CipherReference')[0]?.getAttribute('URI') ?? '';
    if (!FONT_OBFUSCATION.test(algorithm) && /\.(x?html?|xml)$/i.test(uri)) {
      throw refuse(fileName, 'its chapters are encrypted (DRM-protected), so their text cannot be read.');
    }
  }
}

/** Chapter titles by chapter path, from the EPUB 3 navigation document or else the EPUB 2 NCX. */
function tableOfContents(entries: ZipEntries, pkg: Package): Map<string, string> {
  const titles = new Map<string, string>();
  const add = (from: string, href: string | null, label: string | null) => {
    const title = cleanTitle(label);
    if (!href || !title) return;
    const path = resolvePath(from, href.split('#')[0]);
    if (!titles.has(path)) titles.set(path, title);
  };
  const nav = [...pkg.manifest.values()].find((item) => item.properties.includes('nav'));
  const navText = nav ? entryText(entries, nav.path) : null;
  if (nav && navText !== null) {
    const document = parseDocument(navText);
    const toc = Array.from(document.querySelectorAll('nav')).find((n) => /\btoc\b/.test(n.getAttribute('epub:type') ?? '')) ?? document.querySelector('nav');
    for (const link of Array.from(toc?.querySelectorAll('a[href]') ?? [])) add(nav.path, link.getAttribute('href'), link.textContent);
  }
  const ncx = (pkg.tocId ? pkg.manifest.get(pkg.tocId) : undefined) ?? [...pkg.manifest.values()].find((item) => item.mediaType === 'application/x-dtbncx+xml');
  const ncxText = ncx ? entryText(entries, ncx.path) : null;
  if (ncx && ncxText !== null) {
    for (const point of elementsByName(parseXml(ncxText), 'navPoint')) {
      add(ncx.path, elementsByName(point, 'content')[0]?.getAttribute('src') ?? null, textOf(point, 'text'));
    }
  }
  return titles;
}

interface Chapter {
  blocks: DocNode[];
  encoding: string;
}

function readChapter(entries: ZipEntries, item: ManifestItem, heading: string | null): Chapter | null {
  const bytes = entries.get(item.path);
  if (!bytes) return null;
  const decoded = decodeHtml(bytes);
  const document = parseDocument(decoded.text);
  const doc = htmlToDoc(sanitizeHtml(document.body.innerHTML), null);
  if (canonicalText(doc).trim() === '') return null;
  const blocks = doc.content ?? [];
  // A chapter that opens with its own heading keeps it; otherwise the table of contents gives one.
  if (heading && blocks[0]?.type !== 'heading') {
    blocks.unshift({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: heading }] });
  }
  return { blocks, encoding: decoded.encoding };
}

function blockText(node: DocNode): string {
  return node.text ?? (node.content ?? []).map(blockText).join('');
}

function creators(xml: Document): string | null {
  const names = elementsByName(xml, 'creator')
    // EPUB 2 marks roles on the element; editors, illustrators and translators are not the authors.
    .filter((creator) => {
      const role = creator.getAttribute('opf:role') ?? creator.getAttribute('role');
      return !role || role === 'aut';
    })
    .map((creator) => cleanByline(creator.textContent))
    .filter((name): name is string => name !== null);
  return names.length > 0 ? [...new Set(names)].join(', ') : null;
}

/** The publication date: an EPUB 2 dc:date marked as publication, else the first dc:date (EPUB 3 has one). */
function publicationDate(xml: Document): string | null {
  const dates = elementsByName(xml, 'date');
  const marked = dates.find((date) => (date.getAttribute('opf:event') ?? date.getAttribute('event')) === 'publication');
  const chosen = marked ?? dates.find((date) => !(date.getAttribute('opf:event') ?? date.getAttribute('event')));
  return normalizeDate(chosen?.textContent);
}

export async function importEpub(bytes: Uint8Array, fileName: string): Promise<ExtractedArticle> {
  // Only text is read from the archive: chapters, the package file, tables of contents.
  const entries = readZip(bytes, fileName, 'EPUB', (name) => /\.(x?html?|xml|opf|ncx)$/i.test(name));
  const pkg = readPackage(entries, fileName);
  checkNotEncrypted(entries, fileName);
  const toc = tableOfContents(entries, pkg);

  const content: DocNode[] = [];
  let encoding: string | null = null;
  for (const item of pkg.spine) {
    const chapter = readChapter(entries, item, toc.get(item.path) ?? null);
    if (!chapter) continue;
    content.push(...chapter.blocks);
    encoding ??= chapter.encoding;
  }
  const doc: DocNode = { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
  documentSchema().nodeFromJSON(doc).check();

  const firstHeading = content.find((block) => block.type === 'heading');
  const title = cleanTitle(textOf(pkg.xml, 'title')) ?? (firstHeading && cleanTitle(blockText(firstHeading))) ?? fileStem(fileName);
  // Descriptions are often HTML written as escaped text.
  const description = cleanLine(textOf(pkg.xml, 'description')?.replace(/<[^>]*>/g, ' '));
  const lang = cleanLine(textOf(pkg.xml, 'language'));
  const progression = toDir(elementsByName(pkg.xml, 'spine')[0]?.getAttribute('page-progression-direction'));
  return {
    mediaType: MEDIA_TYPE,
    encoding: encoding ?? 'utf-8',
    title,
    byline: creators(pkg.xml),
    siteName: cleanLine(textOf(pkg.xml, 'publisher')),
    url: null,
    publishedAt: publicationDate(pkg.xml),
    lang,
    dir: progression ?? dirFromLang(lang),
    excerpt: description ? makeExcerpt(description) : makeExcerpt(canonicalText(doc)),
    doc,
  };
}
