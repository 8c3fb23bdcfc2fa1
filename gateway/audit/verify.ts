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
  | 'checkpoint-mismatch'
  | 'unsigned-tail-too-old';

export interface ChainBreak {
  seq: number;
  kind: BreakKind;
  detail: string;
}

/** The records after the last signed checkpoint: not yet covered by a signature. */
export interface UnsignedTail {
  records: number;
  /** When the oldest of them was recorded (ISO 8601); null when every record is signed. */
  oldest: string | null;
}

export type ChainVerdict =
  | {
      ok: true;
      records: number;
      first: number | null;
      /** The head verified up to: the chain as it stood when the verification began (later records are not looked at). */
      head: ChainHead;
      checkpoints: number;
      unsigned: UnsignedTail;
    }
  | { ok: false; break: ChainBreak };

export interface VerifyOptions {
  /** Fail (unsigned-tail-too-old) when the oldest unsigned record is older than this. No bound when absent. */
  maxUnsignedAgeMs?: number;
  now?: Date;
  /**
   * Checkpoints kept outside the database (compact JWS, as GET /.well-known/audit-checkpoints
   * publishes them): each must verify with the key and match the chain, even when its row was
   * removed from audit_checkpoints.
   */
  witnessed?: readonly string[];
}

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

/** What one consistent snapshot of the store says: the head, the range of records and the checkpoints. */
interface Snapshot {
  head: ChainHead | undefined;
  first: number | null;
  last: number | null;
  checkpoints: StoredCheckpoint[];
}

const PAGE = 1000;

/**
 * Verifies the chain as it stood at one moment, while writers may go on appending. The head, the
 * range of records and the checkpoints are read in one repeatable-read transaction; the records up
 * to that head are then read page by page (records are only ever appended after the head, so those
 * pages are the same as in the snapshot). Records appended later are left for the next run.
 */
export async function verifyChain(db: Db, publicKey: CryptoKey, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const snapshot = await readSnapshot(db);
  const { signed, invalid } = await openCheckpoints([...snapshot.checkpoints, ...(await witnessedRows(options.witnessed ?? [], publicKey))], publicKey);
  const fail = (seq: number, kind: BreakKind, detail: string): ChainVerdict => ({ ok: false, break: { seq, kind, detail } });
  const { first, head: storedHead } = snapshot;
  if (invalid && invalid.seq < (first ?? Infinity)) return { ok: false, break: invalid };
  if (storedHead === undefined) return fail(0, 'prev-link-broken', 'audit_head is missing');
  if (snapshot.last !== null && snapshot.last > storedHead.seq) {
    return fail(storedHead.seq + 1, 'prev-link-broken', `audit_head (seq ${storedHead.seq}) does not match the last record (seq ${snapshot.last})`);
  }

  let previous: ChainHead = { seq: 0, hash: GENESIS_HASH };
  // Retention removed the records before `first` (or all of them): the chain starts from a signed checkpoint.
  const anchorSeq = first !== null ? first - 1 : storedHead.seq;
  if (anchorSeq > 0) {
    const anchor = signed.get(anchorSeq);
    if (anchor === undefined) {
      const start = first !== null ? `the chain starts at seq ${first}` : 'the chain holds no records';
      return fail(anchorSeq, 'seq-gap', `${start} without a signed checkpoint at seq ${anchorSeq}`);
    }
    previous = anchor;
  }

  const lastSigned = Math.max(0, ...signed.keys());
  const unsigned: { records: number; oldest: { seq: number; at: Date } | null } = { records: 0, oldest: null };
  let count = 0;
  for (;;) {
    const { rows } = await db.query<StoredRecord>(
      'SELECT seq, kind, recorded_at, body, prev_hash, hash FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
      [previous.seq, storedHead.seq, PAGE],
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
      if (row.seq > lastSigned) {
        unsigned.records += 1;
        unsigned.oldest ??= { seq: row.seq, at: row.recorded_at };
      }
      previous = { seq: row.seq, hash: row.hash };
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  if (invalid) return { ok: false, break: invalid };

  if (lastSigned > previous.seq) {
    return fail(previous.seq + 1, 'truncated', `the chain ends at seq ${previous.seq} but a checkpoint was signed at seq ${lastSigned}`);
  }
  if (storedHead.seq !== previous.seq || storedHead.hash !== previous.hash) {
    const truncated = storedHead.seq > previous.seq;
    return fail(truncated ? previous.seq + 1 : previous.seq, truncated ? 'truncated' : 'prev-link-broken',
      `audit_head (seq ${storedHead.seq}) does not match the last record (seq ${previous.seq})`);
  }
  const tooOld = tailTooOld(unsigned, lastSigned, options);
  if (tooOld) return { ok: false, break: tooOld };
  return {
    ok: true,
    records: count,
    first,
    head: previous,
    checkpoints: signed.size,
    unsigned: { records: unsigned.records, oldest: unsigned.oldest?.at.toISOString() ?? null },
  };
}

/** A break when the oldest unsigned record is older than the bound: a stretch nobody signed can be rewritten unnoticed. */
function tailTooOld(unsigned: { records: number; oldest: { seq: number; at: Date } | null }, lastSigned: number, options: VerifyOptions): ChainBreak | null {
  const { maxUnsignedAgeMs } = options;
  if (maxUnsignedAgeMs === undefined || unsigned.oldest === null) return null;
  const ageMs = (options.now ?? new Date()).getTime() - unsigned.oldest.at.getTime();
  if (ageMs <= maxUnsignedAgeMs) return null;
  const after = lastSigned > 0 ? `the last signed checkpoint (seq ${lastSigned})` : 'the start (no checkpoint is signed)';
  return {
    seq: unsigned.oldest.seq,
    kind: 'unsigned-tail-too-old',
    detail: `${unsigned.records} records after ${after} are unsigned; the oldest, seq ${unsigned.oldest.seq}, was recorded ${Math.round(ageMs / 1000)} s ago, more than the bound of ${Math.round(maxUnsignedAgeMs / 1000)} s`,
  };
}

/** The head, the range of records and the checkpoints, read together in one repeatable-read transaction. */
function readSnapshot(db: Db): Promise<Snapshot> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const head = (await tx.query<ChainHead>('SELECT seq, hash FROM audit_head')).rows[0];
    const range = (await tx.query<{ first: number | null; last: number | null }>('SELECT min(seq) AS first, max(seq) AS last FROM audit_log')).rows[0];
    const checkpoints = (await tx.query<StoredCheckpoint>('SELECT seq, hash, jws FROM audit_checkpoints ORDER BY seq')).rows;
    return { head, first: range?.first ?? null, last: range?.last ?? null, checkpoints };
  });
}

/** Witnessed checkpoints as rows (what they signed); one that does not verify is kept as a row that will not either. */
async function witnessedRows(jwsList: readonly string[], publicKey: CryptoKey): Promise<StoredCheckpoint[]> {
  const rows: StoredCheckpoint[] = [];
  for (const jws of jwsList) {
    const payload = await openCheckpoint(jws, publicKey);
    rows.push(payload === null ? { seq: 0, hash: '', jws } : { seq: payload.seq, hash: payload.hash, jws });
  }
  return rows;
}

/**
 * Every checkpoint whose signature verifies and whose columns say what it signed; and the first
 * (by seq) that does not, or that contradicts another checkpoint at the same seq.
 */
async function openCheckpoints(rows: readonly StoredCheckpoint[], publicKey: CryptoKey): Promise<{ signed: Map<number, ChainHead>; invalid: ChainBreak | null }> {
  const signed = new Map<number, ChainHead>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const payload = await openCheckpoint(row.jws, publicKey);
    if (payload === null) {
      const detail = `the checkpoint at seq ${row.seq} is not signed by the audit key`;
      return { signed, invalid: { seq: row.seq, kind: 'checkpoint-signature-invalid', detail } };
    }
    if (payload.seq !== row.seq || payload.hash !== row.hash) {
      const detail = `the checkpoint stored at seq ${row.seq} does not hold what was signed (seq ${payload.seq})`;
      return { signed, invalid: { seq: row.seq, kind: 'checkpoint-mismatch', detail } };
    }
    const known = signed.get(row.seq);
    if (known !== undefined && known.hash !== row.hash) {
      return { signed, invalid: { seq: row.seq, kind: 'checkpoint-mismatch', detail: `two checkpoints signed at seq ${row.seq} name different hashes` } };
    }
    signed.set(row.seq, { seq: payload.seq, hash: payload.hash });
  }
  return { signed, invalid: null };
}
