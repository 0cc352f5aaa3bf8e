// What every importer produces from a file's bytes: metadata it could find and the body as a document.
import type { DocNode } from '../../../shared/model';

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  /** The web address the bytes were fetched from: links resolve against it, and it is the article's URL. */
  url?: string | null;
  /** The charset the server declared (HTTP Content-Type); a byte-order mark still wins over it. */
  charset?: string | null;
}

export interface ExtractedArticle {
  mediaType: string;
  /** The character encoding the bytes were decoded with (e.g. "utf-8", "windows-1252"). */
  encoding: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  url: string | null;
  /** YYYY, YYYY-MM, YYYY-MM-DD or a full ISO 8601 timestamp. */
  publishedAt: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  excerpt: string;
  doc: DocNode;
  /** What the user should be told about this import, e.g. characters that could not be decoded. */
  warnings?: string[];
}
