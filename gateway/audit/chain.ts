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
  return chainHashOfBodyJson(prevHash, entry, canonicalJson(entry.body));
}

/**
 * chainHash for a body already written as canonical JSON (the writer stores that same text, as its
 * UTF-8 bytes), so a record is serialised once. The entry's members are written in sorted order around it, which is
 * exactly the canonical JSON of the whole entry.
 */
export function chainHashOfBodyJson(prevHash: string, entry: Omit<ChainEntry, 'body'>, bodyJson: string | Uint8Array): string {
  if (!Number.isSafeInteger(entry.seq)) throw new Error('chain entry: seq must be a safe integer');
  // The body goes in as its own piece: joined into one string first, it was copied once more for nothing.
  return createHash('sha256')
    .update(prevHash)
    .update('{"body":')
    .update(bodyJson)
    .update(`,"kind":${JSON.stringify(entry.kind)},"recorded_at":${JSON.stringify(entry.recorded_at)},"seq":${entry.seq}}`)
    .digest('hex');
}
