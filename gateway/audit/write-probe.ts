/**
 * Whether the audit trail can be written right now, without writing to it: the same statements as
 * a commit (lock the head, insert the next record, advance the head) in a transaction that is
 * always rolled back. Readiness uses it, so a gateway whose audit store cannot be written is taken
 * out of service and put back as soon as it can be written again.
 */
import type { Db } from '../store/db.ts';
import { lockHead } from './checkpoint.ts';

class ProbeDone extends Error {}

/** Resolves when a record could have been committed; rejects with the store's error when not. */
export async function probeAuditWrite(db: Db): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const head = await lockHead(tx);
      await tx.query(
        `INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash) VALUES ($1, 'probe', now(), '{}'::jsonb, $2, $2)`,
        [head.seq + 1, head.hash],
      );
      await tx.query('UPDATE audit_head SET seq = seq');
      throw new ProbeDone();
    });
  } catch (error) {
    if (error instanceof ProbeDone) return;
    throw error;
  }
}
