// Where extraction runs. The app and `dossier serve` extract on a worker thread, so that parsing a large
// page or PDF never stalls the core's event loop (and with it every other request and the UI waiting on
// it), and a file that sends a parser into a spin is stopped after a time limit. Tests and short-lived
// commands may extract on the calling thread.
import { Worker } from 'node:worker_threads';
import { DossierError, type ErrorCode } from '../../../shared/errors';
import type { ExtractedArticle, ImportInput } from './types';

export type Extract = (input: ImportInput) => Promise<ExtractedArticle>;

export interface Extractor {
  extract: Extract;
  /** Gets ready for the first file (a worker started, its parsers loaded), for hosts that stay up. */
  warm(): void;
  close(): Promise<void>;
}

/** What the worker answers for one file. */
export type WorkerReply =
  | { id: number; ok: true; article: ExtractedArticle }
  | { id: number; ok: false; expected: boolean; code: ErrorCode; message: string };

/** Extraction on the calling thread; the parsers are loaded on first use. */
export const extractHere: Extractor = {
  extract: async (input) => (await import('./index')).extractArticle(input),
  warm: () => void import('./index').catch(() => undefined),
  close: async () => undefined,
};

export const EXTRACT_TIMEOUT_MS = 120_000;

/** Extraction on one worker thread, one file at a time, each within `timeoutMs`. */
export function workerExtractor(workerPath: string, timeoutMs = EXTRACT_TIMEOUT_MS): Extractor {
  let worker: Worker | null = null;
  let nextId = 1;
  let chain: Promise<unknown> = Promise.resolve();

  const start = (): Worker => {
    const created = new Worker(workerPath);
    // An idle worker does not keep a finished command alive; one at work does (see run).
    created.unref();
    created.on('exit', () => {
      if (worker === created) worker = null;
    });
    return created;
  };

  const run = (input: ImportInput): Promise<ExtractedArticle> =>
    new Promise((resolve, reject) => {
      const current = (worker ??= start());
      const id = nextId++;
      current.ref();
      const done = () => {
        current.unref();
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        done();
        if (reply.ok) resolve(reply.article);
        else reject(reply.expected ? new DossierError(reply.code, reply.message) : new Error(reply.message));
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`the import worker stopped (exit code ${code})`));
      };
      const timer = setTimeout(() => {
        done();
        // A parser that does not come back is stopped; the next file gets a fresh worker.
        if (worker === current) worker = null;
        void current.terminate();
        reject(new DossierError('invalid_input', `Cannot import "${input.fileName}": reading it took more than ${Math.round(timeoutMs / 1000)} s; the file may be damaged.`));
      }, timeoutMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      // The bytes are copied, not moved: the caller keeps them for the snapshot.
      current.postMessage({ id, input });
    });

  return {
    extract: (input) => {
      const result = chain.then(() => run(input));
      chain = result.catch(() => undefined);
      return result;
    },
    warm: () => {
      // Starting it loads the parsers: the first file then waits for none of that.
      worker ??= start();
    },
    close: async () => {
      await chain;
      await worker?.terminate();
      worker = null;
    },
  };
}
