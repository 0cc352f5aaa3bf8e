import { describe, expect, it } from 'vitest';
import { type DroppedEntry, filesFromEntries } from '../../src/renderer/src/features/library/dropped-folders';

/** A folder tree as the browser's entries give it, read a few entries a batch as Chromium does. */
function tree(path: string, spec: Record<string, string | object>, batch = 2): DroppedEntry {
  const name = path.split('/').pop()!;
  const children = Object.entries(spec).map(([child, content]) =>
    typeof content === 'string'
      ? { isFile: true, isDirectory: false, name: child, fullPath: `${path}/${child}`, file: (ok: (f: File) => void) => ok(new File([content], child)) }
      : tree(`${path}/${child}`, content as Record<string, string | object>, batch),
  );
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath: path,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (entries: DroppedEntry[]) => void) => ok(children.slice(at, (at += batch))) };
    },
  };
}

describe('a dropped folder', () => {
  it('gives every article file under it, in path order, leaving out hidden files and folders and other kinds', async () => {
    const folder = tree('/clips', {
      'b.md': '# B',
      'a.txt': 'A',
      'notes.docx': 'not really a docx',
      'image.png': 'x',
      '.DS_Store': 'x',
      '.git': { 'config.txt': 'x' },
      korea: { 'pyongyang.html': '<p>P</p>', deeper: { 'seoul.htm': '<p>S</p>' } },
    });
    const files = await filesFromEntries([folder]);
    expect(files.map((f) => f.name)).toEqual(['a.txt', 'b.md', 'seoul.htm', 'pyongyang.html', 'notes.docx']);
  });

  it('takes a file dropped beside the folder as it is, whatever its kind', async () => {
    const loose: DroppedEntry = { isFile: true, isDirectory: false, name: 'photo.png', fullPath: '/photo.png', file: (ok) => ok(new File(['x'], 'photo.png')) };
    const files = await filesFromEntries([loose, tree('/empty', {})]);
    expect(files.map((f) => f.name)).toEqual(['photo.png']);
  });
});
