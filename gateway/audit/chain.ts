import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.ts';

/** prev_hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a record's hash covers: everything stored about it except the hashes themselves. */
export interface ChainEntry {
  seq: number;
  kind: string;
  /** ISO 8601, millisecond precision, UTC. */
  recorded_at: string;
  body: unknown;
}

/** hash = sha256(prev_hash || canonical JSON of the entry), hex. */
export function chainHash(prevHash: string, entry: ChainEntry): string {
  return createHash('sha256')
    .update(prevHash)
    // Built with its keys in sorted order: canonicalJson then writes it without sorting.
    .update(canonicalJson({ body: entry.body, kind: entry.kind, recorded_at: entry.recorded_at, seq: entry.seq }))
    .digest('hex');
}
