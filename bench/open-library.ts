// Opens a library in a process of its own, as the app does at launch, and prints how long the core took to
// be ready with the article list: `tsx bench/open-library.ts DIR` → {"openMs": …}; with --search, also how
// long until the first search was answered from the saved index (on the search worker, as in the app):
// {"openMs": …, "searchReadyMs": …, "coreRssMb": …}. Used by bench/run.ts, so that what the generator left in memory does
// not weigh on the figures.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../src/main/core';

const [dir, flag] = process.argv.slice(2);
if (!dir) throw new Error('usage: tsx bench/open-library.ts LIBRARY_DIR [--search]');
const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main');
const started = performance.now();
const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null, workerDir });
core.library.listArticles();
const openMs = performance.now() - started;
const figures: Record<string, number> = { openMs };
if (flag === '--search') {
  core.warm();
  await core.search.search('the', {}, 1);
  figures.searchReadyMs = performance.now() - started;
  // The core as the app holds it (search worker included), after the whole library's timeline.
  await core.handlers['timeline.get']({});
  figures.coreRssMb = process.memoryUsage().rss / 1024 / 1024;
}
await core.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
