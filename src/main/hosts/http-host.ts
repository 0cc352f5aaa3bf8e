// The loopback host: the built UI and the API on 127.0.0.1 only, for a browser and the end-to-end tests.
// Every API call needs the per-run token; other Origins and Host names are refused (no DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY, EVENTS_PATH, MAX_IMPORT_BYTES, OPENED_CHANNEL, TOKEN_HEADER, type Handlers, type ImportOutcome } from '../../shared/api';
import { dispatch } from '../core/dispatch';
import { readStaticFile } from './static-files';

/** Largest request body: a batch of imports, base64-encoded. */
const MAX_BODY_BYTES = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 1024 * 1024;

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  /** Tells the open pages that files were opened (`dossier open`), as Electron tells its window. */
  tellFilesOpened(outcomes: ImportOutcome[]): void;
  close(): Promise<void>;
}


const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHttpHost(options: { handlers: Handlers; rendererDir: string; port?: number }): Promise<HttpHost> {
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const listeners = new Set<ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'Unknown host');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'text/plain', 'Origin not allowed');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Use POST');
        if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'text/plain', 'Missing or wrong token');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'Send JSON');
        const body = await readBody(req);
        if (body === null) return send(res, 413, 'text/plain', 'Request too large');
        let input: unknown;
        try {
          input = body ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, 'text/plain', 'Malformed JSON');
        }
        const result = await dispatch(options.handlers, decodeURIComponent(url.pathname.slice('/api/'.length)), input);
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      if (url.pathname === EVENTS_PATH) {
        if (!sameToken(url.searchParams.get('token'), token)) return send(res, 401, 'text/plain', 'Missing or wrong token');
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8' });
        res.write(': Dossier\n\n');
        listeners.add(res);
        res.once('close', () => listeners.delete(res));
        return;
      }
      // The page itself needs the token, so a stray tab on another port cannot load the app and its data.
      if ((url.pathname === '/' || url.pathname === '/index.html') && !sameToken(url.searchParams.get('token'), token)) {
        return send(res, 401, 'text/plain', 'Open the URL with its token, as `dossier serve` printed it.');
      }
      const file = await readStaticFile(options.rendererDir, url.pathname);
      if (!file) return send(res, 404, 'text/plain', 'Not found');
      return send(res, 200, file.type, file.body);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    tellFilesOpened: (outcomes) => {
      const event = `event: ${OPENED_CHANNEL}\ndata: ${JSON.stringify(outcomes)}\n\n`;
      for (const listener of listeners) listener.write(event);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
