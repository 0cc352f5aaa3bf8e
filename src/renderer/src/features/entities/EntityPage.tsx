// An entity's page: what it is, every annotation linked to it grouped by article, and what can be done to
// it (edit, merge, delete).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCommands } from '../../hooks/use-commands';
import type { EntityDeleteAccount, Output } from '../../../../shared/api';
import type { Entity } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS, formatDate } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { hrefs, navigate } from '../../hooks/use-route';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { EntityConnections } from './EntityConnections';
import { focusEntityListAfterDeleting } from './EntityList';
import { DeleteDialog, deleteAccountText, EntityForm, MergePanel } from './EntityManage';

type Panel = 'edit' | 'merge-into' | 'merge-here' | 'delete';

/** The merge just made, shown on the kept entity's page until undone or dismissed. */
interface MergeNotice {
  keepId: string;
  mergeId: string;
  text: string;
}

/** Where an event happened and who took part, as links to their pages. */
function EventSetting({ entity }: { entity: Entity }) {
  const { entities } = useLibrary();
  const place = entities.find((e) => e.id === entity.placeId);
  const participants = entity.participantIds.map((id) => entities.find((e) => e.id === id)).filter((e): e is Entity => !!e);
  if (!place && participants.length === 0) return null;
  return (
    <p className="event-setting">
      {place && (
        <>
          At <a href={hrefs.entity(place.id)}>{place.name}</a>
          {participants.length > 0 ? '; ' : '.'}
        </>
      )}
      {participants.length > 0 && (
        <>
          {place ? 'with ' : 'With '}
          {participants.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ', '}
              <a href={hrefs.entity(p.id)}>{p.name}</a>
            </span>
          ))}
          .
        </>
      )}
    </p>
  );
}

export function EntityPage({ id }: { id: string }) {
  const { version, refresh } = useLibrary();
  const { say } = useStatus();
  const [data, setData] = useState<Output<'entities.get'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<MergeNotice | null>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const focusUndo = useRef(false);

  // Another entity's page: what was open for the last one is not for this one.
  useEffect(() => setPanel(null), [id]);

  useEffect(() => {
    let cancelled = false;
    call('entities.get', { id })
      .then((d) => !cancelled && (setData(d), setError(null)))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [id, version]);

  const shownNotice = notice && notice.keepId === id && data?.entity.id === id ? notice : null;
  // The Undo button takes the focus when it appears, so that Enter takes the merge back at once.
  useEffect(() => {
    if (shownNotice && focusUndo.current) {
      undoButton.current?.focus();
      focusUndo.current = false;
    }
  }, [shownNotice]);

  /** Closes the open form, giving the focus back to the button that opened it. */
  const closePanel = (which: Panel) => {
    setPanel(null);
    requestAnimationFrame(() => toolbar.current?.querySelector<HTMLElement>(`[data-panel="${which}"]`)?.focus());
  };

  const afterMerge = ({ kept, merged }: { kept: { id: string; name: string }; merged: { id: string; name: string } }) => {
    setPanel(null);
    focusUndo.current = true;
    setNotice({ keepId: kept.id, mergeId: merged.id, text: `Merged ${merged.name} into ${kept.name}.` });
    say(`Merged ${merged.name} into ${kept.name}.`);
    refresh();
    if (kept.id !== id) navigate(hrefs.entity(kept.id));
  };

  const undo = useCallback(
    async (merge: MergeNotice) => {
      try {
        const { entity } = await call('entities.undoMerge', { mergeId: merge.mergeId });
        setNotice(null);
        say(`Undone: ${entity.name} is back.`);
        refresh();
        heading.current?.focus();
      } catch (err) {
        say((err as Error).message, 'error');
      }
    },
    [refresh, say],
  );

  const afterDelete = (name: string, account: EntityDeleteAccount) => {
    setPanel(null);
    say(deleteAccountText(name, account, true));
    // To the entity list, once it has reloaded without this one.
    focusEntityListAfterDeleting(id);
    refresh();
    navigate(hrefs.home());
  };

  const name = data?.entity.name ?? '';
  const typeName = data ? ENTITY_TYPE_LABELS[data.entity.type].toLowerCase() : '';
  const commands = useMemo(
    () =>
      name
        ? [
            { id: 'brief-entity', group: 'view', title: `Brief on ${name}…`, run: () => navigate(hrefs.brief({ entityIds: [id] })) },
            { id: 'entity-edit', group: 'view', title: `Rename or edit ${name}…`, run: () => setPanel('edit') },
            { id: 'entity-merge-into', group: 'view', title: `Merge ${name} into…`, run: () => setPanel('merge-into') },
            { id: 'entity-merge-here', group: 'view', title: `Merge another ${typeName} into ${name}…`, run: () => setPanel('merge-here') },
            { id: 'entity-delete', group: 'view', title: `Delete ${name}…`, run: () => setPanel('delete') },
            ...(shownNotice ? [{ id: 'entity-undo-merge', group: 'view', title: `Undo: ${shownNotice.text}`, run: () => void undo(shownNotice) }] : []),
          ]
        : [],
    [id, name, typeName, shownNotice, undo],
  );
  useCommands('entity-page', commands);

  if (error) return <main className="page"><p className="form-error" role="alert">{error}</p></main>;
  if (!data) return <main className="page"><p className="muted">Loading…</p></main>;
  const { entity, annotations } = data;
  const groups = new Map<string, { title: string; items: typeof annotations }>();
  for (const item of annotations) {
    const group = groups.get(item.article.id) ?? { title: item.article.title, items: [] };
    group.items.push(item);
    groups.set(item.article.id, group);
  }

  return (
    <main className="page" aria-label={`${entity.name}`}>
      <p className="eyebrow">
        <span className={`entity-dot entity-${entity.type}`} aria-hidden="true" /> {ENTITY_TYPE_LABELS[entity.type]}
        {entity.date && <> · {formatDate(entity.date)}</>}
        {entity.endDate && <> – {formatDate(entity.endDate)}</>}
      </p>
      <EventSetting entity={entity} />
      <h1 ref={heading} tabIndex={-1}>
        {entity.name}
      </h1>
      {entity.aliases.length > 0 && (
        <p className="aliases">
          <span className="muted">Also known as</span> {entity.aliases.join(' · ')}
        </p>
      )}
      {entity.description && <p className="description">{entity.description}</p>}
      {entity.wikidataId && <p className="muted">Wikidata {entity.wikidataId}</p>}
      {shownNotice && (
        <div className="notice">
          <span>{shownNotice.text}</span>
          <button type="button" className="button" ref={undoButton} onClick={() => void undo(shownNotice)}>
            Undo
          </button>
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <div className="toolbar" ref={toolbar}>
        <a className="button" href={hrefs.brief({ entityIds: [entity.id] })}>
          Brief on {entity.name}…
        </a>
        <a className="button" href={hrefs.graph({ focusId: entity.id })}>
          In the graph
        </a>
        <a className="button" href={hrefs.timeline({ entityId: entity.id })}>
          On the timeline
        </a>
        <button type="button" className="button" data-panel="edit" aria-expanded={panel === 'edit'} onClick={() => setPanel('edit')}>
          Rename or edit…
        </button>
        <button type="button" className="button" data-panel="merge-into" aria-expanded={panel === 'merge-into'} onClick={() => setPanel('merge-into')}>
          Merge into…
        </button>
        <button type="button" className="button" data-panel="merge-here" aria-expanded={panel === 'merge-here'} onClick={() => setPanel('merge-here')}>
          Merge another into this…
        </button>
        <button type="button" className="button" data-panel="delete" onClick={() => setPanel('delete')}>
          Delete…
        </button>
      </div>
      {panel === 'edit' && (
        <EntityForm
          key={entity.id}
          entity={entity}
          onDone={(saved) => {
            if (saved) {
              say(`Saved ${saved.name}.`);
              refresh();
            }
            closePanel('edit');
          }}
        />
      )}
      {(panel === 'merge-into' || panel === 'merge-here') && (
        <MergePanel
          key={`${entity.id}-${panel}`}
          entity={entity}
          direction={panel === 'merge-into' ? 'into' : 'here'}
          onMerged={afterMerge}
          onCancel={() => closePanel(panel)}
        />
      )}
      {panel === 'delete' && (
        <DeleteDialog entity={entity} onClose={() => closePanel('delete')} onDeleted={(account) => afterDelete(entity.name, account)} />
      )}
      <h2>
        {annotations.length} linked annotation{annotations.length === 1 ? '' : 's'}
      </h2>
      {groups.size === 0 && <p className="muted">No annotation is linked to {entity.name} yet.</p>}
      {[...groups].map(([articleId, group]) => (
        <section key={articleId} className="entity-group">
          <h3>
            <a href={hrefs.article(articleId)}>{group.title}</a>
          </h3>
          <ul>
            {group.items.map(({ annotation }) => (
              <li key={annotation.id}>
                <a className="quote-link" href={hrefs.article(articleId, annotation.id)}>
                  <blockquote className={`quote highlight-${annotation.color}`}>{annotation.target.quote.exact}</blockquote>
                </a>
                {annotation.speakerId === entity.id && <p className="muted">Said by {entity.name}</p>}
                {annotation.note && <p className="note">{annotation.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <EntityConnections entity={entity} annotations={annotations} />
    </main>
  );
}
