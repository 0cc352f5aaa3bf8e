// The `dossier` command line: batch work on a library, and the loopback host (`dossier serve`).
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ANNOTATION_EXPORT_FORMATS, BRIEF_GROUPINGS, IMPORT_EXTENSIONS, isArticlePath, SUPPORTED_FORMATS, unwrap, type ImportOutcome, type Input, type MethodName, type Output } from '../../shared/api';
import { DossierError } from '../../shared/errors';
import { ENTITY_TYPES, EntityTypeSchema, type EntityType } from '../../shared/model';
import { appLibraryDir, defaultLibraryDir, openCore, userDataDir, type Core } from '../core';
import { knock, openDoor, type Door } from '../core/door';
import { libraryHolder } from '../core/library-lock';
import { openFiles } from '../core/open-files';
import { dispatch } from '../core/dispatch';
import { restoreArchive } from '../core/backup';
import { composeBrief, writeBriefFiles } from '../core/briefs';
import { fetchPage } from '../core/fetch-page';
import type { FileToImport } from '../core/library';
import { startHttpHost } from './http-host';

const USAGE = `Usage: dossier <command> [options]

Commands:
  import FILE|FOLDER|URL... [--keep-going]
                                 import article files (${IMPORT_EXTENSIONS.map((e) => `.${e}`).join(' ')}),
                                 every one under a folder, or web pages; with --keep-going, what can be
                                 imported is, and the rest is reported (else nothing is imported)
  open FILE...                   import files into the running Dossier (the app or \`dossier serve\`), which
                                 shows them; when none has the library open, into the library directly
  list                           list the library's articles
  show ID                        an article's metadata and text
  annotations ID                 an article's annotations, with selectors and anchor status
  annotate ID --quote TEXT [--note TEXT] [--link TYPE:NAME]...
                                 annotate the passage TEXT (it must occur exactly once)
  entities                       the library's people, organisations, places and events
  suggest ID                     the people, organisations, places and dates an article names, with where
  timeline [--entity NAME] [--tag T]
                                 events and annotations in time order
  search QUERY [--entity NAME] [--tag T] [--site S] [--from DATE] [--to DATE] [--has-annotations]
                                 full-text search ("quoted phrases" match in order)
  brief [--entity NAME]... [--article ID]... [--title TEXT] [--out FILE]
        [--front-matter] [--wikilinks] [--group-by article|entity|event]
        [--index] [--timeline] [--split --out DIR]
                                 a Markdown brief of the matching annotations, with an index of entities
                                 and a timeline of events; --split writes one file per section into DIR
  backup FILE [--force]          the whole library as one archive
  restore FILE                   a backup, into the (new or empty) folder --library names
  export-annotations [--format jsonld|csv] [--article ID]... [--out FILE]
                                 annotations as W3C Web Annotation JSON-LD (default) or CSV
  serve [--port N]               serve the app on 127.0.0.1 (prints its URL with the access token)

Options:
  --library DIR   the library folder (default: ${process.env.DOSSIER_LIBRARY ?? `the one the app opened last, else ${join(userDataDir(), 'library')}`})
  --exports DIR   where the app saves exported briefs (serve; default: DIR/exports of the library)
  --json          print JSON
  -h, --help      this help`;

class UsageError extends Error {}

const OPTIONS = {
  library: { type: 'string' },
  exports: { type: 'string' },
  json: { type: 'boolean' },
  quote: { type: 'string' },
  note: { type: 'string' },
  link: { type: 'string', multiple: true },
  entity: { type: 'string', multiple: true },
  article: { type: 'string', multiple: true },
  title: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  port: { type: 'string' },
  tag: { type: 'string' },
  site: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'has-annotations': { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  format: { type: 'string' },
  'front-matter': { type: 'boolean' },
  wikilinks: { type: 'boolean' },
  'group-by': { type: 'string' },
  index: { type: 'boolean' },
  timeline: { type: 'boolean' },
  split: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/**
 * parseArgs, except that a word like "-9TRJKqOB0fRZlqi" (an id made before ids stopped starting with "-",
 * or a search for "-word") is taken as a value, not as a bundle of one-letter options: the only one-letter
 * option is -h, so a dash and more than one letter can only be a value.
 */
export function parseCommandLine(argv: readonly string[]) {
  const names = Object.keys(OPTIONS);
  const takesValue = new Set(names.filter((n) => OPTIONS[n as keyof typeof OPTIONS].type === 'string').map((n) => `--${n}`));
  const isOption = (word: string) => word === '-h' || names.some((n) => word === `--${n}` || word.startsWith(`--${n}=`));
  const held = new Map<string, string>();
  const args: string[] = [];
  let afterDoubleDash = false;
  for (const word of argv) {
    const previous = args[args.length - 1];
    if (afterDoubleDash || word === '--' || !word.startsWith('-') || isOption(word)) {
      afterDoubleDash ||= word === '--';
      args.push(word);
    } else if (previous !== undefined && takesValue.has(previous)) {
      args[args.length - 1] = `${previous}=${word}`;
    } else if (/^-[^-]./.test(word)) {
      const stand = `\u0000${held.size}`;
      held.set(stand, word);
      args.push(stand);
    } else {
      args.push(word);
    }
  }
  const parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  return { ...parsed, positionals: parsed.positionals.map((p) => held.get(p) ?? p) };
}

async function call<M extends MethodName>(core: Core, name: M, input: Input<M>): Promise<Output<M>> {
  return unwrap((await dispatch(core.handlers, name, input)) as never) as Output<M>;
}

function print(values: Values, json: unknown, text: string): void {
  process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
}

function parseLink(spec: string): { type: EntityType; name: string } {
  const colon = spec.indexOf(':');
  const rawType = colon > 0 ? spec.slice(0, colon).trim().toLowerCase() : '';
  const name = spec.slice(colon + 1).trim();
  const type = rawType === 'organization' ? 'organisation' : rawType;
  if (!EntityTypeSchema.safeParse(type).success || !name) {
    throw new UsageError(
      `--link "${spec}": write TYPE:NAME with TYPE one of ${ENTITY_TYPES.join(', ')} (or organization), e.g. person:Mike Pompeo`,
    );
  }
  return { type: type as EntityType, name };
}

const isWebAddress = (arg: string) => /^https?:\/\//i.test(arg);

/** The files an argument names: a file, the importable files anywhere under a folder (hidden ones left
 * out), or a web address. */
async function sources(arg: string): Promise<{ path: string; url: boolean }[]> {
  if (isWebAddress(arg)) return [{ path: arg, url: true }];
  const info = await stat(arg).catch(() => null);
  if (!info) throw new DossierError('not_found', `${arg}: no such file`);
  if (info.isFile()) return [{ path: arg, url: false }];
  if (!info.isDirectory()) throw new DossierError('invalid_input', `${arg} is not a file`);
  const entries = await readdir(arg, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isArticlePath(relative(arg, join(e.parentPath, e.name))))
    .map((e) => ({ path: join(e.parentPath, e.name), url: false }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

async function readSource(source: { path: string; url: boolean }): Promise<FileToImport> {
  if (source.url) return fetchPage(source.path);
  try {
    return { name: basename(source.path), bytes: new Uint8Array(await readFile(source.path)) };
  } catch (error) {
    // A file that vanished, or cannot be read, between listing and reading.
    throw new DossierError('not_found', `${source.path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

type ImportedOutcome = Extract<ImportOutcome, { ok: true }>;

/** One line for an imported file (and one more for the annotations a new version carried over). */
function describeImport(r: Pick<ImportedOutcome, 'article' | 'duplicate' | 'carried' | 'fileName'>): string {
  const line = `${r.duplicate ? 'already in the library' : r.carried ? 'new version' : 'imported'}  ${r.article.id}  ${r.article.title}  (${r.fileName})`;
  if (!r.carried) return line;
  const { anchored, fuzzy, orphaned } = r.carried;
  return `${line}\n  annotations carried over: ${anchored} anchored, ${fuzzy} fuzzy (to review), ${orphaned} orphaned (need attention)`;
}

async function runImport(core: Core, args: string[], values: Values): Promise<void> {
  if (args.length === 0) throw new UsageError('import: name at least one file, folder or web address');
  const listed = (await Promise.all(args.map(sources))).flat();
  if (listed.length === 0) throw new DossierError('not_found', `No article files in ${args.join(', ')}. ${SUPPORTED_FORMATS}`);
  const progress = process.stderr.isTTY && listed.length > 1 && !values.json;
  const read: FileToImport[] = [];
  const unread: { fileName: string; error: DossierError }[] = [];
  for (const [i, source] of listed.entries()) {
    if (progress) process.stderr.write(`\rreading ${i + 1} of ${listed.length}: ${basename(source.path).slice(0, 60).padEnd(60)}`);
    try {
      read.push(await readSource(source));
    } catch (error) {
      if (!values['keep-going']) throw error;
      unread.push({ fileName: source.path, error: error as DossierError });
    }
  }
  if (progress) process.stderr.write(`\rextracting ${read.length} files…${' '.repeat(70)}\r`);
  const prepared = await core.library.prepareImport(read);
  const failures = [...unread, ...prepared.flatMap((p) => (p.ok ? [] : [{ fileName: p.fileName, error: p.error }]))];
  // All or nothing, unless asked to keep going: a bad file leaves the library exactly as it was.
  if (failures.length > 0 && !values['keep-going']) throw failures[0].error;
  const results = await core.library.commitImport(prepared);
  print(
    values,
    results.map((r) => ({ ...r.article, fileName: r.fileName, duplicate: r.duplicate, carried: r.carried })),
    results.map(describeImport).join('\n'),
  );
  for (const r of results) for (const warning of r.warnings) process.stderr.write(`dossier: warning: ${warning}\n`);
  if (failures.length > 0) {
    for (const { error } of failures) process.stderr.write(`not imported: ${error.message}\n`);
    throw new DossierError('invalid_input', `${failures.length} of ${listed.length} could not be imported (listed above); the rest were.`);
  }
}

async function runAnnotate(core: Core, id: string | undefined, values: Values): Promise<void> {
  if (!id) throw new UsageError('annotate: name the article ID');
  if (!values.quote) throw new UsageError('annotate: --quote TEXT is required');
  const links = (values.link ?? []).map(parseLink);
  // Find the passage before creating anything, so a failure changes nothing.
  const { start, end } = await core.library.locateQuote(id, values.quote);
  const entityIds: string[] = [];
  for (const link of links) {
    const existing = core.library.findEntity(link.type, link.name);
    entityIds.push(existing ? existing.id : (await call(core, 'entities.create', link)).id);
  }
  const annotation = await call(core, 'annotations.create', {
    articleId: id,
    start,
    end,
    exact: values.quote,
    note: values.note ?? '',
    entityIds,
  });
  print(values, annotation, `annotated ${annotation.id}: “${annotation.target.quote.exact}” (${start}–${end})`);
}

/** The entity a name stands for: by its name, or else by one of its aliases ("Pompeo" for Mike Pompeo). */
function entityIdByName(core: Core, name: string): string {
  const same = (a: string) => a.localeCompare(name, undefined, { sensitivity: 'accent' }) === 0;
  const entities = core.library.listEntities();
  const named = entities.filter((e) => same(e.name));
  const matches = named.length ? named : entities.filter((e) => e.aliases.some(same));
  if (matches.length === 0) throw new DossierError('not_found', `No entity named “${name}” in this library.`);
  if (matches.length > 1) throw new DossierError('invalid_input', `“${name}” names ${matches.length} entities: ${matches.map((e) => e.name).join(', ')}.`);
  return matches[0].id;
}

function suggestionLines({ names, dates, datesResolved }: Output<'suggestions.list'>): string {
  const lines = names.map(
    (s) =>
      `${s.type.padEnd(12)}  ${s.name}${s.variants.length ? ` (${s.variants.join(', ')})` : ''}  ×${s.mentions.length}  [${s.status}]` +
      (s.ambiguousWith.length ? `  ambiguous: ${s.ambiguousWith.join(', ')}` : ''),
  );
  for (const d of dates) lines.push(`${'date'.padEnd(12)}  “${d.span.text}”  ${d.date ?? 'unresolved'}  [${d.status}]`);
  if (dates.length && !datesResolved) lines.push('Relative dates resolve once the article has a publication date.');
  return lines.join('\n') || '(nothing to suggest)';
}

async function runSearch(core: Core, words: string[], values: Values): Promise<void> {
  if (words.length === 0) throw new UsageError('search: give the words to search for');
  if ((values.entity?.length ?? 0) > 1) throw new UsageError('search: --entity takes one name');
  const hits = await call(core, 'search.query', {
    query: words.join(' '),
    filters: {
      entityId: values.entity?.[0] ? entityIdByName(core, values.entity[0]) : undefined,
      tag: values.tag,
      site: values.site,
      from: values.from,
      to: values.to,
      hasAnnotations: values['has-annotations'],
    },
  });
  print(
    values,
    hits,
    hits.map((h) => `${h.kind.padEnd(10)} ${h.articleId ?? h.id}  ${h.title}\n           ${h.snippet}`).join('\n') || '(nothing found)',
  );
}

async function runBrief(core: Core, values: Values): Promise<void> {
  const entityIds = (values.entity ?? []).map((name) => entityIdByName(core, name));
  const groupBy = values['group-by'] ?? 'article';
  if (!(BRIEF_GROUPINGS as readonly string[]).includes(groupBy)) throw new UsageError(`--group-by takes ${BRIEF_GROUPINGS.join(', ')}`);
  const scope = {
    entityIds,
    articleIds: values.article ?? [],
    title: values.title,
    frontMatter: values['front-matter'] ?? false,
    wikilinks: values.wikilinks ?? false,
    groupBy: groupBy as (typeof BRIEF_GROUPINGS)[number],
    entityIndex: values.index ?? false,
    eventTimeline: values.timeline ?? false,
  };
  const warn = (unverified: number) =>
    unverified > 0 && process.stderr.write(`dossier: warning: ${unverified} quote(s) no longer match their article's text; they are marked in the brief\n`);
  if (values.split) {
    if (!values.out) throw new UsageError('brief: --split writes files into a folder: give it with --out DIR');
    // Composed here rather than through briefs.export: the files go where --out says, not to the app's exports.
    const { document, unverified } = await composeBrief(core.library, scope);
    const files = await writeBriefFiles(values.out, document);
    warn(unverified);
    print(values, files, files.join('\n'));
    return;
  }
  const { markdown, unverified } = await call(core, 'briefs.render', scope);
  warn(unverified);
  await writeOutput(values, markdown, 'brief');
}

/** Writes `text` to --out (never over an existing file without --force), else to standard output. */
async function writeOutput(values: Values, text: string, what: string): Promise<void> {
  if (!values.out) {
    process.stdout.write(text);
    return;
  }
  if (!values.force && (await stat(values.out).catch(() => null))) {
    throw new DossierError('file_exists', `${values.out} exists already; add --force to replace it.`);
  }
  await writeFile(values.out, text);
  process.stderr.write(`${what} written to ${values.out}\n`);
}

async function runExportAnnotations(core: Core, values: Values): Promise<void> {
  const format = values.format ?? 'jsonld';
  if (!(ANNOTATION_EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format takes ${ANNOTATION_EXPORT_FORMATS.join(' or ')}`);
  }
  const { text, count } = await call(core, 'annotations.export', {
    format: format as (typeof ANNOTATION_EXPORT_FORMATS)[number],
    articleIds: values.article,
  });
  await writeOutput(values, text, `${count} annotation${count === 1 ? '' : 's'}`);
}

async function runRestore(file: string | undefined, values: Values): Promise<void> {
  if (!file) throw new UsageError('restore: name the backup archive');
  const libraryDir = values.library ?? defaultLibraryDir();
  const archive = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new DossierError('not_found', `${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const { files } = await restoreArchive(new Uint8Array(archive), libraryDir);
  // The restored library must open and read as any library does.
  const core = await openCore({ libraryDir });
  try {
    for (const article of core.library.listArticles()) await core.library.listAnnotations(article.id);
    process.stderr.write(`restored ${files} files into ${libraryDir}: ${core.library.articleCount} articles\n`);
  } finally {
    await core.close();
  }
}

/**
 * `dossier open FILE...`: the files go to the Dossier that has the library open (the app or `dossier serve`),
 * which imports them and shows them; when none has, they are imported into the library here.
 */
async function runOpen(args: string[], values: Values, libraryDir: string, workerDir?: string): Promise<void> {
  if (args.length === 0) throw new UsageError('open: name at least one file');
  const paths = args.map((arg) => resolve(arg));
  for (const path of paths) {
    if ((await stat(path).catch(() => null))?.isDirectory()) throw new UsageError(`open: ${path} is a folder (\`dossier import\` takes folders)`);
  }
  const holder = await libraryHolder(libraryDir);
  let outcomes = holder?.door ? await knock(holder.door, paths) : null;
  let where = `opened in the running Dossier (process ${holder?.pid})`;
  if (!outcomes) {
    // Nobody to hand them to (or a command of the CLI holds the library: opening it then says so).
    const core = await openCore({ libraryDir, workerDir });
    try {
      outcomes = await openFiles(core.handlers, paths);
    } finally {
      await core.close();
    }
    where = `Dossier is not running: imported into ${libraryDir}, where the app will show them`;
  }
  const imported = outcomes.filter((o) => o.ok);
  print(values, outcomes, imported.map(describeImport).join('\n'));
  for (const o of imported) for (const warning of o.warnings) process.stderr.write(`dossier: warning: ${warning}\n`);
  for (const o of outcomes) if (!o.ok) process.stderr.write(`not imported: ${o.error.message}\n`);
  if (imported.length > 0) process.stderr.write(`${where}\n`);
  const failed = outcomes.length - imported.length;
  if (failed > 0) throw new DossierError('invalid_input', `${failed} of ${outcomes.length} could not be imported (listed above)${imported.length ? '; the rest were' : ''}.`);
}

async function runServe(core: Core, values: Values, rendererDir: string, door: Door | null): Promise<void> {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a number from 0 to 65535');
  if (!(await stat(join(rendererDir, 'index.html')).catch(() => null))) {
    throw new DossierError('not_found', 'The UI is not built: run `npm run build` first.');
  }
  const host = await startHttpHost({ handlers: core.handlers, rendererDir, port });
  door?.answer(async (paths) => {
    const outcomes = await openFiles(core.handlers, paths);
    host.tellFilesOpened(outcomes);
    return outcomes;
  });
  core.warm();
  process.stdout.write(`Dossier is serving ${core.library.dir}\nOpen ${host.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
}

export async function main(argv: string[], options: { rendererDir: string; workerDir?: string }): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`dossier: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const known = ['import', 'open', 'list', 'show', 'annotations', 'annotate', 'entities', 'suggest', 'timeline', 'search', 'brief', 'export-annotations', 'backup', 'restore', 'serve'];
  if (!known.includes(command)) {
    process.stderr.write(`dossier: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  let core: Core | null = null;
  let door: Door | null = null;
  try {
    // A restore makes the library: nothing may open (and so create) it first.
    if (command === 'restore') {
      await runRestore(rest[0], values);
      return 0;
    }
    const libraryDir = values.library ?? (await appLibraryDir());
    if (command === 'open') {
      await runOpen(rest, values, libraryDir, options.workerDir);
      return 0;
    }
    // The host that stays up takes files from `dossier open` (without its door, it serves all the same).
    if (command === 'serve') {
      door = await openDoor().catch((error: unknown) => {
        process.stderr.write(`dossier: warning: \`dossier open\` will not reach this host: ${(error as Error).message}\n`);
        return null;
      });
    }
    core = await openCore({ libraryDir, exportDir: values.exports, workerDir: options.workerDir, door: door?.endpoint });
    for (const warning of core.library.warnings) process.stderr.write(`dossier: warning: ${warning}\n`);
    switch (command) {
      case 'import':
        await runImport(core, rest, values);
        break;
      case 'list': {
        const articles = await call(core, 'articles.list', {});
        const rows = articles.map(({ id, title, byline, siteName, url, publishedAt, annotationCount }) => ({
          id, title, byline, siteName, url, publishedAt, annotationCount,
        }));
        print(values, rows, rows.map((a) => `${a.id}  ${a.title}  [${a.siteName ?? 'no site'}, ${a.publishedAt ?? 'no date'}, ${a.annotationCount} annotations]`).join('\n') || '(the library is empty)');
        break;
      }
      case 'show': {
        if (!rest[0]) throw new UsageError('show: name the article ID');
        const { article, text } = await call(core, 'articles.get', { id: rest[0] });
        print(values, { article, text }, `${article.title}\n${[article.byline, article.siteName, article.publishedAt, article.url].filter(Boolean).join(' · ')}\n\n${text}`);
        break;
      }
      case 'annotations': {
        if (!rest[0]) throw new UsageError('annotations: name the article ID');
        const annotations = await call(core, 'annotations.list', { articleId: rest[0] });
        print(
          values,
          annotations,
          annotations
            .map((a) => `${a.id}  [${a.anchor}${a.review ? ` ${Math.round(a.review.score * 100)}%` : ''}]  “${a.target.quote.exact}”${a.note ? `\n  ${a.note}` : ''}`)
            .join('\n') || '(no annotations)',
        );
        break;
      }
      case 'annotate':
        await runAnnotate(core, rest[0], values);
        break;
      case 'entities': {
        const entities = await call(core, 'entities.list', {});
        print(
          values,
          entities,
          entities
            .map((e) => `${e.id}  ${e.type.padEnd(12)}  ${e.name}${e.aliases.length ? ` (${e.aliases.join(', ')})` : ''}${e.date ? `  ${e.date}` : ''}`)
            .join('\n') || '(no entities)',
        );
        break;
      }
      case 'suggest': {
        if (!rest[0]) throw new UsageError('suggest: name the article ID');
        const suggestions = await call(core, 'suggestions.list', { articleId: rest[0] });
        print(values, suggestions, suggestionLines(suggestions));
        break;
      }
      case 'timeline': {
        if ((values.entity?.length ?? 0) > 1) throw new UsageError('timeline: --entity takes one name');
        const timeline = await call(core, 'timeline.get', {
          entityId: values.entity?.[0] ? entityIdByName(core, values.entity[0]) : undefined,
          tag: values.tag,
        });
        const lines = timeline.items.map(
          (i) => `${i.date.padEnd(10)}  ${i.kind.padEnd(10)}  ${i.kind === 'event' ? i.label : `“${i.label}” — ${i.article!.title}`}`,
        );
        if (timeline.undated) lines.push(`${timeline.undated} annotation(s) have no date: link them to a dated event, or date their article.`);
        print(values, timeline, lines.join('\n') || '(nothing dated)');
        break;
      }
      case 'search':
        await runSearch(core, rest, values);
        break;
      case 'brief':
        await runBrief(core, values);
        break;
      case 'backup': {
        if (!rest[0]) throw new UsageError('backup: name the archive file to write');
        const { files } = await core.library.backup(rest[0], values.force ?? false);
        process.stderr.write(`${files} files of ${core.library.dir} backed up to ${rest[0]}\n`);
        break;
      }
      case 'export-annotations':
        await runExportAnnotations(core, values);
        break;
      case 'serve':
        await runServe(core, values, options.rendererDir, door);
        break;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dossier: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`dossier: ${(error as Error).message}\n`);
    if (!(error instanceof DossierError) && !(error instanceof Error && error.name === 'ApiError')) console.error(error);
    return 1;
  } finally {
    await core?.close();
    await door?.close();
  }
}

