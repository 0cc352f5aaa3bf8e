// Where extraction runs, and the search for names and dates in an article's text (suggestions). The app and
// `dossier serve` do both on worker threads (several files at once, one per core), so that parsing a large
// page or PDF, or the language models reading an article (~70 ms each), never stall the core's event loop
// (and with it every other request and the UI waiting on it), and a file that sends a parser into a spin is
// stopped after a time limit. Tests and short-lived commands may do them on the calling thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DossierError, type ErrorCode } from '../../../shared/errors';
import type { Suggestions } from '../../../shared/api';
import type { ExtractedArticle, ImportInput } from './types';

export type Extract = (input: ImportInput) => Promise<ExtractedArticle>;

export interface Extractor {
  extract: Extract;
  /** The people, organisations, places and dates an article's text names (suggest.ts). */
  suggest(text: string, publishedAt: string | null): Promise<Suggestions>;
  /** Gets ready for the first file (a worker started, its parsers loaded), for hosts that stay up. */
  warm(): void;
  close(): Promise<void>;
}

/** What the worker is asked: a file to read, or a text to find names and dates in. */
export type WorkerTask = { kind: 'extract'; input: ImportInput } | { kind: 'suggest'; text: string; publishedAt: string | null };

/** What the worker answers for one task. */
export type WorkerReply =
  | { id: number; ok: true; value: ExtractedArticle | Suggestions }
  | { id: number; ok: false; expected: boolean; code: ErrorCode; message: string };

/** Extraction on the calling thread; the parsers and language models are loaded on first use. */
export const extractHere: Extractor = {
  extract: async (input) => (await import('./index')).extractArticle(input),
  suggest: async (text, publishedAt) => (await import('../suggest')).findSuggestions(text, publishedAt),
  warm: () => void import('./index').catch(() => undefined),
  close: async () => undefined,
};

export const EXTRACT_TIMEOUT_MS = 120_000;
/** How long a worker beyond the first stays without work before it is let go. */
const IDLE_WORKER_MS = 30_000;

/**
 * How many files are read at once: one per core, two at least (the core's own thread mostly waits on them),
 * four at most (each worker holds its parsers in memory).
 */
export const defaultWorkers = (): number => Math.min(4, Math.max(2, availableParallelism()));

type Job = { task: WorkerTask; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Extraction on up to `workers` worker threads, one file at a time on each (answers are the caller's to
 * order), each file within `timeoutMs`. Workers start as files come; all but the first stop after `idleMs`
 * without work.
 */
export function workerExtractor(
  workerPath: string,
  { timeoutMs = EXTRACT_TIMEOUT_MS, workers = defaultWorkers(), idleMs = IDLE_WORKER_MS } = {},
): Extractor {
  // A slot per worker: its thread (started when needed; replaced after a file that had to be stopped).
  type Slot = { worker: Worker | null; busy: Promise<void> | null; idle: NodeJS.Timeout | null };
  const slots: Slot[] = Array.from({ length: workers }, () => ({ worker: null, busy: null, idle: null }));
  const waiting: Job[] = [];
  let nextId = 1;

  const start = (slot: Slot): Worker => {
    const created = new Worker(workerPath);
    // An idle worker does not keep a finished command alive; one at work does (see run).
    created.unref();
    created.on('exit', () => {
      if (slot.worker === created) slot.worker = null;
    });
    return created;
  };

  const run = (slot: Slot, task: WorkerTask): Promise<unknown> =>
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
        if (reply.ok) resolve(reply.value);
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
        const limit = `${Math.round(timeoutMs / 1000)} s`;
        reject(
          task.kind === 'extract'
            ? new DossierError('invalid_input', `Cannot import "${task.input.fileName}": reading it took more than ${limit}; the file may be damaged.`)
            : new DossierError('internal', `Finding the names and dates in the article took more than ${limit}.`),
        );
      }, timeoutMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      // The bytes are copied, not moved: the caller keeps them for the snapshot.
      current.postMessage({ id, task });
    });

  /** Gives the next waiting file to a free worker, for as long as there are both. */
  const dispatch = () => {
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue;
      const job = waiting.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      // The worker is free again before its answer is passed on: the next file goes to it, warm, rather
      // than to a worker yet to load its parsers.
      const free = () => {
        slot.busy = null;
        dispatch();
        // Workers beyond the first are let go once idle a while: each holds its parsers and models (~130 MB).
        if (!slot.busy && slot !== slots[0]) {
          slot.idle = setTimeout(() => {
            slot.idle = null;
            void slot.worker?.terminate();
            slot.worker = null;
          }, idleMs);
          slot.idle.unref?.();
        }
      };
      slot.busy = run(slot, job.task).then(
        (value) => {
          free();
          job.resolve(value);
        },
        (error: unknown) => {
          free();
          job.reject(error);
        },
      );
    }
  };

  const queue = <T>(task: WorkerTask) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ task, resolve: resolve as (value: unknown) => void, reject });
      dispatch();
    });

  return {
    extract: (input) => queue<ExtractedArticle>({ kind: 'extract', input }),
    suggest: (text, publishedAt) => queue<Suggestions>({ kind: 'suggest', text, publishedAt }),
    warm: () => {
      // Starting one loads the parsers: the first file then waits for none of that.
      slots[0].worker ??= start(slots[0]);
    },
    close: async () => {
      while (waiting.length > 0 || slots.some((slot) => slot.busy)) await Promise.all(slots.map((slot) => slot.busy));
      for (const slot of slots) if (slot.idle) clearTimeout(slot.idle);
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
      for (const slot of slots) Object.assign(slot, { worker: null, idle: null });
    },
  };
}
