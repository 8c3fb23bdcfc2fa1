/** The start steps of gateway/start/, each on its own (startDoelpoort composes them; the product tests run them together). */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../gateway/config/index.ts';
import { callHeaders, NOT_DECLARED } from '../../gateway/start/call-headers.ts';
import { checkStartConfig } from '../../gateway/start/config.ts';
import { startObservability } from '../../gateway/start/observability.ts';
import { composePartners } from '../../gateway/start/server.ts';
import { interfaceObjectRequires } from '../federation/differential/fixtures/interface-object-requires.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('start step: config', () => {
  it('runs the embedded default only with embedded partners given', () => {
    const config = loadConfig({ env: { DOELPOORT_DATA_DIR: '/tmp/none' } });
    expect(checkStartConfig(config, true)).toEqual({ embedded: true });
    expect(() => checkStartConfig(config, false)).toThrow('no embedded partners were given');
  });

  it('refuses configured subgraphs without an identity provider', () => {
    const config = loadConfig({ env: { DOELPOORT_DATA_DIR: '/tmp/none', DOELPOORT_SUBGRAPHS: 'brp=http://127.0.0.1:4001/graphql' } });
    expect(() => checkStartConfig(config, true)).toThrow('Configuration error: auth:');
  });
});

describe('start step: observability', () => {
  it('has no tracer without an OTLP endpoint, and one with it', async () => {
    const lines: string[] = [];
    const without = startObservability({ logLevel: 'info' }, { write: (line: string) => lines.push(line) > 0 });
    expect(without.tracer).toBeUndefined();
    without.logger.info('started');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', event: 'started' });
    const withEndpoint = startObservability({ logLevel: 'info', otlpEndpoint: 'http://127.0.0.1:1' });
    expect(withEndpoint.tracer).toBeDefined();
    await withEndpoint.tracer!.shutdown();
  });
});

describe('start step: call headers', () => {
  it('gives a call without a caller its traceparent and no token', async () => {
    const signing = { headers: async () => ({ authorization: 'never' }) } as unknown as Parameters<typeof callHeaders>[0];
    const headers = await callHeaders(signing)({ graph: 'brp', coordinates: [], spanId: SPAN_ID, context: { requestId: 'r', traceId: TRACE_ID, spanId: 'aaaaaaaaaaaaaaaa', now: new Date() } });
    expect(headers).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
  });

  it('signs a caller’s call for its project and purpose, or for none declared', async () => {
    const signed: unknown[] = [];
    const signing = { headers: async (context: unknown, headers: Record<string, string>) => (signed.push(context), { ...headers, authorization: 'Bearer t' }) } as unknown as Parameters<typeof callHeaders>[0];
    const caller = { id: 'u1', organisation: 'uwv', roles: ['analist'] };
    const headers = await callHeaders(signing)({ graph: 'brp', coordinates: ['Persoon.naam'], spanId: SPAN_ID, context: { requestId: 'r', traceId: TRACE_ID, spanId: 'aaaaaaaaaaaaaaaa', now: new Date(), caller } as never });
    expect(headers).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, authorization: 'Bearer t' });
    expect(signed).toEqual([
      { partner: 'brp', traceId: TRACE_ID, organisation: 'uwv', role: 'analist', roles: ['analist'], callerId: 'u1', project: NOT_DECLARED, purpose: NOT_DECLARED, fields: ['Persoon.naam'] },
    ]);
  });
});

describe('start step: server', () => {
  it('logs the fields the kit composed otherwise than the composition library', () => {
    const logged: { event: string; fields: unknown }[] = [];
    const record = (event: string, fields?: unknown) => void logged.push({ event, fields });
    const logger = { debug: record, info: record, warn: record, error: record };
    const sources = interfaceObjectRequires.subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1/${s.name}`, sdl: s.typeDefs }));
    const composed = composePartners(sources, logger);
    expect(composed.supergraphSdl).toContain('name: String @join__field(graph: A) @join__field(graph: B, external: true)');
    expect(logged).toEqual([
      {
        event: 'supergraph.repaired',
        fields: {
          fields: ['NodeWithName.name'],
          message: 'These fields are composed as the Federation spec and the subgraphs say, not as @theguild/federation-composition wrote them (docs/executor-patches.md, "Compatibility suite").',
        },
      },
    ]);
  });
});
