// Where extraction runs. The app and `dossier serve` extract on worker threads (several files at once, one
// per core), so that parsing a large page or PDF never stalls the core's event loop (and with it every other
// request and the UI waiting on it), and a file that sends a parser into a spin is stopped after a time limit. Tests and short-lived
// commands may extract on the calling thread.
import { availableParallelism } from 'node:os';
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

/**
 * How many files are read at once: one per core, two at least (the core's own thread mostly waits on them),
 * four at most (each worker holds its parsers in memory).
 */
export const defaultWorkers = (): number => Math.min(4, Math.max(2, availableParallelism()));

type Job = { input: ImportInput; resolve: (article: ExtractedArticle) => void; reject: (error: unknown) => void };

/**
 * Extraction on up to `workers` worker threads, one file at a time on each (answers are the caller's to
 * order), each file within `timeoutMs`. Workers start as files come and stay until closed.
 */
export function workerExtractor(workerPath: string, { timeoutMs = EXTRACT_TIMEOUT_MS, workers = defaultWorkers() } = {}): Extractor {
  // A slot per worker: its thread (started when needed; replaced after a file that had to be stopped).
  const slots: { worker: Worker | null; busy: Promise<void> | null }[] = Array.from({ length: workers }, () => ({ worker: null, busy: null }));
  const waiting: Job[] = [];
  let nextId = 1;

  const start = (slot: (typeof slots)[number]): Worker => {
    const created = new Worker(workerPath);
    // An idle worker does not keep a finished command alive; one at work does (see run).
    created.unref();
    created.on('exit', () => {
      if (slot.worker === created) slot.worker = null;
    });
    return created;
  };

  const run = (slot: (typeof slots)[number], input: ImportInput): Promise<ExtractedArticle> =>
    new Promise((resolve, reject) => {
      const current = (slot.worker ??= start(slot));
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
        if (slot.worker === current) slot.worker = null;
        void current.terminate();
        reject(new DossierError('invalid_input', `Cannot import "${input.fileName}": reading it took more than ${Math.round(timeoutMs / 1000)} s; the file may be damaged.`));
      }, timeoutMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      // The bytes are copied, not moved: the caller keeps them for the snapshot.
      current.postMessage({ id, input });
    });

  /** Gives the next waiting file to a free worker, for as long as there are both. */
  const dispatch = () => {
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue;
      const job = waiting.shift()!;
      slot.busy = run(slot, job.input)
        .then(job.resolve, job.reject)
        .finally(() => {
          slot.busy = null;
          dispatch();
        });
    }
  };

  return {
    extract: (input) =>
      new Promise<ExtractedArticle>((resolve, reject) => {
        waiting.push({ input, resolve, reject });
        dispatch();
      }),
    warm: () => {
      // Starting one loads the parsers: the first file then waits for none of that.
      slots[0].worker ??= start(slots[0]);
    },
    close: async () => {
      while (waiting.length > 0 || slots.some((slot) => slot.busy)) await Promise.all(slots.map((slot) => slot.busy));
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
      for (const slot of slots) slot.worker = null;
    },
  };
}
