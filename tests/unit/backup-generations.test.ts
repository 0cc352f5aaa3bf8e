// The library's own backups: made by hand, each day it changes, and before a restore; a few of each kept;
// restored in place from a running core, with the library as it was backed up first.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { GENERATIONS_KEPT } from '../../src/main/core/backup';
import { dispatch } from '../../src/main/core/dispatch';
import { unwrap, type Input, type MethodName, type Output } from '../../src/shared/api';

const seed = readFileSync(new URL('../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt', import.meta.url));
const page = readFileSync(new URL('../../../shared/corpus/readability/bbc-1/source.html', import.meta.url));
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

let dir: string;
let core: Core;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-generations-'));
});
afterEach(async () => {
  await core?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A call as a host makes it: the input validated and given its defaults. */
async function api<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> {
  return unwrap((await dispatch(core.handlers, name, input)) as never) as Output<M>;
}

async function importFile(name: string, bytes: Buffer): Promise<string> {
  const [outcome] = await api('articles.import', { files: [{ name, data: bytes.toString('base64') }] });
  if (!outcome?.ok) throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  return outcome.article.id;
}

async function annotateSeed(articleId: string): Promise<string> {
  const { text } = await api('articles.get', { id: articleId });
  const start = text.indexOf(QUOTE);
  const annotation = await api('annotations.create', { articleId, start, end: start + QUOTE.length, exact: QUOTE, note: 'Their words.' });
  return annotation.id;
}

describe('backups of the library, in rotation', () => {
  it('restores a backup in place: its articles, annotations and index, after backing up the present', async () => {
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importFile('diplomat.txt', seed);
    const annotationId = await annotateSeed(seedId);
    const made = await api('backups.create', {});
    expect(made.reason).toBe('manual');
    expect((await api('backups.list', {})).map((b) => b.name)).toEqual([made.name]);

    // Later: a second article, and the annotation deleted.
    const bbcId = await importFile('bbc.html', page);
    await api('annotations.delete', { articleId: seedId, id: annotationId });
    expect(await api('search.query', { query: 'gangster-like' })).not.toHaveLength(0);

    const { restored, before, articleCount } = await api('backups.restore', { name: made.name });
    expect([restored.name, before.reason, articleCount]).toEqual([made.name, 'before-restore', 1]);
    expect((await api('articles.list', {})).map((a) => a.id)).toEqual([seedId]);
    expect((await api('annotations.list', { articleId: seedId })).map((a) => a.id)).toEqual([annotationId]);
    // The index is the restored library's: the article that went is not found.
    expect(new Set((await api('search.query', { query: 'gangster-like' })).map((h) => h.articleId))).toEqual(new Set([seedId]));
    // The library keeps working, and the restore itself can be undone.
    await api('annotations.update', { articleId: seedId, id: annotationId, patch: { note: 'Edited after the restore.' } });
    await api('backups.restore', { name: before.name });
    expect((await api('articles.list', {})).map((a) => a.id).sort()).toEqual([seedId, bbcId].sort());
    expect(await api('annotations.list', { articleId: seedId })).toEqual([]);
    // No staging or set-aside folder is left behind.
    expect((await readdir(dir)).filter((n) => n.startsWith('.restoring-') || n.startsWith('.replaced-'))).toEqual([]);
  });

  it('keeps a few backups of each kind, newest first, and reports each one it made', async () => {
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    await importFile('diplomat.txt', seed);
    const made = [];
    for (let i = 0; i < GENERATIONS_KEPT + 2; i++) made.push(await api('backups.create', {}));
    const listed = await api('backups.list', {});
    expect(listed.map((b) => b.name)).toEqual(made.slice(-GENERATIONS_KEPT).reverse().map((b) => b.name));
    expect(listed.every((b) => b.size > 1000)).toBe(true);
    // A backup is not itself backed up: the next one is no bigger for the ones before it.
    expect(Math.abs(listed[0]!.size - listed[GENERATIONS_KEPT - 1]!.size)).toBeLessThan(200);
  });

  it('makes the day’s backup after the first change of a day without one, and only one', async () => {
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: 0 });
    const seedId = await importFile('diplomat.txt', seed);
    await expect.poll(async () => (await api('backups.list', {})).filter((b) => b.reason === 'daily').length).toBe(1);
    await annotateSeed(seedId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await api('backups.list', {})).filter((b) => b.reason === 'daily')).toHaveLength(1);
  });

  it('a damaged backup, or a name that is not one of them, is refused and the library is left as it is', async () => {
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importFile('diplomat.txt', seed);
    const made = await api('backups.create', {});
    await annotateSeed(seedId);
    const path = join(dir, 'backups', made.name);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length >> 1));
    await expect(api('backups.restore', { name: made.name })).rejects.toThrow(/not a Dossier backup|damaged|incomplete/);
    await expect(api('backups.restore', { name: '../library.json' })).rejects.toThrow('is not one of the library’s backups');
    expect(await api('annotations.list', { articleId: seedId })).toHaveLength(1);
    // Nothing was backed up for a restore that never started.
    expect((await api('backups.list', {})).map((b) => b.reason)).toEqual(['manual']);
  });

  it('a backup file from elsewhere is checked, listed as of when it was made, and restored like the others', async () => {
    // Another library, backed up to a file as `dossier backup` does.
    const other = join(dir, 'other');
    core = await openCore({ libraryDir: other, dailyBackupDelayMs: null });
    const bbcId = await importFile('bbc.html', page);
    const file = join(dir, 'other.zip');
    await core.library.backup(file);
    await core.close();

    core = await openCore({ libraryDir: join(dir, 'mine'), dailyBackupDelayMs: null });
    await importFile('diplomat.txt', seed);
    const bytes = await readFile(file);
    const added = await api('backups.add', { name: 'other.zip', data: bytes.toString('base64') });
    expect(added.reason).toBe('added');
    expect(Date.now() - Date.parse(added.created)).toBeLessThan(60_000);
    // Added twice, listed once.
    await api('backups.add', { name: 'other.zip', data: bytes.toString('base64') });
    expect((await api('backups.list', {})).map((b) => b.reason)).toEqual(['added']);
    await expect(api('backups.add', { name: 'notes.zip', data: Buffer.from('not a zip').toString('base64') })).rejects.toThrow('not a Dossier backup');

    expect((await api('backups.restore', { name: added.name })).articleCount).toBe(1);
    expect((await api('articles.list', {})).map((a) => a.id)).toEqual([bbcId]);
  });

  it('a file damaged along with its previous version comes back from the newest backup that holds a good copy', async () => {
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const seedId = await importFile('diplomat.txt', seed);
    const first = await annotateSeed(seedId);
    await api('backups.create', {});
    await api('annotations.update', { articleId: seedId, id: first, patch: { note: 'After the backup.' } });
    await core.close();

    const file = join(dir, 'articles', seedId, 'annotations.json');
    await writeFile(file, '{"schemaVersion": 2, "annot');
    await writeFile(`${file}.bak`, '');
    core = await openCore({ libraryDir: dir, dailyBackupDelayMs: null });
    const [annotation] = await api('annotations.list', { articleId: seedId });
    // As the backup had it: the later note is the change that is lost, and the user is told so.
    expect(annotation?.note).toBe('Their words.');
    const { warnings } = await api('library.info', {});
    expect(warnings.join(' ')).toMatch(/annotations\.json could not be read \(it is not valid JSON\), nor its previous version\. It was set aside as annotations\.json\.damaged-.* and was restored from the library’s backup of /);
    expect((await readdir(join(dir, 'articles', seedId))).some((n) => n.startsWith('annotations.json.damaged-'))).toBe(true);
  });
});
