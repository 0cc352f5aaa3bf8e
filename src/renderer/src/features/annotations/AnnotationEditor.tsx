// Writing an annotation: a rich note with @-mentions, colour, tags, linked entities and who said the quote,
// saved as you type.
import { useRef, useState } from 'react';
import { HIGHLIGHT_COLORS, type Annotation, type Color, type DocNode } from '../../../../shared/model';
import { mentionedEntityIds } from '../../../../shared/note';
import { useAutosave } from '../../hooks/use-autosave';
import { useLibrary } from '../../hooks/use-library';
import { call } from '../../lib/dossier';
import { EntityChooser } from '../entities/EntityChooser';
import { EntityPicker } from '../entities/EntityPicker';
import { NoteEditor } from './NoteEditor';

interface Fields {
  noteDoc: DocNode | null;
  tags: string[];
  color: Color;
  entityIds: string[];
  speakerId: string | null;
}

function parseTags(value: string): string[] {
  return [...new Set(value.split(',').map((t) => t.trim()).filter(Boolean))];
}

function statusText(status: ReturnType<typeof useAutosave>['status']): string {
  if (status === 'saved') return 'Saved';
  if (status === 'pending' || status === 'saving') return 'Saving…';
  return `Not saved: ${status.error}`;
}

export function AnnotationEditor({
  annotation,
  focusLinks = false,
  onDone,
  onSaved,
  onRemove,
}: {
  annotation: Annotation;
  /** The annotation as saved: the reader redraws its highlight at once rather than at the next reload. */
  onSaved?: (annotation: Annotation) => void;
  /** Open with the cursor in the entity links (L) rather than the note. */
  focusLinks?: boolean;
  onDone(): void;
  onRemove?: () => void;
}) {
  const { entities, refresh } = useLibrary();
  const [fields, setFields] = useState<Fields>({
    noteDoc: annotation.noteDoc,
    tags: annotation.tags,
    color: annotation.color,
    entityIds: annotation.entityIds,
    speakerId: annotation.speakerId,
  });
  const saidBy = useRef<HTMLDivElement>(null);
  const speakers = entities.filter((e) => e.type === 'person' || e.type === 'organisation');
  const speaker = entities.find((e) => e.id === fields.speakerId);
  // The latest fields, so that changes made in quick succession (a colour, then a key in the note) build
  // on each other rather than on the state of an earlier render.
  const latest = useRef(fields);
  const [tagText, setTagText] = useState(annotation.tags.join(', '));
  const { status, schedule, flush } = useAutosave<Fields>(async (value) => {
    const saved = await call('annotations.update', {
      articleId: annotation.articleId,
      id: annotation.id,
      patch: value.noteDoc ? value : { tags: value.tags, color: value.color, entityIds: value.entityIds, speakerId: value.speakerId },
    });
    onSaved?.(saved);
    refresh();
  });

  const change = (patch: Partial<Fields>) => {
    const next = { ...latest.current, ...patch };
    // An @-mention links its entity, as the chips show at once.
    if (patch.noteDoc) next.entityIds = [...new Set([...next.entityIds, ...mentionedEntityIds(patch.noteDoc)])];
    latest.current = next;
    setFields(next);
    schedule(next);
  };
  const done = async () => {
    await flush();
    onDone();
  };

  return (
    <form
      className="annotation-editor"
      aria-label="Annotation"
      onSubmit={(e) => {
        e.preventDefault();
        void done();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          void done();
        }
      }}
    >
      <blockquote className="quote">{annotation.target.quote.exact}</blockquote>
      <div className="field">
        <span>Note</span>
        <NoteEditor initial={annotation.noteDoc} plain={annotation.note} autoFocus={!focusLinks} onChange={(noteDoc) => change({ noteDoc })} />
      </div>
      <fieldset className="colors">
        <legend>Colour</legend>
        {HIGHLIGHT_COLORS.map((c) => (
          <label key={c} className={`swatch highlight-${c}`} title={c}>
            <input type="radio" name="color" value={c} checked={fields.color === c} onChange={() => change({ color: c })} aria-label={c} />
          </label>
        ))}
      </fieldset>
      <label>
        <span>Tags</span>
        <input
          value={tagText}
          placeholder="comma, separated"
          onChange={(e) => {
            setTagText(e.target.value);
            change({ tags: parseTags(e.target.value) });
          }}
        />
      </label>
      <div className="field">
        <span>Linked to</span>
        <EntityPicker selectedIds={fields.entityIds} autoFocus={focusLinks} onChange={(entityIds) => change({ entityIds })} />
      </div>
      <div className="field" ref={saidBy}>
        <span>Said by</span>
        {fields.speakerId && (
          <ul className="chips" aria-label="Speaker">
            <li className={`chip entity-${speaker?.type ?? 'unknown'}`}>
              <span>{speaker?.name ?? 'Unknown entity'}</span>
              <button
                type="button"
                aria-label={`${speaker?.name ?? 'The speaker'} did not say it`}
                onClick={() => {
                  change({ speakerId: null });
                  // The button goes with the speaker: the focus goes to the field to name another.
                  saidBy.current?.querySelector('input')?.focus();
                }}
              >
                ×
              </button>
            </li>
          </ul>
        )}
        <EntityChooser
          label="Said by"
          placeholder={fields.speakerId ? 'Someone else…' : 'Who said it: a person or organisation…'}
          candidates={speakers}
          createTypes={['person', 'organisation']}
          onChoose={(entity) => change({ speakerId: entity.id })}
        />
      </div>
      <p className={typeof status === 'object' ? 'form-error' : 'muted save-status'} role={typeof status === 'object' ? 'alert' : undefined}>
        {statusText(status)}
      </p>
      <div className="form-actions">
        <button type="submit" className="button primary" aria-keyshortcuts="Control+Enter Escape">
          Done
        </button>
        {onRemove && (
          <button type="button" className="button" onClick={onRemove}>
            Remove annotation
          </button>
        )}
      </div>
    </form>
  );
}
