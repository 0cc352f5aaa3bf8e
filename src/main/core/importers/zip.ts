// Reads the entries an importer needs from a ZIP container (DOCX, EPUB) in memory, within size limits.
import { unzipSync } from 'fflate';
import { DossierError } from '../../../shared/errors';

/** What all entries read from one archive may add up to once inflated. The sizes come from the archive's
 * own directory, and fflate never inflates an entry past the size its directory gives, so a "zip bomb"
 * cannot make more than this. */
const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

export type ZipEntries = Map<string, Uint8Array>;

/**
 * The entries of `bytes` whose names `wanted` accepts, by their names in the archive. Nothing is ever
 * written to disk, so names such as "../../x" mean nothing here. A file that is not a ZIP archive, or a
 * damaged one, is refused with a message naming `fileName` and what it should have been (`kind`).
 */
export function readZip(bytes: Uint8Array, fileName: string, kind: string, wanted: (name: string) => boolean): ZipEntries {
  let total = 0;
  let tooLarge = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        total += file.originalSize;
        if (total > MAX_INFLATED_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new DossierError(
      'invalid_input',
      `Cannot import "${fileName}": it is not a readable ${kind} file (the archive inside is damaged or incomplete: ${error.message}).`,
    );
  }
  if (tooLarge) {
    throw new DossierError(
      'invalid_input',
      `Cannot import "${fileName}": its contents unpack to more than ${MAX_INFLATED_BYTES / (1024 * 1024)} MB.`,
    );
  }
  return new Map(Object.entries(files));
}
