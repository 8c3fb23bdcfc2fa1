/**
 * Issue 12, "how to show it": data released without a registered processing activity or without a
 * verified caller is never recorded half. The records of such a request cannot be made, so nothing
 * is written and the answer is HTTP 503 without the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditSink, requestRecords } from '../../gateway/audit/request-records.ts';
import type { AuditRecord } from '../../gateway/audit/records.ts';
import type { RequestSummary } from '../../gateway/server/pipeline.ts';
import { FED, testContext } from '../helpers/federation.ts';
import { startSmallGateway, type SmallGateway } from '../helpers/small-gateway.ts';

const options = { pseudonymKey: new Uint8Array(32).fill(7), policyVersion: 'sha256:test', activities: [{ id: 'pa-uitkeringsfraude', version: 1, purpose: 'uitkeringsfraude' }] };

const sdl = `${FED}
directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION
type Query { persoon(bsn: ID!): Persoon }
type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
  geslachtsnaam: String @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
}`;
const resolvers = { Query: { persoon: (_: unknown, a: { bsn: string }) => ({ bsn: a.bsn }) }, Persoon: { geslachtsnaam: () => 'Verhoeven' } };

function released(overrides: Partial<RequestSummary['context']>): RequestSummary {
  return {
    context: testContext(overrides),
    operationName: null,
    startedAt: new Date('2026-11-23T10:00:00Z'),
    endedAt: new Date('2026-11-23T10:00:01Z'),
    output: {
      result: { data: { persoon: { geslachtsnaam: 'Verhoeven' } } },
      decisions: [
        { coordinate: 'Persoon.geslachtsnaam', owner: 'brp', tier: 'identifying', subject: { kind: 'person', id: '999990007' }, path: ['persoon', 'geslachtsnaam'], round: 1, decision: { outcome: 'allow', rule: 'policy.allow' } },
      ],
      calls: [],
      minimised: [],
    },
  };
}

describe('a release that cannot be recorded whole', () => {
  const caller = { id: 'emp-1', organisation: 'sociale-dienst', roles: ['analist'], projects: ['wijkaanpak-2026'] };

  it('makes no records without a processing activity for the purpose, or without a caller', () => {
    expect(() => requestRecords(released({ caller, purpose: { project: 'wijkaanpak-2026', purpose: 'woonfraude' } }), options)).toThrow(
      'No processing activity is registered for purpose "woonfraude".',
    );
    expect(() => requestRecords(released({ caller }), options)).toThrow('No processing activity is registered for purpose "(none)".');
    expect(() => requestRecords(released({ purpose: { project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' } }), options)).toThrow(
      'Data was released without a verified caller.',
    );
    expect(requestRecords(released({ caller, purpose: { project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' } }), options).map((r) => r.kind)).toEqual(['decision', 'processing']);
  });

  describe('through the gateway', () => {
    const written: AuditRecord[][] = [];
    let small: SmallGateway;
    beforeAll(async () => {
      const sink = createAuditSink({ write: async (records) => (written.push([...records]), records.map((_r, i) => i + 1)) }, options);
      small = await startSmallGateway(sdl, resolvers, { audit: sink });
    });
    afterAll(async () => {
      await small?.close();
    });

    it('answers 503 without the data and writes nothing', async () => {
      // The small gateway's caller declares no purpose: no activity to record the release under.
      const { status, json } = await small.post({ query: '{ persoon(bsn: "999990007") { geslachtsnaam } }' });
      expect(status).toBe(503);
      expect(json.data).toBeUndefined();
      expect(json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(JSON.stringify(json)).not.toContain('Verhoeven');
      expect(small.received).toHaveLength(2);
      expect(written).toEqual([]);
    });
  });
});
