// Bad input, through the import of a real library (issue 3): each file is refused with a message that names
// it and says why, and the library on disk is exactly as it was.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src/main/core';
import { MAX_IMPORT_BYTES } from '../../src/shared/api';

let dir: string;
let core: Core;

/** Every file of the library with a hash of its bytes. */
async function state(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(core.library.dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(core.library.dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-bad-'));
  core = await openCore({ libraryDir: join(dir, 'library') });
  // A library with something in it already.
  await core.handlers['articles.import']({ files: [{ name: 'kept.md', data: Buffer.from('# Kept\n\nAn article that must stay as it is.').toString('base64') }] });
});

afterAll(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => Buffer.from(text, 'utf8');

const CASES: [string, Buffer, RegExp][] = [
  ['empty.txt', Buffer.alloc(0), /empty/],
  ['photo.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text file but a PNG image/],
  ['huge.html', Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61), /MB, and Dossier imports articles up to 20 MB/],
  ['deep.html', bytes(`<html><body>${'<div>'.repeat(100_000)}<p>Deep.</p>${'</div>'.repeat(100_000)}</body></html>`), /nested more than/],
  ['sheet.xlsx', bytes('PK'), /\.xlsx files are not supported/],
  ['broken.pdf', bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), /not a readable PDF/],
  ['broken.docx', bytes('PK\u0003\u0004 truncated'), /not a readable Word/],
  ['broken.epub', Buffer.from(zipSync({ mimetype: strToU8('application/epub+zip') })), /EPUB/],
];

describe('bad input leaves the library as it was', () => {
  test.each(CASES)('%s is refused with a clear message', async (name, data, message) => {
    const before = await state();
    const [outcome] = await core.handlers['articles.import']({ files: [{ name, data: data.toString('base64') }] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toContain(name);
    expect(outcome.error.message).toMatch(message);
    expect(outcome.error.code).not.toBe('internal');
    expect(await state()).toEqual(before);
  });

  test('in a batch, the good files are imported and each bad one is named', async () => {
    const outcomes = await core.handlers['articles.import']({
      files: [
        { name: 'good.md', data: bytes('# Good\n\nA good article in a bad batch.').toString('base64') },
        ...CASES.slice(0, 2).map(([name, data]) => ({ name, data: data.toString('base64') })),
      ],
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
    expect(core.library.listArticles().map((a) => a.title).sort()).toEqual(['Good', 'Kept']);
  });
});

describe('what the user must be told', () => {
  test('characters that could not be decoded are reported with the import, and the text is kept', async () => {
    // UTF-8 (the é, the ï) with one broken sequence in it.
    const broken = Buffer.concat([bytes('Harbour talks\n\nThe envoys met at the café '), Buffer.from([0xc3, 0x28]), bytes(' on Tuesday and talked of naïve hopes for an hour.')]);
    const [outcome] = await core.handlers['articles.import']({ files: [{ name: 'broken-bytes.txt', data: broken.toString('base64') }] });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.warnings).toHaveLength(1);
    expect(outcome.warnings[0]).toMatch(/broken-bytes\.txt.*could not be read/);
    const { text } = await core.handlers['articles.get']({ id: outcome.article.id });
    expect(text).toContain('talked of naïve hopes for an hour.');
  });
});
