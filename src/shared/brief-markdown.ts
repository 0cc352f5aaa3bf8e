// Renders a brief (annotated quotes grouped by article, with citations) as CommonMark + GitHub footnotes.
import type { Annotation, Article, Entity } from './model';

export interface BriefItem {
  annotation: Annotation;
  article: Article;
  entities: Entity[];
}

export interface BriefDocument {
  title: string;
  /** ISO timestamp the brief was made. */
  createdAt: string;
  /** What the brief was asked to cover (may be empty): shown under the title. */
  scopeEntities: Entity[];
  items: BriefItem[];
}

// Characters that can open inline markup wherever they stand.
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '[', ']', '<', '|', '~']);
// Characters that open a block (heading, list, quote, setext underline, table delimiter row) at a line start.
const LINE_START_ESCAPED = new Set(['#', '+', '-', '=', '>', ':']);
const CHARACTER_REFERENCE = /^&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][\dA-Za-z]{1,31});/;

const charRef = (ch: string): string => `&#x${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** One line of text (no line breaks) as Markdown inline content that renders as written. */
function escapeLine(line: string): string {
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

function entityLabel(entity: Entity): string {
  const details = entity.date ? `${entity.type}, ${entity.date}` : entity.type;
  return `${inline(entity.name)} (${inline(details)})`;
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

function renderItem({ annotation, article, entities }: BriefItem, footnote: number): string[] {
  const speaker = entities.find((e) => e.id === annotation.speakerId);
  const source = [article.byline, article.siteName].filter(Boolean).join(', ') || article.title;
  const blocks = [
    toBlockQuote(annotation.target.quote.exact),
    `— ${speaker ? `${inline(speaker.name)}, via ` : ''}${inline(source)}[^${footnote}]`,
  ];
  const note = annotation.note.trim();
  if (note) blocks.push(`Note: ${escapeMarkdownText(note)}`);
  if (entities.length > 0) blocks.push(`Linked: ${entities.map(entityLabel).join(', ')}`);
  if (annotation.tags.length > 0) blocks.push(`Tags: ${annotation.tags.map(inline).join(', ')}`);
  return blocks;
}

export function renderBriefMarkdown(brief: BriefDocument): string {
  // Articles in order of first appearance; annotations in text order within each (sort is stable).
  const groups = new Map<string, { article: Article; items: BriefItem[] }>();
  for (const item of brief.items) {
    const group = groups.get(item.article.id) ?? { article: item.article, items: [] };
    group.items.push(item);
    groups.set(item.article.id, group);
  }

  const prepared = day(brief.createdAt) ?? brief.createdAt;
  const counts = brief.items.length > 0 ? ` · ${plural(brief.items.length, 'annotation')} from ${plural(groups.size, 'article')}` : '';
  const blocks = [heading(1, brief.title), `Prepared ${inline(prepared)}${counts}`];
  if (brief.scopeEntities.length > 0) blocks.push(`Covers: ${brief.scopeEntities.map((e) => inline(e.name)).join(', ')}`);
  if (brief.items.length === 0) blocks.push('No annotations match this brief.');

  const footnotes: string[] = []; // one per article, numbered in order of appearance
  for (const { article, items } of groups.values()) {
    const n = footnotes.length + 1;
    footnotes.push(`[^${n}]: ${citation(article)}`);
    blocks.push(heading(2, article.title));
    const ordered = [...items].sort((a, b) => a.annotation.target.position.start - b.annotation.target.position.start);
    for (const item of ordered) blocks.push(...renderItem(item, n));
  }
  blocks.push(...footnotes);
  return `${blocks.join('\n\n')}\n`;
}
