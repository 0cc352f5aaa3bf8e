// Annotations for other tools: W3C Web Annotation JSON-LD (with TextQuote and TextPosition selectors, as
// Hypothesis and Recogito read them) and CSV for spreadsheets.
import type { Annotation, Article, Entity } from '../../shared/model';

export interface ExportItem {
  annotation: Annotation;
  article: Article;
}

const urn = (kind: string, id: string) => `urn:dossier:${kind}:${id}`;

/** The W3C Web Annotation Data Model: one AnnotationCollection holding every annotation. */
export function toWebAnnotations(items: ExportItem[], entities: Map<string, Entity>, generated: string): object {
  const annotations = items.map(({ annotation, article }) => {
    const linked = annotation.entityIds.flatMap((id) => entities.get(id) ?? []);
    const body = [
      ...(annotation.note ? [{ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: annotation.note }] : []),
      ...annotation.tags.map((tag) => ({ type: 'TextualBody', purpose: 'tagging', value: tag })),
      ...linked.map((entity) => ({ id: urn('entity', entity.id), type: 'TextualBody', purpose: 'identifying', value: entity.name })),
    ];
    return {
      id: urn('annotation', annotation.id),
      type: 'Annotation',
      motivation: annotation.note ? 'commenting' : 'highlighting',
      created: annotation.created,
      modified: annotation.modified,
      ...(body.length > 0 ? { body } : {}),
      target: {
        source: article.url ?? urn('article', article.id),
        ...(article.url ? {} : { title: article.title }),
        selector: [
          { type: 'TextQuoteSelector', exact: annotation.target.quote.exact, prefix: annotation.target.quote.prefix, suffix: annotation.target.quote.suffix },
          { type: 'TextPositionSelector', start: annotation.target.position.start, end: annotation.target.position.end },
        ],
      },
    };
  });
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: urn('export', generated),
    type: 'AnnotationCollection',
    label: 'Dossier annotations',
    total: annotations.length,
    generated,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations },
  };
}

export const CSV_COLUMNS = [
  'annotation_id',
  'article_id',
  'article_title',
  'article_url',
  'site',
  'published',
  'quote',
  'prefix',
  'suffix',
  'start',
  'end',
  'note',
  'tags',
  'entities',
  'color',
  'anchor',
  'created',
  'modified',
] as const;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would take for a formula (= + - @, tab, carriage
 * return) gets a leading apostrophe, so that a clipped page cannot run a formula in the analyst's
 * spreadsheet (CSV injection).
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per annotation, with a header; lines end in CRLF as RFC 4180 says. */
export function toCsv(items: ExportItem[], entities: Map<string, Entity>): string {
  const rows = items.map(({ annotation, article }) => {
    const row: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      annotation_id: annotation.id,
      article_id: article.id,
      article_title: article.title,
      article_url: article.url,
      site: article.siteName,
      published: article.publishedAt,
      quote: annotation.target.quote.exact,
      prefix: annotation.target.quote.prefix,
      suffix: annotation.target.quote.suffix,
      start: annotation.target.position.start,
      end: annotation.target.position.end,
      note: annotation.note,
      tags: annotation.tags.join('; '),
      entities: annotation.entityIds.flatMap((id) => entities.get(id)?.name ?? []).join('; '),
      color: annotation.color,
      anchor: annotation.anchor,
      created: annotation.created,
      modified: annotation.modified,
    };
    return CSV_COLUMNS.map((column) => csvField(row[column])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
