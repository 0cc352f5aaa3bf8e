#!/usr/bin/env node
// The `dossier` command: runs the built command line (npm run build makes out/main/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('dossier: the command line is not built yet: run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
