// Runs Electronegativity (Doyensec's Electron security linter) over the built app and fails on any finding
// above informational that is not accepted below with its reason. Electronegativity itself always exits 0,
// so its CSV report is parsed here. An accepted finding that no longer occurs fails too, so that this list
// never outlives what it excuses. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Findings we accept, each with the reason (and the test that holds it, where one can). */
const ACCEPTED: { check: string; file: string; reason: string }[] = [
  ...['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK'].map((check) => ({
    check,
    file: 'main/index.js',
    reason:
      'The window options come from mainWindowOptions() (src/main/electron/window-options.ts), which the linter ' +
      'does not follow: contextIsolation and sandbox on, node integration off, Auxclick disabled; ' +
      'tests/unit/window-options.test.ts asserts each.',
  })),
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    reason:
      'shell.openExternal is reached only from setWindowOpenHandler, after isSafeExternalUrl() let through a plain ' +
      'http(s) address without credentials (tests/unit/window-options.test.ts, "external links").',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason:
      "The evaluator's only remark is script-src 'self' (a risk where the origin serves JSONP or uploaded files): " +
      'both origins of the UI (app:// and the loopback host) serve only the built renderer and the JSON API.',
  },
];

const electronVersion: string = require('electron/package.json').version;
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const report = join(work, 'report.csv');
try {
  // Electronegativity writes its CSV header and its rows with two writeFile calls it does not wait for, so
  // now and then the header lands over the rows (CI saw it once): a report that does not parse is made again.
  let table: string[][] | null = null;
  for (let attempt = 1; !table; attempt++) {
    execFileSync(
      process.execPath,
      [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', join(root, 'out'), '-e', electronVersion, '-r', '-v', 'false', '-o', report],
      // It looks for newer Electron releases online and says so when it cannot; that is not a finding.
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    try {
      const parsed = parse(readFileSync(report, 'utf8'), { trim: true, relaxColumnCount: true }) as string[][];
      if (parsed[0]?.includes('issue') && parsed[0].includes('severity')) table = parsed;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
    if (!table && attempt >= 5) throw new Error('Electronegativity wrote no report that can be read');
  }
  const [header, ...rows] = table;
  const at = (name: string) => header.indexOf(name);
  const findings = rows.map((r) => ({ check: r[at('issue')], severity: r[at('severity')], file: r[at('filename')], location: r[at('location')], description: r[at('description')] }));
  const serious = findings.filter((f) => f.severity !== 'INFORMATIONAL');
  const accepted = (f: (typeof findings)[number]) => ACCEPTED.find((a) => a.check === f.check && a.file === f.file);
  const failures = serious.filter((f) => !accepted(f));
  const stale = ACCEPTED.filter((a) => !serious.some((f) => f.check === a.check && f.file === a.file));

  for (const f of serious) {
    const reason = accepted(f)?.reason;
    console.log(`${reason ? 'accepted' : 'FINDING '}  ${f.severity.padEnd(8)} ${f.check}  ${f.file}:${f.location}${reason ? `\n          ${reason}` : `\n          ${f.description}`}`);
  }
  for (const a of stale) console.log(`STALE     ${a.check} ${a.file}: no longer reported; remove it from the accepted list`);
  console.log(`Electronegativity ${findings.length} findings over out/ (Electron ${electronVersion}): ${failures.length} not accepted, ${stale.length} stale.`);
  if (failures.length > 0 || stale.length > 0) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
