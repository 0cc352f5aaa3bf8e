// Imports the real pages of ../shared/corpus into a library as the app does, in a process of its own, and
// prints how many pages a second and the longest the core's event loop was held up meanwhile:
// `tsx bench/import-pages.ts LIBRARY_DIR SHARED_DIR` → {"pagesPerSec": …, "eventLoopMaxMs": …}.
// Through the contract, one file per call with four calls at a time (as the window's import sends them), on
// the import workers, warm after the first pages (not counted: as after a first import of a few files;
// a worker loads its parsers for ~1 s), once the app is up: the search index restored
// (at launch its restore takes a core for a second or more). Used by bench/run.ts, on the library it built:
// every page saved there is written to its library.journal, and indexed.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore } from '../src/main/core';
import { dispatch } from '../src/main/core/dispatch';
import { corpusPages } from './generate';

const [dir, sharedDir] = process.argv.slice(2);
if (!dir || !sharedDir) throw new Error('usage: tsx bench/import-pages.ts LIBRARY_DIR SHARED_DIR');
/** As src/renderer/src/features/library/use-import.ts sends them. */
const IN_FLIGHT = 4;

const files = (await corpusPages(sharedDir)).map(({ name, bytes }) => ({ name, data: bytes.toString('base64') }));
const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main');
const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null, workerDir });
core.warm();
await core.search.search('the', {}, 1);
const importOne = async (file: { name: string; data: string }) => {
  const result = await dispatch(core.handlers, 'articles.import', { files: [file] });
  if (!result.ok) throw new Error(`${file.name}: ${result.error.message}`);
};
/** Imports `files` as the window does: one per call, IN_FLIGHT calls at a time. */
const importAll = async (list: typeof files) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < list.length) await importOne(list[next++]);
    }),
  );
};
await importAll(files.slice(0, IN_FLIGHT));
await core.search.settled();
const rest = files.slice(IN_FLIGHT);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const started = performance.now();
await importAll(rest);
const pagesPerSec = (rest.length / (performance.now() - started)) * 1000;
loop.disable();
await core.close();
process.stdout.write(`${JSON.stringify({ pagesPerSec, pages: rest.length, eventLoopMaxMs: loop.max / 1e6 })}\n`);
