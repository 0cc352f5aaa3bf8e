import { openCore } from '/work/main/src/main/core';
const dir = process.argv[2]!;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
  const t1 = performance.now();
  const list = core.library.listArticles();
  const t2 = performance.now();
  console.log(`open ${(t1 - t0).toFixed(0)} ms, list ${(t2 - t1).toFixed(1)} ms (${list.length})`);
  await core.close();
}
