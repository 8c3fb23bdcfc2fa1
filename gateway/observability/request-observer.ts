/**
 * What the gateway tells operators about each finished request: one JSON log line, the metrics,
 * and (when an OTLP endpoint is set) the request's span with a child span per partner call. Never
 * a subject, a name or a field value.
 */
import type { RequestSummary } from '../server/pipeline.ts';
import { countDecisions, requestLogLine, type Logger } from './log.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Tracer } from './tracing.ts';

export function createRequestObserver(parts: { logger: Logger; metrics: GatewayMetrics; tracer?: Tracer }) {
  return (summary: RequestSummary, outcome: { auditFailed: boolean; errors: number }): void => {
    const { context, output } = summary;
    const status = outcome.auditFailed ? 503 : 200;
    const durationMs = summary.endedAt.getTime() - summary.startedAt.getTime();
    parts.logger.info(
      'request',
      requestLogLine({ traceId: context.traceId, operationName: summary.operationName, durationMs, status, decisions: countDecisions(output.decisions), partnerCalls: output.calls }),
    );
    parts.metrics.requests.inc({ status: String(status) });
    parts.metrics.requestDuration.observe(durationMs / 1000);
    for (const d of output.decisions) parts.metrics.recordDecision(d.decision);
    if (!parts.tracer) return;
    parts.tracer.recordSpan(summary.operationName ?? 'graphql request', {
      traceId: context.traceId,
      spanId: context.spanId,
      ...(summary.parentSpanId ? { parentSpanId: summary.parentSpanId } : {}),
      kind: 'server',
      startTime: summary.startedAt,
      endTime: summary.endedAt,
      status: outcome.auditFailed ? 'error' : 'ok',
    });
    for (const call of output.calls) {
      parts.tracer.recordSpan(`partner ${call.graph}`, {
        traceId: context.traceId,
        spanId: call.spanId,
        parentSpanId: context.spanId,
        kind: 'client',
        startTime: call.startedAt,
        endTime: call.endedAt,
        status: call.ok ? 'ok' : 'error',
        attributes: { 'doelpoort.partner': call.graph },
      });
    }
  };
}
