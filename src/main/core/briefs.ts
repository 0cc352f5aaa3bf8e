// Briefs: gathering the annotations a scope covers and writing the Markdown where the user can find it.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import filenamify from 'filenamify';
import { BriefScopeSchema, type BriefScope } from '../../shared/api';
import { renderBriefFiles, renderBriefMarkdown, type BriefDocument, type BriefItem } from '../../shared/brief-markdown';
import { DossierError } from '../../shared/errors';
import { writeFileDurable } from './durable-file';
import type { Library } from './library';
import { annotationDate } from './timeline';

const READ_BATCH = 32;

export async function composeBrief(
  library: Library,
  given: BriefScope,
): Promise<{
  markdown: string;
  document: BriefDocument;
  annotationCount: number;
  title: string;
  unverified: number;
  items: { id: string; quote: string; article: string }[];
}> {
  const scope = BriefScopeSchema.parse(given);
  if (scope.entityIds.length === 0 && scope.articleIds.length === 0 && scope.tags.length === 0) {
    throw new DossierError('invalid_input', 'Choose at least one entity, article or tag for the brief to cover.');
  }
  const scopeEntities = scope.entityIds.map((id) => library.getEntity(id));
  const articles = scope.articleIds.map((id) => library.getArticle(id));
  const wantedArticles = new Set(scope.articleIds);
  const wantedEntities = new Set(scope.entityIds);
  const items: BriefItem[] = [];
  // Articles alone need only their own annotation files; entities need every one (until an entity index).
  const wantedTags = new Set(scope.tags);
  const candidates = await library.allAnnotations(wantedEntities.size > 0 || wantedTags.size > 0 ? undefined : scope.articleIds);
  const entityById = new Map(library.listEntities().map((e) => [e.id, e]));
  const events = new Map([...entityById].filter(([, e]) => e.type === 'event'));
  // A day range keeps the annotations dated within it, whatever the precision of their date.
  const inRange = (date: string | undefined) =>
    (!scope.from || (!!date && date.slice(0, scope.from.length) >= scope.from)) && (!scope.to || (!!date && date.slice(0, scope.to.length) <= scope.to));
  for (const { annotation, article } of candidates) {
    const covered =
      wantedArticles.has(article.id) || annotation.entityIds.some((id) => wantedEntities.has(id)) || annotation.tags.some((t) => wantedTags.has(t));
    if (!covered || !inRange(annotationDate(annotation, article, events)?.date)) continue;
    items.push({ annotation, article, entities: annotation.entityIds.map((id) => library.getEntity(id)) });
  }
  if (scope.groupBy === 'manual') {
    // The analyst's order; annotations added to the scope since come after, in library order.
    const rank = new Map(scope.order.map((id, i) => [id, i]));
    items.sort((a, b) => (rank.get(a.annotation.id) ?? Infinity) - (rank.get(b.annotation.id) ?? Infinity));
  }
  // Every quote is checked against the article's stored text: after a new version, one may no longer match.
  const texts = new Map<string, string>();
  const ids = [...new Set(items.map((i) => i.article.id))];
  // The texts are read a batch at a time, concurrently: a brief of a thousand quotes reads hundreds of files.
  for (let at = 0; at < ids.length; at += READ_BATCH) {
    const batch = ids.slice(at, at + READ_BATCH);
    const read = await Promise.all(batch.map((id) => library.loadText(id).catch(() => '')));
    batch.forEach((id, i) => texts.set(id, read[i]));
  }
  for (const item of items) {
    const { start, end } = item.annotation.target.position;
    item.verified = texts.get(item.article.id)!.slice(start, end) === item.annotation.target.quote.exact;
  }
  const title =
    scope.title?.trim() ||
    `Brief: ${[...scopeEntities.map((e) => e.name), ...articles.map((a) => a.title)].slice(0, 3).join('; ')}`;
  const { frontMatter, wikilinks, groupBy, entityIndex, eventTimeline } = scope;
  const options = { frontMatter, wikilinks, groupBy, entityIndex, eventTimeline };
  const document: BriefDocument = { title, intro: scope.intro, createdAt: new Date().toISOString(), scopeEntities, items, options, entityById };
  return {
    markdown: renderBriefMarkdown(document),
    document,
    annotationCount: items.length,
    title,
    unverified: items.filter((i) => i.verified === false).length,
    items: items.map((i) => ({ id: i.annotation.id, quote: i.annotation.target.quote.exact, article: i.article.title })),
  };
}

const MAX_NAME_BYTES = 200;

/** A name for a title that is safe on Windows, macOS and Linux, at most `maxBytes` long in UTF-8. */
function safeName(title: string, maxBytes: number): string {
  let base = filenamify(title.trim(), { replacement: '_' }).replace(/^[.\s]+/, '').trim() || 'brief';
  while (Buffer.byteLength(base, 'utf8') > maxBytes) base = Array.from(base).slice(0, -1).join('');
  // Trimming may leave a trailing dot or space, which Windows drops from names.
  return base.replace(/[.\s]+$/, '') || 'brief';
}

/** A file name for a title that is safe on Windows, macOS and Linux. */
export function briefFileName(title: string): string {
  const base = safeName(title.replace(/\.md$/i, ''), MAX_NAME_BYTES);
  return `${base}.md`;
}

// Split briefs go into a folder: shorter names keep the whole path within Windows' 260 characters.
const MAX_SPLIT_NAME_BYTES = 100;

/** The files of a brief split by section: "00 Title.md" first, then "01 Section.md" and on, in order. */
export const sectionFileName = (index: number, title: string): string =>
  `${String(index).padStart(2, '0')} ${safeName(title, MAX_SPLIT_NAME_BYTES)}.md`;

/** Writes the brief as one file per section into a new folder in `dir` named after it (never an existing one). */
export async function writeBriefFolder(dir: string, title: string, document: BriefDocument): Promise<{ folder: string; files: string[] }> {
  const folder = await makeNewFolder(dir, safeName(title, MAX_SPLIT_NAME_BYTES));
  return { folder, files: await writeBriefFiles(folder, document) };
}

/** Writes the brief's files, one per section, into `folder`; a file there already is never replaced. */
export async function writeBriefFiles(folder: string, document: BriefDocument): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const files = renderBriefFiles(document, sectionFileName);
  // Every name is reserved before anything is written: an existing file stops the export before it starts.
  const written: string[] = [];
  for (const file of files) {
    const path = join(folder, file.fileName);
    try {
      await (await open(path, 'wx')).close();
    } catch (error) {
      await Promise.all(written.map((p) => rm(p, { force: true })));
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DossierError('file_exists', `${path} exists already; nothing was written.`);
      throw new DossierError('storage', `Could not write to ${folder}: ${(error as Error).message}`);
    }
    written.push(path);
  }
  for (const [i, file] of files.entries()) await writeFileDurable(written[i]!, file.markdown);
  return written;
}

/** Creates a folder that did not exist in `dir`: `name`, else `name (2)` and on. */
async function makeNewFolder(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, n === 1 ? name : `${name} (${n})`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new DossierError('storage', `Could not write to ${dir}: ${(error as Error).message}`);
    }
  }
  throw new DossierError('file_exists', `Too many folders named “${name}” in ${dir}.`);
}

/** Writes `markdown` as a new file in `dir`: an existing file is never overwritten, a number is added. */
export async function writeNewFile(dir: string, fileName: string, markdown: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stem = fileName.replace(/\.md$/i, '');
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, n === 1 ? `${stem}.md` : `${stem} (${n}).md`);
    try {
      // Reserving the name with an exclusive create is what makes "never overwrite" hold under races.
      await (await open(path, 'wx')).close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new DossierError('storage', `Could not write to ${dir}: ${(error as Error).message}`);
    }
    await writeFileDurable(path, markdown);
    return path;
  }
  throw new DossierError('file_exists', `Too many files named “${stem}” in ${dir}.`);
}
