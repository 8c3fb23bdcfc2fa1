/**
 * "No log, no access": write() resolves only once its records are committed. Writes that arrive
 * while a transaction is running (or within maxDelayMs of the first) are committed together in ONE
 * transaction (group commit), chained in arrival order. If that transaction fails, every write in
 * it rejects and nothing of it is stored: the chain head lives in the database and advances only
 * on commit.
 */
import type { Db } from '../store/db.ts';
import { canonicalJson } from './canonical.ts';
import { chainHashOfBodyJson } from './chain.ts';
import { lockHead, storeCheckpoint, type ChainHead } from './checkpoint.ts';
import type { SigningKeys } from './keys.ts';
import { parseAuditRecord, type AuditRecord } from './records.ts';

export interface AuditWriterOptions {
  /** Most records per transaction (a write is never split; a larger write goes alone). Default 500. */
  maxBatch?: number;
  /** How long the first write of an idle writer waits for company. Default 0. */
  maxDelayMs?: number;
  /** Sign the head whenever the chain passes a multiple of `every` records. */
  checkpoints?: { keys: SigningKeys; every: number };
  now?: () => Date;
  /** Told the number of records written and not yet committed (or failed) whenever it changes: queued plus in the running transaction. */
  onQueueDepth?: (records: number) => void;
  /** Told, for each write that was committed, how long it took from write() to commit, in milliseconds. */
  onWriteCommitted?: (durationMs: number) => void;
  /** Told, for each transaction that failed, the error and how many records it held (none of them was stored). */
  onCommitFailed?: (error: unknown, records: number) => void;
}

export interface AuditWriter {
  /** Resolves with the records' seqs once committed; rejects when they could not be (then: return no data). */
  write(records: readonly AuditRecord[]): Promise<number[]>;
}

interface Pending {
  records: AuditRecord[];
  resolve: (seqs: number[]) => void;
  reject: (error: unknown) => void;
}

export function createAuditWriter(db: Db, options: AuditWriterOptions = {}): AuditWriter {
  const maxBatch = options.maxBatch ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 0;
  const now = options.now ?? (() => new Date());
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error('maxBatch must be a positive integer');
  if (!(maxDelayMs >= 0)) throw new Error('maxDelayMs must be zero or more');
  if (options.checkpoints && !(Number.isInteger(options.checkpoints.every) && options.checkpoints.every > 0)) {
    throw new Error('checkpoints.every must be a positive integer');
  }

  const queue: Pending[] = [];
  let queuedRecords = 0;
  let committingRecords = 0;
  let committing = false;
  const reportDepth = () => options.onQueueDepth?.(queuedRecords + committingRecords);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let size = 0;
    while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.records.length <= maxBatch)) {
      const next = queue.shift()!;
      size += next.records.length;
      batch.push(next);
    }
    queuedRecords -= size;
    return batch;
  }

  async function commitNext(): Promise<void> {
    committing = true;
    const batch = takeBatch();
    committingRecords = batch.reduce((n, p) => n + p.records.length, 0);
    try {
      const seqs = await db.transaction((tx) => appendRecords(tx, batch.flatMap((p) => p.records), now(), options.checkpoints));
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(seqs.slice(offset, offset + pending.records.length));
        offset += pending.records.length;
      }
    } catch (error) {
      options.onCommitFailed?.(error, committingRecords);
      for (const pending of batch) pending.reject(error);
    } finally {
      committing = false;
      committingRecords = 0;
      reportDepth();
      if (queue.length > 0) void commitNext();
    }
  }

  function schedule(): void {
    if (committing) return;
    if (timer !== undefined && queuedRecords < maxBatch) return;
    clearTimeout(timer);
    timer = undefined;
    if (queuedRecords >= maxBatch) {
      void commitNext();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      if (!committing && queue.length > 0) void commitNext();
    }, maxDelayMs);
  }

  return {
    write(records) {
      let parsed: AuditRecord[];
      try {
        parsed = records.map(parseAuditRecord);
      } catch (error) {
        return Promise.reject(error);
      }
      if (parsed.length === 0) return Promise.resolve([]);
      const startedAt = performance.now();
      const committed = new Promise<number[]>((resolve, reject) => {
        queue.push({ records: parsed, resolve, reject });
        queuedRecords += parsed.length;
        reportDepth();
        schedule();
      });
      const { onWriteCommitted } = options;
      return onWriteCommitted ? committed.then((seqs) => (onWriteCommitted(performance.now() - startedAt), seqs)) : committed;
    },
  };
}

/** Rows per INSERT statement: well below PostgreSQL's 65535 bind parameters. */
const ROWS_PER_INSERT = 1000;

/** Appends records after the current head inside tx; returns their seqs. */
export async function appendRecords(
  tx: Db,
  records: readonly AuditRecord[],
  recordedAt: Date,
  checkpoints?: { keys: SigningKeys; every: number },
): Promise<number[]> {
  const start = await lockHead(tx);
  const recorded_at = recordedAt.toISOString();
  let head: ChainHead = start;
  for (let offset = 0; offset < records.length; offset += ROWS_PER_INSERT) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const record of records.slice(offset, offset + ROWS_PER_INSERT)) {
      const seq = head.seq + 1;
      const bodyJson = canonicalJson(record.body);
      const hash = chainHashOfBodyJson(head.hash, { seq, kind: record.kind, recorded_at }, bodyJson);
      const p = values.length;
      rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}, $${p + 6})`);
      values.push(seq, record.kind, recorded_at, bodyJson, head.hash, hash);
      head = { seq, hash };
    }
    await tx.query(`INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash) VALUES ${rows.join(', ')}`, values);
  }
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [head.seq, head.hash]);
  if (checkpoints && Math.floor(start.seq / checkpoints.every) !== Math.floor(head.seq / checkpoints.every)) {
    await storeCheckpoint(tx, checkpoints.keys, head, 'interval', recordedAt);
  }
  return records.map((_, index) => start.seq + index + 1);
}
