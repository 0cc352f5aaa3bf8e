// Opens a library in a process of its own, as the app does at launch, and prints how long the core took to
// be ready with the article list: `tsx bench/open-library.ts DIR` → {"openMs": …}. Used by bench/run.ts, so
// that what the generator left in memory does not weigh on the figure.
import { openCore } from '../src/main/core';

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx bench/open-library.ts LIBRARY_DIR');
const started = performance.now();
const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
core.library.listArticles();
const openMs = performance.now() - started;
await core.close();
process.stdout.write(`${JSON.stringify({ openMs })}\n`);
