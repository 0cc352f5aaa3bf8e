// Bytes → text: byte-order marks, an HTML page's declared charset (unless the bytes prove it wrong), else
// UTF-8, else a guess among legacy encodings.
import { guessLegacyEncoding, MIN_SCORE, rankLegacyEncodings } from './detect';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "utf-16le", "windows-1252", "shift_jis". */
  encoding: string;
}

const SNIFF_BYTES = 4096;

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 text without a BOM shows as a NUL byte beside nearly every ASCII character. */
function sniffUtf16(bytes: Uint8Array): string | null {
  const length = Math.min(bytes.length, 512) & ~1;
  if (length < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** The charset a page declares in <meta charset> or <meta http-equiv="Content-Type"> near its start, or
 * in an XML declaration (XHTML, EPUB chapters). */
function declaredCharset(bytes: Uint8Array): string | null {
  // Declarations are ASCII, so reading the head as latin1 finds them whatever the real encoding is.
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, SNIFF_BYTES));
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const match = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (!match) continue;
    const encoding = normalizeLabel(match[1]);
    if (encoding) return encoding;
  }
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? normalizeLabel(xml[1]) : null;
}

function normalizeLabel(label: string): string | null {
  try {
    const encoding = new TextDecoder(label).encoding;
    // A page whose <meta> could be read as ASCII is not UTF-16, whatever it says (HTML spec).
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return null;
  }
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Bytes that are not valid UTF-8: UTF-8 all the same if they hold real multi-byte UTF-8 sequences (a
 * few stray bytes in a UTF-8 file: replacement characters lose less than mojibake everywhere), else the
 * legacy encoding they look like. */
function decodeInvalidUtf8(bytes: Uint8Array): DecodedText {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const multiByte = lenient.match(/[\u0080-\uFFFC]/g)?.length ?? 0;
  const replaced = lenient.match(/\uFFFD/g)?.length ?? 0;
  if (multiByte > 0 && multiByte >= replaced) return { text: lenient, encoding: 'utf-8' };
  return decodeWith(bytes, guessLegacyEncoding(bytes));
}

function decodeUtf8OrLegacy(bytes: Uint8Array): DecodedText {
  const text = strictUtf8(bytes);
  return text !== null ? { text, encoding: 'utf-8' } : decodeInvalidUtf8(bytes);
}

function decodesCleanly(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// windows-1252 differs from latin1 in 0x80–0x9F. Node 20.18.3+ and 22.13+ decode windows-1252 as latin1
// (nodejs/node#60888, #56542), leaving C1 controls where curly quotes and dashes belong; this maps them.
// On a correct decoder it changes nothing: the five bytes windows-1252 leaves undefined map to themselves.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWith(bytes: Uint8Array, encoding: string): DecodedText {
  // TextDecoder strips a BOM matching its encoding, so the text never starts with U+FEFF.
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return { text, encoding };
  return { text: text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]), encoding };
}

/** Plain text and Markdown. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const known = bomEncoding(bytes) ?? sniffUtf16(bytes);
  return known ? decodeWith(bytes, known) : decodeUtf8OrLegacy(bytes);
}

/**
 * HTML: a BOM wins over a declaration, which wins over guessing, unless the bytes contradict it. Pages
 * often say one charset and are saved in another: valid UTF-8 with multi-byte characters is UTF-8
 * whatever the page says (legacy text is almost never valid UTF-8 by chance), and bytes the declared
 * decoder rejects are decoded as the encoding they look like.
 */
export function decodeHtml(bytes: Uint8Array, httpCharset: string | null = null): DecodedText {
  const known = bomEncoding(bytes) ?? sniffUtf16(bytes);
  if (known) return decodeWith(bytes, known);
  // The server's word comes before the page's own, as in a browser; both are checked against the bytes.
  const declared = (httpCharset ? normalizeLabel(httpCharset) : null) ?? declaredCharset(bytes);
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) {
    // Pure ASCII reads the same in every ASCII-based charset, but not in ISO-2022-JP, which is 7-bit.
    const ascii = !/[^\u0000-\u007f]/.test(utf8);
    return ascii && declared && declared !== 'utf-8' ? decodeWith(bytes, declared) : { text: utf8, encoding: 'utf-8' };
  }
  const fallback = decodeInvalidUtf8(bytes);
  // Mostly UTF-8 with a few stray bytes, or a page that declares nothing or UTF-8: the bytes decide.
  if (fallback.encoding === 'utf-8' || !declared || declared === 'utf-8') return fallback;
  // windows-1252 accepts any bytes, so a page that declares it (or latin1) may well be in another one.
  if (declared === 'windows-1252') return fallback;
  if (decodesCleanly(bytes, declared)) {
    // CJK decoders accept much that is not theirs (Shift_JIS bytes read as GBK without error): a declared
    // charset we can judge, whose text reads as noise while another's reads as language, is wrong.
    const declaredScore = rankLegacyEncodings(bytes).find((candidate) => candidate.encoding === declared)?.score;
    const lies = declaredScore !== undefined && declaredScore < MIN_SCORE && fallback.encoding !== 'windows-1252';
    return lies ? fallback : decodeWith(bytes, declared);
  }
  // Bytes the declared decoder rejects: our guess if it found a better fit, else the page's own word.
  return fallback.encoding === 'windows-1252' ? decodeWith(bytes, declared) : fallback;
}
