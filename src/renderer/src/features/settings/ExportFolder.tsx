// Where exported briefs go: the app's own folder unless the user chose another, checked by the core before
// it is kept.
import { useEffect, useState } from 'react';
import { useStatus } from '../../hooks/use-status';
import { call } from '../../lib/dossier';
import { usePreference } from '../../lib/preferences';
import { FolderForm } from './FolderForm';

export function ExportFolder() {
  const { say } = useStatus();
  const [chosen, setChosen] = usePreference('exportFolder');
  const [appFolder, setAppFolder] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('library.info', {}).then((info) => setAppFolder(info.exportDir), () => undefined);
  }, []);

  const use = async (folder: string) => {
    setError(null);
    try {
      const checked = await call('exports.checkFolder', { path: folder });
      setChosen(checked.path);
      say(`Briefs will be exported to ${checked.path}.`);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };

  const useDefault = () => {
    setChosen(null);
    say(`Briefs will be exported to ${appFolder ?? 'the app’s export folder'}.`);
  };

  return (
    <>
      <dl className="settings-files">
        <dt>Exported briefs</dt>
        <dd>
          <code>{chosen ?? appFolder ?? '…'}</code>
          {chosen ? ' (chosen)' : ' (the app’s own)'}
        </dd>
      </dl>
      <FolderForm
        name="Export briefs to another folder"
        field="Export folder"
        submit="Use"
        help="A folder that is there already. Exports never replace a file: a brief of the same name gets a number."
        error={error}
        onFolder={use}
      >
        {chosen && (
          <button type="button" className="button" onClick={useDefault}>
            Use the app’s folder
          </button>
        )}
      </FolderForm>
    </>
  );
}
