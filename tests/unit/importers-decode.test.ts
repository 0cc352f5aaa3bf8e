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
  test('a windows-1252 text clip keeps its curly quotes and reports its encoding', () => {
    const article = extractArticle({
      fileName: 'legacy.txt',
      bytes: latin1('Old Clip Title\r\n\r\n\u0093Quoted,\u0094 he said \u0096 in caf\u00e9s.\r\n'),
    });
    expect(article.encoding).toBe('windows-1252');
    expect(canonicalText(article.doc)).toBe('“Quoted,” he said – in cafés.');
  });

  test('a UTF-16 Markdown file', () => {
    const article = extractArticle({ fileName: 'utf16.md', bytes: utf16('# Título\n\nCuerpo del artículo.', true) });
    expect(article.title).toBe('Título');
    expect(article.encoding).toBe('utf-16le');
    expect(canonicalText(article.doc)).toBe('Cuerpo del artículo.');
  });
});
