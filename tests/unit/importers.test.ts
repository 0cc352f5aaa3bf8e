// Importer dispatch, errors, and the seed article of the product: the plain-text Diplomat clip.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import { importError } from './import-helpers';

const fixtureUrl = new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url);
const utf8 = (text: string) => new TextEncoder().encode(text);


const seedBytes = readFileSync(fixtureUrl);
const seedArticle = await extractArticle({ fileName: 'diplomat-pompeo-kim-pyongyang.txt', bytes: seedBytes });

describe('the seed clip (The Diplomat, plain text)', () => {
  const source = seedBytes.toString('utf8');
  const article = seedArticle;
  const body = canonicalText(article.doc);

  // The story is the run of blocks from its first paragraph to its last, as they are in the file.
  const blocks = source.split(/\n\s*\n/).map((block) => block.trim());
  const first = blocks.findIndex((block) => block.startsWith('In Pyongyang on Sunday'));
  const last = blocks.findIndex((block) => block.endsWith('Vice President Mike Pence.'));
  const story = blocks.slice(first, last + 1);

  test('detects the headline as the title, not the section name', () => {
    expect(article.title).toBe('US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang');
    expect(article.mediaType).toBe('text/plain');
    expect(article.encoding).toBe('utf-8');
  });

  test('keeps every story paragraph verbatim and nothing else', () => {
    expect(first).toBeGreaterThan(0);
    // The clip holds nine story paragraphs, from "In Pyongyang on Sunday" to "Vice President Mike Pence."
    expect(story).toHaveLength(9);
    for (const paragraph of story) expect(body).toContain(paragraph);
    expect(body).toBe(story.join('\n\n'));
    expect(body).toContain('\u00a0');
  });

  test('keeps the quote to annotate character for character', () => {
    expect(body).toContain('North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.');
  });

  test('leaves out navigation, the repeated headline, the photo credit and the jobs promotion', () => {
    for (const furniture of ['Recent Features', 'Flashpoints', 'Credit:', 'jobs board', 'Dreaming of a career'])
      expect(body).not.toContain(furniture);
    expect(body).not.toContain(article.title);
  });

  test('uses the dek as the excerpt, not as body text', () => {
    const dek = blocks.find((block) => block.startsWith('The meeting marks the highest level contact'));
    expect(article.excerpt).toBe(dek);
    expect(body).not.toContain(dek);
  });

  test('knows no date, URL or byline: the clip has none', () => {
    expect(article.publishedAt).toBeNull();
    expect(article.url).toBeNull();
    expect(article.byline).toBeNull();
  });
});

describe('plain text', () => {
  test('an ordinary clip: title on the first line, paragraphs after', async () => {
    const text = 'A Quiet Week in Parliament\n\nBy Jane Doe\n\nFirst paragraph of the story.\n\nSecond paragraph, which ends here.\n';
    const article = await extractArticle({ fileName: 'clip.txt', bytes: utf8(text) });
    expect(article.title).toBe('A Quiet Week in Parliament');
    expect(article.byline).toBe('Jane Doe');
    expect(canonicalText(article.doc)).toBe('First paragraph of the story.\n\nSecond paragraph, which ends here.');
    expect(article.excerpt).toBe('First paragraph of the story. Second paragraph, which ends here.');
  });

  test('a single paragraph: the title is its first words, the body all of it', async () => {
    const text = 'The committee met on Tuesday and agreed, after a long debate that ran well into the evening, to publish its findings on the harbour project next spring, once the last hearings are over.';
    const article = await extractArticle({ fileName: 'note.txt', bytes: utf8(text) });
    expect(article.title.endsWith('…')).toBe(true);
    expect(text.startsWith(article.title.slice(0, -1))).toBe(true);
    expect(canonicalText(article.doc)).toBe(text);
  });

  test('joins hard-wrapped lines of a paragraph with a space, keeps blank-line paragraphs apart', async () => {
    const text = 'Title of the Note\r\n\r\nThis paragraph was wrapped\r\nat a narrow width by\r\nthe tool that saved it.\r\n\r\n   An indented second paragraph.\r\n';
    const article = await extractArticle({ fileName: 'wrapped.TXT', bytes: utf8(text) });
    expect(article.title).toBe('Title of the Note');
    expect(canonicalText(article.doc)).toBe(
      'This paragraph was wrapped at a narrow width by the tool that saved it.\n\nAn indented second paragraph.',
    );
  });

  test('a title line directly above its paragraph', async () => {
    const text = 'Short Title Here\nThe body follows on the very next line and goes on for a good while longer than the title.';
    const article = await extractArticle({ fileName: 'tight.text', bytes: utf8(text) });
    expect(article.title).toBe('Short Title Here');
    expect(canonicalText(article.doc)).toBe(text.split('\n')[1]);
  });

  test('the same page furniture in another clip: section, repeated headline, dek, credit, promotions', async () => {
    const long = (n: number) => `Paragraph ${n} of the story, long enough to read as prose rather than as a menu item or a heading on the page.`;
    const text = [
      'World',
      'Harbour Talks Resume After a Long Winter Pause',
      'Latest News',
      'Harbour Talks Resume After a Long Winter Pause',
      'Negotiators met again on Monday to settle the harbour dispute.',
      'Harbour Talks Resume After a Long Winter Pause\nPhoto credit: Port Authority',
      long(1),
      long(2),
      'It was short.',
      'Advertisement',
      'Sign up for our newsletter\nFollow us on social media',
    ].join('\n\n');
    const article = await extractArticle({ fileName: 'other.txt', bytes: utf8(text) });
    expect(article.title).toBe('Harbour Talks Resume After a Long Winter Pause');
    expect(article.excerpt).toBe('Negotiators met again on Monday to settle the harbour dispute.');
    expect(canonicalText(article.doc)).toBe([long(1), long(2), 'It was short.'].join('\n\n'));
  });

  test('the seed clip saved with Windows line endings gives the same article', async () => {
    const bytes = readFileSync(fixtureUrl);
    const crlf = utf8(bytes.toString('utf8').replace(/\n/g, '\r\n'));
    const lf = await extractArticle({ fileName: 'seed.txt', bytes });
    const windows = await extractArticle({ fileName: 'seed.txt', bytes: crlf });
    expect(windows.title).toBe(lf.title);
    expect(windows.excerpt).toBe(lf.excerpt);
    expect(canonicalText(windows.doc)).toBe(canonicalText(lf.doc));
  });

  test('a NUL byte after a BOM is dropped, the rest is kept (payload J77a)', async () => {
    const text = '\ufeffText after a UTF-8 BOM, with a NUL byte here:\u0000 and more text.';
    const article = await extractArticle({ fileName: 'nul.txt', bytes: utf8(text) });
    expect(canonicalText(article.doc)).toBe('Text after a UTF-8 BOM, with a NUL byte here: and more text.');
  });
});

describe('dispatch and errors', () => {
  test('picks the importer by extension, in any case', async () => {
    expect((await extractArticle({ fileName: 'a.HTML', bytes: utf8('<p>Hello there, reader.</p>') })).mediaType).toBe('text/html');
    expect((await extractArticle({ fileName: 'a.htm', bytes: utf8('<p>Hello there, reader.</p>') })).mediaType).toBe('text/html');
    expect((await extractArticle({ fileName: 'a.xhtml', bytes: utf8('<p>Hello there, reader.</p>') })).mediaType).toBe(
      'application/xhtml+xml',
    );
    expect((await extractArticle({ fileName: 'a.Md', bytes: utf8('# Hi\n\nHello.') })).mediaType).toBe('text/markdown');
    expect((await extractArticle({ fileName: 'a.markdown', bytes: utf8('Hello.') })).mediaType).toBe('text/markdown');
    expect((await extractArticle({ fileName: 'dir/a.text', bytes: utf8('Hello.') })).mediaType).toBe('text/plain');
  });

  test('refuses an unsupported type, naming the file and what is supported', async () => {
    const error = await importError('report.odt', utf8('PK'));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain('report.odt');
    expect(error.message).toContain('.odt');
    for (const supported of ['.txt', '.html', '.md', '.docx', '.pdf', '.epub']) expect(error.message).toContain(supported);
    expect((await importError('README', utf8('text'))).code).toBe('unsupported_type');
    expect((await importError('archive.tar.gz', utf8('x'))).code).toBe('unsupported_type');
  });

  test('an unsupported type is reported before emptiness', async () => {
    expect((await importError('empty.odt', new Uint8Array())).code).toBe('unsupported_type');
  });

  test('refuses an empty file', async () => {
    const error = await importError('empty.txt', new Uint8Array());
    expect(error.code).toBe('empty_file');
    expect(error.message).toBe('"empty.txt" is empty: there is nothing to import.');
  });

  test('refuses a file of whitespace only, or of a byte-order mark only', async () => {
    expect((await importError('blank.md', utf8(' \n\t\r\n \u00a0\n'))).code).toBe('empty_file');
    expect((await importError('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf]))).code).toBe('empty_file');
    expect((await importError('blank.html', utf8('   \n'))).code).toBe('empty_file');
  });

  test('refuses a file that has no body text', async () => {
    const html = await importError('images.html', utf8('<html><head><title>Gallery</title></head><body><img src="a.png"></body></html>'));
    expect(html.code).toBe('empty_file');
    expect(html.message).toContain('images.html');
    expect((await importError('only-front-matter.md', utf8('---\ntitle: Nothing here\n---\n'))).code).toBe('empty_file');
    expect((await importError('script.html', utf8('<script>alert(1)</script>'))).code).toBe('empty_file');
  });

  test('refuses a binary file named as text, saying what it is (not an article of garbage)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 600 }, (_, i) => (i * 31) % 256)]);
    const asHtml = await importError('photo.html', png);
    expect(asHtml.code).toBe('invalid_input');
    expect(asHtml.message).toBe('Cannot import "photo.html": it is not a text file but a PNG image.');
    const pdf = await importError('report.html', utf8('%PDF-1.7\n1 0 obj << >> endobj\n'));
    expect(pdf.message).toContain('a PDF document (rename it to .pdf)');
    const zip = await importError('notes.md', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]));
    expect(zip.message).toContain('a ZIP archive');
    // Bytes of no known format: mostly control characters, far from any text.
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const unknown = await importError('data.txt', random);
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.message).toBe('Cannot import "data.txt": it is not a text file but binary data.');
  });

  test('refuses a page nested deeper than any real article', async () => {
    const deep = `<html><body>${'<div>'.repeat(5000)}<p>Deep text.</p>${'</div>'.repeat(5000)}</body></html>`;
    const error = await importError('deep.html', utf8(deep));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('deep.html');
  });
});
