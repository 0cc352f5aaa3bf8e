// Importer dispatch, errors, and the seed article of the product: the plain-text Diplomat clip.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import { DossierError } from '../../src/shared/errors';

const fixtureUrl = new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url);
const utf8 = (text: string) => new TextEncoder().encode(text);

function importError(fileName: string, bytes: Uint8Array): DossierError {
  try {
    extractArticle({ fileName, bytes });
  } catch (error) {
    if (error instanceof DossierError) return error;
    throw error;
  }
  throw new Error(`importing ${fileName} did not fail`);
}

describe('the seed clip (The Diplomat, plain text)', () => {
  const bytes = readFileSync(fixtureUrl);
  const source = bytes.toString('utf8');
  const article = extractArticle({ fileName: 'diplomat-pompeo-kim-pyongyang.txt', bytes });
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
  test('an ordinary clip: title on the first line, paragraphs after', () => {
    const text = 'A Quiet Week in Parliament\n\nBy Jane Doe\n\nFirst paragraph of the story.\n\nSecond paragraph, which ends here.\n';
    const article = extractArticle({ fileName: 'clip.txt', bytes: utf8(text) });
    expect(article.title).toBe('A Quiet Week in Parliament');
    expect(article.byline).toBe('Jane Doe');
    expect(canonicalText(article.doc)).toBe('First paragraph of the story.\n\nSecond paragraph, which ends here.');
    expect(article.excerpt).toBe('First paragraph of the story. Second paragraph, which ends here.');
  });

  test('a single paragraph: the title is its first words, the body all of it', () => {
    const text = 'The committee met on Tuesday and agreed, after a long debate that ran well into the evening, to publish its findings on the harbour project next spring, once the last hearings are over.';
    const article = extractArticle({ fileName: 'note.txt', bytes: utf8(text) });
    expect(article.title.endsWith('…')).toBe(true);
    expect(text.startsWith(article.title.slice(0, -1))).toBe(true);
    expect(canonicalText(article.doc)).toBe(text);
  });

  test('joins hard-wrapped lines of a paragraph with a space, keeps blank-line paragraphs apart', () => {
    const text = 'Title of the Note\r\n\r\nThis paragraph was wrapped\r\nat a narrow width by\r\nthe tool that saved it.\r\n\r\n   An indented second paragraph.\r\n';
    const article = extractArticle({ fileName: 'wrapped.TXT', bytes: utf8(text) });
    expect(article.title).toBe('Title of the Note');
    expect(canonicalText(article.doc)).toBe(
      'This paragraph was wrapped at a narrow width by the tool that saved it.\n\nAn indented second paragraph.',
    );
  });

  test('a title line directly above its paragraph', () => {
    const text = 'Short Title Here\nThe body follows on the very next line and goes on for a good while longer than the title.';
    const article = extractArticle({ fileName: 'tight.text', bytes: utf8(text) });
    expect(article.title).toBe('Short Title Here');
    expect(canonicalText(article.doc)).toBe(text.split('\n')[1]);
  });

  test('the same page furniture in another clip: section, repeated headline, dek, credit, promotions', () => {
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
    const article = extractArticle({ fileName: 'other.txt', bytes: utf8(text) });
    expect(article.title).toBe('Harbour Talks Resume After a Long Winter Pause');
    expect(article.excerpt).toBe('Negotiators met again on Monday to settle the harbour dispute.');
    expect(canonicalText(article.doc)).toBe([long(1), long(2), 'It was short.'].join('\n\n'));
  });

  test('the seed clip saved with Windows line endings gives the same article', () => {
    const bytes = readFileSync(fixtureUrl);
    const crlf = utf8(bytes.toString('utf8').replace(/\n/g, '\r\n'));
    const lf = extractArticle({ fileName: 'seed.txt', bytes });
    const windows = extractArticle({ fileName: 'seed.txt', bytes: crlf });
    expect(windows.title).toBe(lf.title);
    expect(windows.excerpt).toBe(lf.excerpt);
    expect(canonicalText(windows.doc)).toBe(canonicalText(lf.doc));
  });

  test('a NUL byte after a BOM is dropped, the rest is kept (payload J77a)', () => {
    const text = '\ufeffText after a UTF-8 BOM, with a NUL byte here:\u0000 and more text.';
    const article = extractArticle({ fileName: 'nul.txt', bytes: utf8(text) });
    expect(canonicalText(article.doc)).toBe('Text after a UTF-8 BOM, with a NUL byte here: and more text.');
  });
});

describe('dispatch and errors', () => {
  test('picks the importer by extension, in any case', () => {
    expect(extractArticle({ fileName: 'a.HTML', bytes: utf8('<p>Hello there, reader.</p>') }).mediaType).toBe('text/html');
    expect(extractArticle({ fileName: 'a.htm', bytes: utf8('<p>Hello there, reader.</p>') }).mediaType).toBe('text/html');
    expect(extractArticle({ fileName: 'a.xhtml', bytes: utf8('<p>Hello there, reader.</p>') }).mediaType).toBe(
      'application/xhtml+xml',
    );
    expect(extractArticle({ fileName: 'a.Md', bytes: utf8('# Hi\n\nHello.') }).mediaType).toBe('text/markdown');
    expect(extractArticle({ fileName: 'a.markdown', bytes: utf8('Hello.') }).mediaType).toBe('text/markdown');
    expect(extractArticle({ fileName: 'dir/a.text', bytes: utf8('Hello.') }).mediaType).toBe('text/plain');
  });

  test('refuses an unsupported type, naming the file and what is supported', () => {
    const error = importError('report.pdf', utf8('%PDF-1.7'));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain('report.pdf');
    expect(error.message).toContain('.pdf');
    for (const supported of ['.txt', '.html', '.md']) expect(error.message).toContain(supported);
    expect(importError('README', utf8('text')).code).toBe('unsupported_type');
    expect(importError('archive.tar.gz', utf8('x')).code).toBe('unsupported_type');
  });

  test('an unsupported type is reported before emptiness', () => {
    expect(importError('empty.docx', new Uint8Array()).code).toBe('unsupported_type');
  });

  test('refuses an empty file', () => {
    const error = importError('empty.txt', new Uint8Array());
    expect(error.code).toBe('empty_file');
    expect(error.message).toBe('"empty.txt" is empty: there is nothing to import.');
  });

  test('refuses a file of whitespace only, or of a byte-order mark only', () => {
    expect(importError('blank.md', utf8(' \n\t\r\n \u00a0\n')).code).toBe('empty_file');
    expect(importError('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf])).code).toBe('empty_file');
    expect(importError('blank.html', utf8('   \n')).code).toBe('empty_file');
  });

  test('refuses a file that has no body text', () => {
    const html = importError('images.html', utf8('<html><head><title>Gallery</title></head><body><img src="a.png"></body></html>'));
    expect(html.code).toBe('empty_file');
    expect(html.message).toContain('images.html');
    expect(importError('only-front-matter.md', utf8('---\ntitle: Nothing here\n---\n')).code).toBe('empty_file');
    expect(importError('script.html', utf8('<script>alert(1)</script>')).code).toBe('empty_file');
  });

  test('refuses a page nested deeper than any real article', () => {
    const deep = `<html><body>${'<div>'.repeat(5000)}<p>Deep text.</p>${'</div>'.repeat(5000)}</body></html>`;
    const error = importError('deep.html', utf8(deep));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('deep.html');
  });
});
