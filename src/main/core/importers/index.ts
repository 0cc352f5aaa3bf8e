// Turns an imported file into an article: picks the importer by file extension, decodes, checks for text.
import { MAX_IMPORT_BYTES } from '../../../shared/api';
import { canonicalText } from '../../../shared/canonical-text';
import { DossierError } from '../../../shared/errors';
import type { ExtractedArticle, ImportInput } from './types';
import { decodeHtml, decodeText, type DecodedText } from './decode';
import { importHtml } from './html';
import { importMarkdown } from './markdown';
import type { SourceContext } from './metadata';
import { importPlainText } from './plain-text';

export type { ExtractedArticle, ImportInput } from './types';

interface Importer {
  decode: (bytes: Uint8Array) => DecodedText;
  extract: (text: string, source: SourceContext) => ExtractedArticle;
}

const plainText: Importer = { decode: decodeText, extract: importPlainText };
const html: Importer = { decode: decodeHtml, extract: importHtml };
const markdown: Importer = { decode: decodeText, extract: importMarkdown };

const IMPORTERS: Record<string, Importer> = {
  txt: plainText,
  text: plainText,
  html,
  htm: html,
  xhtml: html,
  md: markdown,
  markdown,
};

const SUPPORTED = 'Dossier imports plain text (.txt), HTML (.html, .htm) and Markdown (.md).';

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export function extractArticle(input: ImportInput): ExtractedArticle {
  const name = baseName(input.fileName);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const importer = Object.hasOwn(IMPORTERS, extension) ? IMPORTERS[extension] : undefined;
  if (!importer) {
    const what = extension ? `.${extension} files are not supported` : 'files without an extension are not supported';
    throw new DossierError('unsupported_type', `Cannot import "${name}": ${what}. ${SUPPORTED}`);
  }
  // Articles are text; a file this large is not one, and parsing it would stall the import.
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    const megabytes = Math.round(input.bytes.byteLength / (1024 * 1024));
    throw new DossierError(
      'invalid_input',
      `Cannot import "${name}": it is ${megabytes} MB, and Dossier imports articles up to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`,
    );
  }

  const decoded = importer.decode(input.bytes);
  // NUL characters are no text in any of these formats; they only come from damaged or hostile files.
  const text = decoded.text.replace(/\u0000/g, '');
  if (text.trim() === '') throw new DossierError('empty_file', `"${name}" is empty: there is nothing to import.`);

  const article = importer.extract(text, { fileName: name, encoding: decoded.encoding });
  if (canonicalText(article.doc).trim() === '') {
    throw new DossierError('empty_file', `"${name}" has no article text that Dossier could find: there is nothing to import.`);
  }
  return article;
}
