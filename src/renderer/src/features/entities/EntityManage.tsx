// Managing an entity from its page: editing it (name, aliases, description, date, Wikidata id), merging it
// with another of its type, and deleting it after saying what that unlinks.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EntityDeleteAccount } from '../../../../shared/api';
import type { Entity } from '../../../../shared/model';
import { ENTITY_TYPE_LABELS } from '../../components/format';
import { useLibrary } from '../../hooks/use-library';
import { call } from '../../lib/dossier';
import { EntityChooser } from './EntityChooser';
import { EntitySelect } from './EntitySelect';

const count = (n: number, one: string) => `${n === 0 ? 'no' : n} ${n === 1 || n === 0 ? one : `${one}s`}`;

/** "Deleting Kim unlinks it from 3 annotations in 2 articles and removes 1 relation." before; "Deleted Kim:
 * unlinked it from…" once done. */
export function deleteAccountText(name: string, account: EntityDeleteAccount, done = false): string {
  const [unlinks, removes, takes] = done ? ['unlinked', 'removed', 'took'] : ['unlinks', 'removes', 'takes'];
  const links =
    account.annotations === 0
      ? `${unlinks} it from no annotation`
      : `${unlinks} it from ${count(account.annotations, 'annotation')} in ${count(account.articles, 'article')}` +
        (account.speakerOf ? ` (the speaker of ${account.speakerOf === account.annotations ? 'all' : account.speakerOf} of them)` : '');
  const clauses = [links, `${removes} ${count(account.relations, 'relation')}`];
  if (account.events) clauses.push(`${takes} it out of ${count(account.events, 'event')}`);
  const said = `${clauses.slice(0, -1).join(', ')} and ${clauses.at(-1)}`;
  return done ? `Deleted ${name}: ${said}.` : `Deleting ${name} ${said}.`;
}

export function EntityForm({ entity, onDone }: { entity: Entity; onDone(saved: Entity | null): void }) {
  const [name, setName] = useState(entity.name);
  const [aliases, setAliases] = useState(entity.aliases.join('\n'));
  const [description, setDescription] = useState(entity.description);
  const [date, setDate] = useState(entity.date ?? '');
  const [endDate, setEndDate] = useState(entity.endDate ?? '');
  const [placeId, setPlaceId] = useState(entity.placeId ?? '');
  const [participantIds, setParticipantIds] = useState(entity.participantIds);
  const { entities } = useLibrary();
  const [wikidataId, setWikidataId] = useState(entity.wikidataId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await call('entities.update', {
        id: entity.id,
        patch: {
          name,
          aliases: aliases.split('\n'),
          description,
          wikidataId: wikidataId.trim() || null,
          ...(entity.type === 'event'
            ? { date: date.trim() || null, endDate: endDate.trim() || null, placeId: placeId || null, participantIds }
            : {}),
        },
      });
      onDone(saved);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="entity-form" aria-label={`Edit ${entity.name}`} onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <label>
        <span>Name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        <span>Aliases, one per line</span>
        <textarea rows={3} value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </label>
      <label>
        <span>Description</span>
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {entity.type === 'event' && (
        <>
          <label>
            <span>Date</span>
            <input value={date} placeholder="YYYY-MM-DD, YYYY-MM or YYYY" onChange={(e) => setDate(e.target.value)} />
          </label>
          <label>
            <span>Until (for an event that lasted)</span>
            <input value={endDate} placeholder="YYYY-MM-DD, YYYY-MM or YYYY" onChange={(e) => setEndDate(e.target.value)} />
          </label>
          <label>
            <span>Place</span>
            <EntitySelect value={placeId} onChange={setPlaceId} none="None" types={['place']} />
          </label>
          <fieldset>
            <legend>Participants</legend>
            {entities.filter((e) => e.type === 'person' || e.type === 'organisation').length === 0 && (
              <p className="muted">No people or organisations in the library yet.</p>
            )}
            {entities
              .filter((e) => e.type === 'person' || e.type === 'organisation')
              .map((e) => (
                <label key={e.id} className="check">
                  <input
                    type="checkbox"
                    checked={participantIds.includes(e.id)}
                    onChange={() => setParticipantIds((ids) => (ids.includes(e.id) ? ids.filter((x) => x !== e.id) : [...ids, e.id]))}
                  />
                  {e.name}
                </label>
              ))}
          </fieldset>
        </>
      )}
      <label>
        <span>Wikidata id</span>
        <input value={wikidataId} placeholder="Q12345" onChange={(e) => setWikidataId(e.target.value)} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          Save
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Merging with another entity of the same type: this one into it ("into"), or it into this one ("here"). */
export function MergePanel({
  entity,
  direction,
  onMerged,
  onCancel,
}: {
  entity: Entity;
  direction: 'into' | 'here';
  onMerged(merge: { kept: Entity; merged: Entity }): void;
  onCancel(): void;
}) {
  const { entities } = useLibrary();
  const [error, setError] = useState<string | null>(null);
  const type = ENTITY_TYPE_LABELS[entity.type].toLowerCase();
  const candidates = entities.filter((e) => e.type === entity.type && e.id !== entity.id);
  const title = direction === 'into' ? `Merge ${entity.name} into…` : `Merge another ${type} into ${entity.name}`;

  const merge = async (other: Entity) => {
    const [kept, merged] = direction === 'into' ? [other, entity] : [entity, other];
    setError(null);
    try {
      const result = await call('entities.merge', { keepId: kept.id, mergeId: merged.id });
      onMerged({ kept: result.entity, merged });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="entity-panel" aria-label={title} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h2>{title}</h2>
      <p className="muted">
        {direction === 'into'
          ? `${entity.name} goes: its names become aliases of the ${type} you choose, and its annotations, relations and mentions move there.`
          : `The ${type} you choose goes: its names become aliases of ${entity.name}, and its annotations, relations and mentions move here.`}{' '}
        You can undo it.
      </p>
      {candidates.length === 0 ? (
        <p>There is no other {type} to merge with.</p>
      ) : (
        <EntityChooser
          label={direction === 'into' ? `Merge ${entity.name} into` : `Merge into ${entity.name}`}
          placeholder={`Type the name of a ${type}…`}
          candidates={candidates}
          autoFocus
          onChoose={(other) => void merge(other)}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** Asks before deleting, saying what will be unlinked; Escape or Cancel keeps the entity. */
export function DeleteDialog({ entity, onClose, onDeleted }: { entity: Entity; onClose(): void; onDeleted(account: EntityDeleteAccount): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const [account, setAccount] = useState<EntityDeleteAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  // Closed in the event that asks for it (Escape, Cancel), not on the "close" event a task later: a key
  // pressed in between would find the dialog still counted as open.
  const closed = useRef(false);
  const close = () => {
    if (closed.current) return;
    closed.current = true;
    onClose();
  };

  useEffect(() => {
    dialog.current?.showModal();
    // The safe choice has the focus: Enter right away keeps the entity.
    cancel.current?.focus();
    let cancelled = false;
    call('entities.deletePreview', { id: entity.id })
      .then((a) => !cancelled && setAccount(a))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [entity.id]);

  const remove = async () => {
    setDeleting(true);
    setError(null);
    try {
      onDeleted(await call('entities.delete', { id: entity.id }));
    } catch (err) {
      setError((err as Error).message);
      setDeleting(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={textId} onCancel={close} onClose={close}>
      <h2 id={titleId}>Delete {entity.name}?</h2>
      <p id={textId}>{account ? deleteAccountText(entity.name, account) : 'Counting what it is linked to…'}</p>
      <p className="muted">Where a note mentions it, the mention stays as plain words. Deleting cannot be undone.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button danger" disabled={!account || deleting} onClick={() => void remove()}>
          Delete {entity.name}
        </button>
        <button type="button" className="button" ref={cancel} onClick={close}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
