// Where the search index runs. The app and `dossier serve` keep it on a worker thread, so that indexing
// 200 MB of text, restoring the saved index and matching a common word among 10,000 articles never hold up
// the core's event loop; tests and one-shot commands may run it on the calling thread. Both speak the same
// operations (engineOperations), in the order they were sent.
import { Worker } from 'node:worker_threads';
import { engineOperations, SearchEngine, type EngineClient, type EngineOp } from './search-engine';

const OPS: EngineOp[] = ['put', 'remove', 'setAnnotations', 'search', 'clear', 'save', 'restore'];

function client(send: (op: EngineOp, args: unknown[]) => Promise<unknown>, close: () => Promise<void>, onLost: EngineClient['onLost']): EngineClient {
  const ops = Object.fromEntries(OPS.map((op) => [op, (...args: unknown[]) => send(op, args)]));
  return { ...ops, close, onLost } as EngineClient;
}

/** The index on the calling thread; operations still run one after another, as on the worker. */
export function engineHere(): EngineClient {
  const operations = engineOperations(new SearchEngine()) as Record<EngineOp, (...args: unknown[]) => unknown>;
  let chain: Promise<unknown> = Promise.resolve();
  return client(
    (op, args) => {
      const result = chain.then(() => operations[op](...args));
      chain = result.catch(() => undefined);
      return result;
    },
    async () => undefined,
    () => undefined,
  );
}

/** What the worker answers for one operation. */
export type EngineReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** The index on a worker thread of its own (out/main/search-worker.js), started on first use. */
export function engineWorker(workerPath: string): EngineClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const lostListeners = new Set<() => void>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  const fail = (error: Error) => {
    // The index is derived data: a worker that died takes its index with it. The next operation starts a
    // new, empty one, and the core, told, loads the index again.
    worker = null;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    for (const listener of lostListeners) listener();
  };
  const start = (): Worker => {
    const created = new Worker(workerPath);
    created.unref();
    created.on('message', (reply: EngineReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) created.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new Error(reply.message));
    });
    created.on('error', fail);
    created.on('exit', (code) => {
      if (worker === created) fail(new Error(`the search worker stopped (exit code ${code})`));
    });
    return created;
  };

  return client(
    (op, args) =>
      new Promise((resolve, reject) => {
        const current = (worker ??= start());
        const id = nextId++;
        pending.set(id, { resolve, reject });
        // A worker with work under way keeps the process alive until it answers; an idle one does not.
        current.ref();
        current.postMessage({ id, op, args });
      }),
    async () => {
      const stopping = worker;
      worker = null;
      await stopping?.terminate();
    },
    (listener) => lostListeners.add(listener),
  );
}
