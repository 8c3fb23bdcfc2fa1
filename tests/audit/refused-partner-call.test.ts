/**
 * A partner call that the gateway's guard refused (an open circuit, a full queue) never reached the
 * partner: nothing was processed there, so it gets no processing record. A call that was made and
 * failed did reach the partner, and keeps its record (status error).
 */
import { describe, expect, it } from 'vitest';
import { requestRecords } from '../../gateway/audit/request-records.ts';
import type { PartnerCallRecord } from '../../gateway/executor/execute.ts';
import { BSN, KEY, TRACE_ID } from './fixtures.ts';

const at = new Date('2026-03-02T10:00:00.000Z');

function recordsFor(calls: PartnerCallRecord[]) {
  return requestRecords(
    {
      context: {
        requestId: 'req-1',
        traceId: TRACE_ID,
        spanId: '00f067aa0ba902b7',
        now: at,
        caller: { id: 'analist-1', organisation: 'sociale-dienst', roles: ['analist'], projects: ['wijkaanpak-2026'] },
        purpose: { project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' },
      },
      operationName: 'Bewoner',
      startedAt: at,
      endedAt: at,
      output: {
        result: { data: { persoon: { uitkeringen: null, naam: null } } },
        decisions: ['uwv', 'brp'].map((owner) => ({
          coordinate: owner === 'uwv' ? 'Persoon.uitkeringen' : 'Persoon.naam',
          owner,
          tier: owner === 'uwv' ? ('financial' as const) : ('identifying' as const),
          subject: { kind: 'person' as const, id: BSN },
          path: ['persoon'],
          round: 1,
          decision: { outcome: 'allow' as const, rule: 'doelbinding.allowed' },
        })),
        calls,
        minimised: [],
      },
    },
    { pseudonymKey: KEY, policyVersion: 'v1', activities: [{ id: 'pa-uitkeringsfraude', version: 1, purpose: 'uitkeringsfraude' }] },
  );
}

describe('partner processing records', () => {
  it('are written for calls that reached the partner, failed or not, and not for calls refused by the gateway', () => {
    const records = recordsFor([
      { graph: 'uwv', spanId: 'a1a1a1a1a1a1a1a1', startedAt: at, endedAt: at, ok: false, failure: 'SUBGRAPH_UNAVAILABLE: circuit open', refused: true, coordinates: ['Persoon.uitkeringen'] },
      { graph: 'brp', spanId: 'b2b2b2b2b2b2b2b2', startedAt: at, endedAt: at, ok: false, failure: 'SUBGRAPH_TIMEOUT: did not answer within 5000 ms', coordinates: ['Persoon.naam'] },
    ]);
    const processing = records.filter((r) => r.kind === 'processing').map((r) => r.body as { partner: string | null; status: string; partner_reference: string | null });
    expect(processing.map(({ partner, status, partner_reference }) => ({ partner, status, partner_reference }))).toEqual([
      { partner: null, status: 'ok', partner_reference: null },
      { partner: 'brp', status: 'error', partner_reference: 'b2b2b2b2b2b2b2b2' },
    ]);
  });
});
