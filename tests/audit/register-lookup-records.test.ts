import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, test } from 'vitest';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import { createLookupJournal } from '../../gateway/audit/register-lookup-records.ts';
import { createAuditSink } from '../../gateway/audit/request-records.ts';
import type { AuditRecord } from '../../gateway/audit/records.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createPartnerRegisterLookup } from '../../gateway/facts/registers.ts';
import type { RequestSummary } from '../../gateway/server/pipeline.ts';
import { createBagSubgraph } from '../../subgraphs/bag/index.ts';
import { createBrpSubgraph } from '../../subgraphs/brp/index.ts';
import { defaultWorld, SCENARIO_ADRES, SCENARIO_BSN } from '../../subgraphs/world/index.ts';
import { KEY, TRACE_ID } from './fixtures.ts';

const world = defaultWorld();
const schemas = { 'http://bag.test': createBagSubgraph(world).schema, 'http://brp.test': createBrpSubgraph(world).schema } as const;
const REQUEST_SPAN = '00f067aa0ba902b7';
const ACTIVITY = { id: 'lsi-uitkeringsfraude', version: 2, purpose: 'uitkeringsfraude' };

/** The registers of the world in process; `failing` partners answer with an error. Records the traceparent of each call. */
function registersOfTheWorld(failing: string[] = []) {
  const journal = createLookupJournal();
  const traceparents: string[] = [];
  const fetcher: SubgraphFetcher = async (url, request, options) => {
    traceparents.push(options.headers?.traceparent ?? '');
    if (failing.includes(url)) return { data: null, errors: [{ message: 'down' }] };
    const result = (await execute({ schema: schemas[url as keyof typeof schemas], document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult;
    return JSON.parse(JSON.stringify(result));
  };
  const registers = createPartnerRegisterLookup({
    fetcher,
    urls: { bag: 'http://bag.test', brp: 'http://brp.test' },
    timeoutMs: 1000,
    headers: async (_partner, _coordinates, traceId, spanId) => ({ traceparent: `00-${traceId}-${spanId}-01` }),
    onLookup: journal.note,
  });
  return { registers, journal, traceparents };
}

function summaryFor(context: object): RequestSummary {
  return {
    context,
    operationName: 'Bewoners',
    startedAt: new Date('2026-03-02T10:00:00.000Z'),
    endedAt: new Date('2026-03-02T10:00:00.050Z'),
    output: { decisions: [], calls: [], result: { data: {} } },
  } as unknown as RequestSummary;
}

function capturingWriter() {
  const written: AuditRecord[][] = [];
  return { written, writer: { write: async (records: readonly AuditRecord[]) => (written.push([...records]), records.map((_, i) => i + 1)) } };
}

describe('the policy\'s register look-ups are recorded as processings of the request they serve', () => {
  test('one processing record per subject and look-up, under the request\'s activity and organisation, naming the register and the call\'s span', async () => {
    const { registers, journal, traceparents } = registersOfTheWorld();
    const context = { traceId: TRACE_ID, spanId: REQUEST_SPAN, requestId: 'r-1', now: new Date(), caller: { id: 'medewerker-3', organisation: 'uwv', roles: ['analist'], projects: ['wijkaanpak-2026'] }, purpose: { project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' } };
    await registers.persons([SCENARIO_BSN.esmeeVerhoeven], { traceId: TRACE_ID, request: context });
    await registers.addresses([SCENARIO_ADRES.gezinswoning], { traceId: TRACE_ID, request: context });
    const other = {};
    await registers.addresses([SCENARIO_ADRES.kraaijeveld], { traceId: TRACE_ID, request: other });

    const { written, writer } = capturingWriter();
    await createAuditSink(writer, { pseudonymKey: KEY, policyVersion: 'v', activities: [ACTIVITY] }, journal).recordRequest(summaryFor(context));
    const spans = traceparents.map((t) => t.split('-')[2]);
    expect(written).toEqual([
      [
        ['brp', 'person', SCENARIO_BSN.esmeeVerhoeven, spans[0], 'Scope check: BRP residence and secrecy flag'],
        ['bag', 'address', SCENARIO_ADRES.gezinswoning, spans[1], 'Scope check: BAG postcode'],
      ].map(([partner, type, id, span, name]) => ({
        kind: 'processing',
        body: {
          trace_id: TRACE_ID,
          span_id: span,
          parent_span_id: REQUEST_SPAN,
          name,
          status: 'ok',
          started_at: expect.any(String),
          ended_at: expect.any(String),
          processing_activity_id: ACTIVITY.id,
          processing_activity_version: '2',
          subject_pseudonym: pseudonymise(type as 'person' | 'address', id!, KEY),
          subject_type: type,
          partner,
          partner_reference: span,
          organisation: 'uwv',
          confidential: false,
          confidential_until: null,
        },
      })),
    ]);
    // Taken once: the other request keeps its own, this one has none left.
    expect(journal.take(context)).toEqual([]);
    expect(journal.take(other).map((c) => c.subjectIds)).toEqual([[SCENARIO_ADRES.kraaijeveld]]);
  });

  test('a look-up that failed is recorded with status error', async () => {
    const { registers, journal } = registersOfTheWorld(['http://brp.test']);
    const context = { traceId: TRACE_ID, spanId: REQUEST_SPAN, caller: { id: 'm', organisation: 'uwv', roles: ['analist'], projects: [] }, purpose: { project: 'p', purpose: 'uitkeringsfraude' } };
    await expect(registers.persons([SCENARIO_BSN.esmeeVerhoeven], { traceId: TRACE_ID, request: context })).rejects.toThrow('register look-up: brp answered with 1 error(s)');
    const { written, writer } = capturingWriter();
    await createAuditSink(writer, { pseudonymKey: KEY, policyVersion: 'v', activities: [ACTIVITY] }, journal).recordRequest(summaryFor(context));
    expect(written[0]!.map((r) => [r.kind, (r.body as { status: string }).status, (r.body as { partner: string }).partner])).toEqual([['processing', 'error', 'brp']]);
  });

  test('look-ups without a registered processing activity are not recorded half: the request\'s audit fails (no data)', async () => {
    const { registers, journal } = registersOfTheWorld();
    const context = { traceId: TRACE_ID, spanId: REQUEST_SPAN, caller: { id: 'm', organisation: 'uwv', roles: ['analist'], projects: [] }, purpose: { project: 'p', purpose: 'onbekend' } };
    await registers.addresses([SCENARIO_ADRES.gezinswoning], { traceId: TRACE_ID, request: context });
    const { written, writer } = capturingWriter();
    await expect(createAuditSink(writer, { pseudonymKey: KEY, policyVersion: 'v', activities: [ACTIVITY] }, journal).recordRequest(summaryFor(context))).rejects.toThrow(
      'No processing activity is registered for purpose "onbekend".',
    );
    expect(written).toEqual([]);
  });
});
