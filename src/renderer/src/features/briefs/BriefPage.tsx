// Composing a brief: choose the entities and articles it covers, preview its Markdown (as written or
// rendered), export it.
import { useEffect, useState } from 'react';
import type { BriefOptions } from '../../../../shared/brief-markdown';
import { ENTITY_TYPE_LABELS } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { RenderedBrief } from './RenderedBrief';


function toggle(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

export function BriefPage({ initialEntityIds, initialArticleIds }: { initialEntityIds: string[]; initialArticleIds: string[] }) {
  const { entities, articles, version } = useLibrary();
  const { say } = useStatus();
  const [entityIds, setEntityIds] = useState(initialEntityIds);
  const [articleIds, setArticleIds] = useState(initialArticleIds);
  const [title, setTitle] = useState('');
  const [options, setOptions] = useState<Required<BriefOptions>>({ frontMatter: false, wikilinks: false, groupBy: 'article' });
  const [preview, setPreview] = useState<{ markdown: string; annotationCount: number; unverified: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [savedPath, setSavedPath] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [rendered, setRendered] = useState(false);
  const empty = entityIds.length === 0 && articleIds.length === 0;

  useEffect(() => {
    if (empty) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      call('briefs.render', { entityIds, articleIds, title: title || undefined, ...options })
        .then((p) => !cancelled && (setPreview(p), setError(null)))
        .catch((err: Error) => !cancelled && setError(err.message));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [entityIds, articleIds, title, options, empty, version]);

  const exportBrief = async () => {
    setExporting(true);
    try {
      const result = await call('briefs.export', { entityIds, articleIds, title: title || undefined, ...options });
      setSavedPath(result.path);
      say(`Brief exported to ${result.path}`);
    } catch (err) {
      say((err as Error).message, 'error');
    } finally {
      setExporting(false);
    }
  };

  return (
    <main className="page brief-page" aria-label="Brief">
      <h1>Brief</h1>
      <div className="brief-layout">
        <section className="brief-scope" aria-label="What the brief covers">
          <label className="field">
            <span>Title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Brief: …" />
          </label>
          <fieldset>
            <legend>Form</legend>
            <label className="field">
              <span>Sections</span>
              <select value={options.groupBy} onChange={(e) => setOptions((o) => ({ ...o, groupBy: e.target.value as Required<BriefOptions>['groupBy'] }))}>
                <option value="article">By article</option>
                <option value="entity">By entity</option>
                <option value="event">By event, in time order</option>
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={options.frontMatter} onChange={(e) => setOptions((o) => ({ ...o, frontMatter: e.target.checked }))} />
              YAML front matter
            </label>
            <label className="check">
              <input type="checkbox" checked={options.wikilinks} onChange={(e) => setOptions((o) => ({ ...o, wikilinks: e.target.checked }))} />
              Entities as [[links]] (Obsidian)
            </label>
          </fieldset>
          <fieldset>
            <legend>Entities</legend>
            {entities.length === 0 && <p className="muted">No entities yet.</p>}
            {entities.map((e) => (
              <label key={e.id} className="check">
                <input type="checkbox" checked={entityIds.includes(e.id)} onChange={() => setEntityIds((ids) => toggle(ids, e.id))} />
                {e.name} <span className="muted">{ENTITY_TYPE_LABELS[e.type]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Articles</legend>
            {articles.map((a) => (
              <label key={a.id} className="check">
                <input type="checkbox" checked={articleIds.includes(a.id)} onChange={() => setArticleIds((ids) => toggle(ids, a.id))} />
                {a.title}{' '}
                <span className="muted">
                  {a.annotationCount} annotation{a.annotationCount === 1 ? '' : 's'}
                </span>
              </label>
            ))}
          </fieldset>
        </section>
        <section className="brief-preview" aria-label="Markdown preview">
          <div className="toolbar">
            <button type="button" className="button primary" onClick={() => void exportBrief()} disabled={empty || exporting || !preview}>
              {exporting ? 'Exporting…' : 'Export Markdown'}
            </button>
            {preview && (
              <span className="muted">
                {preview.annotationCount} annotation{preview.annotationCount === 1 ? '' : 's'}
              </span>
            )}
          </div>
          {savedPath && (
            <p className="saved" role="status">
              Saved to <code>{savedPath}</code>
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {preview && preview.unverified > 0 && (
            <p className="form-error" role="alert">
              {preview.unverified} quote{preview.unverified === 1 ? ' no longer matches' : 's no longer match'} the current text of
              {preview.unverified === 1 ? ' its article' : ' their articles'}: {preview.unverified === 1 ? 'it is' : 'they are'} marked in the brief.
            </p>
          )}
          {empty ? (
            <p className="muted">Choose the entities or articles the brief covers.</p>
          ) : (
            <>
              <div className="toolbar" role="group" aria-label="Preview as">
                <button type="button" className="button" aria-pressed={!rendered} onClick={() => setRendered(false)}>
                  Markdown
                </button>
                <button type="button" className="button" aria-pressed={rendered} onClick={() => setRendered(true)}>
                  Rendered
                </button>
              </div>
              {rendered && preview ? (
                <RenderedBrief markdown={preview.markdown} />
              ) : (
                <pre className="markdown-preview" data-testid="brief-preview" tabIndex={0}>
                  {preview?.markdown ?? 'Rendering…'}
                </pre>
              )}
            </>
          )}
        </section>
      </div>
    </main>
  );
}
