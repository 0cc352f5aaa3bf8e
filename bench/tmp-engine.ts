import { SearchEngine } from '../src/main/core/search-engine';
const engine = new SearchEngine();
let t = performance.now();
await engine.restore(process.argv[2]);
console.log('restore', (performance.now() - t).toFixed(0));
for (const [q, ph] of [['The Is an', ['The Is an']], ['with the the', ['with the the']], ['these', []], ['Energy Include', []], ['entries', []]] as [string, string[]][]) {
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    n = engine.search(q, ph, ph.length === 0).candidates.length;
    times.push(performance.now() - t);
  }
  console.log(q, n, times.map((x) => x.toFixed(1)).join(' '));
}
