// Renders a brief (annotated quotes in sections, with citations) as CommonMark + GitHub footnotes, with
// optional YAML front matter and Obsidian-style [[links]].
import { stringify } from 'yaml';
import type { BriefScope } from './api';
import type { Annotation, Article, Entity } from './model';

export interface BriefItem {
  annotation: Annotation;
  article: Article;
  entities: Entity[];
  /** False when the quote no longer matches the article's stored text (checked at export). */
  verified?: boolean;
}

/** The brief's form, as the API contract defines it. */
export type BriefOptions = Pick<BriefScope, 'frontMatter' | 'wikilinks' | 'groupBy' | 'entityIndex' | 'eventTimeline'>;

export interface BriefDocument {
  title: string;
  /** The analyst's introduction, in Markdown of their own. */
  intro?: string;
  /** ISO timestamp the brief was made. */
  createdAt: string;
  /** What the brief was asked to cover (may be empty): shown under the title. */
  scopeEntities: Entity[];
  items: BriefItem[];
  options?: BriefOptions;
  /** Entities the items do not link but the timeline names (an event's place and participants). */
  entityById?: ReadonlyMap<string, Entity>;
}

// Characters that can open inline markup wherever they stand.
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '[', ']', '<', '|', '~']);
// Characters that open a block (heading, list, quote, setext underline, table delimiter row) at a line start.
const LINE_START_ESCAPED = new Set(['#', '+', '-', '=', '>', ':']);
const CHARACTER_REFERENCE = /^&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][\dA-Za-z]{1,31});/;

const charRef = (ch: string): string => `&#x${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

// A line that holds none of the characters below, and no whitespace at its edges, renders as written: most
// lines of prose, which then skip the character-by-character walk.
const NEEDS_ESCAPING = /[\\`*[\]<|~_&!\r]|^[#+\-=>:\d]|^\s|\s$/u;

/** One line of text (no line breaks) as Markdown inline content that renders as written. */
function escapeLine(line: string): string {
  if (!NEEDS_ESCAPING.test(line)) return line;
  const chars = Array.from(line);
  const escaped = chars.map((ch, i) => {
    const atEdge = i === 0 || i === chars.length - 1;
    // Parsers strip whitespace at line edges (markdown-it before 15 trimmed paragraphs with JS trim(),
    // which takes U+00A0 too); an indent would make a code block. A character reference survives it all.
    if ((atEdge && /\s/u.test(ch)) || ch === '\r') return charRef(ch);
    if (ALWAYS_ESCAPED.has(ch)) return `\\${ch}`;
    if (i === 0 && LINE_START_ESCAPED.has(ch)) return `\\${ch}`;
    // An underscore between letters can neither open nor close emphasis: keep snake_case readable.
    if (ch === '_') return isWordChar(chars[i - 1]) && isWordChar(chars[i + 1]) ? ch : '\\_';
    // Only "&#…;" and "&name;" are references; "Q&A" and "Smith & Wesson" stay as they are.
    if (ch === '&') return CHARACTER_REFERENCE.test(chars.slice(i, i + 40).join('')) ? '\\&' : ch;
    // A caller may append "[^1]" or a link: "![" would start an image.
    if (ch === '!' && i === chars.length - 1) return '\\!';
    return ch;
  });
  // "1." or "1)" at a line start is an ordered list marker.
  return escaped.join('').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Text as Markdown that renders as written: "\n\n" separates paragraphs, a single "\n" is a hard break
 * (a backslash before the line end). Trailing line breaks are dropped: CommonMark ignores a hard break at
 * the end of a paragraph, so they have no Markdown form. A NUL becomes U+FFFD, as in every CommonMark parser.
 */
export function escapeMarkdownText(text: string): string {
  const body = text.replace(/\n+$/, '');
  const parts = body.split(/(\n{2,})/);
  const paragraphs = [parts[0] ?? ''];
  for (let i = 1; i < parts.length; i += 2) {
    const run = parts[i] ?? '';
    const next = parts[i + 1] ?? '';
    const last = paragraphs.length - 1;
    // A paragraph cannot be empty: line breaks before the first text, and all but two of a longer run,
    // become hard breaks at the start of the paragraph that follows.
    if (paragraphs[last] === '') paragraphs[last] = run + next;
    else paragraphs.push(run.slice(2) + next);
  }
  return paragraphs.map((p) => p.split('\n').map(escapeLine).join('\\\n')).join('\n\n');
}

/** Text as a CommonMark block quotation whose rendered text is the text (see escapeMarkdownText). */
export function toBlockQuote(text: string): string {
  return escapeMarkdownText(text)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** Single-line contexts (headings, lists of names, citations): line breaks read as spaces. */
const inline = (text: string): string => escapeMarkdownText(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());

// A run of "#" at the end of a heading, after a space, is a closing sequence and would be dropped.
const heading = (level: 1 | 2, text: string): string =>
  `${'#'.repeat(level)} ${inline(text).replace(/(\s)(#+)$/, '$1\\$2')}`;

const day = (iso: string | null): string | null => /^\d{4}(-\d{2}){0,2}/.exec(iso ?? '')?.[0] ?? null;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An entity's name, as plain text or as an Obsidian link (characters Obsidian forbids in a link become spaces). */
function entityName(entity: Entity, wikilinks: boolean): string {
  if (!wikilinks) return inline(entity.name);
  const target = entity.name.replace(/[[\]|#^\\\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();
  return target ? `[[${target}]]` : inline(entity.name);
}

function entityLabel(entity: Entity, wikilinks: boolean): string {
  const details = entity.date ? `${entity.type}, ${entity.date}` : entity.type;
  return `${entityName(entity, wikilinks)} (${inline(details)})`;
}

function citation(article: Article): string {
  const url = article.url && /^https?:\/\/[^\s<>]+$/i.test(article.url) ? `<${article.url}>` : article.url && inline(article.url);
  const parts = [
    article.byline && inline(article.byline),
    `“${inline(article.title)}”`,
    article.siteName && inline(article.siteName),
    day(article.publishedAt),
    url,
  ].filter((part): part is string => Boolean(part));
  const clipped = day(article.clippedAt);
  return `${parts.join(', ')}.${clipped ? ` Clipped ${clipped}.` : ''}`;
}

/** Footnote numbers for the articles one file cites, in order of first citation. */
class Citations {
  private readonly numbers = new Map<string, { n: number; article: Article }>();

  ref(article: Article): string {
    let entry = this.numbers.get(article.id);
    if (!entry) {
      entry = { n: this.numbers.size + 1, article };
      this.numbers.set(article.id, entry);
    }
    return `[^${entry.n}]`;
  }

  /** One reference for each article, in the order given, each once. */
  refs(articles: Iterable<Article>): string {
    const seen = new Map<string, Article>();
    for (const a of articles) seen.set(a.id, a);
    return [...seen.values()].map((a) => this.ref(a)).join('');
  }

  definitions(): string[] {
    return [...this.numbers.values()].map(({ n, article }) => `[^${n}]: ${citation(article)}`);
  }
}

function renderItem({ annotation, article, entities, verified }: BriefItem, cite: Citations, wikilinks: boolean): string[] {
  const speaker = entities.find((e) => e.id === annotation.speakerId);
  const source = [article.byline, article.siteName].filter(Boolean).join(', ') || article.title;
  const blocks = [
    toBlockQuote(annotation.target.quote.exact),
    `— ${speaker ? `${inline(speaker.name)}, via ` : ''}${inline(source)}${cite.ref(article)}`,
  ];
  if (verified === false) blocks.push('**Check this quote:** it no longer matches the current text of the article.');
  const note = annotation.note.trim();
  if (note) blocks.push(`Note: ${escapeMarkdownText(note)}`);
  if (entities.length > 0) blocks.push(`Linked: ${entities.map((e) => entityLabel(e, wikilinks)).join(', ')}`);
  if (annotation.tags.length > 0) blocks.push(`Tags: ${annotation.tags.map(inline).join(', ')}`);
  return blocks;
}

interface Section {
  title: string;
  items: BriefItem[];
}

/** The brief's sections: by article (in order of first appearance), by linked entity (by name), or by
 * event (in time order); annotations in text order within each. An annotation linked to two entities
 * appears under both; those linked to none come last. */
export function briefSections(items: BriefItem[], groupBy: BriefOptions['groupBy']): Section[] {
  // By hand: one section, in the order given.
  if (groupBy === 'manual') return items.length ? [{ title: '', items }] : [];
  const byText = (a: BriefItem, b: BriefItem) =>
    a.article.id === b.article.id ? a.annotation.target.position.start - b.annotation.target.position.start : 0;
  const groups = new Map<string, { title: string; sortKey: string; items: BriefItem[] }>();
  const add = (key: string, title: string, sortKey: string, item: BriefItem) => {
    const group = groups.get(key) ?? { title, sortKey, items: [] };
    group.items.push(item);
    groups.set(key, group);
  };
  for (const item of items) {
    if (groupBy === 'entity' || groupBy === 'event') {
      const keys = item.entities.filter((e) => groupBy === 'entity' || e.type === 'event');
      for (const e of keys) add(e.id, e.date ? `${e.name} (${e.date})` : e.name, groupBy === 'event' ? `${e.date ?? '9999'} ${e.name}` : e.name, item);
      if (keys.length === 0) add('', groupBy === 'event' ? 'Not linked to an event' : 'Not linked to an entity', '\uffff', item);
    } else {
      add(item.article.id, item.article.title, String(groups.size).padStart(8, '0'), item);
    }
  }
  return [...groups.values()]
    .sort((a, b) => (groupBy === 'article' || !groupBy ? 0 : a.sortKey.localeCompare(b.sortKey)))
    .map((g) => ({ title: g.title, items: [...g.items].sort(byText) }));
}

/** YAML front matter: the brief's title and date, the entities it covers and links, its sources. */
function frontMatter(brief: BriefDocument, articles: Article[]): string {
  const entities = new Map<string, Entity>();
  for (const e of brief.scopeEntities) entities.set(e.id, e);
  for (const item of brief.items) for (const e of item.entities) entities.set(e.id, e);
  const data = {
    title: brief.title,
    date: day(brief.createdAt) ?? brief.createdAt,
    entities: [...entities.values()].map((e) => e.name),
    sources: articles.map((a) => ({
      title: a.title,
      ...(a.byline ? { author: a.byline } : {}),
      ...(a.siteName ? { site: a.siteName } : {}),
      ...(a.publishedAt ? { published: a.publishedAt } : {}),
      ...(a.url ? { url: a.url } : {}),
    })),
  };
  return `---\n${stringify(data)}---`;
}

/** Each entity the brief's annotations link, with those annotations and the sections they stand in. */
function linkedEntities(sections: Section[]): Map<string, { entity: Entity; items: Set<BriefItem>; sections: Set<number> }> {
  const linked = new Map<string, { entity: Entity; items: Set<BriefItem>; sections: Set<number> }>();
  sections.forEach((section, i) => {
    for (const item of section.items) {
      for (const entity of item.entities) {
        const entry = linked.get(entity.id) ?? { entity, items: new Set(), sections: new Set() };
        entry.items.add(item);
        entry.sections.add(i);
        linked.set(entity.id, entry);
      }
    }
  });
  return linked;
}

const typeOrder = (e: Entity) => ['person', 'organisation', 'place', 'event'].indexOf(e.type);

/** The entity index: every linked entity by name, how many quotes name it, from which articles, and (when
 * the brief has several sections) under which. */
function entityIndex(sections: Section[], cite: Citations, wikilinks: boolean, sectionName: (i: number) => string): string[] {
  const entries = [...linkedEntities(sections).values()].sort(
    (a, b) => a.entity.name.localeCompare(b.entity.name) || typeOrder(a.entity) - typeOrder(b.entity),
  );
  const blocks = [heading(2, 'Index of entities')];
  if (entries.length === 0) return [...blocks, 'No entity is linked to these annotations.'];
  const lines = entries.map(({ entity, items, sections: where }) => {
    const under = sections.length > 1 ? ` — under ${[...where].sort((a, b) => a - b).map(sectionName).join('; ')}` : '';
    return `- ${entityLabel(entity, wikilinks)}: ${plural(items.size, 'quote')}${cite.refs([...items].map((i) => i.article))}${under}`;
  });
  return [...blocks, lines.join('\n')];
}

/** The events the annotations are linked to, in time order (undated last), with their place, participants
 * and quotes. */
function eventTimeline(brief: BriefDocument, sections: Section[], cite: Citations, wikilinks: boolean): string[] {
  const events = [...linkedEntities(sections).values()]
    .filter(({ entity }) => entity.type === 'event')
    .sort((a, b) => (a.entity.date ?? '\uffff').localeCompare(b.entity.date ?? '\uffff') || a.entity.name.localeCompare(b.entity.name));
  const blocks = [heading(2, 'Timeline of events')];
  if (events.length === 0) return [...blocks, 'No event is linked to these annotations.'];
  const known = new Map<string, Entity>(brief.entityById ?? []);
  for (const item of brief.items) for (const e of item.entities) known.set(e.id, e);
  const lines = events.map(({ entity, items }) => {
    const when = entity.date ? (entity.endDate && entity.endDate !== entity.date ? `${entity.date} – ${entity.endDate}` : entity.date) : 'Undated';
    const place = entity.placeId ? known.get(entity.placeId) : undefined;
    const people = entity.participantIds.map((id) => known.get(id)).filter((e): e is Entity => !!e);
    return [
      `- ${inline(when)}: ${entityName(entity, wikilinks)}`,
      place ? `, in ${entityName(place, wikilinks)}` : '',
      people.length ? `, with ${people.map((e) => entityName(e, wikilinks)).join(', ')}` : '',
      ` — ${plural(items.size, 'quote')}${cite.refs([...items].map((i) => i.article))}`,
    ].join('');
  });
  return [...blocks, lines.join('\n')];
}

/** What stands under the title: when it was prepared, what it covers, the introduction, and warnings. */
function briefHead(brief: BriefDocument, articles: Article[]): string[] {
  const options = brief.options ?? {};
  const prepared = day(brief.createdAt) ?? brief.createdAt;
  const counts = brief.items.length > 0 ? ` · ${plural(brief.items.length, 'annotation')} from ${plural(articles.length, 'article')}` : '';
  const blocks = options.frontMatter ? [frontMatter(brief, articles)] : [];
  blocks.push(heading(1, brief.title), `Prepared ${inline(prepared)}${counts}`);
  if (brief.scopeEntities.length > 0) blocks.push(`Covers: ${brief.scopeEntities.map((e) => entityName(e, options.wikilinks ?? false)).join(', ')}`);
  // The introduction is the analyst's own Markdown, kept as written, except that it carries no live HTML.
  if (brief.intro?.trim()) blocks.push(brief.intro.trim().replace(/</g, '&lt;'));
  const unverified = brief.items.filter((i) => i.verified === false).length;
  if (unverified > 0) blocks.push(`**${plural(unverified, 'quote')} no longer match${unverified === 1 ? 'es' : ''} the current text of ${unverified === 1 ? 'its article' : 'their articles'}: marked below.**`);
  if (brief.items.length === 0) blocks.push('No annotations match this brief.');
  return blocks;
}

/** The index and the timeline, as the options ask. */
function appendices(brief: BriefDocument, sections: Section[], cite: Citations, sectionName: (i: number) => string): string[] {
  const { entityIndex: index = false, eventTimeline: timeline = false, wikilinks = false } = brief.options ?? {};
  if (brief.items.length === 0) return [];
  return [...(index ? entityIndex(sections, cite, wikilinks, sectionName) : []), ...(timeline ? eventTimeline(brief, sections, cite, wikilinks) : [])];
}

const articlesOf = (items: BriefItem[]): Article[] => [...new Map(items.map((i) => [i.article.id, i.article])).values()];

export function renderBriefMarkdown(brief: BriefDocument): string {
  const options = brief.options ?? {};
  const wikilinks = options.wikilinks ?? false;
  const articles = articlesOf(brief.items);
  // One footnote per article, numbered in order of first appearance.
  const cite = new Citations();
  for (const article of articles) cite.ref(article);
  const sections = briefSections(brief.items, options.groupBy);
  const blocks = briefHead(brief, articles);
  for (const section of sections) {
    if (section.title) blocks.push(heading(2, section.title));
    for (const item of section.items) blocks.push(...renderItem(item, cite, wikilinks));
  }
  blocks.push(...appendices(brief, sections, cite, (i) => inline(sections[i]?.title ?? '')));
  blocks.push(...cite.definitions());
  return `${blocks.join('\n\n')}\n`;
}

export interface BriefFile {
  fileName: string;
  markdown: string;
}

/** A file name as a link destination (pointy brackets allow spaces; the names hold no "<", ">" or line end). */
const fileLink = (text: string, fileName: string): string => `[${inline(text)}](<${fileName.replace(/[<>\r\n]/g, '')}>)`;

/**
 * The brief as one file per section, plus a first file with the title, the introduction, the list of
 * sections (linked), the index and the timeline. Each file numbers its own footnotes. `fileName` names
 * the files: 0 for the first, then each section by its number and title; the names must differ.
 */
export function renderBriefFiles(brief: BriefDocument, fileName: (index: number, title: string) => string): BriefFile[] {
  const options = brief.options ?? {};
  const wikilinks = options.wikilinks ?? false;
  const sections = briefSections(brief.items, options.groupBy).map((s) => ({ ...s, title: s.title || 'Annotations' }));
  const names = sections.map((s, i) => fileName(i + 1, s.title));
  const overviewName = fileName(0, brief.title);

  const cite = new Citations();
  const overview = briefHead(brief, articlesOf(brief.items));
  if (sections.length > 0) {
    overview.push(heading(2, 'Sections'), sections.map((s, i) => `${i + 1}. ${fileLink(s.title, names[i]!)} (${plural(s.items.length, 'quote')})`).join('\n'));
  }
  overview.push(...appendices(brief, sections, cite, (i) => fileLink(sections[i]!.title, names[i]!)));
  overview.push(...cite.definitions());
  const files: BriefFile[] = [{ fileName: overviewName, markdown: `${overview.join('\n\n')}\n` }];

  sections.forEach((section, i) => {
    const own = new Citations();
    for (const article of articlesOf(section.items)) own.ref(article);
    const blocks = [heading(1, section.title), `Section ${i + 1} of ${sections.length} of ${fileLink(brief.title, overviewName)}`];
    for (const item of section.items) blocks.push(...renderItem(item, own, wikilinks));
    blocks.push(...own.definitions());
    files.push({ fileName: names[i]!, markdown: `${blocks.join('\n\n')}\n` });
  });
  return files;
}
