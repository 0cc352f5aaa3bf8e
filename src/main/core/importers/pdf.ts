// PDF files: pdf.js reads the positioned text of each page (pdf-layout.ts makes paragraphs of it) and
// the document information (title, author, creation date, language).
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { canonicalText } from '../../../shared/canonical-text';
import { DossierError } from '../../../shared/errors';
import type { DocNode } from '../../../shared/model';
import type { ExtractedArticle } from './types';
import { documentSchema } from '../../../shared/document-schema';
import { cleanByline, cleanLine, cleanTitle, dirFromLang, fileStem, makeExcerpt, normalizeDate } from './metadata';
import { type Block, layoutPages, type TextRun } from './pdf-layout';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** A damaged file can send pdf.js into long recovery; the import gives up rather than hang. */
const TIMEOUT_MS = 60_000;

/** Titles and authors that tools write into the document information: none is the document's. */
const PLACEHOLDER_TITLE = /^(untitled.*|title|document\d*|microsoft (word|powerpoint) - .*|.*\.(docx?|pdf|indd|tex|dvi|rtf|odt|pptx?))$/i;
const PLACEHOLDER_AUTHOR = /^(user|admin(istrator)?|author|owner|unknown|windows user|microsoft office user)$/i;

let loading: Promise<PdfJs> | null = null;

/** pdf.js, loaded once. Node has no web workers: pdf.js then runs its worker code on this thread, and
 * finds it loaded here (globalThis.pdfjsWorker) rather than by a file path, which bundling would break. */
function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    Object.assign(globalThis, { pdfjsWorker: { WorkerMessageHandler: worker.WorkerMessageHandler } });
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** pdf.js's character maps (for CJK fonts) and standard fonts, read from its package on disk. */
function dataFolders(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + sep, standardFontDataUrl: join(root, 'standard_fonts') + sep };
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

function toRun(item: TextItem): TextRun {
  const [a, b, c, d, x, y] = item.transform as number[];
  return {
    // Control characters come from fonts without a proper Unicode map; they are no text.
    text: item.str.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ''),
    x,
    y,
    width: item.width,
    size: Math.hypot(c, d) || Math.hypot(a, b) || item.height,
    endsLine: item.hasEOL,
  };
}

function refusal(fileName: string, error: unknown): DossierError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new DossierError(
      'invalid_input',
      `Cannot import "${fileName}": it is password-protected. Save a copy without the password and import that.`,
    );
  }
  const detail = error instanceof Error && error.message ? ` (${error.message.replace(/\.$/, '')})` : '';
  return new DossierError('invalid_input', `Cannot import "${fileName}": it is not a readable PDF: the file is damaged or not a PDF${detail}.`);
}

function withTimeout<T>(promise: Promise<T>, fileName: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DossierError('invalid_input', `Cannot import "${fileName}": reading the PDF took more than ${TIMEOUT_MS / 1000} s; the file may be damaged.`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Info {
  title: string | null;
  author: string | null;
  created: string | null;
  lang: string | null;
}

async function readInfo(pdfjs: PdfJs, pdf: PDFDocumentProxy): Promise<Info> {
  const { info, metadata } = await pdf.getMetadata();
  const fields = info as Record<string, unknown>;
  const field = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : null);
  const title = cleanTitle(field('Title')) ?? cleanTitle(metadata?.get('dc:title'));
  const author = cleanByline(field('Author')) ?? cleanByline(metadata?.get('dc:creator')?.toString());
  const creationDate = field('CreationDate');
  return {
    title: title && !PLACEHOLDER_TITLE.test(title) ? title : null,
    author: author && !PLACEHOLDER_AUTHOR.test(author) ? author : null,
    created: creationDate ? normalizeDate(pdfjs.PDFDateString.toDateObject(creationDate)) : null,
    lang: cleanLine(field('Language')),
  };
}

async function readPages(pdf: PDFDocumentProxy): Promise<{ pages: TextRun[][]; rtlShare: number }> {
  const pages: TextRun[][] = [];
  let rtl = 0;
  let total = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.filter(isTextItem);
    for (const item of items) {
      total += item.str.length;
      if (item.dir === 'rtl') rtl += item.str.length;
    }
    pages.push(items.map(toRun));
    page.cleanup();
  }
  return { pages, rtlShare: total === 0 ? 0 : rtl / total };
}

function toDoc(blocks: Block[]): DocNode {
  const content = blocks.map(
    (block): DocNode =>
      block.kind === 'heading'
        ? { type: 'heading', attrs: { level: block.level }, content: [{ type: 'text', text: block.text }] }
        : { type: 'paragraph', content: [{ type: 'text', text: block.text }] },
  );
  const doc: DocNode = { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
  documentSchema().nodeFromJSON(doc).check();
  return doc;
}

export async function importPdf(bytes: Uint8Array, fileName: string): Promise<ExtractedArticle> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes over the buffer it is given; the caller still needs these bytes for the snapshot.
    data: new Uint8Array(bytes),
    // Fonts are never compiled to code, nor loaded from the system: only text is wanted.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...dataFolders(),
  });
  try {
    const { info, pages, rtlShare } = await withTimeout(
      (async () => {
        const pdf = await task.promise;
        return { info: await readInfo(pdfjs, pdf), ...(await readPages(pdf)) };
      })(),
      fileName,
    );
    const blocks = layoutPages(pages);
    if (blocks.length === 0) {
      throw new DossierError(
        'empty_file',
        `"${fileName}" has no text Dossier can read: its pages are probably scanned images, and Dossier does not recognise text in images.`,
      );
    }
    // Without a title in the document information, a large first line is the title.
    const first = blocks[0];
    const title = info.title ?? (first.kind === 'heading' ? cleanTitle(first.text) : null) ?? fileStem(fileName);
    if (cleanTitle(first.text) === title && blocks.length > 1) blocks.shift();

    const doc = toDoc(blocks);
    return {
      mediaType: 'application/pdf',
      encoding: 'binary',
      title,
      byline: info.author,
      siteName: null,
      url: null,
      publishedAt: info.created,
      lang: info.lang,
      dir: rtlShare > 0.5 ? 'rtl' : dirFromLang(info.lang),
      excerpt: makeExcerpt(canonicalText(doc)),
      doc,
    };
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw refusal(fileName, error);
  } finally {
    await task.destroy();
  }
}
