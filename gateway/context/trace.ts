/** W3C trace context: honour an incoming `traceparent`, start a new trace otherwise. */
import { randomFillSync } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

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
  return /^0+$/.test(hex) ? randomHex(bytes) : hex;
}

export function newSpanId(): string {
  return randomHex(8);
}

export function newTraceId(): string {
  return randomHex(16);
}

/** A trace context for this request: a child of the caller's span when a valid `traceparent` came in. */
export function traceFromHeader(header: string | undefined): TraceContext {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (match && !/^0+$/.test(match[1]!) && !/^0+$/.test(match[2]!)) {
    return { traceId: match[1]!, parentSpanId: match[2]!, spanId: newSpanId(), flags: match[3]! };
  }
  return { traceId: newTraceId(), spanId: newSpanId(), flags: '01' };
}

export function formatTraceparent(traceId: string, spanId: string, flags = '01'): string {
  return `00-${traceId}-${spanId}-${flags}`;
}
