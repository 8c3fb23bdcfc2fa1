/**
 * Retention: records older than their processing activity's retention are removed. Only a prefix
 * of the chain can be removed without breaking it, so removal stops at the first record still
 * within its retention; later expired records go on a later run. Before removing, the last removed
 * record's hash is signed as a 'retention' checkpoint: verification starts from it. A broken chain
 * is never pruned (that would sign over the damage).
 */
import type { Db } from '../store/db.ts';
import { lockHead, storeCheckpoint } from './checkpoint.ts';
import type { SigningKeys } from './keys.ts';
import { verifyChain } from './verify.ts';

export interface RetentionRules {
  /** Retention in days per processing activity id. */
  days: ReadonlyMap<string, number>;
  /** For records without a processing activity (reviews, lifts, decisions without one). */
  defaultDays: number;
}

export interface RetentionResult {
  removed: number;
  /** The seq of the signed boundary checkpoint (the last removed record), or null when nothing was removed. */
  boundary: number | null;
  /** Why removal stopped there: the first record kept, or null when the chain is now empty. */
  keptFrom: { seq: number; reason: 'within retention' | 'unknown processing activity' } | null;
}

const DAY_MS = 86_400_000;
const PAGE = 1000;

interface Row {
  seq: number;
  recorded_at: Date;
  activity: string | null;
}

export async function applyRetention(db: Db, keys: SigningKeys, rules: RetentionRules, now: Date): Promise<RetentionResult> {
  for (const [id, days] of [...rules.days, ['(default)', rules.defaultDays] as const]) {
    if (!Number.isInteger(days) || days < 1) throw new Error(`retention for ${id} must be a whole number of days, at least 1`);
  }
  const verdict = await verifyChain(db, keys.publicKey);
  if (!verdict.ok) throw new Error(`retention refused: the audit chain is broken at seq ${verdict.break.seq} (${verdict.break.kind})`);
  let boundary: number | null = null;
  let keptFrom: RetentionResult['keptFrom'] = null;
  let after = 0;
  scan: for (;;) {
    const { rows } = await db.query<Row>(
      `SELECT seq, recorded_at, body ->> 'processing_activity_id' AS activity
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, PAGE],
    );
    for (const row of rows) {
      const days = row.activity === null ? rules.defaultDays : rules.days.get(row.activity);
      if (days === undefined) {
        keptFrom = { seq: row.seq, reason: 'unknown processing activity' };
        break scan;
      }
      if (row.recorded_at.getTime() + days * DAY_MS > now.getTime()) {
        keptFrom = { seq: row.seq, reason: 'within retention' };
        break scan;
      }
      boundary = row.seq;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (boundary === null) return { removed: 0, boundary: null, keptFrom };
  const last = boundary;
  const removed = await db.transaction(async (tx) => {
    await lockHead(tx);
    const { rows } = await tx.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [last]);
    if (rows[0] === undefined) throw new Error(`retention: seq ${last} disappeared while applying retention`);
    await storeCheckpoint(tx, keys, { seq: last, hash: rows[0].hash }, 'retention', now);
    const deleted = await tx.query<{ seq: number }>('DELETE FROM audit_log WHERE seq <= $1 RETURNING seq', [last]);
    return deleted.rows.length;
  });
  return { removed, boundary, keptFrom };
}
