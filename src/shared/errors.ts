// Expected failures: a code the UI and CLI can act on and a message a user can read.
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'unsupported_type',
  'empty_file',
  'duplicate',
  'quote_not_found',
  'quote_ambiguous',
  'library_locked',
  'library_corrupt',
  'library_too_new',
  'file_exists',
  'storage',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DossierError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DossierError';
  }
}

export interface ErrorValue {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof DossierError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
