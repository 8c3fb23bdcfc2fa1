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
 * Each record's canonical JSON is made once (prepareRecord), before any lock is taken. The rows go
 * as six parameters each in a VALUES list: sending them as arrays (unnest) measured no faster, at 6
 * and at 96 rows (its text array of JSON bodies is escaped, sent and parsed back as one value).
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

/** Records chained after a head: each row's six column values, in order, and the head they leave. */
interface ChainedRows {
  values: unknown[];
  head: ChainHead;
}

function chainAfter(head: ChainHead, records: readonly PreparedRecord[], recordedAt: string): ChainedRows {
  const rows: ChainedRows = { values: [], head };
  for (const record of records) {
    const seq = rows.head.seq + 1;
    const hash = chainHashOfBodyJson(rows.head.hash, { seq, kind: record.kind, recorded_at: recordedAt }, record.bodyJson);
    rows.values.push(seq, record.kind, recordedAt, record.bodyJson, rows.head.hash, hash);
    rows.head = { seq, hash };
  }
  return rows;
}

/** Most rows per INSERT statement: well below PostgreSQL's 65535 bind parameters. */
const ROWS_PER_INSERT = 1000;

/** `VALUES (…), (…)` for `rows` rows of six parameters each, numbered from $first. */
function valuesList(rows: number, first: number): string {
  const list: string[] = [];
  for (let p = first; p < first + rows * 6; p += 6) list.push(`($${p}::bigint, $${p + 1}::text, $${p + 2}::timestamptz, $${p + 3}::jsonb, $${p + 4}::text, $${p + 5}::text)`);
  return `VALUES ${list.join(', ')}`;
}

const INSERT_INTO = 'INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash)';

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
  const rows = chainAfter(from, records, recorded_at);
  for (let offset = 0; offset < records.length; offset += ROWS_PER_INSERT) {
    const values = rows.values.slice(offset * 6, (offset + ROWS_PER_INSERT) * 6);
    await tx.query(`${INSERT_INTO} ${valuesList(values.length / 6, 1)}`, values);
  }
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [rows.head.seq, rows.head.hash]);
  if (passesCheckpoint(from, rows.head, checkpoints)) await storeCheckpoint(tx, checkpoints.keys, rows.head, 'interval', recordedAt);
  return { from, to: rows.head };
}

/**
 * The head moves from $1/$2 to $3/$4 and the rows (from $7) go in, in one statement, or nothing
 * happens. The UPDATE waits for a transaction holding the head and then re-reads it (READ
 * COMMITTED), so a head moved meanwhile matches no row; the INSERTs take their rows joined with the
 * UPDATE's one. $5 is the checkpoint's JWS (signed at $6), or null.
 */
function appendAfterHeadSql(rows: number): string {
  return `WITH head AS (
    UPDATE audit_head SET seq = $3::bigint, hash = $4::text WHERE seq = $1::bigint AND hash = $2::text RETURNING seq
  ), records AS (
    ${INSERT_INTO} SELECT r.* FROM (${valuesList(rows, 7)}) AS r CROSS JOIN head
  ), checkpoint AS (
    INSERT INTO audit_checkpoints (seq, hash, jws, reason, created_at)
    SELECT $3::bigint, $4::text, $5::text, 'interval', $6::timestamptz FROM head WHERE $5::text IS NOT NULL
    ON CONFLICT (seq) DO NOTHING
  )
  SELECT count(*)::int AS advanced FROM head`;
}

/**
 * Appends records after `expected` in one autocommitted statement; the new head, or null (nothing
 * stored) when the head had moved on, or when the records are too many for one statement.
 */
export async function appendAfterHead(db: Db, expected: ChainHead, records: readonly PreparedRecord[], recordedAt: Date, checkpoints?: CheckpointPolicy): Promise<ChainHead | null> {
  if (records.length > ROWS_PER_INSERT) return null;
  const recorded_at = recordedAt.toISOString();
  const rows = chainAfter(expected, records, recorded_at);
  const jws = passesCheckpoint(expected, rows.head, checkpoints) ? await signCheckpoint(checkpoints.keys, rows.head, recordedAt) : null;
  const { rows: result } = await db.query<{ advanced: number }>(appendAfterHeadSql(records.length), [
    expected.seq,
    expected.hash,
    rows.head.seq,
    rows.head.hash,
    jws,
    recorded_at,
    ...rows.values,
  ]);
  return result[0]?.advanced === 1 ? rows.head : null;
}
