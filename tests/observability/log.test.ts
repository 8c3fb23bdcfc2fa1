import { describe, expect, it } from 'vitest';
import { countDecisions, createLogger, requestLogLine, type LoggerOptions } from '../../gateway/observability/log.ts';
import { redact } from '../../gateway/observability/redact.ts';

/** Random ids often hold nine digits in a row; these do on purpose. */
const TRACE_ID = 'a1b2c3d4e5f6a7b8c9d0123456789abc';
const SPAN_ID = '00f0123456789abc';
const REQUEST_ID = '0f8fad5b-d9cb-469f-a165-707913123456';

function capture(options: Omit<LoggerOptions, 'stream' | 'now'> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ ...options, stream: { write: (chunk: string) => lines.push(chunk) > 0 }, now: () => new Date('2025-03-01T10:00:00.000Z') });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON line per event with level, time and event first (pino’s order)', () => {
    const { logger, lines } = capture();
    logger.info('started', { url: 'http://127.0.0.1:4000' });
    expect(lines).toEqual(['{"level":"info","time":"2025-03-01T10:00:00.000Z","event":"started","url":"http://127.0.0.1:4000"}\n']);
  });

  it('never writes a field named bsn or authorization, whatever it holds', () => {
    const { logger, lines } = capture();
    logger.warn('mistake', { headers: { authorization: 'Bearer eyJ.abc.def' }, caller: { bsn: 'unknown' }, bsn: 'x12' });
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'warn',
      time: '2025-03-01T10:00:00.000Z',
      event: 'mistake',
      headers: { authorization: '******************' },
      caller: { bsn: '*******' },
      bsn: '***',
    });
  });

  it('leaves out events below its level and keeps its own fields from being overwritten', () => {
    const { logger, lines } = capture({ level: 'warn' });
    logger.info('ignored');
    logger.debug('ignored');
    logger.error('failed', { level: 'debug', event: 'other', reason: 'store down' });
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ time: '2025-03-01T10:00:00.000Z', level: 'error', event: 'failed', reason: 'store down' }]);
  });

  it('masks a BSN-looking value anywhere in a line, in strings (in any spelling), numbers, keys and errors', () => {
    const { logger, lines } = capture();
    logger.warn('mistake', {
      message: 'no access to 999990019 at this time',
      spelled: 'nor to 9999 90 019 or 999-990-020',

      bsn: 999990019,
      nested: [{ note: 'ids 123456789 and 9876543210' }],
      byBsn: { '999990020': 'x' },
      error: new Error('lookup of 999990032 failed'),
    });
    expect(lines[0]).not.toMatch(/\d{9}/);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2025-03-01T10:00:00.000Z',
      level: 'warn',
      event: 'mistake',
      message: 'no access to ********* at this time',
      spelled: 'nor to ********* or *********',
      bsn: '*********',
      nested: [{ note: 'ids ********* and **********' }],
      byBsn: { '*********': 'x' },
      error: { name: 'Error', message: 'lookup of ********* failed' },
    });
  });

  it('spares the gateway’s own identifiers, by name and exact shape only', () => {
    expect(redact({ traceId: TRACE_ID, spanId: SPAN_ID, requestId: REQUEST_ID })).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, requestId: REQUEST_ID });
    expect(redact({ traceId: 'bsn 999990019', requestId: '999990019' })).toEqual({ traceId: 'bsn *********', requestId: '*********' });
    expect(redact({ note: TRACE_ID, parentSpanId: SPAN_ID })).toEqual({ note: 'a1b2c3d4e5f6a7b8c9d**********abc', parentSpanId: SPAN_ID });
  });

  it('survives a value that refers to itself', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(redact(loop)).toEqual({ a: 1, self: '[circular]' });
  });
});

describe('request log line', () => {
  it('holds the trace id, status, reason, decision counts and partner calls, and nothing else', () => {
    const { logger, lines } = capture();
    const startedAt = new Date('2025-03-01T10:00:00.000Z');
    const fields = requestLogLine({
      traceId: TRACE_ID,
      method: 'POST',
      route: '/graphql',
      durationMs: 42,
      status: 200,
      reason: 'ok',
      executed: {
      operationName: 'Bewoners',
      decisions: countDecisions([
        { decision: { outcome: 'allow', rule: 'r' } },
        { decision: { outcome: 'allow', rule: 'r' } },
        { decision: { outcome: 'minimise', transform: 'year', principle: 'proportionaliteit', rule: 'r', reason: 'x' } },
        { decision: { outcome: 'deny', principle: 'scope', rule: 'r', reason: 'x' } },
      ]),
      partnerCalls: [
        { graph: 'brp', spanId: SPAN_ID, startedAt, endedAt: new Date(startedAt.getTime() + 12), ok: true, coordinates: ['Persoon.naam'] },
        { graph: 'uwv', spanId: SPAN_ID, startedAt, endedAt: new Date(startedAt.getTime() + 30), ok: false, failure: 'SUBGRAPH_TIMEOUT: did not answer within 30 ms', coordinates: [] },
      ],
      },
    });
    logger.info('request', fields);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2025-03-01T10:00:00.000Z',
      level: 'info',
      event: 'request',
      traceId: TRACE_ID,
      method: 'POST',
      route: '/graphql',
      durationMs: 42,
      status: 200,
      reason: 'ok',
      operationName: 'Bewoners',
      decisions: { allow: 2, minimise: 1, deny: 1 },
      partnerCalls: [
        { partner: 'brp', ok: true, durationMs: 12 },
        { partner: 'uwv', ok: false, durationMs: 30, failure: 'SUBGRAPH_TIMEOUT: did not answer within 30 ms' },
      ],
    });
  });

  it('masks a BSN that reaches the request line through an operation name', () => {
    const { logger, lines } = capture();
    const executed = { operationName: 'Persoon999990019', decisions: { allow: 0, minimise: 0, deny: 0 }, partnerCalls: [] };
    logger.info('request', requestLogLine({ traceId: TRACE_ID, method: 'POST', route: '/graphql', durationMs: 1, status: 200, reason: 'ok', executed }));
    expect(JSON.parse(lines[0]!).operationName).toBe('Persoon*********');
  });
});
