// Extraction on worker threads: answers come back in order, errors keep their meaning, a file that
// spins forever is stopped after the time limit without blocking this thread, and the next file gets a
// fresh worker. The workers here are small scripts written by the test; the real one (out/main/
// import-worker.js) serves every import of the end-to-end tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { workerExtractor } from '../../src/main/core/importers/extractor';
import { DossierError } from '../../src/shared/errors';

const WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', ({ id, task }) => {
  if (task.kind === 'suggest') {
    if (task.text === 'spin') for (;;) {}
    return parentPort.postMessage({ id, ok: true, value: { names: [], dates: [], datesResolved: task.publishedAt !== null, text: task.text } });
  }
  const { input } = task;
  const name = input.fileName;
  if (name.startsWith('slow')) return setTimeout(() => parentPort.postMessage({ id, ok: true, value: { title: 'thread ' + threadId } }), 200);
  if (name === 'spin.html') for (;;) {}
  if (name === 'refused.html') return parentPort.postMessage({ id, ok: false, expected: true, code: 'empty_file', message: name + ' is empty' });
  if (name === 'crash.html') return parentPort.postMessage({ id, ok: false, expected: false, code: 'internal', message: 'parser exploded' });
  parentPort.postMessage({ id, ok: true, value: { title: name + ' (' + input.bytes.length + ' bytes)' } });
});
`;

let dir: string;
let workerPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-worker-'));
  workerPath = join(dir, 'worker.mjs');
  await writeFile(workerPath, WORKER);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input = (fileName: string) => ({ fileName, bytes: new Uint8Array([1, 2, 3]) });

describe('the worker extractor', () => {
  test('answers each file, in order, and keeps the caller’s bytes', async () => {
    const extractor = workerExtractor(workerPath);
    const bytes = new Uint8Array([1, 2, 3]);
    const answers = await Promise.all(['a.html', 'b.html', 'c.html'].map((name) => extractor.extract({ fileName: name, bytes })));
    expect(answers.map((a) => a.title)).toEqual(['a.html (3 bytes)', 'b.html (3 bytes)', 'c.html (3 bytes)']);
    expect(bytes.byteLength).toBe(3);
    await extractor.close();
  });

  test('reads as many files at once as it has workers, and no more', async () => {
    const threads = async (workers: number) => {
      const extractor = workerExtractor(workerPath, { workers });
      const answers = await Promise.all(['slow-1.html', 'slow-2.html', 'slow-3.html'].map((name) => extractor.extract(input(name))));
      await extractor.close();
      return new Set(answers.map((a) => a.title)).size;
    };
    expect(await threads(2)).toBe(2);
    expect(await threads(1)).toBe(1);
    // One file after another goes to the worker that read the last one: it is warm.
    const extractor = workerExtractor(workerPath, { workers: 2 });
    const first = await extractor.extract(input('slow-1.html'));
    expect(await extractor.extract(input('slow-2.html'))).toEqual(first);
    await extractor.close();
  });

  test('lets the workers beyond the first go once idle, and starts them again when needed', async () => {
    const extractor = workerExtractor(workerPath, { workers: 2, idleMs: 100 });
    const both = async () => (await Promise.all(['slow-1.html', 'slow-2.html'].map((name) => extractor.extract(input(name))))).map((a) => a.title);
    const before = await both();
    const [kept] = before;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const after = await both();
    expect(new Set(after).size).toBe(2);
    expect(after).toContain(kept);
    expect(after.filter((title) => !before.includes(title))).toHaveLength(1);
    await extractor.close();
  });

  test('a refusal stays a refusal with its code; an unexpected failure stays unexpected', async () => {
    const extractor = workerExtractor(workerPath);
    const refused = await extractor.extract(input('refused.html')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DossierError);
    expect(refused).toMatchObject({ code: 'empty_file', message: 'refused.html is empty' });
    const crashed = await extractor.extract(input('crash.html')).catch((e: unknown) => e);
    expect(crashed).not.toBeInstanceOf(DossierError);
    expect((crashed as Error).message).toBe('parser exploded');
    await extractor.close();
  });

  test('a file that never finishes is stopped at the limit, this thread stays free meanwhile, and the next file is read', async () => {
    const extractor = workerExtractor(workerPath, { timeoutMs: 500 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const spun = await extractor.extract(input('spin.html')).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(spun).toBeInstanceOf(DossierError);
    expect((spun as Error).message).toMatch(/spin\.html.*took more than 1 s/);
    // The worker spun the whole time; timers on this thread kept running.
    expect(ticks).toBeGreaterThan(5);
    expect((await extractor.extract(input('after.html'))).title).toBe('after.html (3 bytes)');
    await extractor.close();
  });

  test('finds an article’s names and dates on a worker too, within the time limit', async () => {
    const extractor = workerExtractor(workerPath, { timeoutMs: 500 });
    expect(await extractor.suggest('Pompeo met Kim.', '2018-07-07')).toMatchObject({ datesResolved: true, text: 'Pompeo met Kim.' });
    const spun = await extractor.suggest('spin', null).catch((e: unknown) => e);
    expect(spun).toMatchObject({ code: 'internal', message: expect.stringMatching(/names and dates.*took more than 1 s/) });
    expect(await extractor.suggest('After.', null)).toMatchObject({ datesResolved: false });
    await extractor.close();
  });
});
