// Importing a web address: the core fetches the page from a server on 127.0.0.1 started here, with the
// limits and refusals a user meets on the real web.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../src/shared/api';
import { canonicalText } from '../../src/shared/canonical-text';
import { DossierError } from '../../src/shared/errors';
import type { DocNode } from '../../src/shared/model';
import { openCore } from '../../src/main/core';
import { fetchPage } from '../../src/main/core/fetch-page';

const corpus = new URL('../../../shared/corpus/readability/', import.meta.url);
const nytimes = readFileSync(new URL('nytimes-1/source.html', corpus));
const nytimesExpected = JSON.parse(readFileSync(new URL('nytimes-1/expected-metadata.json', corpus), 'utf8'));

/** A page in windows-1252 that only the HTTP header says so about. */
const latin1Page = Buffer.from(
  '<html><head><title>Caf\xe9 talks</title></head><body><article><h1>Caf\xe9 talks</h1>' +
    '<p>The envoys met in a caf\xe9 near the r\xe9sidence, and talked for an hour about the na\xefve hopes of both sides.</p>' +
    '<p>See <a href="/reports/2018/talks.html">the full report</a> and <a href="notes">the notes</a>.</p></article></body></html>',
  'latin1',
);

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    switch (path) {
      case '/news/2018/pompeo.html':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end(nytimes);
      case '/latin1/cafe':
        response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
        return response.end(latin1Page);
      case '/moved':
        response.writeHead(301, { location: '/latin1/cafe' });
        return response.end();
      case '/missing':
        response.writeHead(404, { 'content-type': 'text/html' });
        return response.end('<h1>Not found</h1>');
      case '/picture.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        return response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case '/huge-declared':
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(MAX_IMPORT_BYTES + 1) });
        return response.end();
      case '/huge-streamed': {
        // No length given: the limit must hold while reading.
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const more = () => {
          while (sent < 64 && !response.destroyed) {
            sent++;
            if (!response.write(chunk)) return void response.once('drain', more);
          }
          response.end();
        };
        return more();
      }
      case '/slow':
        // Never answers within the test's time limit.
        return void setTimeout(() => response.end('late'), 5_000).unref();
      default:
        response.writeHead(500);
        return response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const links = (node: DocNode): string[] => [
  ...(node.marks ?? []).filter((m) => m.type === 'link').map((m) => String(m.attrs?.href)),
  ...(node.content ?? []).flatMap(links),
];

async function refusal(promise: Promise<unknown>): Promise<DossierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DossierError);
  return error as DossierError;
}

describe('fetching a web address', () => {
  test('a real page is fetched with the address it came from, named after its path', async () => {
    const file = await fetchPage(`${origin}/news/2018/pompeo.html#comments`);
    expect(file.name).toBe('pompeo.html');
    expect(file.url).toBe(`${origin}/news/2018/pompeo.html`);
    expect(Buffer.from(file.bytes).equals(nytimes)).toBe(true);
  });

  test('redirects are followed, and the final address is the one kept', async () => {
    const file = await fetchPage(`${origin}/moved`);
    expect(file.url).toBe(`${origin}/latin1/cafe`);
    expect(file.charset).toBe('windows-1252');
  });

  test('refusals say what went wrong, with the address', async () => {
    expect((await refusal(fetchPage(`${origin}/missing`))).message).toMatch(/answered 404/);
    expect((await refusal(fetchPage(`${origin}/picture.png`))).message).toMatch(/image\/png file, not an article/);
    expect((await refusal(fetchPage(`${origin}/huge-declared`))).message).toMatch(/larger than 20 MB/);
    expect((await refusal(fetchPage(`${origin}/huge-streamed`))).message).toMatch(/larger than 20 MB/);
    expect((await refusal(fetchPage(`${origin}/slow`, { timeoutMs: 300 }))).message).toMatch(/did not answer within 0.3 s/);
    expect((await refusal(fetchPage('file:///etc/passwd'))).message).toMatch(/http:\/\/ and https:\/\//);
    expect((await refusal(fetchPage('javascript:alert(1)'))).message).toMatch(/http:\/\/ and https:\/\//);
    expect((await refusal(fetchPage('not an address'))).message).toMatch(/not a web address/);
  });

  test('an unreachable address is refused, not retried forever', async () => {
    // A port nothing listens on: the server above, closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await refusal(fetchPage(`http://127.0.0.1:${port}/`))).message).toMatch(/Could not reach .*refused/);
  });
});

describe('importing a web address through the API', () => {
  test('the article keeps its address, reads as the corpus expects, and its links resolve against the address', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-url-'));
    const core = await openCore({ libraryDir: join(dir, 'library') });
    try {
      const outcome = await core.handlers['articles.importUrl']({ url: `${origin}/news/2018/pompeo.html` });
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.article.url).toBe(`${origin}/news/2018/pompeo.html`);
      expect(outcome.article.title).toBe(nytimesExpected.title);

      // The HTTP header's charset decides, and relative links resolve against the page's address.
      const cafe = await core.handlers['articles.importUrl']({ url: `${origin}/latin1/cafe` });
      if (!cafe.ok) throw new Error(cafe.error.message);
      expect(cafe.article.title).toBe('Café talks');
      const { doc } = await core.handlers['articles.get']({ id: cafe.article.id });
      expect(canonicalText(doc)).toContain('naïve hopes');
      expect(links(doc)).toEqual([`${origin}/reports/2018/talks.html`, `${origin}/latin1/notes`]);

      // The same page again is recognised; a failure says why and adds nothing.
      const again = await core.handlers['articles.importUrl']({ url: `${origin}/moved` });
      expect(again.ok && again.duplicate).toBe(true);
      const missing = await core.handlers['articles.importUrl']({ url: `${origin}/missing` });
      expect(missing.ok).toBe(false);
      expect(!missing.ok && missing.error.message).toMatch(/404/);
      expect(core.library.listArticles()).toHaveLength(2);
    } finally {
      await core.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
