// Opens a library in a process of its own, as the app does at launch, and prints how long the core took to
// be ready with the article list: `tsx bench/open-library.ts DIR` → {"openMs": …}; with --search, also how
// long until the first search was answered from the saved index (on the search worker, as in the app), then
// the whole timeline, one entity's timeline, entity pages' context and graph.get timed on the core as the app
// holds it (three of each), and its memory: {"openMs", "searchReadyMs", "timelineMs": […], …, "coreRssMb"}.
// Used by bench/run.ts, so that what the generator left in memory does not weigh on the figures (in its
// process, collections made these two to three times as long).
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
const figures: Record<string, number | number[]> = { openMs };
if (flag === '--search') {
  core.warm();
  await core.search.search('the', {}, 1);
  figures.searchReadyMs = performance.now() - started;
  await core.library.allAnnotations();
  const entities = core.library.listEntities();
  const times: Record<string, number[]> = { timelineMs: [], timelineEntityMs: [], contextMs: [], graphGetMs: [] };
  const time = async (into: number[], call: () => Promise<unknown>) => {
    const start = performance.now();
    await call();
    into.push(performance.now() - start);
  };
  for (let i = 0; i < 3; i++) {
    // Entities spread over the list (the generator links them at random), the same ones in every process.
    const entityId = entities[(i * 167) % entities.length].id;
    await time(times.timelineMs, () => core.handlers['timeline.get']({}));
    await time(times.timelineEntityMs, () => core.handlers['timeline.get']({ entityId }));
    await time(times.contextMs, () => core.handlers['entities.context']({ id: entityId, mentionLimit: 100 }));
    await time(times.graphGetMs, () => core.handlers['graph.get']({ minWeight: 1, depth: 1 }));
  }
  Object.assign(figures, times, { timelineItems: (await core.handlers['timeline.get']({})).items.length });
  // The core as the app holds it (search worker included), after the whole library's timeline.
  figures.coreRssMb = process.memoryUsage().rss / 1024 / 1024;
}
await core.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
