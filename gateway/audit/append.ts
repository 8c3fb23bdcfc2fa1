/**
 * Appending records to the chain. Two ways, with the same result:
 *
 * - appendRecords / appendPrepared: inside a transaction, after locking the chain head (any caller,
 *   any time).
 * - appendAfterHead: one statement of its own (autocommit: one round trip, one commit) that
 *   advances the head only if it is still the head the records were chained to, and inserts the
 *   records only if it did. Another replica that moved the head in between makes it store nothing
 *   and answer null; the caller then appends in a locking transaction.
 *
 * Each record's canonical JSON is made once (prepareRecord), as UTF-8 bytes, before any lock is taken;
 * those bytes are hashed and stored. The rows go as one array per column, and the bodies as one JSON
 * array (each element the record's canonical JSON, parsed once by PostgreSQL as jsonb; sent as bytes,
 * store/db.ts JsonbBytes): the statement text is the same for any number of rows,
 * so it is prepared once per connection (store/db.ts, prepared). A VALUES list of six parameters
 * per row made PostgreSQL parse and plan a statement of ~650 parameters for every batch, which cost
 * more than inserting the rows; a text array of the bodies would be escaped, sent and unescaped.
 */
import { JsonbBytes, prepared, type Db } from '../store/db.ts';
import { canonicalJson } from './canonical.ts';
import { chainHashOfBodyJson } from './chain.ts';
import { lockHead, signCheckpoint, storeCheckpoint, type ChainHead } from './checkpoint.ts';
import type { SigningKeys } from './keys.ts';
import type { AuditRecord } from './records.ts';

/** A record ready to be chained: its kind and the canonical JSON of its body, UTF-8 (stored as it is hashed). */
export interface PreparedRecord {
  kind: string;
  bodyJson: Uint8Array;
}

export interface CheckpointPolicy {
  keys: SigningKeys;
  every: number;
}

export function prepareRecord(record: AuditRecord): PreparedRecord {
  return { kind: record.kind, bodyJson: Buffer.from(canonicalJson(record.body)) };
}

/** Records chained after a head: their columns (bodies as one JSON array), and the head they leave. */
interface ChainedRows {
  seqs: number[];
  kinds: string[];
  bodies: JsonbBytes;
  prevHashes: string[];
  hashes: string[];
  head: ChainHead;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

function chainAfter(head: ChainHead, records: readonly PreparedRecord[], recordedAt: string): ChainedRows {
  const bodies: Uint8Array[] = [OPEN];
  const rows: ChainedRows = { seqs: [], kinds: [], bodies: new JsonbBytes(bodies), prevHashes: [], hashes: [], head };
  for (const record of records) {
    const seq = rows.head.seq + 1;
    const hash = chainHashOfBodyJson(rows.head.hash, { seq, kind: record.kind, recorded_at: recordedAt }, record.bodyJson);
    rows.seqs.push(seq);
    rows.kinds.push(record.kind);
    if (bodies.length > 1) bodies.push(COMMA);
    bodies.push(record.bodyJson);
    rows.prevHashes.push(rows.head.hash);
    rows.hashes.push(hash);
    rows.head = { seq, hash };
  }
  bodies.push(CLOSE);
  return rows;
}

/** The statement parameters of chained rows, in the order of rowsFrom's. */
function rowParams(rows: ChainedRows): unknown[] {
  return [rows.seqs, rows.kinds, rows.bodies, rows.prevHashes, rows.hashes];
}

/** Most rows per INSERT statement, so that one statement's bodies stay a few MB. */
const ROWS_PER_INSERT = 1000;

/** The rows of rowParams as a table, its parameters numbered from $first. */
function rowsFrom(first: number): string {
  return `ROWS FROM (unnest($${first}::bigint[]), unnest($${first + 1}::text[]), jsonb_array_elements($${first + 2}::jsonb),
                     unnest($${first + 3}::text[]), unnest($${first + 4}::text[])) AS r (seq, kind, body, prev_hash, hash)`;
}

const INSERT_INTO = 'INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash)';

/** The rows (from $2) recorded at $1. */
const INSERT_ROWS = prepared(`${INSERT_INTO} SELECT r.seq, r.kind, $1::timestamptz, r.body, r.prev_hash, r.hash FROM ${rowsFrom(2)}`);
const MOVE_HEAD = prepared('UPDATE audit_head SET seq = $1, hash = $2');

function passesCheckpoint(from: ChainHead, to: ChainHead, checkpoints: CheckpointPolicy | undefined): checkpoints is CheckpointPolicy {
  return checkpoints !== undefined && Math.floor(from.seq / checkpoints.every) !== Math.floor(to.seq / checkpoints.every);
}

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
  let head = from;
  for (let offset = 0; offset < records.length; offset += ROWS_PER_INSERT) {
    const rows = chainAfter(head, records.slice(offset, offset + ROWS_PER_INSERT), recorded_at);
    await tx.query(INSERT_ROWS, [recorded_at, ...rowParams(rows)]);
    head = rows.head;
  }
  await tx.query(MOVE_HEAD, [head.seq, head.hash]);
  if (passesCheckpoint(from, head, checkpoints)) await storeCheckpoint(tx, checkpoints.keys, head, 'interval', recordedAt);
  return { from, to: head };
}

/**
 * The head moves from $1/$2 to $3/$4 and the rows (from $7) go in, in one statement, or nothing
 * happens. The UPDATE waits for a transaction holding the head and then re-reads it (READ
 * COMMITTED), so a head moved meanwhile matches no row; the INSERT takes its rows joined with the
 * UPDATE's one. $5 is the checkpoint's JWS (signed at $6, when the records are recorded), or null.
 */
const APPEND_AFTER_HEAD = prepared(`WITH head AS (
    UPDATE audit_head SET seq = $3::bigint, hash = $4::text WHERE seq = $1::bigint AND hash = $2::text RETURNING seq
  ), records AS (
    ${INSERT_INTO} SELECT r.seq, r.kind, $6::timestamptz, r.body, r.prev_hash, r.hash FROM ${rowsFrom(7)} CROSS JOIN head
  ), checkpoint AS (
    INSERT INTO audit_checkpoints (seq, hash, jws, reason, created_at)
    SELECT $3::bigint, $4::text, $5::text, 'interval', $6::timestamptz FROM head WHERE $5::text IS NOT NULL
    ON CONFLICT (seq) DO NOTHING
  )
  SELECT count(*)::int AS advanced FROM head`);

/**
 * Appends records after `expected` in one autocommitted statement; the new head, or null (nothing
 * stored) when the head had moved on, or when the records are too many for one statement.
 */
export async function appendAfterHead(db: Db, expected: ChainHead, records: readonly PreparedRecord[], recordedAt: Date, checkpoints?: CheckpointPolicy): Promise<ChainHead | null> {
  if (records.length > ROWS_PER_INSERT) return null;
  const recorded_at = recordedAt.toISOString();
  const rows = chainAfter(expected, records, recorded_at);
  const jws = passesCheckpoint(expected, rows.head, checkpoints) ? await signCheckpoint(checkpoints.keys, rows.head, recordedAt) : null;
  const { rows: result } = await db.query<{ advanced: number }>(APPEND_AFTER_HEAD, [
    expected.seq,
    expected.hash,
    rows.head.seq,
    rows.head.hash,
    jws,
    recorded_at,
    ...rowParams(rows),
  ]);
  return result[0]?.advanced === 1 ? rows.head : null;
}
