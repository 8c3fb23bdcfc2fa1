/**
 * The gateway's own metrics, beside prom-client's default process and Node.js metrics (CPU,
 * memory, event loop lag, GC), served at /metrics in the Prometheus text format. Each gateway has a
 * registry of its own (never prom-client's global one), so that two in one process do not mix.
 * Labels carry names of things (a status, a principle, a partner), never a value about a person.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Decision } from '../policy/types.ts';
import type { PartnerCall } from '../partners/resilient-fetcher.ts';

export interface GatewayMetrics {
  /** `status`: the HTTP status answered, e.g. "200"; `reason`: "ok" or the error code answered. */
  requests: Counter<'status' | 'reason'>;
  requestDuration: Histogram;
  decisions: Counter<'outcome' | 'principle'>;
  partnerCalls: Counter<'partner' | 'status'>;
  partnerCallDuration: Histogram<'partner'>;
  auditWriteDuration: Histogram;
  auditQueueDepth: Gauge;
  /** Audit transactions that failed (their requests were answered 503 without data). */
  auditWriteFailures: Counter;
  /** 1 while the audit trail can be written, 0 after a failed write or probe until one succeeds. */
  auditWritable: Gauge;
  /** Counts policy decisions by their outcome and, unless allowed, the principle that decided (one increment per kind, not per decision). */
  recordDecisions(decisions: readonly Decision[]): void;
  /** Counts one partner call (for `onCall` of the resilient fetcher); a call refused by an open circuit has no duration. */
  recordPartnerCall(call: PartnerCall): void;
  /** The audit records written and not yet committed (for `onQueueDepth` of the audit writer). */
  recordAuditQueueDepth(records: number): void;
  /** One committed audit write, from write() to commit (for `onWriteCommitted` of the audit writer). */
  recordAuditWrite(durationMs: number): void;
  /** The text exposition of every metric, the gateway's first. */
  render(): Promise<string>;
  /** The content type of `render()`'s text. */
  contentType: string;
}

/** Histograms use prom-client's default buckets: 5 ms to 10 s, as the Prometheus client libraries do. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'doelpoort_requests_total',
    help: 'HTTP requests answered, refused ones too, by status and reason ("ok" or the error code answered).',
    labelNames: ['status', 'reason'] as const,
    registers,
  });
  const requestDuration = new Histogram({ name: 'doelpoort_request_duration_seconds', help: 'Time from receiving an HTTP request to answering it.', registers });
  const decisions = new Counter({
    name: 'doelpoort_decisions_total',
    help: 'Policy decisions per field and entity, by outcome and the principle that refused or minimised ("none" when allowed).',
    labelNames: ['outcome', 'principle'] as const,
    registers,
  });
  const partnerCalls = new Counter({
    name: 'doelpoort_partner_calls_total',
    help: 'Calls to partner subgraphs, by partner and status ("ok", a failure code, or "CIRCUIT_OPEN" or "QUEUE_FULL" when refused without calling).',
    labelNames: ['partner', 'status'] as const,
    registers,
  });
  const partnerCallDuration = new Histogram({
    name: 'doelpoort_partner_call_duration_seconds',
    help: 'Duration of calls made to partner subgraphs.',
    labelNames: ['partner'] as const,
    registers,
  });
  const auditWriteDuration = new Histogram({ name: 'doelpoort_audit_write_duration_seconds', help: "Time to commit a request's audit records.", registers });
  const auditQueueDepth = new Gauge({ name: 'doelpoort_audit_queue_depth', help: 'Audit records waiting to be committed.', registers });
  const auditWriteFailures = new Counter({
    name: 'doelpoort_audit_write_failures_total',
    help: 'Audit transactions that could not be committed; their requests got no data (no log, no access).',
    registers,
  });
  const auditWritable = new Gauge({ name: 'doelpoort_audit_writable', help: '1 while the audit trail can be written, 0 while it cannot.', registers });
  collectDefaultMetrics({ register: registry });
  return {
    requests,
    requestDuration,
    decisions,
    partnerCalls,
    partnerCallDuration,
    auditWriteDuration,
    auditQueueDepth,
    auditWriteFailures,
    auditWritable,
    recordDecisions(list) {
      // A combined view decides over a hundred fields of a few kinds: labels are looked up once per kind.
      const counts = new Map<string, { outcome: string; principle: string; count: number }>();
      for (const decision of list) {
        const principle = decision.outcome === 'allow' ? 'none' : decision.principle;
        const key = `${decision.outcome}|${principle}`;
        const entry = counts.get(key);
        if (entry) entry.count += 1;
        else counts.set(key, { outcome: decision.outcome, principle, count: 1 });
      }
      for (const { outcome, principle, count } of counts.values()) decisions.inc({ outcome, principle }, count);
    },
    recordPartnerCall(call) {
      partnerCalls.inc({ partner: call.partner, status: call.status });
      if (!call.refused) partnerCallDuration.observe({ partner: call.partner }, call.durationMs / 1000);
    },
    recordAuditQueueDepth(records) {
      auditQueueDepth.set(records);
    },
    recordAuditWrite(durationMs) {
      auditWriteDuration.observe(durationMs / 1000);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
