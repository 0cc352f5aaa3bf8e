// Decoding imported bytes: byte-order marks, declared charsets, the windows-1252 fallback.
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/main/core/importers';
import { decodeHtml, decodeText } from '../../src/main/core/importers/decode';
import { canonicalText } from '../../src/shared/canonical-text';

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe('decodeText', () => {
  test('UTF-8, with or without a BOM (the BOM is not text)', () => {
    expect(decodeText(utf8('café “quoted”'))).toEqual({ text: 'café “quoted”', encoding: 'utf-8' });
    expect(decodeText(utf8('\ufeffcafé'))).toEqual({ text: 'café', encoding: 'utf-8' });
  });

  test('UTF-16 LE and BE by their BOMs', () => {
    expect(decodeText(utf16('Ünïcode “text”', true))).toEqual({ text: 'Ünïcode “text”', encoding: 'utf-16le' });
    expect(decodeText(utf16('Ünïcode “text”', false))).toEqual({ text: 'Ünïcode “text”', encoding: 'utf-16be' });
  });

  test('UTF-16 LE without a BOM is recognised by its NUL bytes', () => {
    expect(decodeText(utf16('Plain ASCII words, saved as UTF-16.', true).subarray(2))).toEqual({
      text: 'Plain ASCII words, saved as UTF-16.',
      encoding: 'utf-16le',
    });
  });

  test('bytes that are not UTF-8 fall back to windows-1252', () => {
    expect(decodeText(latin1('caf\u00e9 \u0093quoted\u0094'))).toEqual({ text: 'café “quoted”', encoding: 'windows-1252' });
  });

  test('UTF-8 with one stray byte stays UTF-8 rather than turning every accent into mojibake', () => {
    const bytes = new Uint8Array([...utf8('café '), 0xff, ...utf8(' naïve')]);
    expect(decodeText(bytes)).toEqual({ text: 'café \ufffd naïve', encoding: 'utf-8' });
  });
});

describe('decodeHtml', () => {
  test('a declared charset is used: <meta charset> and http-equiv', () => {
    const declared = decodeHtml(latin1('<html><head><meta charset="ISO-8859-1"></head><body>caf\u00e9</body></html>'));
    expect(declared.encoding).toBe('windows-1252');
    expect(declared.text).toContain('café');
    const sjis = new Uint8Array([
      ...utf8('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>'),
      0x93, 0xfa, 0x96, 0x7b,
      ...utf8('</p>'),
    ]);
    expect(decodeHtml(sjis)).toEqual({ text: expect.stringContaining('<p>日本</p>'), encoding: 'shift_jis' });
  });

  test('a BOM wins over a declaration', () => {
    const bytes = utf8('\ufeff<meta charset="windows-1252"><p>café</p>');
    expect(decodeHtml(bytes)).toEqual({ text: '<meta charset="windows-1252"><p>café</p>', encoding: 'utf-8' });
  });

  test('no declaration: UTF-8 if valid, else windows-1252; unknown labels are ignored', () => {
    expect(decodeHtml(utf8('<p>café</p>')).encoding).toBe('utf-8');
    expect(decodeHtml(latin1('<p>caf\u00e9</p>'))).toEqual({ text: '<p>café</p>', encoding: 'windows-1252' });
    expect(decodeHtml(utf8('<meta charset="no-such-charset"><p>café</p>')).encoding).toBe('utf-8');
  });

  test('a page claiming UTF-16 in its <meta> is read as UTF-8 (it could not be read as ASCII otherwise)', () => {
    expect(decodeHtml(utf8('<meta charset="utf-16"><p>café</p>')).encoding).toBe('utf-8');
  });
});

describe('through the importer', () => {
  test('a windows-1252 text clip keeps its curly quotes and reports its encoding', async () => {
    const article = await extractArticle({
      fileName: 'legacy.txt',
      bytes: latin1('Old Clip Title\r\n\r\n\u0093Quoted,\u0094 he said \u0096 in caf\u00e9s.\r\n'),
    });
    expect(article.encoding).toBe('windows-1252');
    expect(canonicalText(article.doc)).toBe('“Quoted,” he said – in cafés.');
  });

  test('a UTF-16 Markdown file', async () => {
    const article = await extractArticle({ fileName: 'utf16.md', bytes: utf16('# Título\n\nCuerpo del artículo.', true) });
    expect(article.title).toBe('Título');
    expect(article.encoding).toBe('utf-16le');
    expect(canonicalText(article.doc)).toBe('Cuerpo del artículo.');
  });
});

// Legacy-encoded bytes, written out by hand (TextEncoder only writes UTF-8); Node's TextDecoder reads them.
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));
const JAPANESE = '東京の天気は晴れです。今日は午後から会議があり、新しい計画について話し合います。';
const SHIFT_JIS = hex(
  '938c8b9e82cc93568b4382cd90b082ea82c582b781428da193fa82cd8cdf8ce382a982e789ef8b6382aa82a082e88141905682b582a28c7689e682c982c282a282c4986282b58d8782a282dc82b78142',
);
const EUC_JP = hex(
  'c5ecb5fea4cec5b7b5a4a4cfc0b2a4eca4c7a4b9a1a3baa3c6fca4cfb8e1b8e5a4aba4e9b2f1b5c4a4aca4a2a4eaa1a2bfb7a4b7a4a4b7d7b2e8a4cba4c4a4a4a4c6cfc3a4b7b9e7a4a4a4dea4b9a1a3',
);
const CHINESE = '这是一篇关于中国经济发展的文章。我们的国家在不断进步，人民的生活越来越好。';
const GBK = hex(
  'd5e2cac7d2bbc6aab9d8d3dad6d0b9fabeadbcc3b7a2d5b9b5c4cec4d5c2a1a3ced2c3c7b5c4b9fabcd2d4dab2bbb6cfbdf8b2bda3acc8cbc3f1b5c4c9fabbeed4bdc0b4d4bdbac3a1a3',
);
const TRADITIONAL = '這是一篇關於經濟發展的文章。我們的國家在不斷進步，人民的生活越來越好。';
const BIG5 = hex(
  'b36fac4fa440bd67c3f6a9f3b867c0d9b56fae69aabaa4e5b3b9a143a7daadccaabab0eaae61a662a4a3c25fb669a842a141a448a5c1aabaa5cdaca1b656a8d3b656a66ea143',
);
const KOREAN = '이것은 한국어로 쓴 기사입니다. 우리는 서울에서 회의를 하고 있습니다.';
const EUC_KR = hex(
  'c0ccb0cdc0ba20c7d1b1b9beeeb7ce20beb420b1e2bbe7c0d4b4cfb4d92e20bfecb8aeb4c220bcadbfefbfa1bcad20c8b8c0c7b8a620c7cfb0ed20c0d6bdc0b4cfb4d92e',
);
const RUSSIAN = 'Это статья о развитии экономики. Мы говорим о новых планах.';
const WINDOWS_1251 = hex('ddf2ee20f1f2e0f2fcff20ee20f0e0e7e2e8f2e8e820fdeaeeedeeece8eae82e20ccfb20e3eee2eef0e8ec20ee20edeee2fbf520efebe0ede0f52e');
const GERMAN = 'Größere Änderungen für Übersetzungen, schöne Grüße aus München.';
const GERMAN_1252 = hex('4772f6df65726520c46e646572756e67656e2066fc7220dc6265727365747a756e67656e2c20736368f66e65204772fcdf6520617573204dfc6e6368656e2e');
const FRENCH = 'Crème brûlée à la carte, déjà vu, résumé: «Ça coûte cher», dit-il.';
const FRENCH_1252 = hex('4372e86d65206272fb6ce96520e0206c612063617274652c2064e96ae02076752c2072e973756de93a20abc76120636ffb74652063686572bb2c206469742d696c2e');

const page = (head: string, body: Uint8Array) =>
  new Uint8Array([...utf8(`<html><head>${head}<title>T</title></head><body><p>`), ...body, ...utf8('</p></body></html>')]);

describe('legacy encodings without a declaration are recognised', () => {
  test.each([
    ['shift_jis', SHIFT_JIS, JAPANESE],
    ['euc-jp', EUC_JP, JAPANESE],
    ['gbk', GBK, CHINESE],
    ['big5', BIG5, TRADITIONAL],
    ['euc-kr', EUC_KR, KOREAN],
    ['windows-1251', WINDOWS_1251, RUSSIAN],
    ['windows-1252', GERMAN_1252, GERMAN],
    ['windows-1252', FRENCH_1252, FRENCH],
  ])('%s: %s', (encoding, bytes, text) => {
    expect(decodeText(bytes)).toEqual({ text, encoding });
    const html = decodeHtml(page('', bytes));
    expect(html.encoding).toBe(encoding);
    expect(html.text).toContain(`<p>${text}</p>`);
  });
});

describe('declared charsets that lie', () => {
  test('a page that says gb2312 and is UTF-8 is read as UTF-8', () => {
    const bytes = utf8(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>${CHINESE}</p></body></html>`);
    expect(decodeHtml(bytes)).toEqual({ text: expect.stringContaining(CHINESE), encoding: 'utf-8' });
  });

  test('a page that says iso-8859-1 and is Shift_JIS or windows-1251', () => {
    expect(decodeHtml(page('<meta charset="iso-8859-1">', SHIFT_JIS)).encoding).toBe('shift_jis');
    expect(decodeHtml(page('<meta charset="iso-8859-1">', WINDOWS_1251)).encoding).toBe('windows-1251');
    // …and one that says it truly, in a Western language, stays windows-1252.
    expect(decodeHtml(page('<meta charset="iso-8859-1">', GERMAN_1252)).text).toContain(GERMAN);
  });

  test('a page that says gb2312 and is Shift_JIS (which the GBK decoder accepts without error)', () => {
    const decoded = decodeHtml(page('<meta charset="gb2312">', SHIFT_JIS));
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text).toContain(JAPANESE);
  });

  test('a page that says UTF-8 and is GBK', () => {
    expect(decodeHtml(page('<meta charset="utf-8">', GBK))).toEqual({ text: expect.stringContaining(CHINESE), encoding: 'gbk' });
  });

  test('a true declaration is kept, and ASCII pages keep a 7-bit declaration (ISO-2022-JP)', () => {
    expect(decodeHtml(page('<meta charset="euc-kr">', EUC_KR)).encoding).toBe('euc-kr');
    // "日本" in ISO-2022-JP: ESC $ B, two JIS X 0208 characters, ESC ( B.
    const jis = page('<meta charset="iso-2022-jp">', hex('1b2442467c4b5c1b2842'));
    expect(decodeHtml(jis)).toEqual({ text: expect.stringContaining('<p>日本</p>'), encoding: 'iso-2022-jp' });
  });

  test('an XML declaration counts as a declaration (XHTML, EPUB chapters)', () => {
    const bytes = new Uint8Array([...utf8('<?xml version="1.0" encoding="Shift_JIS"?><html><body><p>'), ...SHIFT_JIS, ...utf8('</p></body></html>')]);
    expect(decodeHtml(bytes).encoding).toBe('shift_jis');
  });

  test('UTF-16 without a BOM, and a page whose <meta> claims UTF-16 while being ASCII', () => {
    const text = '<html><body><p>Ünïcode page</p></body></html>';
    expect(decodeHtml(utf16(text, true).subarray(2))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeHtml(utf16(text, false).subarray(2))).toEqual({ text, encoding: 'utf-16be' });
  });
});

describe('replacement characters are never stored silently', () => {
  test('invalid UTF-8 in a text clip: the text is kept, the lost bytes are reported', async () => {
    const bytes = new Uint8Array([...utf8('Title of the clip\n\nCafé prices rose '), 0xc3, 0x28, ...utf8(' in the naïve market.\n')]);
    const article = await extractArticle({ fileName: 'broken.txt', bytes });
    expect(canonicalText(article.doc)).toBe('Café prices rose \ufffd( in the naïve market.');
    expect(article.warnings).toHaveLength(1);
    expect(article.warnings?.[0]).toMatch(/1 character of "broken\.txt" could not be read as utf-8/);
  });

  test('a page declared as Shift_JIS with bytes that are not: the warning counts every lost character', async () => {
    const bytes = page('<meta charset="shift_jis">', new Uint8Array([...SHIFT_JIS, 0x81, 0x20, 0x82, 0x20]));
    const article = await extractArticle({ fileName: 'page.html', bytes });
    expect(canonicalText(article.doc)).toContain(JAPANESE);
    expect(article.warnings?.[0]).toMatch(/^2 characters of "page\.html" could not be read as shift_jis/);
  });

  test('clean text carries no warnings', async () => {
    const article = await extractArticle({ fileName: 'ok.txt', bytes: utf8('Title\n\nBody text.') });
    expect(article.warnings).toBeUndefined();
  });
});
