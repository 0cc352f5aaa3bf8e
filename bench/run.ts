// `npm run bench -- --size N`: builds a library of N articles through the core and measures what a user
// waits for. Writes bench/results/<N>.json and prints a table, with the ratio to the other size if known.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { openCore, type Core } from '../src/main/core';
import { composeBrief, writeNewFile } from '../src/main/core/briefs';
import { extractArticle } from '../src/main/core/importers';
import { findSuggestions } from '../src/main/core/suggest';
import { buildGraph } from '../src/main/core/graph';
import { drawnLinks, layoutGraph } from '../src/renderer/src/features/graph/layout';
import type { Annotation } from '../src/shared/model';
import { canonicalText } from '../src/shared/canonical-text';
import { corpusPages, corpusWords, generateLibrary, random } from './generate';
import { serve } from '../tests/e2e/fixtures';
import { annotate, importThroughPicker } from '../tests/e2e/reader-helpers';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = join(projectDir, '..', 'shared');
const { values } = parseArgs({ options: { size: { type: 'string', default: '1000' }, keep: { type: 'boolean' } } });
const size = Number(values.size);
if (!Number.isInteger(size) || size < 10) throw new Error('--size takes a whole number of articles, at least 10');

const log = (line: string) => process.stderr.write(`${line}\n`);
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

const run = promisify(execFile);
/** Search queries timed of each kind, and run before them as warm-up. */
const QUERIES = 300;
const SAVES = 200;
const WARM_UP = 10;
const round = (n: number) => Math.round(n * 100) / 100;

/** Milliseconds to find the entity suggestions of each real page of the corpus, from its stored text. */
async function suggestOnCorpus(): Promise<number[]> {
  const times: number[] = [];
  for (const { name, bytes } of await corpusPages(sharedDir)) {
    const article = await extractArticle({ fileName: name, bytes });
    const text = canonicalText(article.doc);
    times.push((await time(async () => findSuggestions(text, article.publishedAt)))[0]);
  }
  return times;
}

const REFERENCE_ANNOTATIONS = 30_000;

/** The graph of the reference library, 500 entities and 30,000 annotations whatever --size is: built from
 * annotations made in memory and linked as generate.ts links them (0 to 2 entities each), then laid out as the
 * graph page's worker lays it out (with the links it draws), whole and around one entity. (graph.get on the
 * library built is timed with the timeline, in bench/open-library.ts.) */
async function measureGraph(core: Core, entityIds: string[], next: () => number) {
  const [template] = (await core.library.allAnnotations()).map((a) => a.annotation);
  const annotations: Annotation[] = Array.from({ length: REFERENCE_ANNOTATIONS }, () => ({
    ...template,
    entityIds: Array.from({ length: Math.floor(next() * 3) }, () => entityIds[Math.floor(next() * entityIds.length)]),
  }));
  const entities = core.library.listEntities();
  const buildMs: number[] = [];
  const layoutMs: number[] = [];
  const focusLayoutMs: number[] = [];
  let size = { nodes: 0, edges: 0, laidOutEdges: 0 };
  for (let i = 0; i < 5; i++) {
    const focusId = entityIds[Math.floor(next() * entityIds.length)];
    const [ms, built] = await time(async () => buildGraph(entities, annotations));
    buildMs.push(ms);
    size = { nodes: built.nodes.length, edges: built.edges.length, laidOutEdges: drawnLinks(built).length };
    layoutMs.push((await time(async () => layoutGraph(built, null)))[0]);
    const around = buildGraph(entities, annotations, { focusId });
    focusLayoutMs.push((await time(async () => layoutGraph(around, focusId)))[0]);
  }
  return {
    buildMs: percentile(buildMs, 50),
    layoutMs: percentile(layoutMs, 50),
    focusLayoutMs: percentile(focusLayoutMs, 50),
    ...size,
  };
}

/**
 * The first paint of the library list in the browser host: `dossier serve` started on the library and a fresh
 * browser opened on it, three times (median); then the same page loaded again, with its code compiled once
 * already (as the app has it from its code cache), and the renderer's heap.
 */
type BrowserFigures = { firstPaintMs: number; firstPaintWarmMs: number; rendererHeapMb: number; rendererLongTaskMaxMs: number; rendererLongTasks: number };
async function measureBrowser(dir: string, words: string[]): Promise<BrowserFigures> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const cold: number[] = [];
  const warm: number[] = [];
  let rendererHeapMb = 0;
  let longTasks: number[] = [];
  for (let run = 0; run < 3; run++) {
    const host = await serve(dir, join(dir, 'exports'));
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      // The helpers shared with the end-to-end tests pass functions to the page; compiled by tsx (not by
      // Playwright's runner), those call esbuild's __name, which the page must have.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      // When the first article of the list is drawn, from the start of the page's navigation: noted by the page
      // itself in the frame that draws it (Playwright's own checks come up to half a second apart).
      await page.addInitScript(() => {
        const seen = window as unknown as { firstArticlePaint?: Promise<number> };
        seen.firstArticlePaint = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('.article-list a')) return;
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now()));
          });
          observer.observe(document, { childList: true, subtree: true });
        });
      });
      const firstArticlePaint = async () => {
        await page.locator('.article-list a').first().waitFor({ timeout: 120_000 });
        return page.evaluate(() => (window as unknown as { firstArticlePaint: Promise<number> }).firstArticlePaint);
      };
      await page.goto(host.url);
      cold.push(await firstArticlePaint());
      if (run < 2) continue;
      for (let i = 0; i < 3; i++) {
        await page.reload();
        warm.push(await firstArticlePaint());
      }
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      rendererHeapMb = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1024 / 1024;
      longTasks = await rendererLongTasks(page, words);
    } finally {
      await browser.close();
      await host.stop();
    }
  }
  return {
    firstPaintMs: percentile(cold, 50),
    firstPaintWarmMs: percentile(warm, 50),
    rendererHeapMb,
    rendererLongTaskMaxMs: Math.max(0, ...longTasks),
    rendererLongTasks: longTasks.length,
  };
}

/**
 * The long tasks (over 50 ms) of the window's thread while the user searches as they type, annotates a
 * passage and imports eight articles through the picker (the list of the whole library then drawn again).
 */
async function rendererLongTasks(page: Page, words: string[]): Promise<number[]> {
  await page.evaluate(() => {
    const seen = window as unknown as { longTasks: number[] };
    seen.longTasks = [];
    new PerformanceObserver((list) => seen.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const box = page.getByRole('searchbox', { name: 'Search the library' });
  await box.click();
  await box.pressSequentially('president', { delay: 150 });
  await page.waitForLoadState('networkidle');
  await box.fill('');
  await page.locator('.article-list a').first().click();
  const quote = await page.locator('.article-body .tiptap p').first().evaluate((p) => (p.textContent ?? '').slice(0, 40).trim());
  await annotate(page, quote, 'A note from the benchmark');
  const next = random(11);
  const files = Array.from({ length: 8 }, (_, i) => ({
    name: `bench-import-${i}.md`,
    mimeType: 'text/markdown',
    buffer: Buffer.from(`# Imported by the benchmark ${i}\n\n${Array.from({ length: 600 }, () => words[Math.floor(next() * words.length)]).join(' ')}\n`),
  }));
  await importThroughPicker(page, files);
  await page.getByRole('status').filter({ hasText: 'Imported 8 articles.' }).waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}

async function main() {
  if (!existsSync(join(projectDir, 'out', 'renderer', 'index.html'))) throw new Error('Run `npm run build` first: the benchmark measures the built UI.');
  const dir = await mkdtemp(join(tmpdir(), `dossier-bench-${size}-`));
  log(`Building a library of ${size} articles in ${dir}`);
  // As the app runs it: extraction and the search index on worker threads.
  const workerDir = join(projectDir, 'out', 'main');
  let core = await openCore({ libraryDir: dir, exportDir: join(dir, 'exports'), workerDir });
  const words = await corpusWords(sharedDir);
  const generated = await generateLibrary(core, size, words, log);
  sampleRss();
  await core.close();

  log('Opening the library');
  // In a fresh process each time, as at launch (median of three): this one is full of what the generator made.
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { stdout } = await run(process.execPath, [...process.execArgv, join(projectDir, 'bench', 'open-library.ts'), dir]);
    opens.push((JSON.parse(stdout) as { openMs: number }).openMs);
  }
  const openLibraryMs = percentile(opens, 50);

  log('Saving annotations');
  // In a process of its own, on the core as the app opens it (see save-annotations.ts): SAVES saves at places
  // drawn from the seed 7; the queries below are drawn from the numbers that come after those.
  const { stdout: saved } = await run(process.execPath, [...process.execArgv, join(projectDir, 'bench', 'save-annotations.ts'), dir, '7', String(SAVES)]);
  const { times: saves, loopMaxMs: saveLoopMaxMs } = JSON.parse(saved) as { times: number[]; loopMaxMs: number };
  const next = random(7);
  for (let i = 0; i < 2 * SAVES; i++) next();
  core = await openCore({ libraryDir: dir, exportDir: join(dir, 'exports'), workerDir });
  sampleRss();

  log('Building the search index');
  // As the app does once its window is up: the index, then every annotation file, in the background.
  core.warm();
  const [indexBuildMs] = await time(() => core.search.search('the', {}, 1));
  await core.library.allAnnotations();
  sampleRss();
  log('Searching');
  const queries: Record<string, string[]> = { word: [], phrase: [], twoWords: [] };
  // 300 of each kind, so that p99 is a percentile rather than the single slowest query; the first ten of
  // each are run before the clock, as warm-up (the first search after a start is searchIndexRestoreMs).
  for (let i = 0; i < QUERIES + WARM_UP; i++) {
    const id = generated.articleIds[Math.floor(next() * generated.articleIds.length)];
    const { text } = await core.library.loadArticle(id);
    const ws = text.split(/[^\p{L}]+/u).filter((w) => w.length > 4);
    const at = Math.floor(next() * (ws.length - 2));
    queries.word.push(ws[at]);
    queries.twoWords.push(`${ws[at]} ${ws[at + 5] ?? ws[1]}`);
    const sentenceWords = text.slice(Math.floor(next() * (text.length - 200))).split(/\s+/).slice(1, 4).join(' ').replace(/[^\p{L}\s]/gu, '');
    queries.phrase.push(`"${sentenceWords}"`);
  }
  const warmUp = Object.values(queries).flatMap((list) => list.splice(0, WARM_UP));
  const queriesFile = `${dir}-queries.json`;
  await writeFile(queriesFile, JSON.stringify({ warmUp, kinds: queries, typed: queries.word.slice(0, 40) }));
  // In a process of its own, on the core as the app holds it (see search-library.ts): this one's heap, full of
  // what the generator made, made its collections two to three times as long.
  await core.close();
  const { stdout: searched } = await run(process.execPath, [...process.execArgv, join(projectDir, 'bench', 'search-library.ts'), dir, queriesFile], { maxBuffer: 64 * 1024 * 1024 });
  await rm(queriesFile);
  const { times: searchTimes, typing, loopMaxMs: searchLoopMaxMs } = JSON.parse(searched) as { times: Record<string, number[]>; typing: number[]; loopMaxMs: number };
  core = await openCore({ libraryDir: dir, exportDir: join(dir, 'exports'), workerDir });
  core.warm();
  await core.search.search('the', {}, 1);

  log('Updating the index after an edit');
  // The longest the core's event loop was held up while updating the index (and, above, while searching).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const updates: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = generated.articleIds[Math.floor(next() * generated.articleIds.length)];
    const [first] = await core.library.listAnnotations(id);
    await core.library.updateAnnotation(id, first.id, { note: `changed ${i}` });
    updates.push((await time(() => core.search.settled()))[0]);
  }
  loop.disable();

  log('Writing a brief of 1,000 annotations');
  const articleIds = generated.articleIds.slice(0, Math.ceil(1000 / 3));
  // The first brief reads its articles' annotation files and texts from disk; the next ones (the analyst
  // changing the brief's form, exporting again) find them in memory.
  const briefTimes: number[] = [];
  let brief = { annotationCount: 0 };
  for (let i = 0; i < 6; i++) {
    const [ms, composed] = await time(async () => {
      const composed = await composeBrief(core.library, { articleIds, entityIds: [] });
      await writeNewFile(join(dir, 'exports'), 'bench.md', composed.markdown);
      return composed;
    });
    briefTimes.push(ms);
    brief = composed;
  }
  sampleRss();

  log('Suggesting entities on real pages');
  const suggestMs = await suggestOnCorpus();
  sampleRss();

  log('Building and laying out the graph of 500 entities and 30,000 annotations');
  const graph = await measureGraph(core, generated.entityIds, next);
  sampleRss();

  await core.close();
  // The search index the core just saved (~180 MB at 10k) is written out first, so that its writing does not
  // weigh on the page's first paint.
  if (process.platform !== 'win32') await run('sync', []);
  log('Measuring the browser host');
  const browser = await measureBrowser(dir, words);

  log('Restoring the saved search index at the next start; the timeline, entity pages and graph');
  // In a fresh process, as at launch: open, then the first search answered from the restored index, then the
  // timeline, entity pages and graph on the core as the app holds it. Its peak memory there is the core's:
  // index and annotations in memory, no generator.
  const restores: number[] = [];
  const held = { timelineMs: [] as number[], timelineEntityMs: [] as number[], contextMs: [] as number[], graphGetMs: [] as number[] };
  let appCoreRssMb = 0;
  let timelineItems = 0;
  for (let i = 0; i < 3; i++) {
    const { stdout } = await run(process.execPath, [...process.execArgv, join(projectDir, 'bench', 'open-library.ts'), dir, '--search']);
    const figures = JSON.parse(stdout) as { searchReadyMs: number; coreRssMb: number; timelineItems: number } & typeof held;
    restores.push(figures.searchReadyMs);
    appCoreRssMb = Math.max(appCoreRssMb, figures.coreRssMb);
    timelineItems = figures.timelineItems;
    for (const key of Object.keys(held) as (keyof typeof held)[]) held[key].push(...figures[key]);
  }

  log('Importing real pages into the library');
  // Last, since it adds them to the library; in a process of its own, as the window imports (see import-pages.ts).
  const { stdout: imported } = await run(process.execPath, [...process.execArgv, join(projectDir, 'bench', 'import-pages.ts'), dir, sharedDir]);
  const importRun = JSON.parse(imported) as { pagesPerSec: number; eventLoopMaxMs: number };
  const importArticlesPerSec = importRun.pagesPerSec;
  if (!values.keep) await rm(dir, { recursive: true, force: true });

  const figures = {
    openLibraryMs: round(openLibraryMs),
    firstPaintMs: round(browser.firstPaintMs),
    firstPaintWarmMs: round(browser.firstPaintWarmMs),
    annotationSaveP50Ms: round(percentile(saves, 50)),
    annotationSaveP99Ms: round(percentile(saves, 99)),
    searchP50Ms: round(percentile(Object.values(searchTimes).flat(), 50)),
    searchP99Ms: round(percentile(Object.values(searchTimes).flat(), 99)),
    searchWordP99Ms: round(percentile(searchTimes.word, 99)),
    searchPhraseP99Ms: round(percentile(searchTimes.phrase, 99)),
    searchTwoWordsP99Ms: round(percentile(searchTimes.twoWords, 99)),
    searchAsYouTypeP95Ms: round(percentile(typing, 95)),
    searchIndexBuildMs: round(indexBuildMs),
    searchIndexRestoreMs: round(percentile(restores, 50)),
    eventLoopMaxDelayMs: round(Math.max(searchLoopMaxMs, saveLoopMaxMs, loop.max / 1e6)),
    importEventLoopMaxDelayMs: round(importRun.eventLoopMaxMs),
    indexUpdateMs: round(percentile(updates, 50)),
    importArticlesPerSec: round(importArticlesPerSec),
    generatedImportArticlesPerSec: round((size / generated.importMs) * 1000),
    brief1000FirstMs: round(briefTimes[0]!),
    brief1000Ms: round(percentile(briefTimes.slice(1), 50)),
    brief1000Annotations: brief.annotationCount,
    suggestPerArticleP50Ms: round(percentile(suggestMs, 50)),
    timelineAllP50Ms: round(percentile(held.timelineMs, 50)),
    timelineItems,
    timelineOneEntityP50Ms: round(percentile(held.timelineEntityMs, 50)),
    entityContextP50Ms: round(percentile(held.contextMs, 50)),
    graphGetP50Ms: round(percentile(held.graphGetMs, 50)),
    graph30kBuildP50Ms: round(graph.buildMs),
    graph30kLayoutP50Ms: round(graph.layoutMs),
    graph30kFocusLayoutP50Ms: round(graph.focusLayoutMs),
    graph30kNodes: graph.nodes,
    graph30kEdges: graph.edges,
    graph30kDrawnEdges: graph.laidOutEdges,
    coreRssMb: round(appCoreRssMb),
    benchProcessRssMb: round(peakRss / 1024 / 1024),
    rendererHeapMb: round(browser.rendererHeapMb),
    rendererLongTaskMaxMs: round(browser.rendererLongTaskMaxMs),
    rendererLongTasks: browser.rendererLongTasks,
  };
  const results = join(projectDir, 'bench', 'results');
  await mkdir(results, { recursive: true });
  await writeFile(join(results, `${size}.json`), `${JSON.stringify({ size, date: new Date().toISOString(), figures }, null, 2)}\n`);

  const other = [1000, 10000].find((s) => s !== size && existsSync(join(results, `${s}.json`)));
  const otherFigures: Record<string, number> | null = other ? JSON.parse(await readFile(join(results, `${other}.json`), 'utf8')).figures : null;
  const rows = Object.entries(figures).map(([name, value]) => {
    const ratio = otherFigures && otherFigures[name] ? (size > other! ? value / otherFigures[name] : otherFigures[name] / value) : null;
    return `| ${name} | ${value} |${otherFigures ? ` ${otherFigures[name] ?? ''} | ${ratio ? round(ratio) : ''} |` : ''}`;
  });
  const header = otherFigures ? `| figure | ${size} | ${other} | larger ÷ smaller |\n|---|---|---|---|` : `| figure | ${size} |\n|---|---|`;
  process.stdout.write(`${header}\n${rows.join('\n')}\n`);
}

await main();
