// The import worker thread (see core/importers/extractor.ts): reads one file, or finds the names and dates
// in one article's text, per message.
import { parentPort } from 'node:worker_threads';
import { DossierError } from '../shared/errors';
import { extractArticle } from './core/importers';
import type { WorkerReply, WorkerTask } from './core/importers/extractor';

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');

// The language models (compromise, chrono-node) load with the first article to read, not with the worker.
const run = async (task: WorkerTask) =>
  task.kind === 'extract' ? extractArticle(task.input) : (await import('./core/suggest')).findSuggestions(task.text, task.publishedAt);

port.on('message', async ({ id, task }: { id: number; task: WorkerTask }) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, value: await run(task) };
  } catch (error) {
    reply =
      error instanceof DossierError
        ? { id, ok: false, expected: true, code: error.code, message: error.message }
        : { id, ok: false, expected: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
