/**
 * One request's way through the gateway, in the order the data flows:
 * identity → purpose context → policy-aware execution → audit → response.
 * The audit is written before the response leaves; if it cannot be, no data leaves ("no log, no
 * access").
 */
import { GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Caller, PurposeContext, RequestContext } from '../context/types.ts';
import { newRequestId, type TraceContext } from '../context/trace.ts';
import type { ExecutionOutput, Executor } from '../executor/execute.ts';

/** Everything the audit trail needs about one request. */
export interface RequestSummary {
  context: RequestContext;
  parentSpanId?: string;
  operationName: string | null;
  startedAt: Date;
  endedAt: Date;
  output: ExecutionOutput;
}

export interface AuditSink {
  /** Resolves once the request's records are committed; rejects when they cannot be. */
  recordRequest(summary: RequestSummary): Promise<void>;
}

export interface RequestState {
  caller?: Caller;
  purpose?: PurposeContext;
  trace: TraceContext;
  requestId: string;
  /** Set when the audit could not be written: the HTTP layer answers 503. */
  auditFailed?: boolean;
  /** Set when a store read the policy needed failed: the HTTP layer answers 503. */
  storeFailed?: boolean;
  /** The operations executed for this HTTP request (one, or each of a batch), for its log line. */
  executed?: RequestSummary[];
}

export function newRequestState(trace: TraceContext, caller?: Caller, purpose?: PurposeContext): RequestState {
  return { trace, requestId: newRequestId(), ...(caller ? { caller } : {}), ...(purpose ? { purpose } : {}) };
}

export interface PipelineOptions {
  executor: Executor;
  audit: AuditSink;
  now?: () => Date;
  /** Observes each finished request (logs, metrics, traces); never sees the response data. */
  onRequestDone?: (summary: RequestSummary, outcome: RequestOutcome) => void;
}

/** How a request ended, for its observers: the audit or the store failing makes it a 503. */
export interface RequestOutcome {
  auditFailed: boolean;
  storeFailed: boolean;
  errors: number;
}

export function auditUnavailableResult(): ExecutionResult {
  return {
    errors: [
      new GraphQLError('The audit trail could not be written, so no data is returned (no log, no access). Try again shortly; if it persists, tell the gateway operator.', {
        extensions: { code: 'AUDIT_UNAVAILABLE' },
      }),
    ],
  };
}

export function storeUnavailableResult(): ExecutionResult {
  return {
    errors: [
      new GraphQLError('The gateway could not read its store to decide this request, so no data is returned. Try again shortly; if it persists, tell the gateway operator.', {
        extensions: { code: 'STORE_UNAVAILABLE' },
      }),
    ],
  };
}

export async function runRequest(
  options: PipelineOptions,
  state: RequestState,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown> | undefined,
): Promise<ExecutionResult> {
  const clock = options.now ?? (() => new Date());
  const startedAt = clock();
  const context: RequestContext = {
    requestId: state.requestId,
    traceId: state.trace.traceId,
    spanId: state.trace.spanId,
    now: startedAt,
    ...(state.caller ? { caller: state.caller } : {}),
    ...(state.purpose ? { purpose: state.purpose } : {}),
  };
  const output = await options.executor.execute({ document, operationName, variables: variables ?? {}, context });
  const summary: RequestSummary = {
    context,
    ...(state.trace.parentSpanId ? { parentSpanId: state.trace.parentSpanId } : {}),
    operationName,
    startedAt,
    endedAt: clock(),
    output,
  };
  try {
    await options.audit.recordRequest(summary);
  } catch {
    state.auditFailed = true;
  }
  if (output.storeUnavailable) state.storeFailed = true;
  (state.executed ??= []).push(summary);
  options.onRequestDone?.(summary, { auditFailed: state.auditFailed === true, storeFailed: state.storeFailed === true, errors: output.result.errors?.length ?? 0 });
  if (state.auditFailed) return auditUnavailableResult();
  return state.storeFailed ? storeUnavailableResult() : output.result;
}
