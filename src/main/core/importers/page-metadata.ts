// Metadata of a web page beyond what Readability reports: the publication date from meta tags, JSON-LD,
// microdata and <time> elements, the author from meta tags and JSON-LD, the language from meta tags.
import { cleanByline, cleanLine, normalizeDate, toHttpUrl } from './metadata';

/** Meta tags that name the publication date (property, name or itemprop; compared lowercased). */
const DATE_META = [
  'article:published_time',
  'article:published',
  'og:published_time',
  'og:article:published_time',
  'datepublished',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_time',
  'pubdate',
  'date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'sailthru.date',
  'parsely-pub-date',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function metaValues(document: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll('meta[content]'))) {
    const content = meta.getAttribute('content');
    if (!content?.trim()) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      // The first of each wins: pages repeat tags, and the first is the page's own.
      if (key && !values.has(key)) values.set(key, content.trim());
    }
  }
  return values;
}

/** Every object in the page's JSON-LD blocks, @graph members included; blocks that do not parse are skipped. */
function jsonLdObjects(document: Document): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: Json, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isObject(value)) {
      found.push(value);
      if (value['@graph'] !== undefined) visit(value['@graph'], depth + 1);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json" i]'))) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      // Broken JSON-LD is common (trailing commas, HTML comments); the rest of the page still counts.
    }
  }
  return found;
}

const ARTICLE_TYPE = /article|posting|report|blog|news/i;

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** Article objects first: a page's JSON-LD also describes its site, breadcrumbs and videos. */
function articleObjects(document: Document): JsonObject[] {
  const objects = jsonLdObjects(document);
  const isArticle = (o: JsonObject) => typesOf(o).some((t) => ARTICLE_TYPE.test(t));
  return [...objects.filter(isArticle), ...objects.filter((o) => !isArticle(o))];
}

/** Parse.ly's page description, a JSON object in one meta tag, carries the author and date of many news sites. */
function parselyPage(metas: Map<string, string>): JsonObject | null {
  const text = metas.get('parsely-page');
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Json;
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function timeElementDate(document: Document): string | null {
  const marked = document.querySelector(
    '[itemprop~="datePublished" i][datetime], [itemprop~="datePublished" i][content], time[pubdate][datetime]',
  );
  const markedValue = normalizeDate(marked?.getAttribute('datetime') ?? marked?.getAttribute('content'));
  if (markedValue) return markedValue;
  const itemprop = document.querySelector('[itemprop~="datePublished" i]');
  const itempropValue = normalizeDate(itemprop?.textContent);
  if (itempropValue) return itempropValue;
  // One <time> on the whole page is the article's; with several (comments, related stories) none is sure.
  const times = new Set(
    Array.from(document.querySelectorAll('time[datetime]'))
      .map((time) => normalizeDate(time.getAttribute('datetime')))
      .filter((value): value is string => value !== null),
  );
  return times.size === 1 ? [...times][0] : null;
}

/** The publication date a page states, or null. */
export function pagePublishedDate(document: Document): string | null {
  const metas = metaValues(document);
  for (const key of DATE_META) {
    const value = normalizeDate(metas.get(key));
    if (value) return value;
  }
  for (const object of articleObjects(document)) {
    const value = normalizeDate(object.datePublished ?? object.dateCreated);
    if (value) return value;
  }
  const parsely = normalizeDate(parselyPage(metas)?.pub_date);
  return parsely ?? timeElementDate(document);
}

function nameOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => name !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  return isObject(value) && typeof value.name === 'string' ? value.name : null;
}

/** The author a page names in its meta tags or JSON-LD, or null. Web addresses (Facebook profiles in
 * article:author) and the site's own name are not authors. */
export function pageAuthor(document: Document, siteName: string | null): string | null {
  const metas = metaValues(document);
  const candidates = [
    ...articleObjects(document).map((object) => nameOf(object.author)),
    metas.get('author'),
    metas.get('article:author'),
    metas.get('dc.creator'),
    metas.get('citation_author'),
    nameOf(parselyPage(metas)?.author),
  ];
  for (const candidate of candidates) {
    const name = cleanByline(candidate);
    if (name && !toHttpUrl(name) && !/^https?:|^www\./i.test(name) && name !== siteName) return name;
  }
  return null;
}

/** The language a page declares other than on <html lang>: Content-Language, og:locale, JSON-LD. */
export function pageLanguage(document: Document): string | null {
  const httpEquiv = document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content');
  const metas = metaValues(document);
  const jsonLd = articleObjects(document).find((object) => typeof object.inLanguage === 'string')?.inLanguage;
  const candidates = [httpEquiv, metas.get('language'), metas.get('dc.language'), typeof jsonLd === 'string' ? jsonLd : null, metas.get('og:locale')];
  for (const candidate of candidates) {
    // "en_US" (og:locale) is a BCP 47 tag with the wrong separator; lists ("en, fr") name no one language.
    const tag = cleanLine(candidate?.replace(/_/g, '-'));
    if (tag && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag)) return tag;
  }
  return null;
}
