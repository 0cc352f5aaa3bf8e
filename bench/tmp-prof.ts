import { join } from 'node:path';
import { openCore } from '../src/main/core';
import { parseQuery } from '../src/main/core/search';
import { random } from './generate';
const dir = process.argv[2];
const core = await openCore({ libraryDir: dir, workerDir: join(process.cwd(), 'out/main'), dailyBackupDelayMs: null });
await core.search.search('the', {}, 1);
const ids = core.library.listArticles().map((a) => a.id);
const next = random(11);
const rows: { q: string; total: number; engine: number; cands: number; hits: number }[] = [];
const engine = (core.search as any).engine;
let texts = 0, anns = 0;
const lib = core.library as any;
const lt = lib.loadText.bind(lib); lib.loadText = (id: string) => { texts++; return lt(id); };
const la = lib.listAnnotations.bind(lib); lib.listAnnotations = (id: string) => { anns++; return la(id); };
for (let i = 0; i < 150; i++) {
  const id = ids[Math.floor(next() * ids.length)];
  const text = await core.library.loadText(id);
  const kind = i % 3;
  let q: string;
  const ws = text.split(/[^\p{L}]+/u).filter((w) => w.length > 4);
  const at = Math.floor(next() * (ws.length - 2));
  if (kind === 0) q = `"${text.slice(Math.floor(next() * (text.length - 200))).split(/\s+/).slice(1, 4).join(' ').replace(/[^\p{L}\s]/gu, '')}"`;
  else if (kind === 1) q = `${ws[at]} ${ws[at + 5] ?? ws[1]}`;
  else q = ws[at];
  const { phrases, words } = parseQuery(q);
  let t = performance.now();
  const { candidates } = await engine.search(words, phrases);
  const e = performance.now() - t;
  t = performance.now();
  texts = 0; anns = 0;
  const hits = await core.search.search(q, {}, 50);
  const kinds = candidates.reduce((m: any, c: any) => ((m[c.kind] = (m[c.kind] ?? 0) + 1), m), {});
  rows.push({ q, total: performance.now() - t, engine: e, cands: candidates.length, hits: hits.length, texts, anns, kinds: JSON.stringify(kinds) } as any);
}
for (const kind of [0, 1, 2]) {
  const r = rows.filter((_, i) => i % 3 === kind).sort((a, b) => b.total - a.total);
  console.log(['phrase', 'two', 'word'][kind], 'median', r[Math.floor(r.length / 2)].total.toFixed(1));
  for (const x of r.slice(0, 6)) console.log(`  ${x.total.toFixed(1)} ms engine ${x.engine.toFixed(1)} cands ${x.cands} ${(x as any).kinds} hits ${x.hits} texts ${(x as any).texts} anns ${(x as any).anns} ${x.q}`);
}
await core.close();
