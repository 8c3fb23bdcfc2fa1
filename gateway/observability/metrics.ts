/**
 * The gateway's own metrics, served at /metrics in the Prometheus text format. Labels carry
 * names of things (a status, a principle, a partner), never a value about a person.
 */
import type { Decision } from '../policy/types.ts';
import type { PartnerCall } from '../partners/resilient-fetcher.ts';
import { DEFAULT_SECONDS_BUCKETS, createRegistry, type Counter, type Gauge, type Histogram } from './prometheus.ts';

export interface GatewayMetrics {
  /** `status`: the HTTP status answered, e.g. "200"; `reason`: "ok" or the error code answered. */
  requests: Counter;
  requestDuration: Histogram;
  decisions: Counter;
  partnerCalls: Counter;
  partnerCallDuration: Histogram;
  auditWriteDuration: Histogram;
  auditQueueDepth: Gauge;
  /** Audit transactions that failed (their requests were answered 503 without data). */
  auditWriteFailures: Counter;
  /** 1 while the audit trail can be written, 0 after a failed write or probe until one succeeds. */
  auditWritable: Gauge;
  /** Counts one policy decision by its outcome and, unless allowed, the principle that decided. */
  recordDecision(decision: Decision): void;
  /** Counts one partner call (for `onCall` of the resilient fetcher); a call refused by an open circuit has no duration. */
  recordPartnerCall(call: PartnerCall): void;
  /** The audit records written and not yet committed (for `onQueueDepth` of the audit writer). */
  recordAuditQueueDepth(records: number): void;
  /** One committed audit write, from write() to commit (for `onWriteCommitted` of the audit writer). */
  recordAuditWrite(durationMs: number): void;
  render(): string;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = createRegistry();
  const requests = registry.counter({
    name: 'doelpoort_requests_total',
    help: 'HTTP requests answered, refused ones too, by status and reason ("ok" or the error code answered).',
    labelNames: ['status', 'reason'],
  });
  const requestDuration = registry.histogram({
    name: 'doelpoort_request_duration_seconds',
    help: 'Time from receiving an HTTP request to answering it.',
    buckets: DEFAULT_SECONDS_BUCKETS,
  });
  const decisions = registry.counter({
    name: 'doelpoort_decisions_total',
    help: 'Policy decisions per field and entity, by outcome and the principle that refused or minimised ("none" when allowed).',
    labelNames: ['outcome', 'principle'],
  });
  const partnerCalls = registry.counter({
    name: 'doelpoort_partner_calls_total',
    help: 'Calls to partner subgraphs, by partner and status ("ok", a failure code, or "CIRCUIT_OPEN" or "QUEUE_FULL" when refused without calling).',
    labelNames: ['partner', 'status'],
  });
  const partnerCallDuration = registry.histogram({
    name: 'doelpoort_partner_call_duration_seconds',
    help: 'Duration of calls made to partner subgraphs.',
    labelNames: ['partner'],
    buckets: DEFAULT_SECONDS_BUCKETS,
  });
  const auditWriteDuration = registry.histogram({
    name: 'doelpoort_audit_write_duration_seconds',
    help: "Time to commit a request's audit records.",
    buckets: DEFAULT_SECONDS_BUCKETS,
  });
  const auditQueueDepth = registry.gauge({ name: 'doelpoort_audit_queue_depth', help: 'Audit records waiting to be committed.' });
  const auditWriteFailures = registry.counter({
    name: 'doelpoort_audit_write_failures_total',
    help: 'Audit transactions that could not be committed; their requests got no data (no log, no access).',
  });
  const auditWritable = registry.gauge({ name: 'doelpoort_audit_writable', help: '1 while the audit trail can be written, 0 while it cannot.' });
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
    recordDecision(decision) {
      decisions.inc({ outcome: decision.outcome, principle: decision.outcome === 'allow' ? 'none' : decision.principle });
    },
    recordPartnerCall(call) {
      partnerCalls.inc({ partner: call.partner, status: call.status });
      if (!call.refused) partnerCallDuration.observe(call.durationMs / 1000, { partner: call.partner });
    },
    recordAuditQueueDepth(records) {
      auditQueueDepth.set(records);
    },
    recordAuditWrite(durationMs) {
      auditWriteDuration.observe(durationMs / 1000);
    },
    render: registry.render,
  };
}
