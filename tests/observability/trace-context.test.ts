import { describe, expect, it } from 'vitest';
import { formatTraceparent, newRequestId, newSpanId, newTraceId, traceFromHeader } from '../../gateway/context/trace.ts';
import { holdsElevenTestDigits } from '../../gateway/policy/bsn-like.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('W3C trace context', () => {
  it('continues the caller’s trace under a span of its own, keeping the caller’s flags', () => {
    const context = traceFromHeader(` 00-${TRACE_ID.toUpperCase()}-${CALLER_SPAN}-00 `);
    expect(context).toEqual({ traceId: TRACE_ID, parentSpanId: CALLER_SPAN, spanId: expect.stringMatching(/^[0-9a-f]{16}$/), flags: '00' });
    expect(context.spanId).not.toBe(CALLER_SPAN);
  });

  it('starts a new trace when the header is absent or not a valid trace context', () => {
    for (const header of [undefined, '', 'garbage', `00-${'0'.repeat(32)}-${CALLER_SPAN}-01`, `00-${TRACE_ID}-${'0'.repeat(16)}-01`, `ff-${TRACE_ID}-${CALLER_SPAN}-01`]) {
      const context = traceFromHeader(header);
      expect(context.parentSpanId).toBeUndefined();
      expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(context.traceId).not.toBe(TRACE_ID);
      expect(context.flags).toBe('01');
    }
  });

  it('starts a new trace when the caller\'s trace or span id holds nine digits that pass the 11-test', () => {
    const carrying = [
      `00-00000000000000000000000999990007-${CALLER_SPAN}-01`,
      `00-4bf92f3577b34da6a3ce9999900070e4-${CALLER_SPAN}-01`,
      // Inside a longer run of digits: 1999990007 holds 999990007.
      `00-4bf92f3577b34da6a3ce1999990007e4-${CALLER_SPAN}-01`,
      `00-${TRACE_ID}-ab999990019cdeff-01`,
    ];
    for (const header of carrying) {
      const context = traceFromHeader(header);
      expect(context.parentSpanId).toBeUndefined();
      expect(holdsElevenTestDigits(context.traceId)).toBe(false);
      expect(header).not.toContain(context.traceId);
    }
    // Nine digits that fail the 11-test, and eight in a row, are no reason to break the caller's trace.
    for (const traceId of ['4bf92f3577b34da6123456789e0e4736', '4bf92f3577b34da612345678ae0e4736']) {
      expect(traceFromHeader(`00-${traceId}-${CALLER_SPAN}-01`)).toMatchObject({ traceId, parentSpanId: CALLER_SPAN });
    }
  });

  it('never makes a trace, span or request id that holds nine digits that pass the 11-test', () => {
    // Of random ids about one trace id in 36, one span id in 100 and one UUID in 600 would.
    const ids = Array.from({ length: 5000 }, () => [newTraceId(), newSpanId(), newRequestId()]).flat();
    expect(ids.filter(holdsElevenTestDigits)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the traceparent a partner call carries', () => {
    expect(formatTraceparent(TRACE_ID, CALLER_SPAN)).toBe(`00-${TRACE_ID}-${CALLER_SPAN}-01`);
    expect(() => formatTraceparent('0'.repeat(32), CALLER_SPAN)).toThrow('not a valid trace context');
  });
});
