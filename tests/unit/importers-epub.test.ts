// EPUB import, on books built here as ZIP archives: one article per book, chapters in spine order under
// headings from the table of contents, metadata from the package file, and hostile or broken archives.
import { existsSync } from 'node:fs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { canonicalText } from '../../src/shared/canonical-text';
import type { DocNode } from '../../src/shared/model';
import { importError } from './import-helpers';

const CONTAINER = (opfPath: string) =>
  `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="${opfPath}" media-type="application/oebps-package+xml"/></rootfiles></container>`;

const chapter = (title: string, body: string, head = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title>${head}</head><body>${body}</body></html>`;

function epub(files: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Zippable = { mimetype: [strToU8('application/epub+zip'), { level: 0 }] };
  for (const [name, content] of Object.entries(files)) zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(zippable);
}

/** An EPUB 3 book: a cover of just a picture, three chapters (the spine orders them differently from the
 * manifest), a navigation document, and a linear="no" note. */
function book3(): Uint8Array {
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1</dc:identifier>
    <dc:title>The Harbour Years</dc:title>
    <dc:creator>Jane Doe</dc:creator>
    <dc:language>en</dc:language>
    <dc:date>2019-05-01</dc:date>
    <dc:publisher>Quay Press</dc:publisher>
    <dc:description>&lt;p&gt;A history of the &lt;b&gt;harbour&lt;/b&gt; dispute.&lt;/p&gt;</dc:description>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="c3" href="text/ch%203.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="note" href="text/note.xhtml" media-type="application/xhtml+xml"/>
    <item id="img" href="images/cover.jpg" media-type="image/jpeg"/>
  </manifest>
  <spine>
    <itemref idref="cover"/>
    <itemref idref="nav"/>
    <itemref idref="c1"/>
    <itemref idref="c2"/>
    <itemref idref="note" linear="no"/>
    <itemref idref="c3"/>
  </spine>
</package>`;
  const nav = chapter(
    'Contents',
    '<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml">Chapter One: Arrival</a></li><li><a href="text/ch2.xhtml#start">Chapter Two: Talks</a></li><li><a href="text/ch%203.xhtml">Chapter Three: After</a></li></ol></nav>',
  );
  return epub({
    'META-INF/container.xml': CONTAINER('OEBPS/content.opf'),
    'OEBPS/content.opf': opf,
    'OEBPS/nav.xhtml': nav,
    'OEBPS/text/cover.xhtml': chapter('Cover', '<div><img src="../images/cover.jpg" alt="Cover"/></div>'),
    // No heading of its own: the table of contents gives it one. XHTML's self-closed elements must not
    // swallow what follows them (a strict HTML parser reads <script/> as a script running to the end).
    'OEBPS/text/ch1.xhtml': chapter(
      'ch1',
      '<p>The first boats came in spring.<a id="p1"/></p><div class="sep"/><p>They stayed <em>all</em> summer.</p>',
      '<script type="text/javascript" src="../js/reader.js"/><link rel="stylesheet" href="../style.css"/>',
    ),
    'OEBPS/text/ch2.xhtml': chapter('ch2', '<h1 id="start">Talks</h1><p>Talks began in the autumn, <a href="ch1.xhtml">after the arrival</a>.</p>'),
    'OEBPS/text/note.xhtml': chapter('note', '<p>A note outside the reading order.</p>'),
    'OEBPS/text/ch 3.xhtml': chapter('ch3', '<p>Nothing was the same again.</p>'),
    'OEBPS/images/cover.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
  });
}


const headings = (doc: DocNode) =>
  (doc.content ?? []).filter((node) => node.type === 'heading').map((node) => node.content?.map((t) => t.text).join(''));

describe('EPUB import', () => {
  test('one article: chapters in spine order, each under a heading; cover, contents and notes left out', async () => {
    const article = await extractArticle({ fileName: 'harbour.epub', bytes: book3() });
    expect(canonicalText(article.doc)).toBe(
      [
        'Chapter One: Arrival',
        'The first boats came in spring.',
        'They stayed all summer.',
        'Talks',
        'Talks began in the autumn, after the arrival.',
        'Chapter Three: After',
        'Nothing was the same again.',
      ].join('\n\n'),
    );
    expect(headings(article.doc)).toEqual(['Chapter One: Arrival', 'Talks', 'Chapter Three: After']);
    // Links between chapters point nowhere outside the book: their text stays, the link goes.
    expect(JSON.stringify(article.doc)).not.toContain('ch1.xhtml');
  });

  test('metadata from the package file', async () => {
    const article = await extractArticle({ fileName: 'harbour.epub', bytes: book3() });
    expect(article.title).toBe('The Harbour Years');
    expect(article.byline).toBe('Jane Doe');
    expect(article.publishedAt).toBe('2019-05-01');
    expect(article.lang).toBe('en');
    expect(article.siteName).toBe('Quay Press');
    expect(article.excerpt).toBe('A history of the harbour dispute.');
    expect(article.mediaType).toBe('application/epub+zip');
    expect(article.encoding).toBe('utf-8');
  });

  test('EPUB 2: the NCX table of contents, author roles, the publication date among others', async () => {
    const opf = `<?xml version="1.0"?>
<opf:package xmlns:opf="http://www.idpf.org/2007/opf" version="2.0">
  <opf:metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>Старая гавань</dc:title>
    <dc:creator opf:role="aut">Иван Петров</dc:creator>
    <dc:creator opf:role="edt">An Editor</dc:creator>
    <dc:date opf:event="modification">2021-01-01</dc:date>
    <dc:date opf:event="publication">1999</dc:date>
    <dc:language>ru</dc:language>
  </opf:metadata>
  <opf:manifest>
    <opf:item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <opf:item id="a" href="a.html" media-type="application/xhtml+xml"/>
  </opf:manifest>
  <opf:spine toc="ncx"><opf:itemref idref="a"/></opf:spine>
</opf:package>`;
    const ncx = `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint id="n1"><navLabel><text>Глава первая</text></navLabel><content src="a.html"/></navPoint></navMap></ncx>`;
    // A chapter in a legacy encoding, as its XML declaration says.
    const html = `<?xml version="1.0" encoding="windows-1251"?><html><body><p>Текст главы.</p></body></html>`;
    // windows-1251 bytes for the chapter, written by hand: "Текст главы."
    const cp1251: Record<string, number> = { Т: 0xd2, е: 0xe5, к: 0xea, с: 0xf1, т: 0xf2, г: 0xe3, л: 0xeb, а: 0xe0, в: 0xe2, ы: 0xfb };
    const legacy = Uint8Array.from(html, (c) => cp1251[c] ?? c.charCodeAt(0));
    const bytes = epub({ 'META-INF/container.xml': CONTAINER('content.opf'), 'content.opf': opf, 'toc.ncx': ncx, 'a.html': legacy });
    const article = await extractArticle({ fileName: 'old.epub', bytes });
    expect(article.title).toBe('Старая гавань');
    expect(article.byline).toBe('Иван Петров');
    expect(article.publishedAt).toBe('1999');
    expect(article.lang).toBe('ru');
    expect(article.encoding).toBe('windows-1251');
    expect(canonicalText(article.doc)).toBe('Глава первая\n\nТекст главы.');
  });

  test('hostile entry names (../) and hrefs that climb out of the book are harmless', async () => {
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Climb</dc:title></metadata><manifest><item id="a" href="../../../../tmp/dossier-epub-evil.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>`;
    const bytes = epub({
      'META-INF/container.xml': CONTAINER('OPS/content.opf'),
      'OPS/content.opf': opf,
      '../../../../tmp/dossier-epub-evil.xhtml': chapter('evil', '<p>Text from outside the book.</p>'),
      'OPS/b.xhtml': chapter('b', '<p>The real chapter.</p>'),
    });
    const article = await extractArticle({ fileName: 'climb.epub', bytes });
    // The href names "tmp/dossier-epub-evil.xhtml" inside the archive, which holds no such entry.
    expect(canonicalText(article.doc)).toBe('The real chapter.');
    expect(existsSync('/tmp/dossier-epub-evil.xhtml')).toBe(false);
  });

  test('scripts and handlers in chapters stay inert', async () => {
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>X</dc:title></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`;
    const bytes = epub({
      'META-INF/container.xml': CONTAINER('content.opf'),
      'content.opf': opf,
      'a.xhtml': chapter('a', '<script>alert(1)</script><p onclick="alert(1)">Safe <a href="javascript:alert(1)">text</a>.</p><img src="x" onerror="alert(1)"/>'),
    });
    const article = await extractArticle({ fileName: 'x.epub', bytes });
    expect(canonicalText(article.doc)).toBe('Safe text.');
    expect(JSON.stringify(article.doc)).not.toMatch(/alert|javascript|onclick|onerror/);
  });
});

describe('EPUB: bad input', () => {
  test('not a ZIP archive; a truncated one', async () => {
    const notZip = await importError('book.epub', new TextEncoder().encode('Not a book at all, just text.'));
    expect(notZip.code).toBe('invalid_input');
    expect(notZip.message).toContain('book.epub');
    const bytes = book3();
    const truncated = await importError('cut.epub', bytes.subarray(0, bytes.length - 30));
    expect(truncated.code).toBe('invalid_input');
    expect(truncated.message).toContain('cut.epub');
  });

  test('no container.xml; a container naming a missing package file; a package without chapters', async () => {
    const noContainer = await importError('a.epub', epub({ 'OEBPS/content.opf': '<package/>' }));
    expect(noContainer.message).toMatch(/a\.epub.*container\.xml/);
    const noOpf = await importError('b.epub', epub({ 'META-INF/container.xml': CONTAINER('missing.opf') }));
    expect(noOpf.code).toBe('invalid_input');
    expect(noOpf.message).toContain('b.epub');
    const empty = await importError(
      'c.epub',
      epub({ 'META-INF/container.xml': CONTAINER('p.opf'), 'p.opf': '<package><manifest/><spine/></package>' }),
    );
    expect(empty.code).toBe('invalid_input');
    expect(empty.message).toMatch(/no chapters/);
  });

  test('a DRM-protected book is refused; obfuscated fonts alone are fine', async () => {
    const encryption = (algorithm: string, uri: string) =>
      `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>X</dc:title></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`;
    const base = { 'META-INF/container.xml': CONTAINER('content.opf'), 'content.opf': opf, 'a.xhtml': chapter('a', '<p>Chapter text.</p>') };
    const drm = await importError(
      'drm.epub',
      epub({ ...base, 'META-INF/encryption.xml': encryption('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'a.xhtml') }),
    );
    expect(drm.code).toBe('invalid_input');
    expect(drm.message).toMatch(/drm\.epub.*DRM/);
    const fonts = await extractArticle({
      fileName: 'fonts.epub',
      bytes: epub({ ...base, 'META-INF/encryption.xml': encryption('http://www.idpf.org/2008/embedding', 'fonts/a.otf') }),
    });
    expect(canonicalText(fonts.doc)).toBe('Chapter text.');
  });
});
