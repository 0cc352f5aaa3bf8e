// Identifiers for articles, annotations and entities: random, URL- and file-name-safe.
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(12).toString('base64url');
}
