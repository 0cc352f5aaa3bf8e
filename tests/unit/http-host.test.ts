// The loopback host's refusals: token, Origin, Host, method, content type, size; and a real call.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { startHttpHost, type HttpHost } from '../../src/main/hosts/http-host';
import { EVENTS_PATH, MAX_IMPORT_BYTES, OPENED_CHANNEL, TOKEN_HEADER, type ImportOutcome } from '../../src/shared/api';

let dir: string;
let core: Core;
let host: HttpHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-http-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Dossier</title>');
  await writeFile(join(dir, 'secret.txt'), 'outside');
  core = await openCore({ libraryDir: join(dir, 'library') });
  host = await startHttpHost({ handlers: core.handlers, rendererDir });
});

afterAll(async () => {
  await host.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so that Host and Origin can be set as an attacker would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${name}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
  });

describe('loopback host', () => {
  it('listens on 127.0.0.1 and prints a URL with its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call with the token', async () => {
    const res = await api('library.info', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { articleCount: 0 } });
  });

  it('refuses calls without the right token', async () => {
    expect((await api('library.info', {}, { [TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await api('library.info', {}, { [TOKEN_HEADER]: 'x'.repeat(host.token.length) })).status).toBe(401);
  });

  it('refuses other Origins and Host names (DNS rebinding)', async () => {
    expect((await api('library.info', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('library.info', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await api('library.info', {}, { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses GET, non-JSON bodies and malformed JSON on the API', async () => {
    expect((await send('/api/library.info', { headers: { [TOKEN_HEADER]: host.token } })).status).toBe(405);
    expect((await api('library.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    const malformed = await send('/api/library.info', { method: 'POST', body: '{', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token } });
    expect(malformed.status).toBe(400);
  });

  it('refuses a body larger than the largest import, before reading the rest of it', async () => {
    // Base64 of the largest file the import takes, and 2 MB more than the envelope allows.
    const body = JSON.stringify({ files: [{ name: 'huge.txt', data: 'A'.repeat(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 2 * 1024 * 1024) }] });
    // The host answers 413 at once and stops reading; a client still sending may see the connection reset
    // under it instead, before or after the answer: the first of the two is the result, the rest ignored.
    const status = await new Promise<number | string>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/articles.import',
          method: 'POST',
          headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
        },
        (res) => {
          res.on('error', () => undefined);
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end(body);
    });
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(status);
    expect(JSON.parse((await api('library.info', {})).body)).toMatchObject({ ok: true, value: { articleCount: 0 } });
  });

  it('validates input against the contract before the core sees it', async () => {
    const res = JSON.parse((await api('articles.get', { id: '../../etc' })).body);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = JSON.parse((await api('library.delete', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves the page only with its token, with a strict CSP, and nothing outside the UI folder', async () => {
    expect((await send('/')).status).toBe(401);
    const page = await send(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin', 'cache-control': 'no-store' });
    expect((await send('/../secret.txt')).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('streams files opened with `dossier open` to pages that have the token, and to no one else', async () => {
    expect((await send(EVENTS_PATH)).status).toBe(401);
    expect((await send(`${EVENTS_PATH}?token=wrong`)).status).toBe(401);
    const outcome: ImportOutcome = { ok: false, fileName: 'gone.html', error: { code: 'not_found', message: 'Cannot import "gone.html".' } };
    const received = await new Promise<{ status: number; type: unknown; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `${EVENTS_PATH}?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('\n\n') && !text.includes(OPENED_CHANNEL)) host.tellFilesOpened([outcome]);
          if (text.includes('data: ')) {
            req.destroy();
            resolve({ status: res.statusCode!, type: res.headers['content-type'], text });
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received.status).toBe(200);
    expect(received.type).toBe('text/event-stream; charset=utf-8');
    expect(received.text).toContain(`event: ${OPENED_CHANNEL}\ndata: ${JSON.stringify([outcome])}\n\n`);
  });
});
