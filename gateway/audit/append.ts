/**
 * Appending records to the chain. Two ways, with the same result:
 *
 * - appendRecords: inside a transaction, after locking the chain head (any caller, any time).
 * - appendAfterHead: one statement of its own (autocommit: one round trip, one commit) that
 *   advances the head only if it is still the head the records were chained to, and inserts the
 *   records only if it did. Another replica that moved the head in between makes it store nothing
 *   and answer false; the caller then appends with appendRecords.
 *
 * Each record's canonical JSON is made once (prepareRecord), before any lock is taken; the rows go
 * as a handful of arrays (unnest), so the statement's text is the same whatever the batch size.
 */
import type { Db } from '../store/db.ts';
import { canonicalJson } from './canonical.ts';
import { chainHashOfBodyJson } from './chain.ts';
import { lockHead, signCheckpoint, storeCheckpoint, type ChainHead } from './checkpoint.ts';
import type { SigningKeys } from './keys.ts';
import type { AuditRecord } from './records.ts';

/** A record ready to be chained: its kind and the canonical JSON of its body (which is stored as it is hashed). */
export interface PreparedRecord {
  kind: string;
  bodyJson: string;
}

export interface CheckpointPolicy {
  keys: SigningKeys;
  every: number;
}

export function prepareRecord(record: AuditRecord): PreparedRecord {
  return { kind: record.kind, bodyJson: canonicalJson(record.body) };
}

/** The rows of records chained after head, as the columns' arrays, and the new head. */
interface ChainedRows {
  seqs: number[];
  kinds: string[];
  bodies: string[];
  prevHashes: string[];
  hashes: string[];
  head: ChainHead;
}

function chainAfter(head: ChainHead, records: readonly PreparedRecord[], recordedAt: string): ChainedRows {
  const rows: ChainedRows = { seqs: [], kinds: [], bodies: [], prevHashes: [], hashes: [], head };
  for (const record of records) {
    const seq = rows.head.seq + 1;
    const hash = chainHashOfBodyJson(rows.head.hash, { seq, kind: record.kind, recorded_at: recordedAt }, record.bodyJson);
    rows.seqs.push(seq);
    rows.kinds.push(record.kind);
    rows.bodies.push(record.bodyJson);
    rows.prevHashes.push(rows.head.hash);
    rows.hashes.push(hash);
    rows.head = { seq, hash };
  }
  return rows;
}

function passesCheckpoint(from: ChainHead, to: ChainHead, checkpoints: CheckpointPolicy | undefined): checkpoints is CheckpointPolicy {
  return checkpoints !== undefined && Math.floor(from.seq / checkpoints.every) !== Math.floor(to.seq / checkpoints.every);
}

/** Inserts the rows given as arrays in $2..$6, recorded at $1. */
const INSERT_ROWS = `INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash)
  SELECT r.seq, r.kind, $1::timestamptz, r.body::jsonb, r.prev_hash, r.hash
    FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(seq, kind, body, prev_hash, hash)`;

const rowParams = (recordedAt: string, rows: ChainedRows): unknown[] => [recordedAt, rows.seqs, rows.kinds, rows.bodies, rows.prevHashes, rows.hashes];

/** Appends records after the current head inside tx (locking it); returns the new head. */
export async function appendRecords(tx: Db, records: readonly AuditRecord[], recordedAt: Date, checkpoints?: CheckpointPolicy): Promise<void> {
  await appendPrepared(tx, records.map(prepareRecord), recordedAt, checkpoints);
}

/** appendRecords for prepared records; returns the head it found (and locked) and the head it left. */
export async function appendPrepared(
  tx: Db,
  records: readonly PreparedRecord[],
  recordedAt: Date,
  checkpoints?: CheckpointPolicy,
): Promise<{ from: ChainHead; to: ChainHead }> {
  const from = await lockHead(tx);
  const recorded_at = recordedAt.toISOString();
  const rows = chainAfter(from, records, recorded_at);
  await tx.query(INSERT_ROWS, rowParams(recorded_at, rows));
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [rows.head.seq, rows.head.hash]);
  if (passesCheckpoint(from, rows.head, checkpoints)) await storeCheckpoint(tx, checkpoints.keys, rows.head, 'interval', recordedAt);
  return { from, to: rows.head };
}

/**
 * The head moves from $7/$8 to $9/$10 and the rows go in, in one statement, or nothing happens.
 * The UPDATE waits for a transaction holding the head and then re-reads it (READ COMMITTED), so a
 * head moved meanwhile matches no row; the INSERTs take their rows joined with the UPDATE's one.
 */
const APPEND_AFTER_HEAD = `WITH head AS (
    UPDATE audit_head SET seq = $9::bigint, hash = $10::text WHERE seq = $7::bigint AND hash = $8::text RETURNING seq
  ), records AS (
    ${INSERT_ROWS}
    CROSS JOIN head
  ), checkpoint AS (
    INSERT INTO audit_checkpoints (seq, hash, jws, reason, created_at)
    SELECT $9::bigint, $10::text, $11::text, 'interval', $1::timestamptz FROM head WHERE $11::text IS NOT NULL
    ON CONFLICT (seq) DO NOTHING
  )
  SELECT count(*)::int AS advanced FROM head`;

/** Appends records after `expected` in one autocommitted statement; the new head, or null (nothing stored) when the head had moved on. */
export async function appendAfterHead(db: Db, expected: ChainHead, records: readonly PreparedRecord[], recordedAt: Date, checkpoints?: CheckpointPolicy): Promise<ChainHead | null> {
  const recorded_at = recordedAt.toISOString();
  const rows = chainAfter(expected, records, recorded_at);
  const jws = passesCheckpoint(expected, rows.head, checkpoints) ? await signCheckpoint(checkpoints.keys, rows.head, recordedAt) : null;
  const { rows: result } = await db.query<{ advanced: number }>(APPEND_AFTER_HEAD, [
    ...rowParams(recorded_at, rows),
    expected.seq,
    expected.hash,
    rows.head.seq,
    rows.head.hash,
    jws,
  ]);
  return result[0]?.advanced === 1 ? rows.head : null;
}
