// Entry of the `dossier` command line (bin/dossier.js runs the build of this file, out/main/cli.js).
import { fileURLToPath } from 'node:url';
import { main } from './hosts/cli';

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const workerDir = fileURLToPath(new URL('.', import.meta.url));
process.exitCode = await main(process.argv.slice(2), { rendererDir, workerDir });
