// A library with more articles than the process may have files open, opened after a run that did not close
// cleanly (no annotation counts cached): every count comes from the files, read a few at a time.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../src/main/core/library';

const ARTICLES = 300;
/** Fewer file handles than articles: what macOS allows a process by default is 256. */
const OPEN_FILES = 128;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-many-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opening a library of many articles', () => {
  it.skipIf(process.platform === 'win32')('counts annotations from the files without running out of file handles', async () => {
    const library = await Library.open(dir);
    const files = Array.from({ length: ARTICLES }, (_, i) => ({ name: `note-${i}.txt`, bytes: new TextEncoder().encode(`Note ${i}\n\nA short note, number ${i}, about the talks.\n`) }));
    const results = await library.commitImport(await library.prepareImport(files));
    // Every article with an annotations file, as in a library in use: each one read holds a file handle.
    for (const { article } of results) {
      const { start, end } = await library.locateQuote(article.id, 'about the talks');
      await library.createAnnotation(article.id, start, end, 'about the talks', {});
    }
    await library.close();
    await rm(join(dir, 'cache', 'annotation-counts.json'));

    const script = `
      import { Library } from './src/main/core/library.ts';
      const library = await Library.open(process.argv[1]);
      const list = library.listArticles();
      console.log(JSON.stringify({ articles: list.length, annotations: list.reduce((n, a) => n + a.annotationCount, 0) }));
      await library.close();`;
    const { stdout } = await promisify(execFile)('sh', ['-c', `ulimit -n ${OPEN_FILES} && exec "$0" --import tsx --input-type=module -e "$1" "$2"`, process.execPath, script, dir], {
      cwd: join(import.meta.dirname, '..', '..'),
    });
    expect(JSON.parse(stdout)).toEqual({ articles: ARTICLES, annotations: ARTICLES });
  }, 60_000);
});
