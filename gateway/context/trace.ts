/**
 * W3C trace context, read and written by OpenTelemetry's propagator: honour an incoming
 * `traceparent`, start a new trace otherwise; pass one on to each partner call. And the request's
 * own id.
 *
 * No id the gateway writes holds a BSN: ids are written to logs, audit records and partner calls
 * as they are (the log's last safety net, observability/redact.ts, spares them by shape). So the
 * gateway draws its own ids again when one holds nine digits that pass the 11-test, and restarts
 * the trace (as W3C trace context allows a participant to) when a caller's trace or span id does.
 */
import { randomFillSync, randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { holdsElevenTestDigits } from '../policy/bsn-like.ts';

const propagator = new W3CTraceContextPropagator();

export interface TraceContext {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  flags: string;
}

// Random ids come from a pool refilled 4 KiB at a time: one system call per ~500 ids, not one per id.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  // An all-zero id is invalid in W3C trace context; with 8 random bytes it is astronomically rare, but never sent.
  return /^0+$/.test(hex) || holdsElevenTestDigits(hex) ? randomHex(bytes) : hex;
}

export function newSpanId(): string {
  return randomHex(8);
}

export function newTraceId(): string {
  return randomHex(16);
}

/** A request's id: a random UUID (about one in 600 is drawn again, for nine digits that pass the 11-test). */
export function newRequestId(): string {
  const id = randomUUID();
  return holdsElevenTestDigits(id) ? newRequestId() : id;
}

/**
 * A trace context for this request: a child of the caller's span when a valid `traceparent` came in
 * whose ids hold no nine digits that pass the 11-test (about one random caller's trace in 28 is
 * restarted for that).
 */
export function traceFromHeader(header: string | undefined): TraceContext {
  const carrier = header === undefined ? {} : { traceparent: header.trim().toLowerCase() };
  const parent = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
  if (parent && trace.isSpanContextValid(parent) && !holdsElevenTestDigits(parent.traceId) && !holdsElevenTestDigits(parent.spanId)) {
    return { traceId: parent.traceId, parentSpanId: parent.spanId, spanId: newSpanId(), flags: parent.traceFlags.toString(16).padStart(2, '0') };
  }
  return { traceId: newTraceId(), spanId: newSpanId(), flags: '01' };
}

/** The `traceparent` header for a call made in span `spanId` of trace `traceId`. */
export function formatTraceparent(traceId: string, spanId: string, flags = '01'): string {
  const carrier: { traceparent?: string } = {};
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: Number.parseInt(flags, 16) }), carrier, defaultTextMapSetter);
  if (carrier.traceparent === undefined) throw new Error(`not a valid trace context: trace ${traceId}, span ${spanId}`);
  return carrier.traceparent;
}
