// The import worker thread (see core/importers/extractor.ts): extracts one file per message.
import { parentPort } from 'node:worker_threads';
import { DossierError } from '../shared/errors';
import { extractArticle, type ImportInput } from './core/importers';
import type { WorkerReply } from './core/importers/extractor';

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');

port.on('message', async ({ id, input }: { id: number; input: ImportInput }) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, article: await extractArticle(input) };
  } catch (error) {
    reply =
      error instanceof DossierError
        ? { id, ok: false, expected: true, code: error.code, message: error.message }
        : { id, ok: false, expected: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
