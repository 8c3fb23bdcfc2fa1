/**
 * What the whole product tells an operator about a request: its spans, sent to a local OTLP
 * collector (the request span, a policy span per question the executor asked and a span per
 * partner call, all in the caller's trace, and not a BSN among them), and the audit metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, startProduct, type Product } from '../helpers/product.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const ESMEE = '999990007';

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

describe('spans of a request about a person', () => {
  let collector: Server;
  const exported: OtlpSpan[] = [];
  let p: Product;
  let metrics: string[];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const r of body.resourceSpans) for (const s of r.scopeSpans) exported.push(...s.spans);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    p = await startProduct({ env: { DOELPOORT_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` } });
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const selected = await p.query(
      coordinator,
      'uitkeringsfraude',
      `mutation { selecteerAdres(project: "${PROJECT}", adresId: "9999200000900001", reden: "Overlapping signals of two partners on this address.") { id } }`,
    );
    expect(selected.body.errors).toBeUndefined();
    const analist = await p.token('analist', 'belastingdienst');
    const asked = await p.query(analist, 'uitkeringsfraude', `query Esmee { persoon(bsn: "${ESMEE}") { naam { geslachtsnaam } geboortedatum toeslagen { soort } } }`, {
      traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
    });
    expect(asked.status).toBe(200);
    expect(asked.body.data).toEqual({ persoon: { naam: { geslachtsnaam: 'Verhoeven' }, geboortedatum: '1994-05-12', toeslagen: null } });
    expect(asked.body.errors!.map((e) => [e.path, e.extensions?.['principle']])).toEqual([[['persoon', 'toeslagen'], 'subsidiariteit']]);
    metrics = (await (await fetch(`${p.origin}/metrics`)).text()).split('\n');
    // Stopping sends the spans still queued.
    await p.stop();
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
    await new Promise<void>((resolve) => collector?.close(() => resolve()));
  });

  const attributesOf = (span: OtlpSpan): Record<string, unknown> => Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]]));

  it('makes the policy’s own register look-ups in the caller’s trace too, each with a span id of its own', () => {
    const inTrace = p.partnerRequests().filter((r) => r.traceparent?.startsWith(`00-${TRACE_ID}-`));
    const lookups = inTrace.filter((r) => /^query Register/.test(r.query));
    expect(lookups.map((r) => [r.subgraph, /^query (\w+)/.exec(r.query)![1]])).toEqual([['brp', 'RegisterPersons'], ['bag', 'RegisterAddresses']]);
    const spanIds = inTrace.map((r) => r.traceparent!.split('-')[2]);
    expect(new Set(spanIds).size).toBe(spanIds.length);
    expect(p.partnerRequests().filter((r) => /^query Register/.test(r.query) && !inTrace.includes(r)).every((r) => !r.traceparent?.includes(TRACE_ID))).toBe(true);
  });

  it('exports the request span, a policy span per question and the partner call spans in the caller’s trace', () => {
    const spans = exported.filter((s) => s.traceId === TRACE_ID);
    const request = spans.find((s) => s.kind === 2)!;
    expect(request).toMatchObject({ name: 'Esmee', parentSpanId: CALLER_SPAN, status: { code: 1 } });
    expect(spans.map((s) => s.name).sort()).toEqual(['Esmee', 'doelpoort.policy', 'doelpoort.policy', 'partner brp', 'partner brp']);

    const policy = spans.filter((s) => s.name === 'doelpoort.policy')
      .sort((a, b) => String(attributesOf(a)['doelpoort.partner']).localeCompare(String(attributesOf(b)['doelpoort.partner'])));
    expect(policy.map((s) => ({ parent: s.parentSpanId, kind: s.kind, status: s.status.code, attributes: attributesOf(s) }))).toEqual([
      {
        parent: request.spanId,
        kind: 1,
        status: 1,
        attributes: {
          'doelpoort.partner': 'belastingdienst',
          'doelpoort.entity_types': 'Persoon',
          'doelpoort.entities': 1,
          'doelpoort.fields': 1,
          'doelpoort.decisions.allow': 0,
          'doelpoort.decisions.minimise': 0,
          'doelpoort.decisions.deny': 1,
          'doelpoort.denied_by': 'subsidiariteit',
        },
      },
      {
        parent: request.spanId,
        kind: 1,
        status: 1,
        attributes: {
          'doelpoort.partner': 'brp',
          'doelpoort.entity_types': 'Persoon',
          'doelpoort.entities': 1,
          'doelpoort.fields': 2,
          'doelpoort.decisions.allow': 2,
          'doelpoort.decisions.minimise': 0,
          'doelpoort.decisions.deny': 0,
        },
      },
    ]);
    for (const s of spans.filter((s) => s.name === 'partner brp')) {
      expect({ parent: s.parentSpanId, kind: s.kind, attributes: attributesOf(s) }).toEqual({ parent: request.spanId, kind: 3, attributes: { 'doelpoort.partner': 'brp' } });
    }
  });

  it('sends no nine-digit run in any span’s name or attributes, nor one the mask had to hide', () => {
    expect(exported.length).toBeGreaterThan(5);
    const described = exported.map((s) => JSON.stringify({ name: s.name, attributes: s.attributes }));
    expect(described.filter((text) => /\d{9}|\*{9}/.test(text))).toEqual([]);
  });

  it('times the one audit write with records (the selection decided nothing about a subject) and shows nothing left waiting', () => {
    expect(metrics.filter((line) => /^doelpoort_audit_(queue_depth|write_duration_seconds_count)/.test(line))).toEqual([
      'doelpoort_audit_write_duration_seconds_count 1',
      'doelpoort_audit_queue_depth 0',
    ]);
  });
});

describe('spans the collector does not take', () => {
  // The exporter retries a collector it cannot reach for up to 10 s before it drops the spans.
  it('are dropped and the failure is logged', { timeout: 90_000 }, async () => {
    const p = await startProduct({ env: { DOELPOORT_OTLP_ENDPOINT: 'http://127.0.0.1:1' } });
    try {
      const analist = await p.token('analist', 'belastingdienst');
      expect((await p.query(analist, 'uitkeringsfraude', '{ __typename }')).status).toBe(200);
      await p.stop();
      const failures = p
        .logLines()
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line['event'] === 'tracing.export-failed')
        .map((line) => [line['level'], line['message']]);
      expect(failures).toEqual([['warn', 'the collector at http://127.0.0.1:1/v1/traces could not be reached; 1 spans dropped']]);
    } finally {
      await p.stop();
      await p.cleanup();
    }
  });
});
