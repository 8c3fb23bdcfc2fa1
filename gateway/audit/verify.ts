/**
 * Verifies the audit chain: every record's seq, link and hash in order, and every checkpoint's
 * signature and agreement with the records. Reports the first break by seq.
 *
 * The chain may start after seq 1 when retention removed older records; it must then start right
 * after a signed checkpoint whose hash is the first remaining record's prev_hash.
 */
import type { Db } from '../store/db.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { openCheckpoint, type ChainHead } from './checkpoint.ts';

export type BreakKind =
  | 'hash-mismatch'
  | 'prev-link-broken'
  | 'seq-gap'
  | 'truncated'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-mismatch';

export interface ChainBreak {
  seq: number;
  kind: BreakKind;
  detail: string;
}

export type ChainVerdict =
  | { ok: true; records: number; first: number | null; head: ChainHead; checkpoints: number }
  | { ok: false; break: ChainBreak };

interface StoredRecord {
  seq: number;
  kind: string;
  recorded_at: Date;
  body: unknown;
  prev_hash: string;
  hash: string;
}

interface StoredCheckpoint {
  seq: number;
  hash: string;
  jws: string;
}

const PAGE = 1000;

export async function verifyChain(db: Db, publicKey: CryptoKey): Promise<ChainVerdict> {
  const { signed, invalid } = await loadCheckpoints(db, publicKey);
  const fail = (seq: number, kind: BreakKind, detail: string): ChainVerdict => ({ ok: false, break: { seq, kind, detail } });
  const first = (await db.query<{ seq: number | null }>('SELECT min(seq) AS seq FROM audit_log')).rows[0]?.seq ?? null;
  if (invalid && invalid.seq < (first ?? Infinity)) return { ok: false, break: invalid };

  const storedHead = (await db.query<ChainHead>('SELECT seq, hash FROM audit_head')).rows[0];
  let previous: ChainHead = { seq: 0, hash: GENESIS_HASH };
  // Retention removed the records before `first` (or all of them): the chain starts from a signed checkpoint.
  const anchorSeq = first !== null ? first - 1 : (storedHead?.seq ?? 0);
  if (anchorSeq > 0) {
    const anchor = signed.get(anchorSeq);
    if (anchor === undefined) {
      const start = first !== null ? `the chain starts at seq ${first}` : 'the chain holds no records';
      return fail(anchorSeq, 'seq-gap', `${start} without a signed checkpoint at seq ${anchorSeq}`);
    }
    previous = anchor;
  }

  let count = 0;
  for (;;) {
    const { rows } = await db.query<StoredRecord>(
      'SELECT seq, kind, recorded_at, body, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
      [previous.seq, PAGE],
    );
    for (const row of rows) {
      if (invalid && invalid.seq < row.seq) return { ok: false, break: invalid };
      if (row.seq !== previous.seq + 1) return fail(previous.seq + 1, 'seq-gap', `seq ${previous.seq + 1} is missing; the next record is seq ${row.seq}`);
      if (row.prev_hash !== previous.hash) return fail(row.seq, 'prev-link-broken', `prev_hash does not equal the hash of seq ${previous.seq}`);
      const entry = { seq: row.seq, kind: row.kind, recorded_at: row.recorded_at.toISOString(), body: row.body };
      if (chainHash(row.prev_hash, entry) !== row.hash) return fail(row.seq, 'hash-mismatch', 'the stored hash does not match the record');
      const checkpoint = signed.get(row.seq);
      if (checkpoint !== undefined && checkpoint.hash !== row.hash) {
        return fail(row.seq, 'checkpoint-mismatch', `the checkpoint signed at seq ${row.seq} has a different hash`);
      }
      if (invalid && invalid.seq === row.seq) return { ok: false, break: invalid };
      previous = { seq: row.seq, hash: row.hash };
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  if (invalid) return { ok: false, break: invalid };

  const lastSigned = Math.max(0, ...signed.keys());
  if (lastSigned > previous.seq) {
    return fail(previous.seq + 1, 'truncated', `the chain ends at seq ${previous.seq} but a checkpoint was signed at seq ${lastSigned}`);
  }
  const head = storedHead;
  if (head === undefined || head.seq !== previous.seq || head.hash !== previous.hash) {
    const seq = head && head.seq > previous.seq ? previous.seq + 1 : previous.seq;
    return fail(seq, head && head.seq > previous.seq ? 'truncated' : 'prev-link-broken',
      `audit_head (seq ${head?.seq ?? 'missing'}) does not match the last record (seq ${previous.seq})`);
  }
  return { ok: true, records: count, first, head: previous, checkpoints: signed.size };
}

/** Every checkpoint whose signature verifies and whose columns say what it signed; and the first that does not. */
async function loadCheckpoints(db: Db, publicKey: CryptoKey): Promise<{ signed: Map<number, ChainHead>; invalid: ChainBreak | null }> {
  const { rows } = await db.query<StoredCheckpoint>('SELECT seq, hash, jws FROM audit_checkpoints ORDER BY seq');
  const signed = new Map<number, ChainHead>();
  for (const row of rows) {
    const payload = await openCheckpoint(row.jws, publicKey);
    if (payload === null) {
      const detail = `the checkpoint at seq ${row.seq} is not signed by the audit key`;
      return { signed, invalid: { seq: row.seq, kind: 'checkpoint-signature-invalid', detail } };
    }
    if (payload.seq !== row.seq || payload.hash !== row.hash) {
      const detail = `the checkpoint stored at seq ${row.seq} does not hold what was signed (seq ${payload.seq})`;
      return { signed, invalid: { seq: row.seq, kind: 'checkpoint-mismatch', detail } };
    }
    signed.set(row.seq, { seq: payload.seq, hash: payload.hash });
  }
  return { signed, invalid: null };
}
