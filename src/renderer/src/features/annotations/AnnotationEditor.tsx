// Writing an annotation: the quote it is made on, a note, tags and linked entities.
import { useState, type FormEvent } from 'react';
import { HIGHLIGHT_COLORS, type Color } from '../../../../shared/model';
import { EntityPicker } from '../entities/EntityPicker';

export interface AnnotationFields {
  note: string;
  tags: string[];
  entityIds: string[];
  color: Color;
}

export function parseTags(value: string): string[] {
  return [...new Set(value.split(',').map((t) => t.trim()).filter(Boolean))];
}

export function AnnotationEditor({
  quote,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  quote: string;
  initial: AnnotationFields;
  submitLabel: string;
  onSubmit(fields: AnnotationFields): Promise<void>;
  onCancel(): void;
}) {
  const [note, setNote] = useState(initial.note);
  const [tags, setTags] = useState(initial.tags.join(', '));
  const [entityIds, setEntityIds] = useState(initial.entityIds);
  const [color, setColor] = useState<Color>(initial.color);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSubmit({ note, tags: parseTags(tags), entityIds, color });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="annotation-editor"
      aria-label="Annotation"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
      }}
    >
      <blockquote className="quote">{quote}</blockquote>
      <label>
        <span>Note</span>
        <textarea autoFocus rows={4} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why this passage matters…" />
      </label>
      <fieldset className="colors">
        <legend>Colour</legend>
        {HIGHLIGHT_COLORS.map((c) => (
          <label key={c} className={`swatch highlight-${c}`} title={c}>
            <input type="radio" name="color" value={c} checked={color === c} onChange={() => setColor(c)} aria-label={c} />
          </label>
        ))}
      </fieldset>
      <label>
        <span>Tags</span>
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="comma, separated" />
      </label>
      <div className="field">
        <span>Linked to</span>
        <EntityPicker selectedIds={entityIds} onChange={setEntityIds} />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving} aria-keyshortcuts="Control+Enter">
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
