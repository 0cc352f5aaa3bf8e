// Where the library is, and opening another: a folder typed in (or chosen in the system's dialog in the
// app), or one of the libraries opened before on this computer.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { useLibrary } from '../../hooks/use-library';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { getPreference, usePreference } from '../../lib/preferences';
import { FolderForm } from './FolderForm';

const RECENT_KEPT = 8;

export function LibraryFolders({ focus }: { focus: boolean }) {
  const { refresh } = useLibrary();
  const { say } = useStatus();
  const [recent, setRecent] = usePreference('recentLibraries');
  const [info, setInfo] = useState<Output<'library.info'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remember = (opened: string) => setRecent([opened, ...getPreference('recentLibraries').filter((p) => p !== opened)].slice(0, RECENT_KEPT));

  useEffect(() => {
    call('library.info', {}).then((current) => {
      setInfo(current);
      remember(current.path);
    }, () => undefined);
    // Once, for the library open when the page is shown (remember only reads and writes the preference).
  }, []);

  const open = async (folder: string) => {
    setBusy(true);
    setError(null);
    try {
      const opened = await call('library.open', { path: folder });
      setInfo(opened);
      remember(opened.path);
      refresh();
      say(`Opened the library in ${opened.path}: ${opened.articleCount} ${opened.articleCount === 1 ? 'article' : 'articles'}.`);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const others = recent.filter((p) => p !== info?.path);
  return (
    <>
      <dl className="settings-files">
        <dt>Library</dt>
        <dd>
          <code>{info?.path ?? '…'}</code>
          {info && ` (${info.articleCount} ${info.articleCount === 1 ? 'article' : 'articles'})`}
        </dd>
      </dl>
      <FolderForm
        name="Open another library"
        field="Library folder"
        submit="Open"
        help="A folder holding a Dossier library, or an empty folder to start a new library in. The one open now is closed, with everything in it saved; the app opens the last library again at its next start."
        error={error}
        busy={busy}
        focus={focus}
        onFolder={open}
      />
      {others.length > 0 && (
        <section aria-labelledby="recent-libraries">
          <h3 id="recent-libraries">Recent libraries</h3>
          <ul className="recent-libraries">
            {others.map((p) => (
              <li key={p}>
                <code>{p}</code>{' '}
                <button type="button" className="button" aria-label={`Open the library in ${p}`} disabled={busy} onClick={() => void open(p)}>
                  Open
                </button>{' '}
                <button type="button" className="button" aria-label={`Forget ${p}`} onClick={() => setRecent(recent.filter((r) => r !== p))}>
                  Forget
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
