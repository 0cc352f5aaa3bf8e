// The app shell: the library and entities on the left, the current view beside them.
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { StatusBar } from './components/StatusBar';
import { CommandsProvider, useCommands, type Command } from './hooks/use-commands';
import { CommandPalette } from './features/commands/CommandPalette';
import { LibraryProvider, useLibrary } from './hooks/use-library';
import { hrefs, navigate, useRoute } from './hooks/use-route';
import { StatusProvider } from './hooks/use-status';
import { EntityList } from './features/entities/EntityList';
import { DropZone } from './features/library/DropZone';
import { ImportButton } from './features/library/ImportButton';
import { LibraryList } from './features/library/LibraryList';
import { SearchBox } from './features/search/SearchBox';
import { useMenu } from './hooks/use-menu';
import { useTheme } from './hooks/use-theme';
import { useStatus } from './hooks/use-status';
import { useImport } from './features/library/use-import';
import { useExportCommands } from './features/annotations/use-export-commands';

// The views are loaded apart from the shell, so that the library list is drawn without first compiling the
// editor, the Markdown renderer and the rest; once it is, they are fetched while the app is idle. The graph
// (cytoscape is large, and most sessions never draw it) waits until it is opened.
const viewModules = {
  reader: () => import('./features/reader/ReaderView'),
  search: () => import('./features/search/SearchPage'),
  timeline: () => import('./features/timeline/TimelinePage'),
  entity: () => import('./features/entities/EntityPage'),
  backups: () => import('./features/backups/BackupsPage'),
  settings: () => import('./features/settings/SettingsPage'),
  brief: () => import('./features/briefs/BriefPage'),
};
const ReaderView = lazy(() => viewModules.reader().then((m) => ({ default: m.ReaderView })));
const SearchPage = lazy(() => viewModules.search().then((m) => ({ default: m.SearchPage })));
const TimelinePage = lazy(() => viewModules.timeline().then((m) => ({ default: m.TimelinePage })));
const EntityPage = lazy(() => viewModules.entity().then((m) => ({ default: m.EntityPage })));
const BackupsPage = lazy(() => viewModules.backups().then((m) => ({ default: m.BackupsPage })));
const SettingsPage = lazy(() => viewModules.settings().then((m) => ({ default: m.SettingsPage })));
const BriefPage = lazy(() => viewModules.brief().then((m) => ({ default: m.BriefPage })));
const GraphPage = lazy(() => import('./features/graph/GraphPage').then((m) => ({ default: m.GraphPage })));

/** Fetches every view but the graph once the library list is shown and the app is idle. */
function usePreloadedViews(): void {
  const { loaded } = useLibrary();
  useEffect(() => {
    if (!loaded) return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
    idle(() => Object.values(viewModules).forEach((load) => void load().catch(() => undefined)));
  }, [loaded]);
}

const SAMPLE = 'diplomat-pompeo-kim-pyongyang.txt';

/** Imports the sample article shipped with the app (resources/public/sample). */
function SampleButton() {
  const { importSources, busy } = useImport();
  const { say } = useStatus();
  const importSample = async () => {
    try {
      const response = await fetch(`sample/${SAMPLE}`);
      if (!response.ok) throw new Error(`the sample article is missing from this installation (${response.status})`);
      await importSources([new File([await response.blob()], SAMPLE, { type: 'text/plain' })]);
    } catch (error) {
      say(`Could not import the sample article: ${(error as Error).message}`, 'error');
    }
  };
  return (
    <button type="button" className="button" onClick={() => void importSample()} disabled={busy}>
      Import a sample article
    </button>
  );
}

function Home() {
  const { articles, loaded, error } = useLibrary();
  if (error) return <main className="page"><p className="form-error" role="alert">{error}</p></main>;
  return (
    <main className="page welcome" aria-label="Welcome">
      <h1>{loaded && articles.length === 0 ? 'Your library is empty' : 'Dossier'}</h1>
      <p>Import article files — web pages, Markdown, text, Word, PDF or EPUB — with the Import button, drop them on this window, or paste a link or a clip here.</p>
      {loaded && articles.length === 0 && (
        <p>
          New to Dossier? <SampleButton /> — a news clip to try reading, annotating and writing a brief with.
        </p>
      )}
      <ul className="keys">
        <li><kbd>A</kbd> annotates the passage you selected in an article</li>
        <li><kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves an annotation</li>
        <li><kbd>J</kbd> / <kbd>K</kbd> go to the next / previous annotation</li>
        <li><kbd>/</kbd> searches the library</li>
        <li><kbd>Ctrl</kbd>+<kbd>K</kbd> lists every command</li>
        <li><kbd>Esc</kbd> cancels</li>
      </ul>
      <p className="muted">
        Dossier keeps <a href={hrefs.backups()}>backups of your library</a>, one each day it changes: restore one if something went wrong.
      </p>
    </main>
  );
}

/** Commands to go anywhere: home, a new brief, any article or entity by name. */
function useNavigationCommands(): void {
  const { articles, entities } = useLibrary();
  const commands = useMemo<Command[]>(
    () => [
      { id: 'go-home', title: 'Go to the start page', run: () => navigate(hrefs.home()) },
      { id: 'new-brief', title: 'New brief…', run: () => navigate(hrefs.brief()) },
      { id: 'open-timeline', title: 'Open the timeline', run: () => navigate(hrefs.timeline()) },
      { id: 'open-graph', title: 'Open the graph', run: () => navigate(hrefs.graph()) },
      { id: 'open-settings', title: 'Settings…', shortcut: 'Ctrl+,', run: () => navigate(hrefs.settings()) },
      { id: 'open-library', title: 'Open another library folder…', run: () => navigate(hrefs.settings('library')) },
      { id: 'show-keys', title: 'Keyboard shortcuts', run: () => navigate(hrefs.home()) },
      { id: 'open-backups', title: 'Backups: back up the library, or restore it as it was…', run: () => navigate(hrefs.backups()) },
      ...articles.map((a) => ({ id: `article-${a.id}`, group: 'go', title: `Open article: ${a.title}`, run: () => navigate(hrefs.article(a.id)) })),
      ...entities.map((e) => ({ id: `entity-${e.id}`, group: 'go', title: `Open ${e.type}: ${e.name}`, run: () => navigate(hrefs.entity(e.id)) })),
    ],
    [articles, entities],
  );
  useCommands('navigation', commands);
  // Ctrl/Cmd+, opens the settings, as in most desktop apps.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ',' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        navigate(hrefs.settings());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function Shell() {
  const route = useRoute();
  useNavigationCommands();
  usePreloadedViews();
  useMenu();
  useTheme();
  useExportCommands();
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={hrefs.home()}>
          Dossier
        </a>
        <SearchBox query={route.name === 'search' ? route.query : ''} />
        <div className="topbar-actions">
          <ImportButton />
          <a className="button" href={hrefs.timeline()}>
            Timeline
          </a>
          <a className="button" href={hrefs.graph()}>
            Graph
          </a>
          <a className="button" href={hrefs.brief()}>
            Brief
          </a>
        </div>
      </header>
      <div className="main">
        <nav className="sidebar" aria-label="Library">
          <h2>Articles</h2>
          <LibraryList currentId={route.name === 'article' ? route.id : null} />
          <h2>Entities</h2>
          <EntityList currentId={route.name === 'entity' ? route.id : null} />
        </nav>
        {route.name === 'home' && <Home />}
        <Suspense fallback={<main className="page" aria-busy="true" />}>
          {route.name === 'article' && <ReaderView key={route.id} id={route.id} annotationId={route.annotationId} at={route.at} />}
          {route.name === 'search' && <SearchPage query={route.query} />}
          {route.name === 'timeline' && <TimelinePage entityId={route.entityId} tag={route.tag} />}
          {route.name === 'entity' && <EntityPage id={route.id} />}
          {route.name === 'backups' && <BackupsPage />}
          {route.name === 'settings' && <SettingsPage focus={route.focus} />}
          {route.name === 'brief' && <BriefPage key={window.location.hash} initialEntityIds={route.entityIds} initialArticleIds={route.articleIds} briefId={route.briefId} />}
        </Suspense>
        {route.name === 'graph' && (
          <Suspense fallback={<main className="page" aria-label="Graph"><p className="muted">Loading the graph…</p></main>}>
            <GraphPage types={route.types} minWeight={route.minWeight} focusId={route.focusId} depth={route.depth} />
          </Suspense>
        )}
      </div>
      <StatusBar />
      <DropZone />
      <CommandPalette />
    </div>
  );
}

export function App() {
  return (
    <StatusProvider>
      <LibraryProvider>
        <CommandsProvider>
          <Shell />
        </CommandsProvider>
      </LibraryProvider>
    </StatusProvider>
  );
}
