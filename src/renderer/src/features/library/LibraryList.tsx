// The library as a list: title, site, date and annotation count of every article.
import { useLibrary } from '../../hooks/use-library';
import { hrefs } from '../../hooks/use-route';
import { formatDate } from '../../components/format';

export function LibraryList({ currentId }: { currentId: string | null }) {
  const { articles, loaded } = useLibrary();
  if (!loaded) return <p className="muted">Loading…</p>;
  if (articles.length === 0) return <p className="muted">No articles yet.</p>;
  const superseded = new Set(articles.map((a) => a.previousVersionId).filter(Boolean));
  return (
    <ul className="article-list" aria-label="Articles">
      {articles.map((a) => (
        <li key={a.id}>
          <a href={hrefs.article(a.id)} className="article-item" aria-current={a.id === currentId ? 'page' : undefined}>
            <span className="article-title">{a.title}</span>
            {superseded.has(a.id) && <span className="badge">older version</span>}
            <span className="article-meta">
              <span>{a.siteName ?? 'Unknown site'}</span>
              {a.publishedAt && <span>{formatDate(a.publishedAt)}</span>}
              <span className="count" title={`${a.annotationCount} annotations`} aria-label={`${a.annotationCount} annotations`}>
                {a.annotationCount} ✎
              </span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
