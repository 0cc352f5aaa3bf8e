// Small helpers every importer uses to turn found metadata into the values an Article stores.
import { HttpUrlSchema, PartialDateSchema } from '../../../shared/model';

/** What an importer knows about the file besides its decoded text. */
export interface SourceContext {
  fileName: string;
  encoding: string;
  /** The web address the page was fetched from, when it was. */
  url?: string | null;
}

const EXCERPT_LENGTH = 200;
const MAX_TITLE_LENGTH = 500;

/** Collapses whitespace and removes control and bidi-override characters, which could make a title read
 * differently from what it is (e.g. "invoice-\u202Egnp.exe"). Returns null when nothing is left. */
export function cleanLine(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? null : cleaned;
}

export function cleanTitle(value: string | null | undefined): string | null {
  const cleaned = cleanLine(value);
  if (cleaned === null) return null;
  return cleaned.length > MAX_TITLE_LENGTH ? truncateAtWord(cleaned, MAX_TITLE_LENGTH) : cleaned;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** A date (and time) closing a byline: pages set the date right after the name, and extractors that read
 * the line's text glue them together ("Carrie ArnoldNovember 15, 2019"). */
const TRAILING_DATE = new RegExp(
  `[\\s,|·•–—-]*(?:(?:updated|published|posted)\\s*:?\\s*)?` +
    `(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\.?\\s+${MONTH}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})` +
    `(?:,?\\s*(?:at\\s*)?\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?\\s*$`,
  'i',
);

/** "By Jane Doe" → "Jane Doe": the word is layout, not part of the name; so is a date after the name. */
export function cleanByline(value: string | null | undefined): string | null {
  const cleaned = cleanLine(value);
  return cleaned === null ? null : cleanLine(cleaned.replace(/^by\s+/i, '').replace(TRAILING_DATE, ''));
}

export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

export function makeExcerpt(text: string): string {
  return truncateAtWord(text.replace(/\s+/g, ' ').trim(), EXCERPT_LENGTH);
}

export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return cleanTitle(dot > 0 ? base.slice(0, dot) : base) ?? 'Untitled';
}

/** An absolute http(s) address, or null: other schemes are never stored as an article's URL. */
export function toHttpUrl(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const href = new URL(trimmed).href;
    return HttpUrlSchema.safeParse(href).success ? href : null;
  } catch {
    return null;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function fromDate(date: Date, withTime: boolean): string | null {
  if (Number.isNaN(date.getTime())) return null;
  if (withTime) return date.toISOString();
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * Normalises a publication date to what PartialDateSchema accepts, keeping only the precision that is
 * known: "2024-06-25" stays a day, "2017-11-03 03:01:00.000000" becomes "2017-11-03T03:01:00" (no zone
 * was given, so none is invented), "Tue, 05 Apr 2018 06:00:00 GMT" becomes a UTC timestamp.
 */
export function normalizeDate(value: unknown): string | null {
  if (value instanceof Date) {
    // YAML dates without a time are UTC midnight: the day is what was written.
    const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
    return fromDate(value, !midnight);
  }
  if (typeof value === 'number') return fromDate(new Date(value < 1e11 ? value * 1000 : value), true);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d{10}(\d{3})?$/.test(text)) return normalizeDate(Number(text));

  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$/i.exec(
    text,
  );
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    let out = y;
    if (mo) out += `-${pad(Number(mo))}`;
    if (d) out += `-${pad(Number(d))}`;
    if (h) {
      out += `T${pad(Number(h))}:${mi}`;
      if (s) out += `:${s}`;
      const ms = frac?.slice(0, 3).replace(/0+$/, '');
      if (s && ms) out += `.${ms}`;
      if (zone) out += zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    }
    return PartialDateSchema.safeParse(out).success ? out : null;
  }

  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) return null;
  if (/\d{1,2}:\d{2}/.test(text)) return fromDate(parsed, true);
  // A written day without a time ("April 5, 2018") is parsed as local midnight: read it back locally.
  return `${pad(parsed.getFullYear(), 4)}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

/** A date at the start of a file name, as blogs name posts: "2024-12-5-title.md" → "2024-12-05". */
export function dateFromFileName(fileName: string): string | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[^\d])/.exec(fileName.split(/[\\/]/).pop() ?? '');
  if (!match) return null;
  const out = `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`;
  return PartialDateSchema.safeParse(out).success ? out : null;
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The direction a declared language is written in, when that is certain; null otherwise. */
export function dirFromLang(lang: string | null): 'rtl' | null {
  if (!lang) return null;
  return RTL_LANGUAGES.has(lang.toLowerCase().split(/[-_]/)[0]) ? 'rtl' : null;
}

export function toDir(value: string | null | undefined): 'ltr' | 'rtl' | null {
  const lower = value?.trim().toLowerCase();
  return lower === 'ltr' || lower === 'rtl' ? lower : null;
}
