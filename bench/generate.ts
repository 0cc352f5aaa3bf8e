// A reproducible library of N articles for the benchmark: text made from the words of real pages in
// ../shared/corpus, imported through the core in batches, with 3 annotations per article and 500 entities.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Core } from '../src/main/core';
import type { EntityType } from '../src/shared/model';

/** mulberry32: a small seeded generator, so that every run builds the same library. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function corpusWords(sharedDir: string): Promise<string[]> {
  const root = join(sharedDir, 'corpus', 'readability');
  const words: string[] = [];
  for (const page of await readdir(root)) {
    const html = await readFile(join(root, page, 'expected.html'), 'utf8').catch(() => '');
    words.push(...html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').split(/\s+/).filter((w) => /^[\p{L}][\p{L}'’-]*[.,;:]?$/u.test(w)));
  }
  return words;
}

/** The real pages of the corpus (readability and aeb), as files: `<group>-<page>.html` and their bytes. */
export async function corpusPages(sharedDir: string): Promise<{ name: string; bytes: Buffer }[]> {
  const pages: { name: string; bytes: Buffer }[] = [];
  for (const group of ['readability', 'aeb']) {
    const root = join(sharedDir, 'corpus', group);
    for (const page of await readdir(root)) {
      const bytes = await readFile(join(root, page, 'source.html')).catch(() => null);
      if (bytes) pages.push({ name: `${group}-${page}.html`, bytes });
    }
  }
  return pages;
}

const ARTICLE_CHARS = 20_000;
export const ENTITY_COUNT = 500;
const ANNOTATIONS_PER_ARTICLE = 3;
const BATCH = 250;

function article(words: string[], next: () => number, n: number): string {
  const pick = () => words[Math.floor(next() * words.length)];
  const title = Array.from({ length: 6 + Math.floor(next() * 5) }, pick).join(' ').replace(/[.,;:]$/, '');
  const paragraphs: string[] = [];
  let size = 0;
  while (size < ARTICLE_CHARS) {
    const sentences = Array.from({ length: 3 + Math.floor(next() * 4) }, () => {
      const s = Array.from({ length: 8 + Math.floor(next() * 14) }, pick).join(' ').replace(/[.,;:]$/, '');
      return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
    });
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length;
  }
  return `${title} (${n})\n\n${paragraphs.join('\n\n')}\n`;
}

export interface Generated {
  articleIds: string[];
  entityIds: string[];
  importMs: number;
}

export async function generateLibrary(core: Core, size: number, words: string[], log: (line: string) => void): Promise<Generated> {
  const next = random(20181007);
  const types: EntityType[] = ['person', 'organisation', 'place', 'event'];
  const entityIds: string[] = [];
  for (let i = 0; i < ENTITY_COUNT; i++) {
    const type = types[i % types.length];
    const name = `${words[Math.floor(next() * words.length)]} ${words[Math.floor(next() * words.length)]} ${i}`.replace(/[.,;:]/g, '');
    entityIds.push((await core.library.createEntity(type, name, type === 'event' ? `20${10 + (i % 15)}-0${1 + (i % 9)}` : null)).id);
  }
  const articleIds: string[] = [];
  const started = performance.now();
  for (let from = 0; from < size; from += BATCH) {
    const files = Array.from({ length: Math.min(BATCH, size - from) }, (_, i) => ({
      name: `generated-${from + i}.txt`,
      bytes: new TextEncoder().encode(article(words, next, from + i)),
    }));
    const results = await core.library.commitImport(await core.library.prepareImport(files));
    articleIds.push(...results.map((r) => r.article.id));
    log(`  imported ${Math.min(from + BATCH, size)} of ${size}`);
  }
  const importMs = performance.now() - started;
  for (const [n, id] of articleIds.entries()) {
    const { text } = await core.library.loadArticle(id);
    for (let k = 0; k < ANNOTATIONS_PER_ARTICLE; k++) {
      const start = Math.floor(next() * (text.length - 200));
      const end = start + 40 + Math.floor(next() * 120);
      const links = Array.from({ length: Math.floor(next() * 3) }, () => entityIds[Math.floor(next() * entityIds.length)]);
      await core.library.createAnnotation(id, start, end, text.slice(start, end), { note: `Note ${n}.${k}: ${text.slice(end, end + 60)}`, entityIds: links, tags: [`tag${k}`] });
    }
    if ((n + 1) % 1000 === 0) log(`  annotated ${n + 1} of ${size}`);
  }
  return { articleIds, entityIds, importMs };
}
