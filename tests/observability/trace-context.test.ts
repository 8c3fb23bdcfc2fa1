import { describe, expect, it } from 'vitest';
import { formatTraceparent, traceFromHeader } from '../../gateway/context/trace.ts';

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

  it('writes the traceparent a partner call carries', () => {
    expect(formatTraceparent(TRACE_ID, CALLER_SPAN)).toBe(`00-${TRACE_ID}-${CALLER_SPAN}-01`);
    expect(() => formatTraceparent('0'.repeat(32), CALLER_SPAN)).toThrow('not a valid trace context');
  });
});
