// The reader: the article rendered read-only with TipTap, its annotations drawn over it, and the panel
// where passages are annotated and linked.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useCommands, type Command } from '../../hooks/use-commands';
import { EditorContent, useEditor } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { canonicalize, toDocPosition, type CanonicalText } from '../../../../shared/canonical-text';
import { documentExtensions } from '../../../../shared/document-schema';
import type { Annotation, Article, DocNode } from '../../../../shared/model';
import { anchorTarget } from '../../../../shared/selectors';
import { formatDate } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { hrefs, navigate } from '../../hooks/use-route';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { rememberScroll, savedScroll } from '../../lib/session';
import { AnnotationEditor } from '../annotations/AnnotationEditor';
import { AnnotationList } from '../annotations/AnnotationList';
import { NeedsAttention } from '../annotations/NeedsAttention';
import { SuggestionsPanel, type MentionRange } from '../suggestions/SuggestionsPanel';
import { AnnotationHighlights, annotationHighlightsKey, type HighlightRange } from './extensions/annotation-highlights';
import { MetadataEditor } from './MetadataEditor';
import { useTextSelection, type TextRange } from './use-text-selection';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function preventLinkNavigation(event: MouseEvent<HTMLElement>): void {
  if ((event.target as HTMLElement).closest('a')) event.preventDefault();
}

function ArticleBody({ doc, dir, lang, onReady }: { doc: DocNode; dir: string | null; lang: string | null; onReady(editor: Editor): void }) {
  const editor = useEditor(
    {
      extensions: [...documentExtensions, AnnotationHighlights],
      content: doc,
      editable: false,
      injectCSS: false,
      // Read-only text that can be selected and annotated: screen readers hear it as such, by name.
      editorProps: { attributes: { 'aria-label': 'Article text', 'aria-readonly': 'true' } },
    },
    [doc],
  );
  useEffect(() => {
    if (editor) onReady(editor);
  }, [editor, onReady]);
  return (
    <div
      className="article-body"
      dir={dir ?? 'auto'}
      lang={lang ?? undefined}
      aria-label="Article text"
      // Links in an article never navigate the app: not by click, middle click, or Enter.
      onClickCapture={preventLinkNavigation}
      onAuxClickCapture={preventLinkNavigation}
    >
      <EditorContent editor={editor} />
    </div>
  );
}

/** Links between versions of an article: the one it replaces, and the newer one if this is old. */
function ArticleVersions({ article }: { article: Article }) {
  const { articles } = useLibrary();
  const newer = articles.find((a) => a.previousVersionId === article.id);
  if (!newer && !article.previousVersionId) return null;
  return (
    <p className="versions">
      {newer && (
        <>
          <strong>An older version.</strong> <a href={hrefs.article(newer.id)}>Open the newer version</a>, which holds its annotations.{' '}
        </>
      )}
      {article.previousVersionId && <a href={hrefs.article(article.previousVersionId)}>Previous version</a>}
    </p>
  );
}

const SUGGESTIONS_OPEN_KEY = 'dossier.suggestions.open';

/** Whether the suggestions are open: yes until the user closes them, and remembered. */
function useSuggestionsOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => localStorage.getItem(SUGGESTIONS_OPEN_KEY) !== 'false');
  const set = useCallback((value: boolean) => {
    localStorage.setItem(SUGGESTIONS_OPEN_KEY, String(value));
    setOpen(value);
  }, []);
  return [open, set];
}

export function ReaderView({
  id,
  annotationId,
  at,
}: {
  id: string;
  annotationId: string | null;
  /** A passage to open at (a search result), as canonical text offsets. */
  at: { start: number; end: number } | null;
}) {
  const { version, refresh } = useLibrary();
  const { say } = useStatus();
  const [data, setData] = useState<{ article: Article; doc: DocNode; text: string } | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  /** The annotation just made with Annotate: its editor offers to remove it again. */
  const [newId, setNewId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  /** The annotation J/K last moved to. */
  const [focusedId, setFocusedId] = useState<string | null>(null);
  /** The annotation whose editor L opened: it starts in the entity links. */
  const [linksFocusedId, setLinksFocusedId] = useState<string | null>(null);
  const [suggestionsOpen, setSuggestionsOpen] = useSuggestionsOpen();
  /** The mentions of the suggestion in focus, marked in the text; and the one to scroll to. */
  const [mentions, setMentions] = useState<MentionRange[]>([]);
  const [shownMention, setShownMention] = useState<MentionRange | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    Promise.all([call('articles.get', { id }), call('annotations.list', { articleId: id })])
      .then(([article, list]) => {
        if (cancelled) return;
        setData((old) => (old && old.article.id === id && old.text === article.text ? { ...old, article: article.article } : article));
        setAnnotations(list);
      })
      .catch((err: Error) => !cancelled && setLoadError(err.message));
    return () => {
      cancelled = true;
    };
  }, [id, version]);

  useEffect(() => {
    setNewId(null);
    setEditingId(null);
    setEditingDetails(false);
  }, [id]);

  const canonical: CanonicalText | null = useMemo(() => (editor ? canonicalize(editor.state.doc.toJSON() as DocNode) : null), [editor]);
  const selection = useTextSelection(editor, canonical);

  // Draw the annotations (and the passage being annotated) over the text.
  useEffect(() => {
    if (!editor || !canonical || editor.isDestroyed) return;
    const ranges: HighlightRange[] = [];
    const add = (start: number, end: number, rangeId: string, className: string) => {
      const from = toDocPosition(canonical.segments, start, 'start');
      const to = toDocPosition(canonical.segments, end, 'end');
      if (from !== null && to !== null && from < to) ranges.push({ from, to, id: rangeId, className });
    };
    for (const a of annotations) {
      const anchor = anchorTarget(canonical.text, a.target);
      if (a.anchor !== 'orphaned' && anchor.status !== 'orphaned') {
        add(anchor.start, anchor.end, a.id, `highlight highlight-${a.color}${a.anchor === 'fuzzy' ? ' highlight-fuzzy' : ''}`);
      }
    }
    if (at) add(at.start, at.end, 'search', 'highlight-search');
    for (const m of mentions) add(m.start, m.end, `mention-${m.start}`, 'highlight-mention');
    editor.view.dispatch(editor.state.tr.setMeta(annotationHighlightsKey, ranges));
  }, [editor, canonical, annotations, at, mentions]);

  useEffect(() => {
    if (!shownMention || !editor) return;
    editor.view.dom.querySelector(`[data-annotation-id="mention-${shownMention.start}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [shownMention, editor, mentions]);

  useEffect(() => {
    if (!at || !editor || !canonical) return;
    editor.view.dom.querySelector('[data-annotation-id="search"]')?.scrollIntoView({ block: 'center' });
  }, [at, editor, canonical]);

  // The reading position: kept as the user scrolls, given back when the article opens again without a
  // passage of its own to show.
  const readerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const reader = readerRef.current;
    if (!reader || !editor || at || annotationId) return;
    const top = savedScroll(id);
    if (top !== null) reader.scrollTop = top;
  }, [editor, id, at, annotationId]);
  useEffect(() => {
    const reader = readerRef.current;
    if (!reader) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(() => rememberScroll(id, reader.scrollTop), 200);
    };
    reader.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      reader.removeEventListener('scroll', onScroll);
    };
  }, [id, data]);

  const showAnnotation = useCallback(
    (annotation: string) => {
      const el = editor?.view.dom.querySelector(`[data-annotation-id="${CSS.escape(annotation)}"]`);
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    [editor],
  );

  useEffect(() => {
    if (annotationId && annotations.length) showAnnotation(annotationId);
  }, [annotationId, annotations, showAnnotation]);

  // The annotation is saved the moment it is made; the note and the rest are saved as they are typed.
  const startAnnotation = useCallback(async () => {
    if (!selection) {
      say('Select a passage of the article first.', 'error');
      return;
    }
    try {
      const created = await call('annotations.create', { articleId: id, ...selection });
      window.getSelection()?.removeAllRanges();
      setNewId(created.id);
      setEditingId(created.id);
      setAnnotations((list) => [...list, created]);
      say(`Annotation created: “${created.target.quote.exact.slice(0, 60)}${created.target.quote.exact.length > 60 ? '…' : ''}”`);
      refresh();
    } catch (err) {
      say((err as Error).message, 'error');
    }
  }, [selection, say, id, refresh]);

  const goTo = useCallback(
    (step: 1 | -1) => {
      const placed = annotations.filter((a) => a.anchor !== 'orphaned');
      if (placed.length === 0) return;
      const at = placed.findIndex((a) => a.id === focusedId);
      const next = step === 1 ? (at + 1) % placed.length : (at <= 0 ? placed.length : at) - 1;
      setFocusedId(placed[next].id);
      showAnnotation(placed[next].id);
      document.querySelector<HTMLElement>(`.annotation-list [data-annotation-id="${CSS.escape(placed[next].id)}"] .quote-button`)?.focus({ preventScroll: true });
    },
    [annotations, focusedId, showAnnotation],
  );

  /** "L": the entity links of the annotation being edited, or of the one J/K moved to. */
  const openLinkPanel = useCallback(() => {
    const target = editingId ?? focusedId;
    if (!target) {
      say('Open an annotation first (J/K), then press L to link it.', 'error');
      return;
    }
    setLinksFocusedId(target);
    setEditingId(target);
    document.querySelector<HTMLInputElement>('[aria-label="Link an entity"]')?.focus();
  }, [editingId, focusedId, say]);

  /** "E": the suggested entities, open, with the first row to review in focus. */
  const reviewSuggestions = useCallback(() => {
    setSuggestionsOpen(true);
    const focusFirst = (tries: number) => {
      const row = document.querySelector<HTMLElement>('.suggestion-list > li');
      if (row) row.focus();
      else if (tries > 0) setTimeout(() => focusFirst(tries - 1), 100);
    };
    focusFirst(20);
  }, [setSuggestionsOpen]);

  // Keys of the reader; none fires while the user is typing. "A" annotates the selection, as in Hypothesis;
  // "J" and "K" go to the next and previous annotation in text order.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'a' && selection) {
        event.preventDefault();
        void startAnnotation();
      } else if (key === 'j' || key === 'k') {
        event.preventDefault();
        goTo(key === 'j' ? 1 : -1);
      } else if (key === 'l') {
        event.preventDefault();
        openLinkPanel();
      } else if (key === 'e') {
        event.preventDefault();
        reviewSuggestions();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, startAnnotation, goTo, openLinkPanel, reviewSuggestions]);

  const commands = useMemo<Command[]>(
    () => [
      { id: 'annotate', group: 'view', title: 'Annotate the selected passage', shortcut: 'A', run: () => void startAnnotation() },
      { id: 'next-annotation', group: 'view', title: 'Next annotation', shortcut: 'J', run: () => goTo(1) },
      { id: 'previous-annotation', group: 'view', title: 'Previous annotation', shortcut: 'K', run: () => goTo(-1) },
      { id: 'link-entities', group: 'view', title: 'Link entities to the annotation', shortcut: 'L', run: openLinkPanel },
      { id: 'edit-details', group: 'view', title: 'Edit article details', run: () => setEditingDetails(true) },
      { id: 'suggestions', group: 'view', title: 'Review suggested entities', shortcut: 'E', run: reviewSuggestions },
      { id: 'brief-article', group: 'view', title: 'Brief on this article…', run: () => navigate(hrefs.brief({ articleIds: [id] })) },
    ],
    [startAnnotation, goTo, openLinkPanel, reviewSuggestions, id],
  );
  useCommands('reader', commands);

  if (loadError) return <main className="reader"><p className="form-error" role="alert">{loadError}</p></main>;
  if (!data) return <main className="reader"><p className="muted">Loading…</p></main>;
  const { article } = data;

  const resolve = async (annotation: string, range?: TextRange) => {
    try {
      await call('annotations.resolve', { articleId: id, id: annotation, range });
      window.getSelection()?.removeAllRanges();
      say(range ? 'Annotation attached to the selected passage.' : 'Annotation accepted where it is.');
      refresh();
    } catch (err) {
      say((err as Error).message, 'error');
    }
  };

  const remove = async (annotation: string) => {
    try {
      await call('annotations.delete', { articleId: id, id: annotation });
      say('Annotation deleted.');
      refresh();
    } catch (err) {
      say((err as Error).message, 'error');
    }
  };

  const editing = annotations.find((a) => a.id === editingId) ?? null;
  const source = [article.byline, article.siteName, formatDate(article.publishedAt)].filter(Boolean).join(' · ');

  return (
    <div className="reader-layout">
      <main className="reader" aria-label="Reader" ref={readerRef}>
        <header className="article-header">
          {editingDetails ? (
            <MetadataEditor
              article={article}
              onDone={(saved) => {
                setEditingDetails(false);
                if (saved) {
                  say('Details saved.');
                  refresh();
                }
              }}
            />
          ) : (
            <>
              <h1 dir="auto">{article.title}</h1>
              <p className="article-source">
                {source || <span className="muted">No author, site or date yet</span>}
                {article.url && (
                  <>
                    {' · '}
                    <span className="url" title={article.url}>
                      {article.url}
                    </span>
                  </>
                )}
              </p>
              <ArticleVersions article={article} />
              <div className="toolbar">
                <button type="button" className="button" onClick={() => setEditingDetails(true)}>
                  Edit details
                </button>
                <button
                  type="button"
                  className="button primary"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void startAnnotation()}
                  disabled={!selection}
                  aria-keyshortcuts="A"
                  title="Annotate the selected passage (A)"
                >
                  Annotate
                </button>
                <a className="button" href={hrefs.brief({ articleIds: [article.id] })}>
                  Brief…
                </a>
              </div>
            </>
          )}
        </header>
        <ArticleBody doc={data.doc} dir={article.dir} lang={article.lang} onReady={setEditor} />
      </main>
      <aside className="panel" aria-label="Annotations panel">
        {editing && (
          <section aria-label={editing.id === newId ? 'New annotation' : 'Edit annotation'}>
            <h2>{editing.id === newId ? 'New annotation' : 'Edit annotation'}</h2>
            <AnnotationEditor
              key={editing.id}
              annotation={editing}
              focusLinks={editing.id === linksFocusedId}
              onSaved={(saved) => setAnnotations((list) => list.map((a) => (a.id === saved.id ? saved : a)))}
              onDone={() => {
                setEditingId(null);
                setNewId(null);
              }}
              onRemove={
                editing.id === newId
                  ? () => {
                      setEditingId(null);
                      setNewId(null);
                      void remove(editing.id);
                    }
                  : undefined
              }
            />
          </section>
        )}
        <NeedsAttention
          annotations={annotations}
          selection={selection}
          onAccept={(a) => void resolve(a)}
          onAttach={(a, range) => void resolve(a, range)}
          onShow={showAnnotation}
        />
        <SuggestionsPanel articleId={id} open={suggestionsOpen} onOpenChange={setSuggestionsOpen} onMentions={setMentions} onShow={setShownMention} />
        <h2>Annotations ({annotations.length})</h2>
        <AnnotationList
          annotations={annotations}
          activeId={focusedId ?? annotationId}
          onShow={showAnnotation}
          onEdit={(a) => {
            setNewId(null);
            setEditingId(a);
          }}
          onDelete={(a) => void remove(a)}
        />
      </aside>
    </div>
  );
}
