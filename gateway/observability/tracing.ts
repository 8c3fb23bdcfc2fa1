/**
 * Spans for the request, the policy and each partner call, by the OpenTelemetry SDK: a tracer
 * provider of the gateway's own (never the global one) with the service name as a resource
 * attribute, a batch span processor and the OTLP/HTTP exporter (JSON, `POST …/v1/traces`). Without
 * an endpoint no provider and no exporter exist: the tracer hands out span ids (they go to the
 * partners in `traceparent`) and sends nothing.
 *
 * The gateway knows a span's ids before the span exists (the request's span id and each partner
 * call's are sent out in `traceparent` first), so a span is started with the ids it was given: the
 * id generator hands the SDK those ids for exactly that one start. Every span is sampled.
 *
 * Export never fails a request: a failed export drops its spans (after the exporter's retries) and
 * is reported to `onExportError`; when `maxQueue` spans wait, new ones are dropped. Names and
 * string attributes pass the same nine-digit mask as the logs.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Attributes as OtelAttributes, type Tracer as OtelTracer } from '@opentelemetry/api';
import { ExportResultCode, millisToHrTime, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type IdGenerator, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { newSpanId, newTraceId } from '../context/trace.ts';
import { redactBsnLike, redactText } from './redact.ts';

export type SpanStatus = 'unset' | 'ok' | 'error';
export type SpanKindName = 'internal' | 'server' | 'client';
export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface SpanStart {
  traceId: string;
  parentSpanId?: string;
  /** The span's id when it is already known (the request's own span id); a new one otherwise. */
  spanId?: string;
  kind?: SpanKindName;
  attributes?: Attributes;
}

export interface Span {
  spanId: string;
  end(status?: SpanStatus, attributes?: Attributes): void;
}

export interface Tracer {
  startSpan(name: string, start: SpanStart): Span;
  /** A span that already happened, such as a partner call the executor recorded with its times. */
  recordSpan(name: string, span: SpanStart & { spanId: string; startTime: Date; endTime: Date; status?: SpanStatus }): void;
  /** Sends every queued span; resolves when sent (or dropped on failure). */
  flush(): Promise<void>;
  /** Flushes and stops the exporter. */
  shutdown(): Promise<void>;
}

export interface TracerOptions {
  /** OTLP/HTTP base URL (…/v1/traces is appended unless given); no export when absent. */
  endpoint?: string;
  serviceName: string;
  /** The batch span processor's settings; the SDK's defaults (and OTEL_BSP_* variables) otherwise. */
  maxBatch?: number;
  maxQueue?: number;
  flushIntervalMs?: number;
  /** One export's time, the exporter's retries included; 10 s by default. */
  exportTimeoutMs?: number;
  /** Milliseconds since the epoch, fractions allowed. */
  now?: () => number;
  onExportError?: (error: Error) => void;
}

const KIND: Readonly<Record<SpanKindName, SpanKind>> = { internal: SpanKind.INTERNAL, server: SpanKind.SERVER, client: SpanKind.CLIENT };
const STATUS: Readonly<Record<SpanStatus, SpanStatusCode>> = { unset: SpanStatusCode.UNSET, ok: SpanStatusCode.OK, error: SpanStatusCode.ERROR };
const SCOPE = 'doelpoort';

export function createTracer(options: TracerOptions): Tracer {
  const { endpoint } = options;
  if (endpoint === undefined) return noopTracer();

  const url = endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const exportTimeoutMs = options.exportTimeoutMs ?? 10_000;
  const ids = givenIds();
  const exporter = reportingFailures(new OTLPTraceExporter({ url, timeoutMillis: exportTimeoutMs }), url, options.onExportError);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    idGenerator: ids,
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        ...(options.maxBatch !== undefined ? { maxExportBatchSize: options.maxBatch } : {}),
        ...(options.maxQueue !== undefined ? { maxQueueSize: options.maxQueue } : {}),
        ...(options.flushIntervalMs !== undefined ? { scheduledDelayMillis: options.flushIntervalMs } : {}),
        exportTimeoutMillis: exportTimeoutMs,
      }),
    ],
  });
  const tracer = provider.getTracer(SCOPE);
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  // A failed export is reported by the exporter; the processor's rejection would say it again.
  const quietly = (work: Promise<void>) => work.catch(() => {});

  return {
    startSpan(name, start) {
      const spanId = start.spanId ?? newSpanId();
      const span = begin(tracer, ids, name, { ...start, spanId }, millisToHrTime(now()));
      let ended = false;
      return {
        spanId,
        end(status = 'unset', attributes = {}) {
          if (ended) return;
          ended = true;
          span.setAttributes(masked(attributes));
          span.setStatus({ code: STATUS[status] });
          span.end(millisToHrTime(now()));
        },
      };
    },
    recordSpan(name, start) {
      const span = begin(tracer, ids, name, start, start.startTime);
      span.setStatus({ code: STATUS[start.status ?? 'unset'] });
      span.end(start.endTime);
    },
    flush: () => quietly(provider.forceFlush()),
    shutdown: () => quietly(provider.shutdown()),
  };
}

/** Starts an SDK span with exactly the given trace and span ids, under the given parent. */
function begin(tracer: OtelTracer, ids: GivenIds, name: string, start: SpanStart & { spanId: string }, startTime: Date | [number, number]) {
  const parent = start.parentSpanId
    ? trace.setSpanContext(ROOT_CONTEXT, { traceId: start.traceId, spanId: start.parentSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: true })
    : ROOT_CONTEXT;
  ids.next = { traceId: start.traceId, spanId: start.spanId };
  try {
    return tracer.startSpan(redactBsnLike(name), { kind: KIND[start.kind ?? 'internal'], attributes: masked(start.attributes ?? {}), startTime }, parent);
  } finally {
    ids.next = {};
  }
}

interface GivenIds extends IdGenerator {
  next: { traceId?: string; spanId?: string };
}

/** An id generator that hands out the ids set in `next` for the one span being started, random ones otherwise. */
function givenIds(): GivenIds {
  const ids: GivenIds = {
    next: {},
    generateTraceId: () => ids.next.traceId ?? newTraceId(),
    generateSpanId: () => ids.next.spanId ?? newSpanId(),
  };
  return ids;
}

/** Strings masked; a whole number of nine or more digits becomes a masked string. */
function masked(attributes: Attributes): OtelAttributes {
  const out: OtelAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    out[redactText(key)] =
      typeof value === 'string' ? redactBsnLike(value) : typeof value === 'number' && /\d{9,}/.test(String(value)) ? redactText(String(value)) : value;
  }
  return out;
}

/** The exporter, with every failed export reported in words an operator can act on. */
function reportingFailures(exporter: SpanExporter, url: string, onExportError: ((error: Error) => void) | undefined): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      exporter.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) onExportError?.(new Error(`the collector at ${url} ${failure(result.error)}; ${spans.length} spans dropped`));
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

function failure(error: Error | undefined): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number') return `answered HTTP ${code}`;
  if (typeof code === 'string') return 'could not be reached';
  return `did not take them (${redactBsnLike(error?.message ?? 'no reason given')})`;
}

function noopTracer(): Tracer {
  return {
    startSpan: (_name, start) => ({ spanId: start.spanId ?? newSpanId(), end() {} }),
    recordSpan() {},
    flush: async () => {},
    shutdown: async () => {},
  };
}
