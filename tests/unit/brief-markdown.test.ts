import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  escapeMarkdownText,
  renderBriefFiles,
  renderBriefMarkdown,
  toBlockQuote,
  type BriefDocument,
  type BriefItem,
} from '../../src/shared/brief-markdown';
import { AnnotationSchema, ArticleSchema, EntitySchema, type Annotation, type Article, type Entity } from '../../src/shared/model';

const md = new MarkdownIt();
type Token = ReturnType<typeof md.parse>[number];

// How a quotation's text is read back (the same rule for every check below):
// - the text of a paragraph is its text tokens, with a hard break (<br>) read as "\n";
// - paragraphs are joined with "\n\n" (the block separator of the canonical text);
// - anything else inside the quotation (emphasis, code, links, HTML, soft breaks, headings, lists,
//   tables, nested quotations...) is markup the quote did not contain, and fails the check.
// Two checks that must agree: one walks markdown-it's tokens, the other decodes the rendered HTML.

/** The text of each top-level block quotation in the token stream, or the markup that should not be there. */
function quotesFromTokens(tokens: Token[]): string[] {
  const quotes: string[] = [];
  let depth = 0;
  let current: string[] = [];
  for (const token of tokens) {
    if (token.type === 'blockquote_open' && depth++ === 0) current = [];
    else if (token.type === 'blockquote_close' && --depth === 0) quotes.push(current.join('\n\n'));
    else if (depth === 0 || token.type === 'paragraph_close') continue;
    else if (token.type === 'paragraph_open') current.push('');
    else if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        const text = child.type === 'text' ? child.content : child.type === 'hardbreak' ? '\n' : `⟦${child.type}⟧`;
        current[current.length - 1] += text;
      }
    } else current.push(`⟦${token.type}⟧`);
  }
  return quotes;
}

const HTML_ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** The text of each block quotation in rendered HTML, decoded; only <p> and <br> may appear inside. */
function quotesFromHtml(html: string): string[] {
  return [...html.matchAll(/<blockquote>\n([\s\S]*?)<\/blockquote>\n/g)].map(([, inner = '']) => {
    const paragraphs: string[] = [];
    const rest = inner.replace(/<p>([^<]*(?:<br>\n[^<]*)*)<\/p>\n/g, (_, body: string) => {
      paragraphs.push(body);
      return '';
    });
    if (rest !== '') return `⟦unexpected HTML ${rest}⟧`;
    return paragraphs
      .map((body) =>
        body
          .split('<br>\n')
          // a raw line end left inside a paragraph would be a soft break: it shows as a space, not "\n"
          .map((line) => (line.includes('\n') ? '⟦softbreak⟧' : line))
          .join('\n')
          .replace(/&[a-z]+;|&/g, (ref) => HTML_ESCAPES[ref] ?? '⟦bad reference⟧'),
      )
      .join('\n\n');
  });
}

function renderedQuotes(markdown: string): { tokens: string[]; html: string[] } {
  return { tokens: quotesFromTokens(md.parse(markdown, {})), html: quotesFromHtml(md.render(markdown)) };
}

/** The one normalisation: trailing line breaks are dropped (a hard break cannot end a paragraph). */
const expectedQuote = (text: string): string => text.replace(/\n+$/, '');

function roundTrip(text: string): { tokens: string; html: string } {
  const { tokens, html } = renderedQuotes(toBlockQuote(text));
  expect(tokens).toHaveLength(1);
  expect(html).toHaveLength(1);
  return { tokens: tokens[0] ?? '', html: html[0] ?? '' };
}

// Fixtures, validated against the model's schemas so they look like stored data.
const source = { fileName: 'clip.txt', mediaType: 'text/plain', encoding: 'utf-8', sha256: 'a'.repeat(64), size: 1 };

function article(id: string, fields: Partial<Article> = {}): Article {
  return ArticleSchema.parse({
    id,
    title: 'US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang',
    byline: null,
    siteName: 'The Diplomat',
    url: 'https://thediplomat.com/2018/10/us-north-korea-diplomacy-picks-up-with-a-pompeo-kim-encounter-in-pyongyang/',
    publishedAt: '2018-10-08',
    clippedAt: '2025-03-14T09:26:53.589Z',
    lang: 'en',
    dir: 'ltr',
    excerpt: '',
    wordCount: 900,
    tags: [],
    source,
    ...fields,
  });
}

let nextId = 0;
function annotation(articleId: string, exact: string, start: number, fields: Partial<Annotation> = {}): Annotation {
  return AnnotationSchema.parse({
    id: `ann_${String(++nextId).padStart(4, '0')}`,
    articleId,
    created: '2025-03-14T10:00:00.000Z',
    modified: '2025-03-14T10:00:00.000Z',
    target: {
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
    },
    note: '',
    tags: [],
    color: 'yellow',
    entityIds: [],
    speakerId: null,
    anchor: 'anchored',
    ...fields,
  });
}

function entity(id: string, type: Entity['type'], name: string, date: string | null = null): Entity {
  return EntitySchema.parse({ id, type, name, aliases: [], description: '', wikidataId: null, date });
}

const pompeo = entity('ent_pompeo', 'person', 'Mike Pompeo');
const northKorea = entity('ent_nkorea', 'place', 'North Korea');
const visit = entity('ent_visit18', 'event', "Pompeo's July 2018 visit to Pyongyang", '2018-07');
const diplomat = article('art_diplomat');
const SEED_QUOTE = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

function seedBrief(): BriefDocument {
  const seed = annotation(diplomat.id, SEED_QUOTE, 1234, {
    note: 'Compare with the State Department readout of the same visit.',
    tags: ['rhetoric'],
    entityIds: [pompeo.id, northKorea.id, visit.id],
  });
  return {
    title: 'Pompeo in Pyongyang',
    createdAt: '2025-03-15T08:00:00.000Z',
    scopeEntities: [pompeo],
    items: [{ annotation: seed, article: diplomat, entities: [pompeo, northKorea, visit] }],
  };
}

/** Every footnote reference has exactly one definition and every definition is referenced. */
function checkFootnotes(markdown: string): { references: string[]; definitions: string[] } {
  const definitions = [...markdown.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => m[1] ?? '');
  const references = [...markdown.matchAll(/(?<!\\)\[\^(\d+)\](?!:)/g)].map((m) => m[1] ?? '');
  expect(new Set(definitions).size).toBe(definitions.length);
  expect([...new Set(references)].sort()).toEqual([...definitions].sort());
  return { references, definitions };
}

function expectNoLiveHtml(markdown: string): void {
  const html = md.render(markdown);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(?!\/?(h1|h2|p|br|blockquote|a)\b)[a-z]/i);
  for (const [, href = ''] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
}

describe('renderBriefMarkdown', () => {
  it('renders the seed passage as an exact quotation with its note, entities and citation', () => {
    const markdown = renderBriefMarkdown(seedBrief());
    expect(markdown).toBe(
      [
        '# Pompeo in Pyongyang',
        '',
        'Prepared 2025-03-15 · 1 annotation from 1 article',
        '',
        'Covers: Mike Pompeo',
        '',
        '## US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang',
        '',
        `> ${SEED_QUOTE}`,
        '',
        '— The Diplomat[^1]',
        '',
        'Note: Compare with the State Department readout of the same visit.',
        '',
        "Linked: Mike Pompeo (person), North Korea (place), Pompeo's July 2018 visit to Pyongyang (event, 2018-07)",
        '',
        'Tags: rhetoric',
        '',
        '[^1]: “US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang”, The Diplomat, 2018-10-08, <https://thediplomat.com/2018/10/us-north-korea-diplomacy-picks-up-with-a-pompeo-kim-encounter-in-pyongyang/>. Clipped 2025-03-14.',
        '',
      ].join('\n'),
    );

    const { tokens, html } = renderedQuotes(markdown);
    expect(tokens).toEqual([SEED_QUOTE]);
    expect(html).toEqual([SEED_QUOTE]);
    expect(checkFootnotes(markdown)).toEqual({ references: ['1'], definitions: ['1'] });
    const rendered = md.render(markdown);
    expect(rendered).toContain('<h1>Pompeo in Pyongyang</h1>');
    expect(rendered).toContain('<h2>US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang</h2>');
    expect(rendered).toContain('<p>Note: Compare with the State Department readout of the same visit.</p>');
    expectNoLiveHtml(markdown);
  });

  it('groups articles by first appearance, orders quotes by position, and numbers one footnote per article', () => {
    const other = article('art_other1', {
      title: 'Second *article* #',
      byline: 'Ankit Panda',
      siteName: null,
      url: null,
      publishedAt: null,
    });
    const items: BriefItem[] = [
      { annotation: annotation(other.id, 'other, late', 500), article: other, entities: [] },
      { annotation: annotation(diplomat.id, 'diplomat, late', 900), article: diplomat, entities: [] },
      { annotation: annotation(other.id, 'other, early', 20, { speakerId: pompeo.id }), article: other, entities: [pompeo] },
      { annotation: annotation(diplomat.id, 'diplomat, early', 10), article: diplomat, entities: [] },
    ];
    const markdown = renderBriefMarkdown({ title: 'Two', createdAt: '2025-03-15T08:00:00Z', scopeEntities: [], items });

    expect(markdown).toContain('Prepared 2025-03-15 · 4 annotations from 2 articles');
    expect(markdown).not.toContain('Covers:');
    expect(renderedQuotes(markdown).tokens).toEqual(['other, early', 'other, late', 'diplomat, early', 'diplomat, late']);
    expect(markdown.indexOf('## Second')).toBeLessThan(markdown.indexOf('## US-North Korea'));
    expect(markdown).toContain('— Mike Pompeo, via Ankit Panda[^1]');
    expect(markdown).toContain('— Ankit Panda[^1]');
    expect(markdown).toContain('— The Diplomat[^2]');
    // Only what is known; the title's markup and a closing "#" stay text.
    expect(markdown).toContain('[^1]: Ankit Panda, “Second \\*article\\* #”. Clipped 2025-03-14.\n');
    expect(md.render(markdown)).toContain('<h2>Second *article* #</h2>');
    expect(checkFootnotes(markdown).definitions).toEqual(['1', '2']);
  });

  it('says so when nothing matches', () => {
    const markdown = renderBriefMarkdown({ title: 'Empty', createdAt: '2025-03-15T08:00:00Z', scopeEntities: [northKorea], items: [] });
    expect(markdown).toBe('# Empty\n\nPrepared 2025-03-15\n\nCovers: North Korea\n\nNo annotations match this brief.\n');
    expect(md.render(markdown)).toContain('<p>No annotations match this brief.</p>');
  });

  it('keeps notes as text, paragraphs and line breaks included', () => {
    const brief = seedBrief();
    const item = brief.items[0];
    if (!item) throw new Error('seed brief has an item');
    item.annotation = { ...item.annotation, note: 'See *this* <b>x</b>\nand [that](javascript:alert(1)).\n\nSecond paragraph.' };
    const rendered = md.render(renderBriefMarkdown(brief));
    expect(rendered).toContain('<p>Note: See *this* &lt;b&gt;x&lt;/b&gt;<br>\nand [that](javascript:alert(1)).</p>\n<p>Second paragraph.</p>');
    expectNoLiveHtml(renderBriefMarkdown(brief));
  });
});

const HOSTILE_QUOTES: [string, string][] = [
  ['emphasis', '*not emphasis* and _not either_ and __nor this__'],
  ['heading', '# not a heading'],
  ['ordered list', '1. not a list'],
  ['ordered list with parenthesis', '2) not a list either'],
  ['bullet lists', '- not\n+ a\n* list'],
  ['script tag', '<script>alert(1)</script>'],
  ['javascript link', '[link](javascript:alert(1))'],
  ['image', '![x](https://example.com/a.png)'],
  ['autolink', '<https://example.com> and <javascript:alert(1)>'],
  ['backslashes', 'C:\\Users\\new\\ and \\* and a final \\'],
  ['backticks', 'use `code` or ``` fences'],
  ['fence at a line start', 'before\n```\nnot code\n```'],
  ['pipes', 'a | b\n--- | ---\nc | d'],
  ['pipe table of one column', 'a|b\n:-'],
  ['literal entities', '&amp; &#x26; &copy; and Q&A, Smith & Wesson'],
  ['leading spaces', '    four spaces would be code'],
  ['leading tab', '\tindented by a tab'],
  ['trailing spaces', 'two spaces  \nthen a line'],
  ['no-break spaces at the edges', '\u00a0edges\u00a0and\u00a0inside\u00a0'],
  ['paragraphs', 'First paragraph.\n\nSecond paragraph.'],
  ['hard line break', 'First line\nsecond line'],
  ['long runs of line breaks', '\n\nstarts with breaks\n\n\n\nthen four\n\n\nthen three'],
  ['setext underline', 'Title\n===\nSub\n---'],
  ['thematic breaks', '***\n___\n- - -'],
  ['nested quotation', '> not nested\n>> nor this'],
  ['strikethrough', '~~not struck~~'],
  ['reference definition', '[foo]: https://example.com\n[^1]: not a footnote'],
  ['html block', '<div>\n<!-- comment -->\n</div>'],
  ['carriage return', 'old\rmac line end'],
  ['curly quotes and dashes', '“gangster-like” — said the statement – twice… ‘quietly’'],
  ['Arabic', 'قالت كوريا الشمالية إن مطالب الولايات المتحدة «شبيهة بمطالب العصابات».'],
  ['emoji and combining marks', '👍🏽 e\u0301 Z̤͔ͧ̑̓ 👨‍👩‍👧 1️⃣ 🇰🇷'],
  ['CJK and snake_case', '朝鮮民主主義人民共和国 said foo_bar_baz'],
  ['exclamation at the end', 'Yahoo!'],
];

describe('toBlockQuote', () => {
  it.each(HOSTILE_QUOTES)('renders the %s quote back exactly', (_, quote) => {
    expect(roundTrip(quote)).toEqual({ tokens: quote, html: quote });
  });

  it('leaves no live HTML in a brief made of hostile quotes, notes, names and metadata', () => {
    const hostile = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const evil = article('art_hostile', { title: hostile, byline: hostile, siteName: hostile });
    const items = HOSTILE_QUOTES.map(([, quote], i) => ({
      annotation: annotation(evil.id, quote, i * 10, { note: hostile, tags: [hostile] }),
      article: evil,
      entities: [entity('ent_hostile', 'organisation', hostile)],
    }));
    const markdown = renderBriefMarkdown({ title: hostile, createdAt: '2025-03-15T08:00:00Z', scopeEntities: [], items });
    expectNoLiveHtml(markdown);
    const { tokens, html } = renderedQuotes(markdown);
    expect(tokens).toEqual(HOSTILE_QUOTES.map(([, quote]) => quote));
    expect(html).toEqual(tokens);
    checkFootnotes(markdown);
  });

  it('keeps ordinary prose readable', () => {
    expect(toBlockQuote('The U.S.-North Korea talks, e.g. in 2018-10, cost $5.3 (approx.) — 100% sure!?'))
      .toBe('> The U.S.-North Korea talks, e.g. in 2018-10, cost $5.3 (approx.) — 100% sure!?');
    expect(escapeMarkdownText('snake_case & Q&A')).toBe('snake_case & Q&A');
  });

  it('writes whitespace at line edges as character references, which no renderer trims', () => {
    // markdown-it 15 keeps U+00A0 at a paragraph edge, older versions and other renderers do not.
    expect(toBlockQuote('\u00a0edge\u00a0\n inner\u3000')).toBe('> &#xA0;edge&#xA0;\\\n> &#x20;inner&#x3000;');
  });

  it('has two normalisations, for what CommonMark cannot render: trailing line breaks and NUL', () => {
    expect(roundTrip('ends with a break\n')).toEqual({ tokens: 'ends with a break', html: 'ends with a break' });
    expect(toBlockQuote('a\n\n')).toBe('> a');
    // CommonMark replaces U+0000 with U+FFFD, in the source and in character references alike.
    expect(roundTrip('a\u0000b')).toEqual({ tokens: 'a\ufffdb', html: 'a\ufffdb' });
  });
});

interface SpecExample {
  markdown: string;
  html: string;
  example: number;
  section: string;
}

describe('the CommonMark spec examples as quotes', () => {
  const examples = JSON.parse(
    readFileSync(new URL('../../../shared/corpus/commonmark-spec-0.31.2.json', import.meta.url), 'utf8'),
  ) as SpecExample[];

  it('has all 652 examples', () => {
    expect(examples).toHaveLength(652);
  });

  it('renders every example back to its exact text (trailing line breaks dropped)', () => {
    const failures: string[] = [];
    for (const { markdown, example, section } of examples) {
      const want = expectedQuote(markdown);
      const { tokens, html } = renderedQuotes(toBlockQuote(markdown));
      if (tokens.length !== 1 || tokens[0] !== want || html[0] !== want) {
        failures.push(`#${example} (${section}): ${JSON.stringify(markdown)} -> ${JSON.stringify(tokens)}`);
      }
    }
    console.log(`CommonMark spec examples rendered back exactly: ${examples.length - failures.length}/${examples.length}`);
    expect(failures).toEqual([]);
  });

  it('is a check that can fail: a naive "> " prefix fails on most examples', () => {
    const naive = (text: string): string => text.replace(/\n+$/, '').split('\n').map((line) => `> ${line}`).join('\n');
    const passed = examples.filter(({ markdown }) => renderedQuotes(naive(markdown)).tokens[0] === expectedQuote(markdown));
    console.log(`naive "> " prefix: ${passed.length}/${examples.length}`);
    expect(passed.length).toBeLessThan(examples.length / 2);
  });
});

describe('brief options', () => {
  const summit = entity('ent_summit', 'event', 'Singapore summit', '2018-06-12');
  const other = article('art_other', { title: 'Second article', url: 'https://example.org/second' });
  const SECOND_QUOTE = 'Kim Jong Un met Trump in Singapore.';
  function twoSectionBrief(): BriefDocument {
    const brief = seedBrief();
    brief.items.push({ annotation: annotation(other.id, SECOND_QUOTE, 10, { entityIds: [summit.id, pompeo.id] }), article: other, entities: [summit, pompeo] });
    brief.items.push({ annotation: annotation(other.id, 'An unlinked remark.', 90), article: other, entities: [] });
    return brief;
  }

  it('YAML front matter: valid YAML with the title, date, entities and sources', async () => {
    const { parse } = await import('yaml');
    const markdown = renderBriefMarkdown({ ...twoSectionBrief(), options: { frontMatter: true } });
    const [, yaml = ''] = /^---\n([\s\S]*?)\n---\n/.exec(markdown) ?? [];
    const data = parse(yaml);
    expect(data.title).toBe('Pompeo in Pyongyang');
    expect(data.date).toBe('2025-03-15');
    expect(data.entities).toEqual(expect.arrayContaining(['Mike Pompeo', 'North Korea', 'Singapore summit']));
    expect(data.sources.map((s: { title: string }) => s.title)).toEqual([diplomat.title, 'Second article']);
    expect(data.sources[1].url).toBe('https://example.org/second');
    // After the front matter, the quotes still render exactly (markdown-it does not know front matter: strip it).
    expect(renderedQuotes(markdown.slice(markdown.indexOf('\n---\n') + 5)).tokens).toEqual([SEED_QUOTE, SECOND_QUOTE, 'An unlinked remark.']);
  });

  it('wikilinks: entities as [[Name]], without characters that would break the link', () => {
    const odd = entity('ent_odd', 'organisation', 'A|B [Group] #1');
    const brief = seedBrief();
    brief.items[0].entities.push(odd);
    const markdown = renderBriefMarkdown({ ...brief, options: { wikilinks: true } });
    expect(markdown).toContain('Covers: [[Mike Pompeo]]');
    expect(markdown).toContain('Linked: [[Mike Pompeo]] (person), [[North Korea]] (place)');
    expect(markdown).toContain('[[A B Group 1]] (organisation)');
    expect(renderBriefMarkdown(seedBrief())).not.toContain('[[');
  });

  it('grouped by entity (by name) or by event (in time order); unlinked annotations come last', () => {
    const headings = (markdown: string) => [...markdown.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    const byEntity = renderBriefMarkdown({ ...twoSectionBrief(), options: { groupBy: 'entity' } });
    expect(headings(byEntity)).toEqual(['Mike Pompeo', 'North Korea', "Pompeo's July 2018 visit to Pyongyang (2018-07)", 'Singapore summit (2018-06-12)', 'Not linked to an entity']);
    // The same quote under two entities keeps the same footnote; every footnote resolves.
    checkFootnotes(byEntity);
    const byEvent = renderBriefMarkdown({ ...twoSectionBrief(), options: { groupBy: 'event' } });
    expect(headings(byEvent)).toEqual(['Singapore summit (2018-06-12)', "Pompeo's July 2018 visit to Pyongyang (2018-07)", 'Not linked to an event']);
    expect(renderedQuotes(byEvent).tokens).toEqual([SECOND_QUOTE, SEED_QUOTE, 'An unlinked remark.']);
  });

  it('a quote that no longer matches its article is marked, and counted under the title', () => {
    const brief = seedBrief();
    brief.items[0].verified = false;
    const markdown = renderBriefMarkdown(brief);
    expect(markdown).toContain('**1 quote no longer matches the current text of its article: marked below.**');
    expect(markdown).toContain('**Check this quote:** it no longer matches the current text of the article.');
    expect(renderBriefMarkdown(seedBrief())).not.toContain('Check this quote');
  });

  it('an index of entities: each linked entity by name, its quotes, their sources and sections', () => {
    const markdown = renderBriefMarkdown({ ...twoSectionBrief(), options: { entityIndex: true } });
    const index = markdown.slice(markdown.indexOf('## Index of entities'), markdown.indexOf('[^1]: '));
    expect(index.trim().split('\n').slice(2)).toEqual([
      '- Mike Pompeo (person): 2 quotes[^1][^2] — under US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang; Second article',
      '- North Korea (place): 1 quote[^1] — under US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang',
      "- Pompeo's July 2018 visit to Pyongyang (event, 2018-07): 1 quote[^1] — under US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang",
      '- Singapore summit (event, 2018-06-12): 1 quote[^2] — under Second article',
    ]);
    checkFootnotes(markdown);
    expect(md.render(markdown)).toContain('<li>Mike Pompeo (person): 2 quotes');
    // Without the option, no index; with it and no linked entity, it says so.
    expect(renderBriefMarkdown(twoSectionBrief())).not.toContain('Index of entities');
    const unlinked = twoSectionBrief();
    unlinked.items = unlinked.items.slice(2);
    expect(renderBriefMarkdown({ ...unlinked, options: { entityIndex: true } })).toContain('No entity is linked to these annotations.');
  });

  it('a timeline of the events covered, in time order, with date ranges, places and participants', () => {
    const kim = entity('ent_kim', 'person', 'Kim Jong Un');
    const singapore = entity('ent_sg', 'place', 'Singapore');
    const brief = twoSectionBrief();
    const summitItem = brief.items[1]!;
    summitItem.entities = summitItem.entities.map((e) => (e.id === summit.id ? { ...e, endDate: '2018-06-13', placeId: singapore.id, participantIds: [kim.id, pompeo.id] } : e));
    const undated = entity('ent_undated', 'event', 'Talks of unknown date');
    brief.items[2]!.entities = [undated];
    const markdown = renderBriefMarkdown({ ...brief, options: { eventTimeline: true, wikilinks: true }, entityById: new Map([kim, singapore].map((e) => [e.id, e])) });
    const timeline = markdown.slice(markdown.indexOf('## Timeline of events'), markdown.indexOf('[^1]: '));
    expect(timeline.trim().split('\n').slice(2)).toEqual([
      '- 2018-06-12 – 2018-06-13: [[Singapore summit]], in [[Singapore]], with [[Kim Jong Un]], [[Mike Pompeo]] — 1 quote[^2]',
      "- 2018-07: [[Pompeo's July 2018 visit to Pyongyang]] — 1 quote[^1]",
      '- Undated: [[Talks of unknown date]] — 1 quote[^2]',
    ]);
    checkFootnotes(markdown);
    expect(renderBriefMarkdown({ ...seedBrief(), items: [], options: { eventTimeline: true } })).not.toContain('Timeline of events');
  });

  it('one file per section: a first file with the contents, index and timeline, each file with its own footnotes', () => {
    const brief = { ...twoSectionBrief(), options: { entityIndex: true, eventTimeline: true } };
    const files = renderBriefFiles(brief, (i, title) => `${i} ${title.slice(0, 12)}.md`);
    expect(files.map((f) => f.fileName)).toEqual(['0 Pompeo in Py.md', '1 US-North Kor.md', '2 Second artic.md']);
    const [overview, first, second] = files.map((f) => f.markdown);
    expect(overview).toContain('## Sections\n\n1. [US-North Korea Diplomacy Picks Up With a Pompeo-Kim Encounter in Pyongyang](<1 US-North Kor.md>) (1 quote)\n2. [Second article](<2 Second artic.md>) (2 quotes)');
    // Links to the section files resolve as links in a CommonMark renderer, spaces and all.
    expect(md.render(overview!)).toContain('<a href="2%20Second%20artic.md">Second article</a>');
    expect(overview).toContain('- Mike Pompeo (person): 2 quotes[^1][^2] — under [US-North Korea');
    expect(overview).toContain('## Timeline of events');
    expect(renderedQuotes(overview!).tokens).toEqual([]);
    expect(renderedQuotes(first!).tokens).toEqual([SEED_QUOTE]);
    expect(renderedQuotes(second!).tokens).toEqual([SECOND_QUOTE, 'An unlinked remark.']);
    expect(second).toMatch(/^# Second article\n\nSection 2 of 2 of \[Pompeo in Pyongyang\]\(<0 Pompeo in Py.md>\)/);
    // The second file's one source is its footnote 1.
    expect(second).toContain('[^1]: “Second article”, The Diplomat, 2018-10-08, <https://example.org/second>.');
    for (const markdown of files.map((f) => f.markdown)) checkFootnotes(markdown);
    // Sections by hand make one file of the annotations, in the analyst's order.
    const manual = renderBriefFiles({ ...brief, options: { groupBy: 'manual' } }, (i, title) => `${i} ${title}.md`);
    expect(manual.map((f) => f.fileName)).toEqual(['0 Pompeo in Pyongyang.md', '1 Annotations.md']);
  });
});
