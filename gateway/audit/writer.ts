/**
 * "No log, no access": write() resolves only once its records are committed. Writes that arrive
 * while a transaction is running (or within maxDelayMs of the first) are committed together in ONE
 * transaction (group commit), chained in arrival order. If that transaction fails, every write in
 * it rejects and nothing of it is stored: the chain head lives in the database and advances only
 * on commit.
 *
 * A batch goes in one statement of its own, chained after the head this writer's last commit left
 * (append.ts: appendAfterHead); when another writer moved the head meanwhile, and while it keeps
 * doing so, the batch goes in a transaction that locks the head first (appendPrepared).
 */
import type { Db } from '../store/db.ts';
import { appendAfterHead, appendPrepared, prepareRecord, type CheckpointPolicy, type PreparedRecord } from './append.ts';
import type { ChainHead } from './checkpoint.ts';
import { parseAuditRecord, type AuditRecord } from './records.ts';

export interface AuditWriterOptions {
  /** Most records per transaction (a write is never split; a larger write goes alone). Default 500. */
  maxBatch?: number;
  /** How long the first write of an idle writer waits for company. Default 0. */
  maxDelayMs?: number;
  /** Sign the head whenever the chain passes a multiple of `every` records. */
  checkpoints?: CheckpointPolicy;
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
  records: PreparedRecord[];
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
  /** The head this writer's last commit left (undefined after a failure). */
  let ownHead: ChainHead | undefined;
  /** Another writer (a replica) moved the head between two of this writer's commits: lock, do not guess. */
  let contended = false;
  let queuedRecords = 0;
  let committingRecords = 0;
  let committing = false;
  const reportDepth = () => options.onQueueDepth?.(queuedRecords + committingRecords);
  /** Cancels the commit scheduled for an idle writer's first write, while it waits. */
  let cancelWait: (() => void) | undefined;

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
      const records = batch.flatMap((p) => p.records);
      const recordedAt = now();
      // One statement after the head this writer left; if another replica moved it, lock and chain after the real one.
      let head = ownHead && !contended ? await appendAfterHead(db, ownHead, records, recordedAt, options.checkpoints) : null;
      if (head === null) {
        const { from, to } = await db.transaction((tx) => appendPrepared(tx, records, recordedAt, options.checkpoints));
        contended = ownHead !== undefined && (from.seq !== ownHead.seq || from.hash !== ownHead.hash);
        head = to;
      }
      ownHead = head;
      let seq = head.seq - records.length;
      for (const pending of batch) pending.resolve(pending.records.map(() => (seq += 1)));
    } catch (error) {
      ownHead = undefined;
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
    if (cancelWait !== undefined && queuedRecords < maxBatch) return;
    cancelWait?.();
    cancelWait = undefined;
    if (queuedRecords >= maxBatch) {
      void commitNext();
      return;
    }
    const start = () => {
      cancelWait = undefined;
      if (!committing && queue.length > 0) void commitNext();
    };
    // Without a delay, the writes of this turn of the event loop still go together, but the commit
    // starts right after it: a timer of 0 ms waits a millisecond or more for the timers' phase.
    if (maxDelayMs === 0) {
      const immediate = setImmediate(start);
      cancelWait = () => clearImmediate(immediate);
      return;
    }
    const timeout = setTimeout(start, maxDelayMs);
    cancelWait = () => clearTimeout(timeout);
  }

  return {
    write(records) {
      let parsed: PreparedRecord[];
      try {
        // Checked and serialised here, while an earlier batch may be committing, not on the commit path.
        parsed = records.map((record) => prepareRecord(parseAuditRecord(record)));
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
