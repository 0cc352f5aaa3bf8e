import { openCore } from '/work/main/src/main/core';
import { corpusWords, generateLibrary } from '/work/main/bench/generate';
const dir = process.argv[2]!;
const core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
await generateLibrary(core, Number(process.argv[3] ?? 10000), await corpusWords('/work/shared'), (l) => console.log(l));
await core.close();
console.log('done');
