// Turns an imported file into an article: picks the importer by file extension, decodes, checks for text,
// and gathers what the user must be told (characters that could not be decoded).
import { IMPORT_FORMATS, type ImportFormat, MAX_IMPORT_BYTES, SUPPORTED_FORMATS } from '../../../shared/api';
import { canonicalText } from '../../../shared/canonical-text';
import { DossierError } from '../../../shared/errors';
import type { ExtractedArticle, ImportInput } from './types';
import { decodeHtml, decodeText, type DecodedText } from './decode';
import { importHtml } from './html';
import { importMarkdown } from './markdown';
import type { SourceContext } from './metadata';
import { importPlainText } from './plain-text';
import { binaryKind, looksBinary } from './sniff';

export type { ExtractedArticle, ImportInput } from './types';

/** Formats that are text: the bytes are decoded first, then extracted. */
interface TextImporter {
  kind: 'text';
  decode: (bytes: Uint8Array, charset?: string | null) => DecodedText;
  extract: (text: string, source: SourceContext) => ExtractedArticle;
}

/** Formats that are containers (ZIP, PDF): the importer reads the bytes itself. Loaded on first use, as
 * their libraries are large. */
interface BinaryImporter {
  kind: 'binary';
  extract: (bytes: Uint8Array, fileName: string) => Promise<ExtractedArticle>;
}

type Importer = TextImporter | BinaryImporter;

const plainText: TextImporter = { kind: 'text', decode: decodeText, extract: importPlainText };
const html: TextImporter = { kind: 'text', decode: decodeHtml, extract: importHtml };
const markdown: TextImporter = { kind: 'text', decode: decodeText, extract: importMarkdown };
const docx: BinaryImporter = {
  kind: 'binary',
  extract: async (bytes, fileName) => (await import('./docx')).importDocx(bytes, fileName),
};
const pdf: BinaryImporter = {
  kind: 'binary',
  extract: async (bytes, fileName) => (await import('./pdf')).importPdf(bytes, fileName),
};
const epub: BinaryImporter = {
  kind: 'binary',
  extract: async (bytes, fileName) => (await import('./epub')).importEpub(bytes, fileName),
};

const BY_FORMAT: Record<ImportFormat, Importer> = { text: plainText, html, markdown, docx, pdf, epub };
const IMPORTERS: Record<string, Importer> = Object.fromEntries(
  (Object.entries(IMPORT_FORMATS) as [ImportFormat, readonly string[]][]).flatMap(([format, extensions]) =>
    extensions.map((extension) => [extension, BY_FORMAT[format]]),
  ),
);


function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

function decodeChecked(importer: TextImporter, bytes: Uint8Array, name: string, charset: string | null): DecodedText {
  const kind = binaryKind(bytes);
  const decoded = importer.decode(bytes, charset);
  if (kind !== null || looksBinary(decoded.text)) {
    throw new DossierError(
      'invalid_input',
      `Cannot import "${name}": it is not a text file but ${kind ?? 'binary data'}.`,
    );
  }
  return decoded;
}

/** The user is told when text holds U+FFFD: bytes that could not be decoded, or a sign of a damaged file. */
function replacementWarning(article: ExtractedArticle, name: string): string | null {
  const count = (canonicalText(article.doc) + article.title).match(/\uFFFD/g)?.length ?? 0;
  if (count === 0) return null;
  const what = count === 1 ? '1 character' : `${count} characters`;
  return `${what} of "${name}" could not be read as ${article.encoding} text and show as “\uFFFD”: check the article against the original.`;
}

export async function extractArticle(input: ImportInput): Promise<ExtractedArticle> {
  const name = baseName(input.fileName);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const importer = Object.hasOwn(IMPORTERS, extension) ? IMPORTERS[extension] : undefined;
  if (!importer) {
    const what = extension ? `.${extension} files are not supported` : 'files without an extension are not supported';
    throw new DossierError('unsupported_type', `Cannot import "${name}": ${what}. ${SUPPORTED_FORMATS}`);
  }
  // Articles are text; a file this large is not one, and parsing it would stall the import.
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    const megabytes = Math.round(input.bytes.byteLength / (1024 * 1024));
    throw new DossierError(
      'invalid_input',
      `Cannot import "${name}": it is ${megabytes} MB, and Dossier imports articles up to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`,
    );
  }
  if (input.bytes.byteLength === 0) throw new DossierError('empty_file', `"${name}" is empty: there is nothing to import.`);

  let article: ExtractedArticle;
  if (importer.kind === 'binary') {
    const extracted = await importer.extract(input.bytes, name);
    article = { ...extracted, url: input.url ?? extracted.url };
  } else {
    const decoded = decodeChecked(importer, input.bytes, name, input.charset ?? null);
    // NUL characters are no text in any of these formats; they only come from damaged or hostile files.
    const text = decoded.text.replace(/\u0000/g, '');
    if (text.trim() === '') throw new DossierError('empty_file', `"${name}" is empty: there is nothing to import.`);
    const extracted = importer.extract(text, { fileName: name, encoding: decoded.encoding, url: input.url ?? null });
    article = { ...extracted, url: input.url ?? extracted.url };
  }

  if (canonicalText(article.doc).trim() === '') {
    throw new DossierError('empty_file', `"${name}" has no article text that Dossier could find: there is nothing to import.`);
  }
  const warning = replacementWarning(article, name);
  const warnings = [...(article.warnings ?? []), ...(warning ? [warning] : [])];
  return warnings.length > 0 ? { ...article, warnings } : article;
}
