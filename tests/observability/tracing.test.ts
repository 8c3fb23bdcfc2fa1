import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTracer } from '../../gateway/observability/tracing.ts';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const REQUEST_SPAN = '00f067aa0ba902b7';

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: unknown;
}

let server: Server;
let base: string;
let received: Received[] = [];
let answerStatus = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(answerStatus, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  answerStatus = 200;
});

/** A clock that advances 1.5 ms per reading from a fixed instant. */
function clock(startMs = 1_740_823_200_000) {
  let t = startMs;
  return () => {
    const now = t;
    t += 1.5;
    return now;
  };
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
  status: { code?: number };
}

interface OtlpBody {
  resourceSpans: { resource: { attributes: { key: string; value: Record<string, unknown> }[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

function spansOf(r: Received): OtlpSpan[] {
  return (r.body as OtlpBody).resourceSpans[0]!.scopeSpans[0]!.spans;
}

/** What the gateway decides of a span (the SDK adds empty events, links and counters beside these). */
function decided(span: OtlpSpan) {
  const { traceId, spanId, parentSpanId, name, kind, startTimeUnixNano, endTimeUnixNano, attributes, status } = span;
  return { traceId, spanId, ...(parentSpanId ? { parentSpanId } : {}), name, kind, startTimeUnixNano, endTimeUnixNano, attributes, status: status.code ?? 0 };
}

describe('OTLP export', () => {
  it('posts the request, policy and partner call spans as OTLP/HTTP JSON on flush', async () => {
    const tracer = createTracer({ endpoint: base, serviceName: 'doelpoort', now: clock() });
    const request = tracer.startSpan('POST /graphql', { traceId: TRACE_ID, parentSpanId: CALLER_SPAN, spanId: REQUEST_SPAN, kind: 'server', attributes: { 'graphql.operation.name': 'Bewoners' } });
    const policy = tracer.startSpan('policy', { traceId: TRACE_ID, parentSpanId: request.spanId, attributes: { 'doelpoort.decisions': 3, 'doelpoort.note': 'bsn 999990019' } });
    policy.end('ok', { 'doelpoort.denied': true });
    tracer.recordSpan('partner brp', {
      traceId: TRACE_ID,
      parentSpanId: request.spanId,
      spanId: '1111111111111111',
      kind: 'client',
      startTime: new Date('2025-03-01T10:00:00.010Z'),
      endTime: new Date('2025-03-01T10:00:00.030Z'),
      status: 'error',
      attributes: { 'doelpoort.partner': 'brp', 'doelpoort.ratio': 0.5 },
    });
    request.end('ok', { 'http.response.status_code': 200 });
    expect(received).toEqual([]);
    await tracer.flush();
    await tracer.shutdown();

    expect(policy.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(received.map((r) => [r.method, r.url, r.contentType])).toEqual([['POST', '/v1/traces', 'application/json']]);
    const body = received[0]!.body as OtlpBody;
    expect(body.resourceSpans[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'doelpoort' } });
    expect(body.resourceSpans[0]!.scopeSpans.map((s) => s.scope.name)).toEqual(['doelpoort']);
    expect(spansOf(received[0]!).map(decided)).toEqual([
      {
        traceId: TRACE_ID,
        spanId: policy.spanId,
        parentSpanId: REQUEST_SPAN,
        name: 'policy',
        kind: 1,
        startTimeUnixNano: '1740823200001500000',
        endTimeUnixNano: '1740823200003000000',
        attributes: [
          { key: 'doelpoort.decisions', value: { intValue: 3 } },
          { key: 'doelpoort.note', value: { stringValue: 'bsn *********' } },
          { key: 'doelpoort.denied', value: { boolValue: true } },
        ],
        status: 1,
      },
      {
        traceId: TRACE_ID,
        spanId: '1111111111111111',
        parentSpanId: REQUEST_SPAN,
        name: 'partner brp',
        kind: 3,
        startTimeUnixNano: '1740823200010000000',
        endTimeUnixNano: '1740823200030000000',
        attributes: [
          { key: 'doelpoort.partner', value: { stringValue: 'brp' } },
          { key: 'doelpoort.ratio', value: { doubleValue: 0.5 } },
        ],
        status: 2,
      },
      {
        traceId: TRACE_ID,
        spanId: REQUEST_SPAN,
        parentSpanId: CALLER_SPAN,
        name: 'POST /graphql',
        kind: 2,
        startTimeUnixNano: '1740823200000000000',
        endTimeUnixNano: '1740823200004500000',
        attributes: [
          { key: 'graphql.operation.name', value: { stringValue: 'Bewoners' } },
          { key: 'http.response.status_code', value: { intValue: 200 } },
        ],
        status: 1,
      },
    ]);
  });

  it('starts a span without a parent in the given trace, and masks a nine-digit number and a BSN in another spelling', async () => {
    const tracer = createTracer({ endpoint: base, serviceName: 'doelpoort', now: clock() });
    tracer.startSpan('Esmee_999_990_007', { traceId: TRACE_ID, spanId: REQUEST_SPAN, attributes: { 'doelpoort.count': 999990019, 'doelpoort.note': 'bsn 9999 90 019' } }).end();
    await tracer.shutdown();
    expect(spansOf(received[0]!).map(decided)).toEqual([
      {
        traceId: TRACE_ID,
        spanId: REQUEST_SPAN,
        name: 'Esmee_*********',
        kind: 1,
        startTimeUnixNano: '1740823200000000000',
        endTimeUnixNano: '1740823200001500000',
        attributes: [
          { key: 'doelpoort.count', value: { stringValue: '*********' } },
          { key: 'doelpoort.note', value: { stringValue: 'bsn *********' } },
        ],
        status: 0,
      },
    ]);
  });

  it('sends a batch as soon as it is full, and the rest on flush', async () => {
    const tracer = createTracer({ endpoint: `${base}/`, serviceName: 'doelpoort', maxBatch: 2, now: clock() });
    for (const name of ['a', 'b', 'c']) tracer.startSpan(name, { traceId: TRACE_ID }).end();
    await tracer.shutdown();
    expect(received.map((r) => spansOf(r).map((s) => s.name))).toEqual([['a', 'b'], ['c']]);
  });

  it('ends a span once', async () => {
    const tracer = createTracer({ endpoint: `${base}/v1/traces`, serviceName: 'doelpoort', now: clock() });
    const span = tracer.startSpan('once', { traceId: TRACE_ID });
    span.end('ok');
    span.end('error');
    await tracer.shutdown();
    expect(received.map((r) => spansOf(r).map((s) => s.name))).toEqual([['once']]);
    expect(received[0]?.url).toBe('/v1/traces');
  });

  it('reports a collector that refuses or cannot be reached, without throwing', async () => {
    answerStatus = 500;
    const errors: string[] = [];
    const tracer = createTracer({ endpoint: base, serviceName: 'doelpoort', now: clock(), onExportError: (e) => errors.push(e.message) });
    tracer.startSpan('a', { traceId: TRACE_ID }).end();
    await tracer.shutdown();
    // A collector that cannot be reached is retried until the export's time is up.
    const down = createTracer({ endpoint: 'http://127.0.0.1:1', serviceName: 'doelpoort', exportTimeoutMs: 200, now: clock(), onExportError: (e) => errors.push(e.message) });
    down.startSpan('b', { traceId: TRACE_ID }).end();
    await down.shutdown();
    expect(errors).toEqual([
      `the collector at ${base}/v1/traces answered HTTP 500; 1 spans dropped`,
      'the collector at http://127.0.0.1:1/v1/traces could not be reached; 1 spans dropped',
    ]);
  });

  it('drops spans beyond the queue bound while an export is under way', async () => {
    const tracer = createTracer({ endpoint: base, serviceName: 'doelpoort', maxBatch: 2, maxQueue: 2, now: clock() });
    // a and b fill a batch and go at once; c and d wait in the queue; e finds it full.
    for (const name of ['a', 'b', 'c', 'd', 'e']) tracer.startSpan(name, { traceId: TRACE_ID }).end();
    await tracer.shutdown();
    expect(received.map((r) => spansOf(r).map((s) => s.name))).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

describe('without an endpoint', () => {
  it('hands out span ids and sends nothing, even where the OpenTelemetry variables name a collector', async () => {
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = base;
    process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] = `${base}/v1/traces`;
    try {
      const tracer = createTracer({ serviceName: 'doelpoort' });
      const span = tracer.startSpan('request', { traceId: TRACE_ID });
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(tracer.startSpan('request', { traceId: TRACE_ID, spanId: REQUEST_SPAN }).spanId).toBe(REQUEST_SPAN);
      span.end('ok');
      tracer.recordSpan('partner brp', { traceId: TRACE_ID, spanId: '1111111111111111', startTime: new Date(), endTime: new Date() });
      await tracer.flush();
      await tracer.shutdown();
      expect(received).toEqual([]);
    } finally {
      delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
      delete process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
    }
  });
});
