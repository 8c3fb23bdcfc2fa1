/**
 * Signs the chain head on time, so that no stretch of records stays unsigned for long: between two
 * signed checkpoints, someone who can write the database could rewrite records and recompute their
 * hashes unnoticed. Every `intervalMs` the head is signed when records were committed after the
 * last checkpoint (by this process or any other writing to the same store), and once more when the
 * gateway stops.
 */
import type { Db } from '../store/db.ts';
import { lockHead, storeCheckpoint, type ChainHead, type CheckpointReason } from './checkpoint.ts';
import type { SigningKeys } from './keys.ts';

export interface CheckpointerOptions {
  keys: SigningKeys;
  /** How long committed records may wait for a signed checkpoint. */
  intervalMs: number;
  now?: () => Date;
  /** Told when signing fails (the next tick tries again). */
  onError?: (error: unknown) => void;
}

export interface Checkpointer {
  /** Stops the timer and signs what is still unsigned. */
  stop(): Promise<void>;
}

/** Signs the current head when records were committed after the last checkpoint; returns it, or null when all was signed. */
export async function signPendingRecords(db: Db, keys: SigningKeys, reason: CheckpointReason, now: Date): Promise<ChainHead | null> {
  // A cheap look first, so that an idle store is never locked.
  const { rows } = await db.query<{ seq: number; signed: number }>(
    'SELECT h.seq, (SELECT coalesce(max(seq), 0) FROM audit_checkpoints) AS signed FROM audit_head h',
  );
  const state = rows[0];
  if (state === undefined || state.seq <= state.signed) return null;
  return db.transaction(async (tx) => {
    const head = await lockHead(tx);
    const signed = (await tx.query<{ signed: number }>('SELECT coalesce(max(seq), 0) AS signed FROM audit_checkpoints')).rows[0]?.signed ?? 0;
    if (head.seq <= signed) return null;
    await storeCheckpoint(tx, keys, head, reason, now);
    return head;
  });
}

export function startCheckpointer(db: Db, options: CheckpointerOptions): Checkpointer {
  if (!(Number.isInteger(options.intervalMs) && options.intervalMs > 0)) throw new Error('intervalMs must be a positive integer');
  const now = options.now ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();
  const sign = (reason: CheckpointReason) => {
    running = running.then(() => signPendingRecords(db, options.keys, reason, now())).catch((error: unknown) => options.onError?.(error));
    return running;
  };
  const timer = setInterval(() => void sign('time'), options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sign('shutdown');
    },
  };
}
