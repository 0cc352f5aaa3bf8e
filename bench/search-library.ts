// Times searches in a process of its own, on the core as the app holds it (index restored on its worker,
// every annotation read), rather than in the benchmark's process, full of what the generator made:
// `tsx bench/search-library.ts DIR QUERIES.json` → {"times": {kind: [ms…]}, "typing": [ms…], "loopMaxMs": …}.
// QUERIES.json: {"warmUp": [query…], "kinds": {kind: [query…]}, "typed": [word…]}. Used by bench/run.ts.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore } from '../src/main/core';

const [dir, queriesFile] = process.argv.slice(2);
if (!dir || !queriesFile) throw new Error('usage: tsx bench/search-library.ts LIBRARY_DIR QUERIES.json');
const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as { warmUp: string[]; kinds: Record<string, string[]>; typed: string[] };
const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main');
const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null, workerDir });
core.warm();
await core.search.search('the', {}, 1);
await core.library.allAnnotations();

const time = async (fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};
for (const query of queries.warmUp) await core.search.search(query, {}, 50);
// The longest the core's event loop was held up while searching.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const times: Record<string, number[]> = {};
for (const [kind, list] of Object.entries(queries.kinds)) {
  times[kind] = [];
  for (const query of list) times[kind].push(await time(() => core.search.search(query, {}, 50)));
}
const typing: number[] = [];
for (const word of queries.typed) {
  for (let n = 1; n <= word.length; n++) typing.push(await time(() => core.search.search(word.slice(0, n), {}, 50)));
}
loop.disable();
await core.close();
process.stdout.write(`${JSON.stringify({ times, typing, loopMaxMs: loop.max / 1e6 })}\n`);
