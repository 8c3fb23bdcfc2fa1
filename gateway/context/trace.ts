/** W3C trace context: honour an incoming `traceparent`, start a new trace otherwise. */
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  flags: string;
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

/** A trace context for this request: a child of the caller's span when a valid `traceparent` came in. */
export function traceFromHeader(header: string | undefined): TraceContext {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (match && !/^0+$/.test(match[1]!) && !/^0+$/.test(match[2]!)) {
    return { traceId: match[1]!, parentSpanId: match[2]!, spanId: newSpanId(), flags: match[3]! };
  }
  return { traceId: randomBytes(16).toString('hex'), spanId: newSpanId(), flags: '01' };
}

export function formatTraceparent(traceId: string, spanId: string, flags = '01'): string {
  return `00-${traceId}-${spanId}-${flags}`;
}
