// Times annotation saves in a process of its own, on the core as the app opens it (before the search index
// is built: bench/run.ts builds it after), rather than in the benchmark's process, full of what the generator
// made (at 50,000 articles the slowest saves took 18.6 ms there, 6.9 ms in a process of their own):
// `tsx bench/save-annotations.ts DIR SEED COUNT` → {"times": [ms…], "loopMaxMs": …}. Used by bench/run.ts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore } from '../src/main/core';
import { random } from './generate';

const [dir, seed, count] = process.argv.slice(2);
if (!dir || !seed || !count) throw new Error('usage: tsx bench/save-annotations.ts LIBRARY_DIR SEED COUNT');
const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main');
const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null, workerDir });

const ids = core.library.listArticles().map((article) => article.id);
const next = random(Number(seed));
// The longest the core's event loop was held up while saving.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const times: number[] = [];
for (let i = 0; i < Number(count); i++) {
  const id = ids[Math.floor(next() * ids.length)];
  const { text } = await core.library.loadArticle(id);
  const start = Math.floor(next() * (text.length - 100));
  const started = performance.now();
  await core.library.createAnnotation(id, start, start + 50, text.slice(start, start + 50), { note: 'bench' });
  times.push(performance.now() - started);
}
loop.disable();
await core.close();
process.stdout.write(`${JSON.stringify({ times, loopMaxMs: loop.max / 1e6 })}\n`);
