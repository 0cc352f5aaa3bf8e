// The library as a list: title, site, date and annotation count of every article. Only the rows in view
// are rendered, so that 10,000 articles open as fast as 10.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { formatDate } from '../../components/format';

const ESTIMATED_ROW_PX = 68;

const annotations = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`;

/** Drawn, not a character: a glyph the interface font lacks (as ✎ is on many Linux desktops) sends the browser
 * through the system's fonts for a fallback the first time the list is laid out, a third of a second here. */
function PencilIcon() {
  return (
    <svg className="count-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M11 2.5l2.5 2.5L5.5 13H3v-2.5z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

export function LibraryList({ currentId }: { currentId: string | null }) {
  const { articles, loaded } = useLibrary();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: articles.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
  });
  const superseded = new Set(articles.map((a) => a.previousVersionId).filter(Boolean));

  useEffect(() => {
    const index = articles.findIndex((a) => a.id === currentId);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [currentId, articles, virtualizer]);

  if (!loaded && articles.length === 0) return <p className="muted">Loading…</p>;
  if (articles.length === 0) return <p className="muted">No articles yet.</p>;
  return (
    <div ref={scroller} className="article-scroll">
      <ul className="article-list" aria-label="Articles" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const a = articles[row.index];
          return (
            <li
              key={a.id}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-posinset={row.index + 1}
              aria-setsize={articles.length}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <a href={hrefs.article(a.id)} className="article-item" aria-current={a.id === currentId ? 'page' : undefined}>
                <span className="article-title">{a.title}</span>
                {superseded.has(a.id) && <span className="badge">older version</span>}
                <span className="article-meta">
                  <span>{a.siteName ?? 'Unknown site'}</span>
                  {a.publishedAt && <span>{formatDate(a.publishedAt)}</span>}
                  <span className="count" title={annotations(a.annotationCount)} aria-label={annotations(a.annotationCount)}>
                    {a.annotationCount}
                    <PencilIcon />
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
