// Word documents (.docx): mammoth turns the body into HTML, which is sanitized and parsed like a web page;
// title and author come from the document's core properties (docProps/core.xml).
import { canonicalText } from '../../../shared/canonical-text';
import { DossierError } from '../../../shared/errors';
import type { DocNode } from '../../../shared/model';
import type { ExtractedArticle } from './types';
import { decodeText } from './decode';
import { htmlToDoc } from './html-to-doc';
import { cleanByline, cleanLine, cleanTitle, dirFromLang, fileStem, makeExcerpt } from './metadata';
import { sanitizeHtml } from './sanitize';
import { parseXml, textOf } from './xml';
import { readZip } from './zip';

const MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Word fills dc:creator with the account that made the file, and templates leave such names behind. */
const PLACEHOLDER_AUTHOR = /^(user|admin(istrator)?|author|owner|unknown|windows user|microsoft office user)$/i;
/** Titles that templates and converters leave in the properties: none is the document's. */
const PLACEHOLDER_TITLE = /^(title|untitled|document\d*|microsoft word - .*|.*\.docx?)$/i;

/** A password-protected .docx is not a ZIP archive but an OLE compound file that holds the encrypted one. */
const isCompoundFile = (bytes: Uint8Array) =>
  bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

interface CoreProperties {
  title: string | null;
  creator: string | null;
  language: string | null;
}

function coreProperties(bytes: Uint8Array, fileName: string): CoreProperties {
  const entries = readZip(bytes, fileName, 'Word (.docx)', (name) => name === 'docProps/core.xml' || name === 'word/document.xml');
  if (!entries.has('word/document.xml')) {
    throw new DossierError('invalid_input', `Cannot import "${fileName}": it is not a Word (.docx) document (it has no word/document.xml).`);
  }
  const core = entries.get('docProps/core.xml');
  if (!core) return { title: null, creator: null, language: null };
  const xml = parseXml(decodeText(core).text);
  const title = cleanTitle(textOf(xml, 'title'));
  const creator = cleanByline(textOf(xml, 'creator'));
  return {
    title: title && !PLACEHOLDER_TITLE.test(title) ? title : null,
    creator: creator && !PLACEHOLDER_AUTHOR.test(creator) ? creator : null,
    language: cleanLine(textOf(xml, 'language')),
  };
}

function blockText(node: DocNode): string {
  return node.text ?? (node.content ?? []).map(blockText).join('');
}

export async function importDocx(bytes: Uint8Array, fileName: string): Promise<ExtractedArticle> {
  if (isCompoundFile(bytes)) {
    throw new DossierError(
      'invalid_input',
      `Cannot import "${fileName}": it is password-protected or an old-style Word file. Remove the password, or save it as .docx, and import it again.`,
    );
  }
  const properties = coreProperties(bytes, fileName);

  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Linked files outside the document are never read; pictures are not kept, so are not encoded.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    // mammoth ends each footnote with a "↑" link back to its reference; the link is dropped (it points
    // inside the document), and the arrow alone would be noise.
    html = result.value.replace(/\s*<a href="#(?:footnote|endnote|comment)-ref-[^"]*">↑<\/a>/g, '');
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new DossierError('invalid_input', `Cannot import "${fileName}": it is not a readable Word (.docx) document (${error.message}).`);
  }

  const doc = htmlToDoc(sanitizeHtml(html), null);
  // Without a title in the properties, the first heading is the title; either way a first heading that
  // repeats the title is the title, not body text.
  const blocks = doc.content ?? [];
  const firstHeading = blocks.find((block) => block.type === 'heading');
  const headingTitle = firstHeading ? cleanTitle(blockText(firstHeading)) : null;
  const title = properties.title ?? headingTitle ?? fileStem(fileName);
  if (blocks[0]?.type === 'heading' && headingTitle === title && blocks.length > 1) doc.content = blocks.slice(1);

  return {
    mediaType: MEDIA_TYPE,
    encoding: 'utf-8',
    title,
    byline: properties.creator,
    siteName: null,
    url: null,
    // Word's created/modified dates are the file's, not when the text was published.
    publishedAt: null,
    lang: properties.language,
    dir: dirFromLang(properties.language),
    excerpt: makeExcerpt(canonicalText(doc)),
    doc,
  };
}
