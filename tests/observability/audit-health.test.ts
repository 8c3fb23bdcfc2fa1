import { describe, expect, test } from 'vitest';
import { createAuditHealth } from '../../gateway/observability/audit-health.ts';
import { createLogger } from '../../gateway/observability/log.ts';
import { createGatewayMetrics } from '../../gateway/observability/metrics.ts';

function setUp(probe: () => Promise<void> = async () => {}) {
  const lines: Record<string, unknown>[] = [];
  let clock = 0;
  const logger = createLogger({ stream: { write: (chunk: string) => (lines.push(JSON.parse(chunk) as Record<string, unknown>), true) }, now: () => new Date(clock) });
  const metrics = createGatewayMetrics();
  const health = createAuditHealth({ logger, metrics, probe, logEveryMs: 5000, now: () => clock });
  return { health, metrics, lines, tick: (ms: number) => (clock += ms) };
}

describe('audit health', () => {
  test('a lasting failure is one error line per interval with the count since the last, every failure is counted, and recovery is logged', async () => {
    const { health, metrics, lines, tick } = setUp();
    health.commitFailed(new Error('connection to 999990019 refused'), 12);
    tick(1000);
    health.commitFailed(new Error('again'), 3);
    health.commitFailed(new Error('again'), 3);
    tick(4000);
    health.commitFailed(new Error('still'), 5);
    health.committed();
    health.committed();
    expect(lines.map(({ level, event, failures, records, message, failuresSinceLastLine }) => ({ level, event, failures, records, message, failuresSinceLastLine }))).toEqual([
      { level: 'error', event: 'audit.write-failed', failures: 1, records: 12, message: 'connection to ********* refused', failuresSinceLastLine: undefined },
      { level: 'error', event: 'audit.write-failed', failures: 3, records: 5, message: 'still', failuresSinceLastLine: undefined },
      { level: 'warn', event: 'audit.write-recovered', failures: undefined, records: undefined, message: undefined, failuresSinceLastLine: 0 },
    ]);
    expect(await metrics.render()).toContain('doelpoort_audit_write_failures_total 4\n');
    expect(await metrics.render()).toContain('doelpoort_audit_writable 1\n');
  });

  test('readiness follows the probe: not writable while it fails, writable again once it succeeds', async () => {
    let down = true;
    const { health, metrics, lines } = setUp(async () => {
      if (down) throw new Error('relation "audit_log" does not exist');
    });
    expect(await health.writable()).toBe(false);
    expect(await metrics.render()).toContain('doelpoort_audit_writable 0\n');
    expect(await health.writable()).toBe(false);
    down = false;
    expect(await health.writable()).toBe(true);
    expect(lines.map((l) => l['event'])).toEqual(['audit.write-failed', 'audit.write-recovered']);
  });
});
