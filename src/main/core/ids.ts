// Identifiers for articles, annotations and entities: random, URL- and file-name-safe, and never starting
// with "-" or "_", so that an id on a command line is never mistaken for an option.
import { randomBytes } from 'node:crypto';

export function newId(): string {
  for (;;) {
    const id = randomBytes(12).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}
