/** Reading a partner's schema file that sits beside its index.ts. */
import { readFileSync } from 'node:fs';

export function readTypeDefs(file: URL): string {
  return readFileSync(file, 'utf8');
}
