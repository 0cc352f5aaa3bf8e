// The search worker thread (see core/search-engine-client.ts): holds the full-text index and carries out
// one operation per message, in order.
import { parentPort } from 'node:worker_threads';
import { engineOperations, SearchEngine, type EngineOp } from './core/search-engine';
import type { EngineReply } from './core/search-engine-client';

const port = parentPort;
if (!port) throw new Error('search-worker runs as a worker thread');

const operations = engineOperations(new SearchEngine()) as Record<EngineOp, (...args: unknown[]) => unknown>;
let chain: Promise<unknown> = Promise.resolve();

port.on('message', ({ id, op, args }: { id: number; op: EngineOp; args: unknown[] }) => {
  // Saving and restoring read and write files: the next operation waits for them, as a caller expects.
  chain = chain.then(async () => {
    let reply: EngineReply;
    try {
      reply = { id, ok: true, value: await operations[op](...args) };
    } catch (error) {
      reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
});
