/**
 * What operators see of the audit trail's health: a failed commit is an error log line and a
 * metric at once (no log, no access: those requests were answered 503 without data), a recovery is
 * logged too, and readiness fails while the trail cannot be written. Under a lasting failure the
 * log says it once per `logEveryMs` with the count since the last line, not once per request.
 */
import type { Logger } from './log.ts';
import type { GatewayMetrics } from './metrics.ts';
import { redactText } from './redact.ts';

export interface AuditHealthOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Writes nothing and resolves when the trail can be written (gateway/audit/write-probe.ts). */
  probe: () => Promise<void>;
  logEveryMs?: number;
  now?: () => number;
}

export interface AuditHealth {
  /** For the audit writer's onCommitFailed. */
  commitFailed(error: unknown, records: number): void;
  /** For the audit writer's onWriteCommitted. */
  committed(): void;
  /** Readiness: probes the store; true when the trail can be written. */
  writable(): Promise<boolean>;
}

export function createAuditHealth(options: AuditHealthOptions): AuditHealth {
  const logEveryMs = options.logEveryMs ?? 5000;
  const now = options.now ?? Date.now;
  let failing = false;
  let unreported = 0;
  let lastLine = -Infinity;
  const message = (error: unknown) => redactText(error instanceof Error ? error.message : String(error));

  const setFailing = (value: boolean) => {
    failing = value;
    options.metrics.auditWritable.set(value ? 0 : 1);
  };
  setFailing(false);
  const recovered = () => {
    if (!failing) return;
    setFailing(false);
    options.logger.warn('audit.write-recovered', { failuresSinceLastLine: unreported });
    unreported = 0;
  };

  return {
    commitFailed(error, records) {
      options.metrics.auditWriteFailures.inc();
      unreported += 1;
      const first = !failing;
      setFailing(true);
      if (first || now() - lastLine >= logEveryMs) {
        options.logger.error('audit.write-failed', { failures: unreported, records, message: message(error) });
        unreported = 0;
        lastLine = now();
      }
    },
    committed: recovered,
    async writable() {
      try {
        await options.probe();
        recovered();
        return true;
      } catch (error) {
        if (!failing) options.logger.error('audit.write-failed', { failures: 0, records: 0, message: message(error) });
        setFailing(true);
        return false;
      }
    },
  };
}
