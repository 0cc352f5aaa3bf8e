// Fetches a web address for import: the core downloads the page (never the renderer), within a size
// limit and a time limit, and hands the bytes on as a file with the address it came from. Images and
// other resources of the page are never fetched.
import filenamify from 'filenamify';
import { MAX_IMPORT_BYTES } from '../../shared/api';
import { DossierError } from '../../shared/errors';
import type { FileToImport } from './library';

/** The article formats a server may answer with, and the extension the importers know them by. */
const EXTENSION_BY_TYPE: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'xhtml',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/epub+zip': 'epub',
};

export const FETCH_TIMEOUT_MS = 30_000;

export interface FetchOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The address as a URL, if it is a web address Dossier may fetch. */
export function webAddress(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new DossierError('invalid_input', `“${address.slice(0, 200)}” is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DossierError('invalid_input', `Dossier imports pages from http:// and https:// addresses; “${address.slice(0, 200)}” is not one.`);
  }
  url.hash = '';
  return url;
}

/** A file name for the page: the last part of its path, else its host, with the format's extension. */
function fileNameFor(url: URL, extension: string): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '').replace(/\.[a-z0-9]{1,5}$/i, '');
  const stem = filenamify(last || url.hostname, { replacement: '_', maxLength: 100 }).replace(/^\.+/, '') || 'page';
  return `${stem}.${extension}`;
}

/** The body, read until it ends or grows past the import limit. */
async function readLimited(response: Response, address: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () =>
    new DossierError('invalid_input', `The page at ${address} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB, the most Dossier imports.`);
  if (declared > MAX_IMPORT_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_IMPORT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function unreachable(address: string, error: unknown, timeoutMs: number): DossierError {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError') return new DossierError('invalid_input', `The page at ${address} did not answer within ${timeoutMs / 1000} s.`);
  if (name === 'AbortError') return new DossierError('invalid_input', `Fetching ${address} was cancelled.`);
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const why = cause?.code === 'ENOTFOUND' ? 'no such host' : cause?.code === 'ECONNREFUSED' ? 'the connection was refused' : (cause?.message ?? (error as Error)?.message ?? 'network error');
  return new DossierError('invalid_input', `Could not reach ${address}: ${why}.`);
}

/** Downloads `address` as a file to import. Refuses what is not an article format, with the reason. */
export async function fetchPage(address: string, options: FetchOptions = {}): Promise<FileToImport> {
  const url = webAddress(address);
  const shown = url.href;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.any(signals),
      headers: {
        accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
        'user-agent': 'Mozilla/5.0 (compatible; Dossier research notebook)',
      },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new DossierError('invalid_input', `The page at ${shown} could not be fetched: the server answered ${response.status} ${response.statusText}.`.trim());
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const extension = EXTENSION_BY_TYPE[type];
    if (!extension) {
      await response.body?.cancel();
      throw new DossierError(
        'unsupported_type',
        `The address ${shown} is ${type ? `a ${type} file` : 'of no stated type'}, not an article: Dossier imports web pages, text, Markdown, PDF, Word and EPUB.`,
      );
    }
    bytes = await readLimited(response, shown);
    const finalUrl = new URL(response.url || url.href);
    const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1] ?? null;
    return { name: fileNameFor(finalUrl, extension), bytes, url: finalUrl.href, charset };
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw unreachable(shown, error, timeoutMs);
  }
}
