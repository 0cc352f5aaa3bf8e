// Markdown files: YAML front matter for metadata, markdown-it for the body (raw HTML stays text).
import MarkdownIt from 'markdown-it';
import { parse as parseYaml, YAMLError } from 'yaml';
import { DossierError } from '../../../shared/errors';
import type { DocNode } from '../../../shared/model';
import { canonicalText } from '../../../shared/canonical-text';
import type { ExtractedArticle } from './types';
import { htmlToDoc } from './html-to-doc';
import {
  cleanLine,
  cleanTitle,
  dateFromFileName,
  dirFromLang,
  fileStem,
  makeExcerpt,
  normalizeDate,
  type SourceContext,
  toHttpUrl,
} from './metadata';
import { sanitizeHtml } from './sanitize';

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

// html: false renders raw HTML as visible text; markdown-it also refuses javascript:, vbscript:, file:
// and data: links itself, before the sanitizer sees them.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

type FrontMatter = Record<string, unknown>;

// Static-site posts write internal links as Liquid, `[text]({{ "/path/" | url }})`, which Markdown does
// not see as a link at all; keeping the quoted path gives back a link (dropped later if it stays relative).
const LIQUID_LINK_TARGET = /\]\(\s*\{\{\s*(["'])([^"'{}\s]*)\1\s*(?:\|[^{}]*)?\}\}\s*\)/g;

const isMapping = (value: unknown): value is FrontMatter =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function splitFrontMatter(text: string, fileName: string): { data: FrontMatter; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { data: {}, body: text };
  let data: unknown;
  try {
    // The timestamp tag makes `date: 2024-12-05` a Date rather than a string, as YAML 1.1 tools do.
    data = parseYaml(match[1] ?? '', { customTags: ['timestamp'], logLevel: 'error' });
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    const reason = error.message.split('\n')[0];
    throw new DossierError('invalid_input', `Cannot import "${fileName}": its front matter is not valid YAML (${reason}).`);
  }
  // "---" lines around something that is not a mapping are a rule and a heading, not front matter.
  if (data === null || data === undefined) return { data: {}, body: text.slice(match[0].length) };
  if (!isMapping(data)) return { data: {}, body: text };
  return { data, body: text.slice(match[0].length) };
}

/** A front-matter field as text; titles are often written with HTML entities ("&ldquo;"). */
function field(data: FrontMatter, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number') {
      const text = cleanLine(markdown.utils.unescapeAll(String(value)));
      if (text) return text;
    }
  }
  return null;
}

function bylineOf(data: FrontMatter): string | null {
  for (const key of ['author', 'authors']) {
    const value = data[key];
    const names = (Array.isArray(value) ? value : [value])
      .filter((name): name is string | number => typeof name === 'string' || typeof name === 'number')
      .map((name) => cleanLine(String(name)))
      .filter((name): name is string => name !== null);
    if (names.length > 0) return names.join(', ');
  }
  return null;
}

function textOf(node: DocNode): string {
  return node.text ?? (node.content ?? []).map(textOf).join('');
}

const isH1 = (node: DocNode | undefined) => node?.type === 'heading' && node.attrs?.level === 1;

export function importMarkdown(text: string, source: SourceContext): ExtractedArticle {
  const { data, body } = splitFrontMatter(text, source.fileName);
  const url = toHttpUrl(field(data, 'canonical_url', 'canonical', 'url', 'link'));
  const doc = htmlToDoc(sanitizeHtml(markdown.render(body.replace(LIQUID_LINK_TARGET, '](<$2>)'))), url);

  // A leading "# Title" is the title, not body text; with a front matter title it is dropped only when
  // it repeats that title.
  const blocks = doc.content ?? [];
  const leadingH1 = isH1(blocks[0]) ? cleanTitle(textOf(blocks[0])) : null;
  let title = cleanTitle(field(data, 'title'));
  if (leadingH1 && (title === null || title === leadingH1)) {
    title = leadingH1;
    if (blocks.length > 1) doc.content = blocks.slice(1);
  }
  const laterH1 = blocks.find(isH1);
  title ??= (laterH1 && cleanTitle(textOf(laterH1))) ?? fileStem(source.fileName);

  const lang = field(data, 'lang', 'language');
  return {
    mediaType: 'text/markdown',
    encoding: source.encoding,
    title,
    byline: bylineOf(data),
    siteName: field(data, 'site', 'site_name', 'siteName'),
    url,
    publishedAt: normalizeDate(data.date) ?? dateFromFileName(source.fileName),
    lang,
    dir: dirFromLang(lang),
    excerpt: field(data, 'excerpt', 'description', 'summary') ?? makeExcerpt(canonicalText(doc)),
    doc,
  };
}
