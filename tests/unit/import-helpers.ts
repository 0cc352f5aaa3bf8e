// Helpers shared by the importer tests.
import { extractArticle } from '../../src/main/core/importers';
import { DossierError } from '../../src/shared/errors';

/** The error importing `bytes` as `fileName` fails with; the test fails if the import succeeds. */
export async function importError(fileName: string, bytes: Uint8Array): Promise<DossierError> {
  try {
    await extractArticle({ fileName, bytes });
  } catch (error) {
    if (error instanceof DossierError) return error;
    throw error;
  }
  throw new Error(`importing ${fileName} did not fail`);
}
