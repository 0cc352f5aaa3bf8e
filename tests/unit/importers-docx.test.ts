// Word (.docx) import, on documents built here as ZIP archives: body through mammoth, title and author
// from the core properties, and clear refusals of damaged and locked files.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import type { DocNode } from '../../src/shared/model';
import { importError } from './import-helpers';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph, optionally in a built-in style (Heading1, Title...), with optional bold and italic runs. */
function para(text: string, style?: string): string {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

function core(fields: { title?: string; creator?: string; language?: string; created?: string }): string {
  const entries = [
    fields.title !== undefined ? `<dc:title>${escapeXml(fields.title)}</dc:title>` : '',
    fields.creator !== undefined ? `<dc:creator>${escapeXml(fields.creator)}</dc:creator>` : '',
    fields.language !== undefined ? `<dc:language>${fields.language}</dc:language>` : '',
    fields.created !== undefined ? `<dcterms:created xsi:type="dcterms:W3CDTF">${fields.created}</dcterms:created>` : '',
  ];
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${entries.join('')}</cp:coreProperties>`;
}

function docx(body: string, coreXml?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
  };
  if (coreXml) files['docProps/core.xml'] = strToU8(coreXml);
  return zipSync(files);
}


const types = (doc: DocNode) => (doc.content ?? []).map((node) => node.type);

describe('Word import', () => {
  const body =
    para('Harbour Talks Resume', 'Heading1') +
    para('Negotiators met again on Monday, “at last”, to settle the harbour dispute.') +
    para('Background', 'Heading2') +
    para('The dispute began in 2019 & has cost <both> sides dearly.');

  test('title and author from the core properties; headings and paragraphs kept', async () => {
    const article = await extractArticle({
      fileName: 'talks.docx',
      bytes: docx(body, core({ title: 'Harbour Talks Resume', creator: 'Jane Doe', language: 'en-GB', created: '2024-03-01T10:00:00Z' })),
    });
    expect(article.title).toBe('Harbour Talks Resume');
    expect(article.byline).toBe('Jane Doe');
    expect(article.lang).toBe('en-GB');
    expect(article.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // The first heading repeats the title, so it is the title, not body text.
    expect(canonicalText(article.doc)).toBe(
      'Negotiators met again on Monday, “at last”, to settle the harbour dispute.\n\nBackground\n\nThe dispute began in 2019 & has cost <both> sides dearly.',
    );
    expect(types(article.doc)).toEqual(['paragraph', 'heading', 'paragraph']);
    // The file's creation date is not when the text was published.
    expect(article.publishedAt).toBeNull();
  });

  test('without a title in the properties, the first heading; without one, the file name', async () => {
    expect((await extractArticle({ fileName: 'a.docx', bytes: docx(body) })).title).toBe('Harbour Talks Resume');
    const plain = await extractArticle({ fileName: 'Meeting notes.docx', bytes: docx(para('Just one paragraph of notes.')) });
    expect(plain.title).toBe('Meeting notes');
    expect(canonicalText(plain.doc)).toBe('Just one paragraph of notes.');
  });

  test('a title in the properties that differs from the first heading leaves the heading in the body', async () => {
    const article = await extractArticle({ fileName: 'b.docx', bytes: docx(body, core({ title: 'Weekly Brief' })) });
    expect(article.title).toBe('Weekly Brief');
    expect(canonicalText(article.doc).startsWith('Harbour Talks Resume\n\n')).toBe(true);
  });

  test('placeholder authors and titles that Word leaves behind are ignored', async () => {
    const article = await extractArticle({
      fileName: 'c.docx',
      bytes: docx(body, core({ title: 'Document1', creator: 'Microsoft Office User' })),
    });
    expect(article.title).toBe('Harbour Talks Resume');
    expect(article.byline).toBeNull();
  });

  test('a hyperlink keeps its text and web address; nothing active gets through', async () => {
    const rels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/report" TargetMode="External"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/></Relationships>';
    const linkBody = `<w:p><w:r><w:t xml:space="preserve">Read </w:t></w:r><w:hyperlink xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId5"><w:r><w:t>the report</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> or </w:t></w:r><w:hyperlink xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId6"><w:r><w:t>this</w:t></w:r></w:hyperlink></w:p>`;
    const zip = zipSync({
      ...Object.fromEntries(
        Object.entries({
          '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
          '_rels/.rels':
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
          'word/_rels/document.xml.rels': rels,
          'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${linkBody}</w:body></w:document>`,
        }).map(([name, text]) => [name, strToU8(text)]),
      ),
    });
    const article = await extractArticle({ fileName: 'links.docx', bytes: zip });
    expect(canonicalText(article.doc)).toBe('Read the report or this');
    const json = JSON.stringify(article.doc);
    expect(json).toContain('https://example.org/report');
    expect(json).not.toContain('javascript:');
  });
});

describe('Word: bad input', () => {
  test('a file that is not a ZIP archive', async () => {
    const error = await importError('broken.docx', new TextEncoder().encode('This is not a Word document at all.'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('broken.docx');
  });

  test('a truncated archive', async () => {
    const bytes = docx(para('Some text.'));
    const error = await importError('truncated.docx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('truncated.docx');
  });

  test('a ZIP archive that is not a Word document', async () => {
    const error = await importError('other.docx', zipSync({ 'hello.txt': strToU8('hello') }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('other.docx');
    expect(error.message).toMatch(/not a Word/);
  });

  test('a password-protected document (an OLE compound file, as Word saves them)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await importError('secret.docx', ole);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('secret.docx');
    expect(error.message).toMatch(/password/);
  });

  test('a document with no text', async () => {
    expect((await importError('blank.docx', docx(''))).code).toBe('empty_file');
  });
});
