// Format migrations of the library's files, in order: MIGRATIONS[i] brings a file of format i + 1 to i + 2.
// A file is migrated in memory when it is read; it is written in the new format at its next save, after a
// copy of it as it was is kept beside it (`<file>.format-<n>`). A migration that throws changes nothing:
// the file stays as it was on disk, and the library says which file and which step failed.
import { basename } from 'node:path';
import { DossierError } from '../../shared/errors';
import { SCHEMA_VERSION } from '../../shared/model';

/** The kinds of files a library holds, by their name. */
export const FILE_KINDS = { 'library.json': 'library', 'entities.json': 'entities', 'briefs.json': 'briefs', 'body.json': 'body', 'annotations.json': 'annotations' } as const;
export type FileKind = (typeof FILE_KINDS)[keyof typeof FILE_KINDS];

type Json = Record<string, unknown>;

export interface Migration {
  /** The format it brings files to. */
  to: number;
  /** What changes, for the user if it fails. */
  what: string;
  /** How each kind of file changes; a kind not named only takes the new format number. */
  files: Partial<Record<FileKind, (file: Json) => Json>>;
}

const list = (value: unknown, what: string): Json[] => {
  if (!Array.isArray(value)) throw new TypeError(`${what} is not a list`);
  return value as Json[];
};

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    what: 'the fields added for events, merges, suggestions and brief options are written out',
    files: {
      entities: (file) => ({
        ...file,
        entities: list(file.entities, 'entities').map((e) => ({ endDate: null, placeId: null, participantIds: [], ...e })),
        merges: file.merges ?? [],
      }),
      annotations: (file) => ({ suggestions: {}, ...file }),
      briefs: (file) => ({
        ...file,
        briefs: list(file.briefs, 'briefs').map((b) => ({
          intro: '',
          tags: [],
          order: [],
          entityIndex: false,
          eventTimeline: false,
          splitSections: false,
          ...b,
        })),
      }),
    },
  },
];

/** The kind of a library file by its name, or null for a file that is not one of them. */
export function fileKind(path: string): FileKind | null {
  return (FILE_KINDS as Record<string, FileKind>)[basename(path)] ?? null;
}

/**
 * Brings parsed JSON of an older format to the current one, step by step in order. Returns it as it was
 * when it is not older (the schema then judges it). The input is never changed.
 */
export function migrateFile(path: string, json: unknown, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): { data: unknown; from: number | null } {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version >= target) return { data: json, from: null };
  const kind = fileKind(path);
  let data = structuredClone(json) as Json;
  for (let format = version; format < target; format++) {
    const step = migrations[format - 1];
    if (!step || step.to !== format + 1) {
      throw new DossierError('library_corrupt', `${basename(path)} in ${path} is in format ${format}, which this version of Dossier cannot bring up to date.`);
    }
    try {
      const change = kind ? step.files[kind] : undefined;
      data = { ...(change ? change(data) : data), schemaVersion: step.to };
    } catch (error) {
      throw new DossierError(
        'library_corrupt',
        `${basename(path)} in ${path} could not be brought from format ${format} to ${step.to} (${step.what}): ${(error as Error).message}. It was left as it was; the version of Dossier that wrote it still opens it.`,
      );
    }
  }
  return { data, from: version };
}
