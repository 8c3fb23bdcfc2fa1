/**
 * The last safety net before anything leaves the process as a log line or a span: every run of
 * nine or more digits (a BSN is nine) becomes asterisks, in every string, key and number, however
 * deep, and so does a BSN-like number in another spelling in a string ("9999 90 226", eight digits
 * in a row: bsn-like.ts). What the gateway writes should never hold a value about a person in the
 * first place; this catches the mistake when it does.
 *
 * Only the gateway's own random identifiers are spared, by field name and exact shape: a hex trace
 * or span id and a UUID request id often contain nine digits in a row and must stay intact to be
 * of any use.
 */
import { removeBsnLike } from '../policy/bsn-like.ts';

const DIGIT_RUN = /\d{9,}/g;

const IDENTIFIER_SHAPES: Readonly<Record<string, RegExp>> = {
  traceId: /^[0-9a-f]{32}$/,
  spanId: /^[0-9a-f]{16}$/,
  parentSpanId: /^[0-9a-f]{16}$/,
  requestId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

export function redactText(text: string): string {
  return text.replace(DIGIT_RUN, (run) => '*'.repeat(run.length));
}

/** redactText, and a BSN-like number in any other spelling ("9999 90 226") masked too: for messages that quote others' text. */
export function redactBsnLike(text: string): string {
  return removeBsnLike(redactText(text), '*********');
}

/** A JSON-safe copy of `value` with every nine-digit run and BSN-like string masked; errors become their name and message. */
export function redact(value: unknown, key?: string, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return key !== undefined && IDENTIFIER_SHAPES[key]?.test(value) ? value : redactBsnLike(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    return /\d{9,}/.test(text) ? redactText(text) : typeof value === 'bigint' ? text : value;
  }
  if (typeof value !== 'object' || value === null) return typeof value === 'boolean' || value === null ? value : undefined;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) return { name: value.name, message: redactBsnLike(value.message) };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redact(item, undefined, seen) ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const masked = redact(v, k, seen);
    if (masked !== undefined) out[redactText(k)] = masked;
  }
  return out;
}
