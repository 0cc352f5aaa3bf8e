// Hostile content stays inert (issue 8). Every payload of ../shared/security/payloads.json, and hostile
// inputs of our own, goes through import, the reader, an annotation and an exported brief in real Chromium
// through the loopback host, watched by a canary: no script runs, nothing navigates, no window opens, no
// request leaves for another host, and the brief carries no live HTML. Refusing a file with a clear message
// is a pass when the library is left unchanged. One host and page take a whole group of payloads.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Page, Response } from '@playwright/test';
import { z } from 'zod';
import { ImportOutcomeSchema, TOKEN_HEADER } from '../../src/shared/api';
import type { Article } from '../../src/shared/model';
import { installCanary, type Canary } from './canary';
import { expect, projectDir, test, type Host } from './fixtures';
import { blockQuoteTexts, foreignMarkup, headingTexts, liveHtmlIn, ownPayloads, paragraphTexts, payloadFile, payloadsOfKind, unsafeMarkup, type Payload } from './hostile';
import { annotate, importThroughPicker } from './reader-helpers';

const runFile = promisify(execFile);

/** A file as the user picks it. `id` names the payload it carries; `note` is written on its passage. */
interface HostileFile {
  id: string;
  name: string;
  content: string | Buffer;
  mimeType: string;
  note: string;
}

type Outcome = { ok: true; article: Article } | { ok: false; message: string };

const MIME: Record<string, string> = { html: 'text/html', htm: 'text/html', xhtml: 'application/xhtml+xml', md: 'text/markdown', txt: 'text/plain', svg: 'image/svg+xml' };

function hostileFile(id: string, name: string, content: string | Buffer, note: string): HostileFile {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return { id, name, content, mimeType: MIME[extension] ?? 'application/octet-stream', note };
}

/** Words of the articles the payloads are placed in: never the passage to quote. */
const CLOSING = 'Closing words of the';

/** An HTML payload as the whole file, and the same payload inside an article that has text to quote. */
function htmlFiles(payload: Payload): HostileFile[] {
  const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile payload ${payload.id}</title></head>
<body><article><h1>Hostile payload ${payload.id}</h1>
<p>This clipped article carries the hostile payload ${payload.id} of the ${payload.group} group, placed in its body as a hostile site would place it for the analyst to read.</p>
${payload.payload}
<p>${CLOSING} article that carries ${payload.id}.</p></article></body></html>`;
  return [
    hostileFile(payload.id, `${payload.id}.html`, payload.payload, payload.payload),
    hostileFile(payload.id, `${payload.id}-in-article.html`, page, payload.payload),
  ];
}

/** A Markdown payload as the whole file (Markdown keeps every payload as text, so there is always a
 * passage to quote; the payload is its own context). */
const markdownFile = (payload: Payload): HostileFile => hostileFile(payload.id, `${payload.id}.md`, payload.payload, payload.payload);

const ResponseSchema = z.union([
  z.object({ ok: z.literal(true), value: z.array(ImportOutcomeSchema) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
const ImportRequestSchema = z.object({ files: z.array(z.object({ name: z.string() })).length(1) });

/**
 * Imports `files` through the Import… button and the file picker, as a user does, and returns what the
 * host answered for each file name (read from the page's own calls: the UI shows the same messages).
 */
async function importAll(page: Page, files: HostileFile[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    if (new URL(response.url()).pathname !== '/api/articles.import') return;
    pending.push(
      (async () => {
        const [{ name }] = ImportRequestSchema.parse(response.request().postDataJSON()).files;
        if (!response.ok()) {
          outcomes.set(name, { ok: false, message: `${response.status()}: ${await response.text()}` });
          return;
        }
        const body = ResponseSchema.parse(await response.json());
        if (!body.ok) outcomes.set(name, { ok: false, message: body.error.message });
        else for (const o of body.value) outcomes.set(o.fileName, o.ok ? { ok: true, article: o.article } : { ok: false, message: o.error.message });
      })(),
    );
  };
  page.on('response', onResponse);
  await importThroughPicker(
    page,
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, buffer: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8') })),
  );
  await expect.poll(() => outcomes.size, { timeout: 60_000, message: 'every file gets an answer' }).toBe(files.length);
  await Promise.all(pending);
  page.off('response', onResponse);
  // The import is over when its progress message is gone.
  await expect(page.locator('.status-progress')).toHaveCount(0);
  return outcomes;
}

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/** The text of the block an analyst would quote: the last text block where the payload sits (not the
 * closing words of the article around it). */
async function passageToQuote(page: Page): Promise<string | null> {
  return page.evaluate((closing) => {
    const root = document.querySelector('.article-body .tiptap');
    if (!root) return null;
    const selector = 'p, h1, h2, h3, h4, h5, h6, li, pre';
    const leaves = Array.from(root.querySelectorAll(selector)).filter((block) => !block.querySelector(selector));
    const texts = leaves.map((block) => (block.textContent ?? '').trim()).filter((text) => text !== '');
    const last = texts.filter((text) => !text.startsWith(closing)).at(-1) ?? texts.at(-1);
    return last === undefined ? null : last.slice(0, 400).trim();
  }, CLOSING);
}

/**
 * Activates every link of the article in each way that could open or navigate — the mouse (left, middle,
 * Ctrl/Cmd and Shift clicks), click events on the link itself (as if CSS let the pointer through), and the
 * keyboard (Enter, Shift+Enter): all must do nothing.
 */
async function clickEveryLink(page: Page, id: string): Promise<void> {
  const links = page.locator('.article-body a >> visible=true');
  const count = Math.min(await links.count(), 4);
  const before = page.url();
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    // Real mouse clicks where the link is drawn (the reader's CSS lets them fall through to the text).
    await link.click({ force: true });
    await link.click({ force: true, button: 'middle' });
    await link.click({ force: true, modifiers: ['ControlOrMeta'] });
    await link.click({ force: true, modifiers: ['Shift'] });
    // Clicks on the link element itself: activation is refused by the reader, not only by CSS.
    await link.dispatchEvent('click', { button: 0 });
    await link.dispatchEvent('click', { button: 0, ctrlKey: true });
    await link.dispatchEvent('click', { button: 0, shiftKey: true });
    await link.dispatchEvent('auxclick', { button: 1 });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Enter');
    expect.soft(page.url(), `${id}: activating a link changed the page`).toBe(before);
  }
}

interface Visited {
  article: Article;
  quote: string | null;
  note: string;
}

/**
 * Opens each article in the reader, checks its rendered markup, clicks its links, and annotates its last
 * passage with the hostile note. Each step's canary findings are charged to its payload.
 */
async function readEach(page: Page, canary: Canary, articles: { id: string; article: Article; note: string }[]): Promise<Visited[]> {
  const visited: Visited[] = [];
  for (const { id, article, note } of articles) {
    const mark = canary.mark();
    await page.evaluate((hash) => (window.location.hash = hash), `#/articles/${article.id}`);
    await expect(page.locator('.article-header h1')).toHaveText(article.title);
    await page.locator('.article-body .tiptap').waitFor();
    expect.soft(await page.evaluate(unsafeMarkup, '.article-body'), `${id}: rendered markup of ${article.source.fileName}`).toEqual([]);
    await clickEveryLink(page, id);
    const quote = await passageToQuote(page);
    if (quote) await annotate(page, quote, note);
    expect.soft(await page.evaluate(foreignMarkup), `${id}: markup of the whole page after annotating`).toEqual([]);
    expect.soft(canary.since(mark), `${id}: the canary saw something while ${article.source.fileName} was read and annotated`).toEqual([]);
    visited.push({ article, quote, note });
  }
  return visited;
}

/** Exports a brief on `articleIds` through the brief page; returns the Markdown as written to disk. */
async function exportBrief(page: Page, host: Host, articleIds: string[], expectedCount: number, title?: string): Promise<string> {
  const params = new URLSearchParams();
  for (const id of articleIds) params.append('article', id);
  await page.evaluate((hash) => (window.location.hash = hash), `#/brief?${params.toString()}`);
  if (title !== undefined) await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await expect(page.getByRole('region', { name: 'Markdown preview' })).toContainText(`${expectedCount} annotation${expectedCount === 1 ? '' : 's'}`);
  if (title !== undefined) await expect(page.getByTestId('brief-preview')).toContainText(title.slice(-20));
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const saved = page.locator('.saved code');
  await expect(saved).toContainText(host.exportDir);
  const path = (await saved.textContent()) ?? '';
  // Whatever the title, the brief is written inside the export folder.
  expect(path.startsWith(host.exportDir + sep), `brief written at ${path}`).toBe(true);
  expect(dirname(path)).toBe(host.exportDir);
  // The preview is text, never markup.
  expect(await page.getByTestId('brief-preview').evaluate((el) => el.children.length)).toBe(0);
  return readFile(path, 'utf8');
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The exported brief holds every quote exactly, every note and title as text, and nothing live. */
function checkBrief(markdown: string, visited: Visited[]): void {
  expect(liveHtmlIn(markdown), 'live HTML in the exported brief').toEqual([]);
  const quoted = visited.filter((v): v is Visited & { quote: string } => v.quote !== null);
  expect([...blockQuoteTexts(markdown)].sort()).toEqual(quoted.map((v) => v.quote).sort());
  const text = words(paragraphTexts(markdown).join(' '));
  // A NUL reads as U+FFFD in every CommonMark parser.
  for (const { article, note } of quoted) {
    expect.soft(text, `the note on ${article.source.fileName} reads as written`).toContain(words(`Note: ${note}`.replace(/\u0000/g, '\uFFFD')));
  }
  const headings = headingTexts(markdown);
  for (const { article } of quoted) expect.soft(headings, `heading for ${article.source.fileName}`).toContain(article.title);
}

async function api<T>(host: Host, name: string, schema: z.ZodType<T>, input: object = {}): Promise<T> {
  const response = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify(input),
  });
  const body = z.object({ ok: z.literal(true), value: schema }).parse(await response.json());
  return body.value;
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

/**
 * The whole path of a group of files: import them all, check each outcome (imported, or refused with a
 * message naming the file and nothing left behind), read and annotate each article, export one brief on
 * all of them, and check the brief and the canary. Returns what was imported and refused, for the report.
 */
async function runGroup(page: Page, host: Host, canary: Canary, files: HostileFile[]): Promise<{ imported: string[]; refused: string[] }> {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  const outcomes = await importAll(page, files);

  const imported: { id: string; article: Article; note: string }[] = [];
  const refused: string[] = [];
  for (const file of files) {
    const outcome = outcomes.get(file.name);
    if (!outcome) throw new Error(`no answer for ${file.name}`);
    if (outcome.ok) imported.push({ id: file.id, article: outcome.article, note: file.note });
    else {
      refused.push(file.name);
      // A clear message: it names the file and says why.
      expect.soft(outcome.message, `${file.id}: the refusal of ${file.name} names the file`).toContain(baseName(file.name));
      expect.soft(outcome.message, `${file.id}: the refusal of ${file.name} is not an internal error`).not.toMatch(/Unexpected error|Internal error|^\d{3}:/);
    }
  }

  // Refused files left nothing behind: only the imported articles are in the library, on disk as in the list.
  const list = await api(host, 'articles.list', z.array(z.object({ id: z.string() })));
  expect(list.map((a) => a.id).sort()).toEqual(imported.map((i) => i.article.id).sort());
  const onDisk = await filesUnder(host.libraryDir);
  const bodies = onDisk.filter((f) => /^articles[\\/][^\\/]+[\\/]body\.json$/.test(f));
  expect(bodies).toHaveLength(imported.length);
  expect(onDisk.filter((f) => f.startsWith(`snapshots${sep}`)).sort()).toEqual([...new Set(imported.map((i) => `snapshots${sep}${i.article.source.sha256}`))].sort());
  // Nothing was written beside the library, whatever the files were called.
  expect((await readdir(dirname(host.libraryDir))).sort()).toEqual(['library']);

  const visited = await readEach(page, canary, imported);
  const annotated = visited.filter((v) => v.quote !== null).length;
  if (annotated > 0) {
    const markdown = await exportBrief(page, host, visited.map((v) => v.article.id), annotated);
    checkBrief(markdown, visited);
  }
  expect(canary.findings, 'the canary saw something').toEqual([]);
  return { imported: imported.map((i) => i.article.source.fileName), refused };
}

/** Records what a group imported and refused, and what the browser blocked on the way, in the report. */
function report(result: { imported: string[]; refused: string[] }, canary: Canary): void {
  const info = test.info();
  info.annotations.push({ type: 'imported', description: result.imported.join(' · ') }, { type: 'refused', description: result.refused.join(' · ') });
  for (const note of new Set(canary.notes)) info.annotations.push({ type: 'blocked', description: note });
}

const htmlPayloads = [...payloadsOfKind('html'), ...ownPayloads.filter((p) => p.kind === 'html' && p.id !== 'X8')];
/** The HTML payloads in three groups, each a host and a page of its own, so that workers share them. */
const PARTS = 3;
const partSize = Math.ceil(htmlPayloads.length / PARTS);
const htmlParts = Array.from({ length: PARTS }, (_, i) => htmlPayloads.slice(i * partSize, (i + 1) * partSize));

test.describe.configure({ mode: 'parallel' });

test.describe('payloads.json and our own hostile files', () => {
  for (const [index, payloads] of htmlParts.entries()) {
    const part = index + 1;
    test(`HTML payloads, part ${part} of ${PARTS}: imported as .html files, alone and inside an article`, async ({ page, host }) => {
      test.setTimeout(150_000);
      const canary = await installCanary(page, host.url);
      const files = payloads.flatMap(htmlFiles);
      if (part === 1) {
        // E40 asks for a standalone .svg file too; X8 and X10 are whole documents of their own.
        const e40 = payloadFile.payloads.find((p) => p.id === 'E40');
        if (e40) files.push(hostileFile('E40', 'E40.svg', e40.payload, e40.payload));
        const x8 = ownPayloads.find((p) => p.id === 'X8');
        if (x8) files.push(hostileFile('X8', 'X8.html', x8.payload, x8.payload));
        files.push(
          hostileFile(
            'X10',
            'X10.xhtml',
            '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>XHTML with a script</title><script>top.__pwned=1</script></head>' +
              '<body onload="top.__pwned=1"><p>An XHTML page whose head and body carry scripts.</p><svg xmlns="http://www.w3.org/2000/svg"><script>top.__pwned=1</script></svg></body></html>',
            '<?xml-stylesheet href="https://evil.example/x.xsl"?>',
          ),
        );
      }
      report(await runGroup(page, host, canary, files), canary);
    });
  }

  test('Markdown, front matter, text and file-name payloads', async ({ page, host }) => {
    test.setTimeout(150_000);
    const canary = await installCanary(page, host.url);
    const files: HostileFile[] = [
      ...payloadsOfKind('markdown', 'front-matter').map(markdownFile),
      ...ownPayloads.filter((p) => p.kind === 'markdown' || p.kind === 'front-matter').map(markdownFile),
      ...[...payloadsOfKind('text'), ...ownPayloads.filter((p) => p.kind === 'text')].map((p) => hostileFile(p.id, `${p.id}.txt`, p.payload, p.payload)),
      // A file name as a payload: as given (no importable extension: refused), and with one (imported,
      // the name kept as data only: nothing is written by name).
      ...payloadsOfKind('file-name').flatMap((p) => [
        hostileFile(p.id, p.payload, `A file named ${JSON.stringify(p.payload)}.\n\nIts body is plain text, and its name must never become a path.`, p.payload),
        hostileFile(p.id, `${p.payload}.md`, `# File named ${p.id}\n\nThe name of this file climbs out of its folder: ${p.payload}\n`, p.payload),
        hostileFile(p.id, `${p.payload}.txt`, `File named ${p.id} as text\n\nThe name of this text file climbs out of its folder too: ${p.payload}.\n`, p.payload),
      ]),
    ];
    report(await runGroup(page, host, canary, files), canary);
  });
});

/** Runs the `dossier` command line on a library folder, as a user would before opening it in the app. */
async function dossierCli(libraryDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await runFile(process.execPath, [join(projectDir, 'bin/dossier.js'), ...args, '--library', libraryDir]);
  return stdout;
}

test('stored document JSON with hostile nodes or links is never shown, and the reader says why', async ({ page, serveLibrary }) => {
  const stored = payloadsOfKind('tiptap-json');
  expect(stored.length).toBeGreaterThan(0);
  const articles: { id: string; payload: string }[] = [];
  const host = await serveLibrary(async (libraryDir) => {
    const scratch = await mkdtemp(join(tmpdir(), 'dossier-stored-'));
    for (const { id, payload } of stored) {
      const file = join(scratch, `${id}.txt`);
      await writeFile(file, `Stored payload ${id}\n\nAn article whose stored body a hostile tool rewrote to carry ${id}.\n`);
      const [imported] = z.array(z.object({ id: z.string() })).parse(JSON.parse(await dossierCli(libraryDir, 'import', file, '--json')));
      // The body on disk is rewritten as a hostile tool would: the payload node added to the document.
      const bodyPath = join(libraryDir, 'articles', imported.id, 'body.json');
      const body = JSON.parse(await readFile(bodyPath, 'utf8'));
      const node = JSON.parse(payload);
      const inline = node.type === 'text' || node.type === 'image';
      body.doc.content.push(inline ? { type: 'paragraph', content: [node] } : node);
      await writeFile(bodyPath, JSON.stringify(body));
      articles.push({ id: imported.id, payload: id });
    }
    await rm(scratch, { recursive: true, force: true });
  });
  const canary = await installCanary(page, host.url);
  await page.goto(host.url);
  for (const { id, payload } of articles) {
    const mark = canary.mark();
    await page.evaluate((hash) => (window.location.hash = hash), `#/articles/${id}`);
    await expect(page.getByRole('alert'), payload).toContainText('is not a document Dossier can show');
    await expect(page.locator('.article-body')).toHaveCount(0);
    expect.soft(canary.since(mark), `${payload}: the canary saw something`).toEqual([]);
  }
  // The bodies stay on disk as they were: nothing is "repaired" over the user's files.
  for (const { id } of articles) {
    expect(await readFile(join(host.libraryDir, 'articles', id, 'body.json'), 'utf8')).toMatch(/javascript:|tracker\.example|iframe/);
  }
  expect(canary.findings).toEqual([]);
});

test('J70: a dropped link or page never navigates the window; a web link is fetched by the core, never opened', async ({ page, host }) => {
  const canary = await installCanary(page, host.url);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  const before = page.url();
  const prevented = await page.evaluate(() => {
    const results: boolean[] = [];
    for (const [type, data] of [
      ['text/uri-list', 'https://evil.example/'],
      ['text/uri-list', 'file:///etc/passwd'],
      ['text/html', '<img src=x onerror="top.__pwned=1"><a href="javascript:top.__pwned=1">x</a>'],
      ['text/plain', 'javascript:top.__pwned=1'],
    ]) {
      for (const name of ['dragover', 'drop']) {
        const transfer = new DataTransfer();
        transfer.setData(type, data);
        const event = new DragEvent(name, { dataTransfer: transfer, bubbles: true, cancelable: true });
        document.querySelector('.app')!.dispatchEvent(event);
        results.push(event.defaultPrevented);
      }
    }
    return results;
  });
  // Every dragover and drop had its default (the browser opening what was dropped) prevented by the app.
  expect(prevented.every(Boolean)).toBe(true);
  expect(page.url()).toBe(before);
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  // The web link went to the core to be fetched as an article; the host does not exist, and the user is told.
  await expect(page.getByRole('alert').filter({ hasText: 'https://evil.example/' })).toContainText('Could not reach', { timeout: 40_000 });
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  expect(canary.findings).toEqual([]);
});
