// Editing an article's details (title, byline, site, URL, publication date): clips often lack them.
import { useState, type FormEvent } from 'react';
import type { Article } from '../../../../shared/model';
import { call } from '../../lib/dossier';

const FIELDS = [
  { key: 'title', label: 'Title', placeholder: '' },
  { key: 'byline', label: 'Byline', placeholder: 'Author' },
  { key: 'siteName', label: 'Site', placeholder: 'The Diplomat' },
  { key: 'url', label: 'URL', placeholder: 'https://…' },
  { key: 'publishedAt', label: 'Published', placeholder: 'YYYY-MM-DD, YYYY-MM or YYYY' },
] as const;

type Key = (typeof FIELDS)[number]['key'];

export function MetadataEditor({ article, onDone }: { article: Article; onDone(saved: boolean): void }) {
  const [values, setValues] = useState<Record<Key, string>>(() => ({
    title: article.title,
    byline: article.byline ?? '',
    siteName: article.siteName ?? '',
    url: article.url ?? '',
    publishedAt: article.publishedAt ?? '',
  }));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    try {
      await call('articles.update', {
        id: article.id,
        patch: {
          title: values.title,
          byline: orNull(values.byline),
          siteName: orNull(values.siteName),
          url: orNull(values.url),
          publishedAt: orNull(values.publishedAt),
        },
      });
      onDone(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="metadata-form" onSubmit={submit} aria-label="Article details" onKeyDown={(e) => e.key === 'Escape' && onDone(false)}>
      {FIELDS.map((field, i) => (
        <label key={field.key}>
          <span>{field.label}</span>
          <input
            name={field.key}
            value={values[field.key]}
            placeholder={field.placeholder}
            autoFocus={i === 0}
            onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
          />
        </label>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          Save details
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
