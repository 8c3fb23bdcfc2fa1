/**
 * What the gateway tells operators about each request: per executed operation the decision metrics
 * and (when an OTLP endpoint is set) its span with a child span per partner call; per HTTP request,
 * answered or refused, one JSON log line and a count by status and reason. Never a subject, a name
 * or a field value.
 */
import type { ResponseInfo } from '../server/http.ts';
import type { RequestOutcome, RequestSummary } from '../server/pipeline.ts';
import { countDecisions, requestLogLine, type DecisionCounts, type Logger } from './log.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Tracer } from './tracing.ts';

export function createRequestObserver(parts: { logger: Logger; metrics: GatewayMetrics; tracer?: Tracer }) {
  return (summary: RequestSummary, outcome: RequestOutcome): void => {
    const { context, output } = summary;
    parts.metrics.recordDecisions(output.decisions.map((d) => d.decision));
    if (!parts.tracer) return;
    parts.tracer.recordSpan(summary.operationName ?? 'graphql request', {
      traceId: context.traceId,
      spanId: context.spanId,
      ...(summary.parentSpanId ? { parentSpanId: summary.parentSpanId } : {}),
      kind: 'server',
      startTime: summary.startedAt,
      endTime: summary.endedAt,
      status: outcome.auditFailed || outcome.storeFailed ? 'error' : 'ok',
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

/** One log line and one count per HTTP request, whatever its outcome (for the HTTP layer's onResponse). */
export function createResponseObserver(parts: { logger: Logger; metrics: GatewayMetrics }) {
  return (info: ResponseInfo): void => {
    const executed = info.state?.executed ?? [];
    const decisions: DecisionCounts = { allow: 0, minimise: 0, deny: 0 };
    for (const summary of executed) {
      const counts = countDecisions(summary.output.decisions);
      decisions.allow += counts.allow;
      decisions.minimise += counts.minimise;
      decisions.deny += counts.deny;
    }
    parts.logger.info(
      'request',
      requestLogLine({
        ...(info.state ? { traceId: info.state.trace.traceId, requestId: info.state.requestId } : {}),
        method: info.method,
        route: info.route,
        durationMs: info.durationMs,
        status: info.status,
        reason: info.reason,
        ...(executed.length > 0
          ? { executed: { operationName: executed.length === 1 ? executed[0]!.operationName : executed.map((s) => s.operationName ?? 'anonymous').join(','), decisions, partnerCalls: executed.flatMap((s) => s.output.calls) } }
          : {}),
      }),
    );
    parts.metrics.requests.inc({ status: String(info.status), reason: info.reason });
    parts.metrics.requestDuration.observe(info.durationMs / 1000);
  };
}
