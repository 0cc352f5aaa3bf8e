// The `dossier` command line, run as a user runs it, on a real library folder.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { projectDir, seedFile } from './fixtures';

const run = promisify(execFile);
const QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

let root: string;
let library: string;

async function dossier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', library]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A command that must succeed, and its JSON output; a failure shows what the command said. */
async function dossierJson(...args: string[]) {
  const result = await dossier(...args);
  expect(result.code, `dossier ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout);
}

/** Every file of the library with its content: to prove a failed command changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(library, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-cli-'));
  library = join(root, 'library');
});
test.afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

test('import, list, show, annotate with links, and brief', async () => {
  const imported = await dossier('import', seedFile, '--json');
  expect(imported.code, imported.stderr).toBe(0);
  const [article] = JSON.parse(imported.stdout);
  expect(article.title).toBe('US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang');

  const again = await dossier('import', seedFile);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('already in the library');

  const list = await dossierJson('list', '--json');
  expect(list).toEqual([{ id: article.id, title: article.title, byline: null, siteName: null, url: null, publishedAt: null, annotationCount: 0 }]);

  const shown = await dossierJson('show', article.id, '--json');
  expect(shown.article.id).toBe(article.id);
  expect(shown.text).toContain(QUOTE);
  expect(shown.text).not.toContain('Recent Features');

  const annotated = await dossier('annotate', article.id, '--quote', QUOTE, '--note', 'Their words.', '--link', 'person:Mike Pompeo', '--link', 'place:North Korea', '--link', 'event:Pompeo’s July 2018 visit to Pyongyang', '--json');
  expect(annotated.code, annotated.stderr).toBe(0);
  const annotation = JSON.parse(annotated.stdout);
  expect(annotation.target.quote.exact).toBe(QUOTE);
  expect(shown.text.slice(annotation.target.position.start, annotation.target.position.end)).toBe(QUOTE);
  expect(annotation.entityIds).toHaveLength(3);

  // Linking an existing name reuses the entity.
  const second = await dossierJson('annotate', article.id, '--quote', 'met North Korean leader Kim Jong Un', '--link', 'organization:Department of State', '--link', 'person:Mike Pompeo', '--json');
  expect(second.entityIds[1]).toBe(annotation.entityIds[0]);

  expect((await dossierJson('list', '--json'))[0].annotationCount).toBe(2);

  const brief = await dossier('brief', '--entity', 'North Korea');
  expect(brief.code, brief.stderr).toBe(0);
  expect(brief.stdout).toContain(`> ${QUOTE}`);
  expect(brief.stdout).toContain('Their words.');
  expect(brief.stdout).not.toContain('met North Korean leader');

  const out = join(root, 'brief.md');
  expect((await dossier('brief', '--article', article.id, '--out', out)).code).toBe(0);
  const file = await readFile(out, 'utf8');
  expect(file).toContain(QUOTE);
  expect(file).toContain('met North Korean leader Kim Jong Un');
  const refused = await dossier('brief', '--article', article.id, '--out', out);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('exists');

  // With an index and a timeline, one file per entity, into a folder; not again over the same files.
  const folder = join(root, 'by-entity');
  const split = await dossier('brief', '--article', article.id, '--title', 'Pyongyang', '--group-by', 'entity', '--index', '--timeline', '--split', '--out', folder);
  expect(split.code, split.stderr).toBe(0);
  expect((await readdir(folder)).sort()).toEqual([
    '00 Pyongyang.md',
    '01 Department of State.md',
    '02 Mike Pompeo.md',
    '03 North Korea.md',
    '04 Pompeo’s July 2018 visit to Pyongyang.md',
  ]);
  const overview = await readFile(join(folder, '00 Pyongyang.md'), 'utf8');
  expect(overview).toContain('- Mike Pompeo (person): 2 quotes[^1] — under [Department of State](<01 Department of State.md>); [Mike Pompeo](<02 Mike Pompeo.md>); [North Korea]');
  expect(overview).toContain('- Undated: Pompeo’s July 2018 visit to Pyongyang — 1 quote[^1]');
  expect(await readFile(join(folder, '03 North Korea.md'), 'utf8')).toContain(`> ${QUOTE}`);
  const again2 = await dossier('brief', '--article', article.id, '--title', 'Pyongyang', '--group-by', 'entity', '--split', '--out', folder);
  expect(again2.code).not.toBe(0);
  expect(again2.stderr).toContain('exists already; nothing was written');
  expect((await dossier('brief', '--article', article.id, '--split')).stderr).toContain('--split writes files into a folder');
});

test('bad input exits non-zero with one clear line and leaves the library as it was', async () => {
  const imported = await dossierJson('import', seedFile, '--json');
  const id = imported[0].id;
  const before = await snapshot();

  const pdf = join(root, 'report.pdf');
  await writeFile(pdf, '%PDF-1.4 not really');
  const odt = join(root, 'report.odt');
  await writeFile(odt, 'PK not really');
  const empty = join(root, 'empty.txt');
  await writeFile(empty, '');

  const cases: [string[], RegExp][] = [
    [['import', odt], /report\.odt.*not supported/i],
    [['import', pdf], /report\.pdf.*not a readable PDF/i],
    [['import', empty], /empty/i],
    [['import', seedFile, odt], /not supported/i],
    [['import', join(root, 'nope.txt')], /no such file/i],
    [['annotate', id, '--quote', 'words that are not in the article'], /not in/i],
    [['annotate', id, '--quote', 'Pompeo'], /occurs \d+ times/i],
    [['annotate', id, '--quote', QUOTE, '--link', 'planet:Mars'], /person, organisation, place, event/],
    [['annotate', id, '--quote', 'not there', '--link', 'person:Nobody'], /not in/i],
    [['annotate', 'nosuchid1', '--quote', QUOTE], /no article/i],
    [['show', 'nosuchid1'], /no article/i],
    [['brief', '--entity', 'Nobody'], /no entity/i],
    [['frobnicate'], /unknown command/i],
  ];
  for (const [args, message] of cases) {
    const result = await dossier(...args);
    expect(result.code, args.join(' ')).not.toBe(0);
    expect(result.stderr.split('\n')[0], args.join(' ')).toMatch(message);
    expect(result.stdout, args.join(' ')).toBe('');
  }
  expect(await snapshot()).toEqual(before);
});

test('annotations lists selectors and anchor status; a changed version reports what was carried over', async () => {
  const [article] = await dossierJson('import', seedFile, '--json');
  await dossier('annotate', article.id, '--quote', QUOTE);
  await dossier('annotate', article.id, '--quote', 'Pompeo had assured Japanese Prime Minister Shinzo Abe');
  const listed = await dossierJson('annotations', article.id, '--json');
  expect(listed).toHaveLength(2);
  expect(listed[0]).toMatchObject({ anchor: 'anchored', target: { quote: { type: 'TextQuoteSelector' }, position: { type: 'TextPositionSelector' } } });

  const changed = join(root, 'diplomat-pompeo-kim-pyongyang.txt');
  await writeFile(changed, (await readFile(seedFile, 'utf8')).replace('Pompeo had assured', 'Pompeo had personally assured'));
  const imported = await dossier('import', changed);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toContain('new version');
  expect(imported.stdout).toContain('annotations carried over: 1 anchored, 1 fuzzy (to review), 0 orphaned');
  const newest = (await dossierJson('list', '--json')).find((a: { id: string }) => a.id !== article.id);
  const text = await dossier('annotations', newest.id);
  expect(text.stdout).toMatch(/\[fuzzy \d+%\]  “Pompeo had personally assured Japanese Prime Minister Shinzo Abe”/);

  const found = await dossierJson('search', '"personally assured"', '--has-annotations', '--json');
  // The new version and the annotation whose quote now has those words; not the old version.
  expect(found.map((h: { kind: string; articleId: string }) => `${h.kind} ${h.articleId}`).sort()).toEqual([`annotation ${newest.id}`, `article ${newest.id}`]);
  const bad = await dossier('search', 'Pompeo', '--from', 'last week');
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/filters\.from: use a date like/);
});


test('import takes folders and web addresses; --keep-going imports what it can and reports the rest', async () => {
  const folder = join(root, 'clips');
  await mkdir(join(folder, 'asia'), { recursive: true });
  await mkdir(join(folder, '.git'), { recursive: true });
  await copyFile(seedFile, join(folder, 'asia', 'pompeo.txt'));
  const markdown = new URL('../../../shared/corpus/markdown-18f/2014-11-26-how-to-use-more-open-source.md', import.meta.url);
  await copyFile(markdown, join(folder, 'open-source.md'));
  await writeFile(join(folder, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(folder, '.git', 'notes.txt'), 'A hidden folder is not part of the clips.\n\nIt stays out.');

  const result = await dossier('import', folder, '--json');
  expect(result.code, result.stderr).toBe(0);
  const names = (JSON.parse(result.stdout) as { fileName: string }[]).map((a) => a.fileName).sort();
  expect(names).toEqual(['open-source.md', 'pompeo.txt']);

  // A web address: the page is fetched from a server of the test's own.
  const page = await readFile(new URL('../../../shared/corpus/readability/bbc-1/source.html', import.meta.url));
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/bbc-1' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url === '/bbc-1' ? page : 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const web = await dossier('import', `${origin}/bbc-1`, '--json');
    expect(web.code, web.stderr).toBe(0);
    expect(JSON.parse(web.stdout)[0].url).toBe(`${origin}/bbc-1`);

    // A damaged file and a dead address among good files: nothing is imported, unless asked to keep going.
    await writeFile(join(folder, 'broken.pdf'), '%PDF-1.7 and then nothing');
    await writeFile(join(folder, 'new.md'), '# A new note\n\nWritten after the first import.\n');
    const before = await snapshot();
    const strict = await dossier('import', folder, `${origin}/gone`);
    expect(strict.code).not.toBe(0);
    // The first problem found is named: files are read and addresses fetched before anything is extracted.
    expect(strict.stderr).toMatch(/gone could not be fetched.*answered 404/);
    expect(await snapshot()).toEqual(before);

    const lenient = await dossier('import', folder, `${origin}/gone`, '--keep-going');
    expect(lenient.code).not.toBe(0);
    expect(lenient.stdout).toMatch(/imported\s+\S+\s+A new note\s+\(new\.md\)/);
    expect(lenient.stdout).toMatch(/already in the library .*\(pompeo\.txt\)/);
    expect(lenient.stderr).toMatch(/not imported: .*broken\.pdf/);
    expect(lenient.stderr).toMatch(/not imported: .*answered 404/);
    expect(lenient.stderr).toMatch(/2 of 5 could not be imported/);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('export-annotations writes W3C Web Annotation JSON-LD or CSV, to standard output or a new file', async () => {
  const [article] = await dossierJson('import', seedFile, '--json');
  expect((await dossier('annotate', article.id, '--quote', QUOTE, '--note', 'Their words.', '--link', 'person:Mike Pompeo')).code).toBe(0);

  const jsonld = await dossier('export-annotations');
  expect(jsonld.code, jsonld.stderr).toBe(0);
  const collection = JSON.parse(jsonld.stdout);
  expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
  expect(collection.first.items[0].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });

  const out = join(root, 'annotations.csv');
  const csv = await dossier('export-annotations', '--format', 'csv', '--article', article.id, '--out', out);
  expect(csv.code, csv.stderr).toBe(0);
  expect(csv.stderr).toContain('1 annotation written to');
  expect(await readFile(out, 'utf8')).toContain(`"${QUOTE}"`.replace(/^"|"$/g, ''));
  const again = await dossier('export-annotations', '--format', 'csv', '--out', out);
  expect(again.code).not.toBe(0);
  expect(again.stderr).toMatch(/exists already; add --force/);
  expect((await dossier('export-annotations', '--format', 'xml')).stderr).toMatch(/--format takes jsonld or csv/);
});

test('backup writes the library to one archive, and restore brings it back into an empty folder', async () => {
  const [article] = await dossierJson('import', seedFile, '--json');
  expect((await dossier('annotate', article.id, '--quote', QUOTE, '--note', 'Their words.', '--link', 'person:Mike Pompeo')).code).toBe(0);
  const archive = join(root, 'library-backup.zip');
  const backup = await dossier('backup', archive);
  expect(backup.code, backup.stderr).toBe(0);
  expect(backup.stderr).toMatch(/files of .* backed up to/);

  const restoredDir = join(root, 'restored');
  const restore = await run(process.execPath, [join(projectDir, 'bin/dossier.js'), 'restore', archive, '--library', restoredDir]);
  expect(restore.stderr).toMatch(/restored \d+ files into .*: 1 articles/);
  const listed = JSON.parse((await run(process.execPath, [join(projectDir, 'bin/dossier.js'), 'annotations', article.id, '--json', '--library', restoredDir])).stdout);
  expect(listed[0].target.quote.exact).toBe(QUOTE);

  // Restoring over a library refuses and changes nothing.
  const before = await snapshot();
  const over = await dossier('restore', archive);
  expect(over.code).not.toBe(0);
  expect(over.stderr).toMatch(/not empty/);
  expect(await snapshot()).toEqual(before);
});

test('suggest lists the people, places and dates of an article with their spans; entities lists what was linked', async () => {
  const [article] = await dossierJson('import', seedFile, '--json');
  const suggestions = await dossierJson('suggest', article.id, '--json');
  const pompeo = suggestions.names.find((s: { name: string }) => s.name === 'Mike Pompeo');
  expect(pompeo).toMatchObject({ type: 'person', variants: ['Pompeo'], status: 'new', entityId: null });
  const { text } = await dossierJson('show', article.id, '--json');
  for (const m of pompeo.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  expect(suggestions.datesResolved).toBe(false);

  const plain = await dossier('suggest', article.id);
  expect(plain.stdout).toMatch(/^person\s+Kim\s+×\d+\s+\[new\]\s+ambiguous: Kim /m);
  expect(plain.stdout).toMatch(/^date\s+“on Sunday”\s+unresolved\s+\[new\]$/m);
  expect(plain.stdout).toContain('Relative dates resolve once the article has a publication date.');

  expect((await dossier('entities')).stdout.trim()).toBe('(no entities)');
  await dossierJson('annotate', article.id, '--quote', QUOTE, '--link', 'person:Mike Pompeo', '--json');
  const [entity] = await dossierJson('entities', '--json');
  expect(entity).toMatchObject({ type: 'person', name: 'Mike Pompeo' });
  expect((await dossierJson('suggest', article.id, '--json')).names.find((s: { name: string }) => s.name === 'Mike Pompeo')).toMatchObject({ status: 'known', entityId: entity.id });

  const missing = await dossier('suggest', 'nosucharticle');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/No article/);
});

test('timeline lists annotations on their article’s date, and those of one entity', async () => {
  const clip = join(root, 'talks.md');
  await writeFile(clip, '---\ntitle: Talks in Pyongyang\ndate: 2018-10-08\n---\n\nPompeo met Kim in Pyongyang on Sunday. The talks were called productive by both sides.\n');
  const [article] = await dossierJson('import', clip, '--json');
  await dossierJson('annotate', article.id, '--quote', 'Pompeo met Kim in Pyongyang on Sunday.', '--link', 'person:Mike Pompeo', '--json');
  await dossierJson('annotate', article.id, '--quote', 'The talks were called productive', '--link', 'place:Pyongyang', '--json');
  const [seed] = await dossierJson('import', seedFile, '--json');
  await dossierJson('annotate', seed.id, '--quote', QUOTE, '--link', 'person:Mike Pompeo', '--json');

  const all = await dossierJson('timeline', '--json');
  expect(all.items.map((i: { date: string; label: string }) => [i.date, i.label])).toEqual([
    ['2018-10-08', 'Pompeo met Kim in Pyongyang on Sunday.'],
    ['2018-10-08', 'The talks were called productive'],
  ]);
  // The seed clip has no date: its annotation is counted, not placed.
  expect(all.undated).toBe(1);
  const plain = await dossier('timeline', '--entity', 'Mike Pompeo');
  expect(plain.stdout).toBe('2018-10-08  annotation  “Pompeo met Kim in Pyongyang on Sunday.” — Talks in Pyongyang\n1 annotation(s) have no date: link them to a dated event, or date their article.\n');
  const none = await dossier('timeline', '--entity', 'Nobody');
  expect(none.code).toBe(1);
  expect(none.stderr).toContain('No entity named “Nobody”');
});
