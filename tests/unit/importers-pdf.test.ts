// PDF import, on PDFs written by hand here (pdf.js cannot write them): text grouped into paragraphs and
// headings, metadata from the document information, and clear refusals of damaged and locked files.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { joinLines, layoutPages, type TextRun } from '../../src/main/core/importers/pdf-layout';
import { canonicalText } from '../../src/shared/canonical-text';
import { importError } from './import-helpers';

// ---- a minimal PDF writer: objects, a cross-reference table with exact byte offsets, a trailer ----

interface Line {
  text: string;
  x?: number;
  y: number;
  size?: number;
}

interface PdfSpec {
  pages: Line[][];
  info?: Record<string, string>;
  /** Standard security handler, RC4 40-bit (revision 2). */
  encrypt?: { userPassword: string; ownerPassword: string };
}

/** PDF strings are bytes; latin1 keeps one character per byte through the writer. */
const pdfString = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
const hexString = (bytes: Uint8Array) => `<${Buffer.from(bytes).toString('hex')}>`;

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

const PADDING = Uint8Array.from(
  Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex'),
);
const padPassword = (password: string) => {
  const out = new Uint8Array(32);
  const bytes = Buffer.from(password, 'latin1').subarray(0, 32);
  out.set(bytes);
  out.set(PADDING.subarray(0, 32 - bytes.length), bytes.length);
  return out;
};

/** The O and U entries and the file key of the standard security handler, revision 2 (PDF 1.4 §3.5.2). */
function securityValues(userPassword: string, ownerPassword: string, permissions: number, id: Uint8Array) {
  const ownerKey = md5(padPassword(ownerPassword)).subarray(0, 5);
  const o = rc4(ownerKey, padPassword(userPassword));
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  const key = md5(padPassword(userPassword), o, p, id).subarray(0, 5);
  return { o, u: rc4(key, PADDING), key };
}

function objectKey(fileKey: Uint8Array, num: number): Uint8Array {
  const extra = Uint8Array.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
  return md5(fileKey, extra).subarray(0, fileKey.length + 5);
}

function makePdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const id = md5(Buffer.from(JSON.stringify(spec)));
  const permissions = -44;
  const security = spec.encrypt ? securityValues(spec.encrypt.userPassword, spec.encrypt.ownerPassword, permissions, id) : null;
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  const protect = (num: number, text: string) =>
    security ? latin1(rc4(objectKey(security.key, num), Buffer.from(text, 'latin1'))) : text;

  const pageCount = spec.pages.length;
  // 1: catalog, 2: pages, 3: font, then a page and its content per page, then info and encryption.
  add('<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>');
  const kids = spec.pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageCount} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  spec.pages.forEach((lines, i) => {
    const contentNum = 5 + i * 2;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNum} 0 R >>`);
    const ops = lines
      .map((line) => `BT /F1 ${line.size ?? 11} Tf 1 0 0 1 ${line.x ?? 72} ${line.y} Tm ${pdfString(line.text)} Tj ET`)
      .join('\n');
    const stream = protect(contentNum, ops);
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  });
  let infoRef = '';
  if (spec.info) {
    const num = objects.length + 1;
    const entries = Object.entries(spec.info).map(([key, value]) => {
      // Text strings outside latin1 are written as UTF-16BE with a byte-order mark.
      const text = /^[\x20-\x7e]*$/.test(value) ? value : latin1(Uint8Array.from(Buffer.from(`\ufeff${value}`, 'utf16le').swap16()));
      const stored = protect(num, text);
      return `/${key} ${security ? hexString(Buffer.from(stored, 'latin1')) : pdfString(stored)}`;
    });
    add(`<< ${entries.join(' ')} >>`);
    infoRef = ` /Info ${num} 0 R`;
  }
  let encryptRef = '';
  if (security) {
    add(`<< /Filter /Standard /V 1 /R 2 /O ${hexString(security.o)} /U ${hexString(security.u)} /P ${permissions} >>`);
    encryptRef = ` /Encrypt ${objects.length} 0 R`;
  }

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoRef}${encryptRef} /ID [${hexString(id)} ${hexString(id)}] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// ---- a two-page report: title, a heading, paragraphs (one cut by the page break), page numbers ----

const P1a = 'The committee met on Tuesday to review the harbour project and its';
const P1b = 'costs, which have doubled since the plans were first drawn up.';
const P2a = 'After a long debate, members agreed to publish the findings next spring,';
const P2b = 'once the last hearings are over and the budget office has reported.';
const P3a = 'Residents asked for a public meeting. The council said it would hold one';
const P3b = 'in the town hall before the end of the month.';
const P4 = 'A final vote is expected in the autumn session.';

function reportPdf(extra: Partial<PdfSpec> = {}): Uint8Array {
  return makePdf({
    pages: [
      [
        { text: 'Harbour Project Review', y: 720, size: 20 },
        { text: P1a, y: 680 },
        { text: P1b, y: 666 },
        { text: P2a, x: 90, y: 646 },
        { text: P2b, y: 632 },
        { text: 'Findings', y: 606, size: 15 },
        { text: P3a, y: 586 },
        { text: '1', x: 300, y: 40, size: 9 },
      ],
      [
        { text: P3b, y: 720 },
        { text: P4, x: 90, y: 690 },
        { text: '2', x: 300, y: 40, size: 9 },
      ],
    ],
    info: { Title: 'Harbour Project Review', Author: 'Jane Doe', CreationDate: "D:20240105123456+01'00'" },
    ...extra,
  });
}


describe('PDF import', () => {
  test('paragraphs and headings from positions; the title line is not body text; page numbers go', async () => {
    const article = await extractArticle({ fileName: 'report.pdf', bytes: reportPdf() });
    expect(article.mediaType).toBe('application/pdf');
    expect(canonicalText(article.doc)).toBe([`${P1a} ${P1b}`, `${P2a} ${P2b}`, 'Findings', `${P3a} ${P3b}`, P4].join('\n\n'));
    const types = (article.doc.content ?? []).map((node) => node.type);
    expect(types).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph', 'paragraph']);
  });

  test('metadata: Title, Author, CreationDate (as an instant) and the catalog language', async () => {
    const article = await extractArticle({ fileName: 'report.pdf', bytes: reportPdf() });
    expect(article.title).toBe('Harbour Project Review');
    expect(article.byline).toBe('Jane Doe');
    expect(article.publishedAt).toBe('2024-01-05T11:34:56.000Z');
    expect(article.lang).toBe('en-GB');
    expect(article.excerpt.startsWith('The committee met on Tuesday')).toBe(true);
  });

  test('without document information: the large first line is the title; non-latin1 metadata decodes', async () => {
    const bare = await extractArticle({ fileName: 'bare.pdf', bytes: reportPdf({ info: undefined }) });
    expect(bare.title).toBe('Harbour Project Review');
    expect(bare.byline).toBeNull();
    expect(bare.publishedAt).toBeNull();
    const named = await extractArticle({
      fileName: 'named.pdf',
      bytes: reportPdf({ info: { Title: 'Отчёт о гавани', Author: 'Microsoft Office User' } }),
    });
    expect(named.title).toBe('Отчёт о гавани');
    // Placeholder authors that word processors write are nobody's name.
    expect(named.byline).toBeNull();
  });

  test('a PDF encrypted with an owner password only (copy-protected) opens and reads', async () => {
    const bytes = reportPdf({ encrypt: { userPassword: '', ownerPassword: 'owner-secret' } });
    const article = await extractArticle({ fileName: 'protected.pdf', bytes });
    expect(article.title).toBe('Harbour Project Review');
    expect(canonicalText(article.doc)).toContain(P1a);
  });

  test('a password-protected PDF is refused with a message naming the file', async () => {
    const bytes = reportPdf({ encrypt: { userPassword: 'secret', ownerPassword: 'owner-secret' } });
    const error = await importError('locked.pdf', bytes);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('locked.pdf');
    expect(error.message).toMatch(/password/);
  });

  test('corrupt PDFs: garbage after the header, a truncated file, a PDF with no pages', async () => {
    const garbage = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)]);
    for (const [name, bytes] of [
      ['garbage.pdf', garbage],
      ['truncated.pdf', reportPdf().subarray(0, 40)],
      ['not-a-pdf.pdf', new TextEncoder().encode('Just some text, not a PDF at all.')],
    ] as const) {
      const error = await importError(name, bytes);
      expect(['invalid_input', 'empty_file'], name).toContain(error.code);
      expect(error.message, name).toContain(name);
    }
  });

  test('a PDF whose pages hold no text (a scan) says so', async () => {
    const error = await importError('scan.pdf', makePdf({ pages: [[]] }));
    expect(error.code).toBe('empty_file');
    expect(error.message).toContain('scan.pdf');
    expect(error.message).toMatch(/scanned/);
  });

  test('the bytes given are left intact (pdf.js takes over the buffer it reads)', async () => {
    const bytes = reportPdf();
    const copy = bytes.slice();
    await extractArticle({ fileName: 'report.pdf', bytes });
    expect(bytes).toEqual(copy);
  });
});

describe('PDF layout (pure)', () => {
  const run = (text: string, y: number, x = 72, size = 10, width = text.length * size * 0.5): TextRun => ({
    text,
    x,
    y,
    width,
    size,
    endsLine: false,
  });

  test('runs on one baseline form one line, with a space where there is a gap', () => {
    const blocks = layoutPages([[run('Hello', 700, 72, 10, 25), run('world.', 700, 100, 10, 30)]]);
    expect(blocks.map((b) => b.text)).toEqual(['Hello world.']);
  });

  test('hyphenated words are joined only before a lowercase continuation; CJK lines join without a space', () => {
    expect(joinLines(['an inter-', 'national agreement'])).toBe('an international agreement');
    expect(joinLines(['the well-', 'Known case'])).toBe('the well- Known case');
    expect(joinLines(['日本語の', '文章です'])).toBe('日本語の文章です');
  });

  test('a running header repeated on every page is dropped', () => {
    const page = (n: number) => [run('Annual Report 2024', 760), run(`Body text of page ${n} goes here.`, 700), run(String(n), 40)];
    const blocks = layoutPages([page(1), page(2), page(3)]);
    expect(blocks.map((b) => b.text)).toEqual([1, 2, 3].map((n) => `Body text of page ${n} goes here.`));
  });
});
