import { createHmac } from 'node:crypto';

export type SubjectType = 'person' | 'address';

const SUBJECT_ID = {
  /** A BSN: nine digits. */
  person: /^\d{9}$/,
  /** A BAG nummeraanduiding id: sixteen digits. */
  address: /^\d{16}$/,
} as const;

/** Whether an id has the form of its subject type: a BSN of nine digits, an address id of sixteen. */
export function isSubjectId(kind: SubjectType, id: string): boolean {
  return SUBJECT_ID[kind]?.test(id) === true;
}

/** Smallest key accepted: 256 bits, the size of the HMAC-SHA256 output. */
export const MIN_PSEUDONYM_KEY_BYTES = 32;

/**
 * The subject pseudonym the audit log holds instead of a BSN or address id:
 * HMAC-SHA256 over "<kind>:<id>" with the gateway's secret key, hex. Deterministic per key, so a
 * privacy officer who knows a BSN can find every access to it; without the key it reveals nothing.
 */
export function pseudonymise(kind: SubjectType, id: string, key: Uint8Array): string {
  const pattern = SUBJECT_ID[kind];
  if (pattern === undefined) throw new Error('pseudonymise: subject type must be person or address');
  if (!pattern.test(id)) throw new Error(`pseudonymise: not a valid ${kind} id (value withheld)`);
  if (key.byteLength < MIN_PSEUDONYM_KEY_BYTES) {
    throw new Error(`pseudonymise: the key must be at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`);
  }
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex');
}
