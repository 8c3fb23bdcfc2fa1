/**
 * Start step "audit": the writer (its queue and failures seen by metrics and the audit health),
 * the checkpointer, and the sink the request pipeline writes its records to.
 */
import { startCheckpointer } from '../audit/checkpointer.ts';
import type { createLookupJournal } from '../audit/register-lookup-records.ts';
import { createAuditSink } from '../audit/request-records.ts';
import { probeAuditWrite } from '../audit/write-probe.ts';
import { createAuditWriter } from '../audit/writer.ts';
import type { Config } from '../config/index.ts';
import { createAuditHealth, type AuditHealth } from '../observability/audit-health.ts';
import type { Logger } from '../observability/log.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { PolicyData } from '../policy/load.ts';
import type { Db } from '../store/db.ts';
import type { Keys } from './stores.ts';

export interface AuditInput {
  config: Pick<Config, 'audit'>;
  db: Db;
  keys: Keys;
  policyData: PolicyData;
  now: () => Date;
  logger: Logger;
  metrics: GatewayMetrics;
  closers: (() => Promise<void>)[];
}

export interface Audit {
  health: AuditHealth;
  writer: ReturnType<typeof createAuditWriter>;
  /** A checkpoint at least every 1000 records. */
  checkpointEvery: { keys: Keys['checkpointKeys']; every: number };
  /** The request pipeline's sink, with the policy's register look-ups of each request. */
  sink(lookups: ReturnType<typeof createLookupJournal>): ReturnType<typeof createAuditSink>;
}

export function startAudit(input: AuditInput): Audit {
  const { db, keys, policyData, now, metrics } = input;
  const health = createAuditHealth({ logger: input.logger, metrics, probe: () => probeAuditWrite(db) });
  const checkpointEvery = { keys: keys.checkpointKeys, every: 1000 };
  const writer = createAuditWriter(db, {
    checkpoints: checkpointEvery,
    now,
    onQueueDepth: metrics.recordAuditQueueDepth,
    onWriteCommitted: (durationMs) => {
      metrics.recordAuditWrite(durationMs);
      health.committed();
    },
    onCommitFailed: health.commitFailed,
  });
  const checkpointer = startCheckpointer(db, {
    keys: keys.checkpointKeys,
    intervalMs: input.config.audit.checkpointIntervalMs,
    now,
    onError: (error) => input.logger.warn('audit.checkpoint-failed', { message: error instanceof Error ? error.message : String(error) }),
  });
  input.closers.push(() => checkpointer.stop());
  const activities = policyData.processingActivities.flatMap((a) => (a.purpose === undefined ? [] : [{ id: a.id, version: a.version, purpose: a.purpose }]));
  return {
    health,
    writer,
    checkpointEvery,
    sink: (lookups) => createAuditSink(writer, { pseudonymKey: keys.pseudonymKey, policyVersion: policyData.version, activities }, lookups),
  };
}
