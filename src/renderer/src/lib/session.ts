// Where the user was: the last view and the reading position in the last article, so that the next start
// opens there (kept in this machine's storage for the app's origin).
const ROUTE_KEY = 'dossier.lastRoute';
const SCROLL_KEY = 'dossier.lastScroll';

export function rememberRoute(hash: string): void {
  try {
    localStorage.setItem(ROUTE_KEY, hash);
  } catch {
    // Storage full or refused: the next start opens on the start page, nothing worse.
  }
}

/** Before the first render: a start without a view of its own opens where the last run left off. */
export function restoreRoute(): void {
  const last = localStorage.getItem(ROUTE_KEY);
  if (!window.location.hash && last && last.startsWith('#/')) history.replaceState(null, '', last);
}

export function rememberScroll(articleId: string, top: number): void {
  try {
    localStorage.setItem(SCROLL_KEY, JSON.stringify({ articleId, top: Math.round(top) }));
  } catch {
    // As above.
  }
}

export function savedScroll(articleId: string): number | null {
  try {
    const saved = JSON.parse(localStorage.getItem(SCROLL_KEY) ?? 'null') as { articleId?: unknown; top?: unknown } | null;
    return saved?.articleId === articleId && typeof saved.top === 'number' ? saved.top : null;
  } catch {
    return null;
  }
}
