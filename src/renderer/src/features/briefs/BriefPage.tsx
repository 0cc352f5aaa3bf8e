// Composing a brief: choose the entities and articles it covers, preview its Markdown (as written or
// rendered), export it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Output, SavedBrief } from '../../../../shared/api';
import { useCommands } from '../../hooks/use-commands';
import { hrefs, navigate } from '../../hooks/use-route';
import { OrderList } from './OrderList';
import { ENTITY_TYPE_LABELS } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { getPreference, type BriefDefaults } from '../../lib/preferences';
import { BriefFormFields } from './BriefFormFields';
import { RenderedBrief } from './RenderedBrief';


function toggle(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

export function BriefPage({
  initialEntityIds,
  initialArticleIds,
  briefId,
}: {
  initialEntityIds: string[];
  initialArticleIds: string[];
  /** A saved brief to reopen. */
  briefId: string | null;
}) {
  const { entities, articles, version } = useLibrary();
  const { say } = useStatus();
  const [entityIds, setEntityIds] = useState(initialEntityIds);
  const [articleIds, setArticleIds] = useState(initialArticleIds);
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [range, setRange] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [order, setOrder] = useState<string[]>([]);
  const [options, setOptions] = useState<BriefDefaults>(() => getPreference('briefDefaults'));
  const [preview, setPreview] = useState<Output<'briefs.render'> | null>(null);
  const [saved, setSaved] = useState<SavedBrief[]>([]);
  const [allTags, setAllTags] = useState<string[]>([]);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<Output<'briefs.export'> | null>(null);
  const [exporting, setExporting] = useState(false);
  const [rendered, setRendered] = useState(false);
  const empty = entityIds.length === 0 && articleIds.length === 0 && tags.length === 0;
  // A date is used once it is whole (2018, 2018-07 or 2018-07-12); what is being typed is left alone.
  const dateOf = (value: string) => (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value.trim()) ? value.trim() : undefined);
  const scope = useMemo(
    () => ({ entityIds, articleIds, tags, intro, order, from: dateOf(range.from), to: dateOf(range.to), title: title || undefined, ...options }),
    [entityIds, articleIds, tags, intro, order, range, title, options],
  );

  useEffect(() => {
    void call('briefs.list', {}).then(setSaved);
    void call('annotations.tags', {}).then(setAllTags);
  }, [version]);

  // Reopening a saved brief puts back all it was.
  useEffect(() => {
    if (!briefId || loadedId === briefId) return;
    call('briefs.list', {})
      .then((list) => {
        const brief = list.find((b) => b.id === briefId);
        if (!brief) return setError('That saved brief is no longer in the library.');
        setLoadedId(brief.id);
        setTitle(brief.title);
        setIntro(brief.intro);
        setEntityIds(brief.entityIds);
        setArticleIds(brief.articleIds);
        setTags(brief.tags);
        setRange({ from: brief.from ?? '', to: brief.to ?? '' });
        setOrder(brief.order);
        const { frontMatter, wikilinks, groupBy, entityIndex, eventTimeline, splitSections } = brief;
        setOptions({ frontMatter, wikilinks, groupBy, entityIndex, eventTimeline, splitSections });
      })
      .catch((err: Error) => setError(err.message));
  }, [briefId, loadedId]);

  const save = async () => {
    try {
      const brief = await call('briefs.save', { ...scope, id: loadedId ?? undefined, title: title.trim() || preview?.markdown.match(/^# (.*)$/m)?.[1] || 'Brief' });
      setLoadedId(brief.id);
      setTitle(brief.title);
      setSaved(await call('briefs.list', {}));
      say(`Brief “${brief.title}” saved.`);
      if (briefId !== brief.id) window.history.replaceState(null, '', hrefs.brief({ briefId: brief.id }));
    } catch (err) {
      say((err as Error).message, 'error');
    }
  };
  const remove = async () => {
    if (!loadedId || !window.confirm(`Delete the saved brief “${title}”? Its annotations stay as they are.`)) return;
    try {
      await call('briefs.delete', { id: loadedId });
      say(`Saved brief “${title}” deleted.`);
      navigate(hrefs.brief());
    } catch (err) {
      say((err as Error).message, 'error');
    }
  };
  // The command and the key save the brief as it is when they are used.
  const saveNow = useRef(save);
  saveNow.current = save;
  useCommands(
    'brief',
    useMemo(() => [{ id: 'save-brief', group: 'view', title: 'Save the brief', shortcut: 'Ctrl+S', run: () => void saveNow.current() }], []),
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveNow.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (empty) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      call('briefs.render', scope)
        .then((p) => !cancelled && (setPreview(p), setError(null)))
        .catch((err: Error) => !cancelled && setError(err.message));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [scope, empty, version]);

  const exportBrief = async () => {
    setExporting(true);
    try {
      const result = await call('briefs.export', { ...scope, folder: getPreference('exportFolder') ?? undefined });
      setExported(result);
      say(result.files.length > 1 ? `Brief exported as ${result.files.length} files to ${result.path}` : `Brief exported to ${result.path}`);
    } catch (err) {
      say((err as Error).message, 'error');
    } finally {
      setExporting(false);
    }
  };

  return (
    <main className="page brief-page" aria-label="Brief">
      <h1>Brief</h1>
      <div className="toolbar saved-briefs">
        <label className="field">
          <span>Saved briefs</span>
          <select
            value={loadedId ?? ''}
            onChange={(e) => navigate(e.target.value ? hrefs.brief({ briefId: e.target.value }) : hrefs.brief())}
          >
            <option value="">A new brief</option>
            {saved.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void save()} disabled={empty} aria-keyshortcuts="Control+S">
          {loadedId ? 'Save' : 'Save brief'}
        </button>
        {loadedId && (
          <button type="button" className="button" onClick={() => void remove()}>
            Delete saved brief
          </button>
        )}
      </div>
      <div className="brief-layout">
        <section className="brief-scope" aria-label="What the brief covers">
          <label className="field">
            <span>Title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Brief: …" />
          </label>
          <label className="field">
            <span>Introduction (Markdown)</span>
            <textarea value={intro} onChange={(e) => setIntro(e.target.value)} rows={4} placeholder="What this brief is for, what it finds…" />
          </label>
          <fieldset>
            <legend>Form</legend>
            <BriefFormFields value={options} onChange={setOptions} />
          </fieldset>
          <fieldset>
            <legend>Dates</legend>
            <label className="field">
              <span>From</span>
              <input value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} placeholder="YYYY-MM-DD, YYYY-MM or YYYY" />
            </label>
            <label className="field">
              <span>To</span>
              <input value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} placeholder="YYYY-MM-DD, YYYY-MM or YYYY" />
            </label>
          </fieldset>
          {allTags.length > 0 && (
            <fieldset>
              <legend>Tags</legend>
              {allTags.map((t) => (
                <label key={t} className="check">
                  <input type="checkbox" checked={tags.includes(t)} onChange={() => setTags((list) => toggle(list, t))} />
                  {t}
                </label>
              ))}
            </fieldset>
          )}
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
              {exporting ? 'Exporting…' : options.splitSections ? 'Export Markdown files' : 'Export Markdown'}
            </button>
            {preview && (
              <span className="muted">
                {preview.annotationCount} annotation{preview.annotationCount === 1 ? '' : 's'}
              </span>
            )}
          </div>
          {exported && (
            <p className="saved" role="status">
              {exported.files.length > 1 ? `Saved ${exported.files.length} files to ` : 'Saved to '}
              <code>{exported.path}</code>
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
              {options.groupBy === 'manual' && preview && (
                <OrderList items={preview.items} onOrder={(ids) => setOrder(ids)} />
              )}
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
