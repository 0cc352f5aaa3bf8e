// Library-wide data the views share (articles, entities), reloaded whenever something changes it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ArticleListItem } from '../../../shared/api';
import type { Entity } from '../../../shared/model';
import { withPuts } from '../../../shared/with-puts';
import { call } from '../lib/dossier';
import { useStatus } from './use-status';

interface LibraryState {
  articles: ArticleListItem[];
  entities: Entity[];
  loaded: boolean;
  error: string | null;
  /** Bumped after every change: views that load their own data depend on it. */
  version: number;
  refresh(): void;
}

const LibraryContext = createContext<LibraryState | null>(null);

/** Articles asked for first when the window opens: a screenful, drawn before the whole list has come (at
 * 10,000 articles that takes a second to send and read). */
const FIRST_ARTICLES = 100;

/** What the window shows first, asked for as soon as its code runs (see `startLoadingLibrary`). */
let opening: { articles: Promise<ArticleListItem[]>; entities: Promise<Entity[]> } | null = null;

/** Asks for the first articles and the entities before the first render, so that it need not wait for them. */
export function startLoadingLibrary(): void {
  opening ??= { articles: call('articles.list', { limit: FIRST_ARTICLES }), entities: call('entities.list', {}) };
}

export function LibraryProvider({ children }: { children: ReactNode }) {
  const [articles, setArticles] = useState<ArticleListItem[]>([]);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const { say } = useStatus();

  // What the core recovered while reading the library (a damaged file restored from its backup); files are
  // read as they are needed, so look again after every change and tell only what is new.
  const warned = useRef(0);
  /** The version of the article list shown (see library.info). */
  const listVersion = useRef<string | null>(null);
  useEffect(() => {
    call('library.info', {})
      .then((info) => {
        info.warnings.slice(warned.current).forEach((w) => say(w, 'error'));
        warned.current = info.warnings.length;
      })
      .catch(() => undefined);
  }, [say, version]);

  useEffect(() => {
    let cancelled = false;
    // Each list is shown as soon as it arrives: the articles need not wait for the entities, nor these for them.
    // When the window opens, the first articles come before the whole list.
    const first = opening ?? { articles: Promise.resolve([]), entities: call('entities.list', {}) };
    opening = null;
    const firstArticles = first.articles.then((a) => !cancelled && a.length > 0 && setArticles(a));
    // The whole list, unless the one shown is still current (a note saved changes no article, nor any count)
    // or the core can say which of its articles changed since (an import, a count): then only those.
    const articlesLoaded = firstArticles.then(async () => {
      const { listVersion: current } = await call('library.info', {});
      if (current === listVersion.current) return;
      const changes = listVersion.current === null ? null : await call('articles.changes', { since: listVersion.current });
      if (cancelled) return;
      if (changes) {
        listVersion.current = changes.version;
        setArticles((shown) => withPuts(shown, changes.changed));
        return;
      }
      const list = await call('articles.list', {});
      if (cancelled) return;
      listVersion.current = current;
      setArticles(list);
    });
    const entitiesLoaded = first.entities.then((e) => !cancelled && setEntities(e));
    Promise.all([articlesLoaded, entitiesLoaded])
      .then(() => {
        if (cancelled) return;
        setError(null);
        setLoaded(true);
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [version]);

  const value = useMemo(() => ({ articles, entities, loaded, error, version, refresh }), [articles, entities, loaded, error, version, refresh]);
  return <LibraryContext.Provider value={value}>{children}</LibraryContext.Provider>;
}

export function useLibrary(): LibraryState {
  const state = useContext(LibraryContext);
  if (!state) throw new Error('useLibrary outside LibraryProvider');
  return state;
}
