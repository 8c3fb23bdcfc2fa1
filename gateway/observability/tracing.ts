/**
 * Spans for the request, the policy and each partner call, with the request's W3C trace id, sent
 * as OTLP/HTTP JSON to a collector when an endpoint is configured. Without one the tracer still
 * hands out span ids (they go to the partners in `traceparent`) and sends nothing.
 *
 * Ended spans are queued and sent in batches: when `maxBatch` are waiting, every
 * `flushIntervalMs`, and on `flush()`/`shutdown()`. Export never fails a request: a failed post
 * drops its spans and is reported to `onExportError`; when `maxQueue` spans wait, new ones are
 * dropped. String attributes pass the same nine-digit mask as the logs.
 */
import { newSpanId } from '../context/trace.ts';
import { redactText } from './redact.ts';

export type SpanStatus = 'unset' | 'ok' | 'error';
export type SpanKind = 'internal' | 'server' | 'client';
export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface SpanStart {
  traceId: string;
  parentSpanId?: string;
  /** The span's id when it is already known (the request's own span id); a new one otherwise. */
  spanId?: string;
  kind?: SpanKind;
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
  /** Stops the timer and flushes. */
  shutdown(): Promise<void>;
}

export interface TracerOptions {
  /** OTLP/HTTP base URL (…/v1/traces is appended unless given); no export when absent. */
  endpoint?: string;
  serviceName: string;
  maxBatch?: number;
  maxQueue?: number;
  flushIntervalMs?: number;
  exportTimeoutMs?: number;
  /** Milliseconds since the epoch, fractions allowed. */
  now?: () => number;
  fetch?: typeof fetch;
  onExportError?: (error: Error) => void;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status: { code: number };
}

const KIND: Readonly<Record<SpanKind, number>> = { internal: 1, server: 2, client: 3 };
const STATUS: Readonly<Record<SpanStatus, number>> = { unset: 0, ok: 1, error: 2 };
const SCOPE = 'doelpoort';

export function createTracer(options: TracerOptions): Tracer {
  const { endpoint } = options;
  if (endpoint === undefined) return noopTracer();

  const url = endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const maxBatch = options.maxBatch ?? 512;
  const maxQueue = options.maxQueue ?? 2048;
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const post = options.fetch ?? fetch;
  const queue: OtlpSpan[] = [];
  let sending: Promise<void> = Promise.resolve();

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 5000);
  timer.unref();

  function enqueue(span: OtlpSpan): void {
    if (queue.length >= maxQueue) return;
    queue.push(span);
    if (queue.length >= maxBatch) void flush();
  }

  function flush(): Promise<void> {
    sending = sending.then(async () => {
      while (queue.length > 0) await send(queue.splice(0, maxBatch));
    });
    return sending;
  }

  async function send(spans: OtlpSpan[]): Promise<void> {
    let response: Response;
    try {
      response = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(exportRequest(options.serviceName, spans)),
        signal: AbortSignal.timeout(options.exportTimeoutMs ?? 10_000),
      });
      await response.arrayBuffer();
    } catch {
      options.onExportError?.(new Error(`the collector at ${url} could not be reached; ${spans.length} spans dropped`));
      return;
    }
    if (!response.ok) options.onExportError?.(new Error(`the collector at ${url} answered HTTP ${response.status}; ${spans.length} spans dropped`));
  }

  return {
    startSpan(name, start) {
      const spanId = start.spanId ?? newSpanId();
      const startTime = now();
      let ended = false;
      return {
        spanId,
        end(status = 'unset', attributes = {}) {
          if (ended) return;
          ended = true;
          enqueue(otlpSpan(name, { ...start, spanId, attributes: { ...start.attributes, ...attributes } }, startTime, now(), status));
        },
      };
    },
    recordSpan(name, span) {
      enqueue(otlpSpan(name, span, span.startTime.getTime(), span.endTime.getTime(), span.status ?? 'unset'));
    },
    flush,
    async shutdown() {
      clearInterval(timer);
      await flush();
    },
  };
}

function noopTracer(): Tracer {
  return {
    startSpan: (_name, start) => ({ spanId: start.spanId ?? newSpanId(), end() {} }),
    recordSpan() {},
    flush: async () => {},
    shutdown: async () => {},
  };
}

function otlpSpan(name: string, start: SpanStart & { spanId: string }, startMs: number, endMs: number, status: SpanStatus): OtlpSpan {
  return {
    traceId: start.traceId,
    spanId: start.spanId,
    ...(start.parentSpanId ? { parentSpanId: start.parentSpanId } : {}),
    name: redactText(name),
    kind: KIND[start.kind ?? 'internal'],
    startTimeUnixNano: unixNano(startMs),
    endTimeUnixNano: unixNano(endMs),
    attributes: Object.entries(start.attributes ?? {}).map(([key, value]) => ({ key, value: attributeValue(value) })),
    status: { code: STATUS[status] },
  };
}

function attributeValue(value: AttributeValue): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: redactText(value) };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Number.isInteger(value)) return /\d{9,}/.test(String(value)) ? { stringValue: redactText(String(value)) } : { intValue: String(value) };
  return { doubleValue: value };
}

/**
 * Milliseconds since the epoch as integer nanoseconds, in a string as OTLP JSON wants 64-bit
 * integers. Kept to the microsecond: a double holding today's epoch milliseconds is no finer.
 */
export function unixNano(ms: number): string {
  const whole = Math.floor(ms);
  return String(BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1000)) * 1000n);
}

function exportRequest(serviceName: string, spans: OtlpSpan[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [{ scope: { name: SCOPE }, spans }],
      },
    ],
  };
}
