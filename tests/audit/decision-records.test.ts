/**
 * Decision records per subject and partner call (gateway/audit/decision-records.ts): what a
 * request's decisions are recorded as, on hand-made decisions and on scenario 1's combined view.
 */
import { describe, expect, it } from 'vitest';
import { fieldDecisions } from '../../gateway/audit/field-decisions.ts';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import { parseAuditRecord, type DecisionRecord, type ProcessingRecord } from '../../gateway/audit/records.ts';
import { requestRecords } from '../../gateway/audit/request-records.ts';
import type { DecisionRecord as ExecutedDecision, ExecutionOutput, PartnerCallRecord } from '../../gateway/executor/types.ts';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import type { RequestContext } from '../../gateway/context/types.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { createInProcessWorldGateway } from '../helpers/world-gateway.ts';
import { ESMEE, SCENARIO_1_QUERY } from '../e2e-federation/scenario-1.ts';
import { FIELDS, person, request } from '../policy/fixtures.ts';

const KEY = new Uint8Array(32).fill(7);
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const NOAH = '999990019';
const at = new Date('2026-11-23T10:00:00Z');
const ACTIVITY = { id: 'lsi-administratief-onderzoek', version: 2, purpose: 'uitkeringsfraude' };
const context: RequestContext = {
  requestId: 'req-1',
  traceId: TRACE,
  spanId: '00f067aa0ba902b7',
  now: at,
  caller: { id: 'analist-1', organisation: 'sociale-dienst', roles: ['analist'], projects: ['wijkaanpak-2026'] },
  purpose: { project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude', caseId: 'ZAAK-1' },
};
const pseudonym = (bsn: string) => pseudonymise('person', bsn, KEY);

function recordsOf(decisions: ExecutedDecision[], calls: PartnerCallRecord[] = [], ctx: RequestContext = context) {
  const output: ExecutionOutput = { result: {}, decisions, calls, minimised: [] };
  return requestRecords({ context: ctx, operationName: 'Gecombineerd', startedAt: at, endedAt: at, output }, { pseudonymKey: KEY, policyVersion: 'sha256:v1', activities: [ACTIVITY] }).map(parseAuditRecord);
}
const decisionsIn = (records: ReturnType<typeof recordsOf>) => records.filter((r) => r.kind === 'decision').map((r) => r.body as DecisionRecord);

const allow: Decision = { outcome: 'allow', rule: 'policy.allow' };
const call = (graph: string, round: number, spanId: string): PartnerCallRecord => ({ graph, spanId, startedAt: at, endedAt: at, ok: true, coordinates: [], round });

describe('decision records of a request', () => {
  it('one record per subject and partner call, listing every field with its outcome; the request and entity input once, the field classification per field', () => {
    const facts = person({ subjectId: ESMEE, addressId: '9999200000900001' });
    const input = (field: (typeof FIELDS)[keyof typeof FIELDS]) => ({ request: request(), field, entity: facts, referenceDate: '2026-11-01' });
    const decided = (field: (typeof FIELDS)[keyof typeof FIELDS], decision: Decision, path: string[]): ExecutedDecision => ({
      coordinate: field.coordinate,
      owner: field.owner,
      tier: field.classification.tier,
      subject: { kind: 'person', id: ESMEE },
      path,
      round: 2,
      decision,
      input: input(field),
    });
    const records = recordsOf(
      [
        decided(FIELDS.geslachtsnaam, { ...allow, caseId: 'ZAAK-2' }, ['adres', 'bewoners', '0', 'naam', 'geslachtsnaam']),
        decided(FIELDS.bsn, { outcome: 'minimise', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: 'masked', transform: 'masked-bsn', caseId: 'ZAAK-2' }, ['adres', 'bewoners', '0', 'bsn']),
        decided(FIELDS.toeslagen, { outcome: 'deny', principle: 'subsidiariteit', rule: 'subsidiariteit.lower-tiers-first', reason: 'lower tiers first', caseId: 'ZAAK-2' }, ['adres', 'bewoners', '0', 'toeslagen']),
      ],
      [call('brp', 2, 'aaaaaaaaaaaaaaaa'), call('belastingdienst', 2, 'bbbbbbbbbbbbbbbb')],
    );
    const [brp, belastingdienst] = decisionsIn(records);
    expect(decisionsIn(records)).toHaveLength(2);
    const request_ = {
      caller: { organisation: 'sociale-dienst', projects: ['wijkaanpak-2026', 'wijkaanpak-2025'], roles: ['analist'] },
      purpose: { case_id: null, justified: false, project: 'wijkaanpak-2026', purpose: 'woonfraude' },
      reference_date: '2026-11-01',
      today: '2026-11-15',
    };
    const entity = {
      address_pseudonym: pseudonymise('address', '9999200000900001', KEY),
      case_id: 'ZAAK-2026-001',
      consulted_tiers: ['low', 'identifying', 'financial'],
      documented_suspicion: false,
      in_scope: true,
      secrecy: false,
      signals: { kinds: ['onderverhuur', 'overlast'], partners: ['woningcorporatie', 'politie'] },
    };
    const classification = (field: (typeof FIELDS)[keyof typeof FIELDS]) => ({
      field: { coordinate: field.coordinate, minimised: field.classification.minimised ?? null, owner: field.owner, purposes: field.classification.purposes, tier: field.classification.tier },
    });
    expect(brp).toEqual({
      action: 'read',
      caller_id: 'analist-1',
      case_id: 'ZAAK-2',
      decided_at: '2026-11-23T10:00:00.000Z',
      fields: [
        { field_path: 'adres.bewoners.0.naam.geslachtsnaam', flagged_for_review: false, input: classification(FIELDS.geslachtsnaam), outcome: 'allow', principle: null, reason: null, resource: 'Persoon.geslachtsnaam', rule: 'policy.allow', tier: 'identifying', transform: null },
        { field_path: 'adres.bewoners.0.bsn', flagged_for_review: false, input: classification(FIELDS.bsn), outcome: 'minimise', principle: 'proportionaliteit', reason: 'masked', resource: 'Persoon.bsn', rule: 'proportionaliteit.tier-weight', tier: 'identifying', transform: 'masked-bsn' },
      ],
      input: { entity, request: request_ },
      justification: null,
      organisation: 'sociale-dienst',
      owner: 'brp',
      partner_reference: 'aaaaaaaaaaaaaaaa',
      phase: null,
      policy_version: 'sha256:v1',
      processing_activity_id: 'lsi-administratief-onderzoek',
      processing_activity_version: '2',
      project: 'wijkaanpak-2026',
      purpose: 'uitkeringsfraude',
      released_tiers: ['identifying'],
      request_id: 'req-1',
      role: 'analist',
      subject_pseudonym: pseudonym(ESMEE),
      subject_type: 'person',
      trace_id: TRACE,
    });
    expect(belastingdienst).toMatchObject({ owner: 'belastingdienst', partner_reference: 'bbbbbbbbbbbbbbbb', released_tiers: [], case_id: 'ZAAK-2' });
    expect(belastingdienst!.fields).toEqual([
      { field_path: 'adres.bewoners.0.toeslagen', flagged_for_review: false, input: classification(FIELDS.toeslagen), outcome: 'deny', principle: 'subsidiariteit', reason: 'lower tiers first', resource: 'Persoon.toeslagen', rule: 'subsidiariteit.lower-tiers-first', tier: 'financial', transform: null },
    ]);
    // Read per field, the grouped record gives each field's decision with its whole input, as a record of one field did.
    expect(fieldDecisions(brp!).map((d) => [d.field, d.body.resource, d.body.outcome, d.body.input])).toEqual([
      [0, 'Persoon.geslachtsnaam', 'allow', { entity, ...classification(FIELDS.geslachtsnaam), request: request_ }],
      [1, 'Persoon.bsn', 'minimise', { entity, ...classification(FIELDS.bsn), request: request_ }],
    ]);
    // The processing record of the BRP's call names the same call.
    const processings = records.filter((r) => r.kind === 'processing').map((r) => r.body as ProcessingRecord);
    expect(processings.filter((p) => p.partner !== null).map((p) => [p.partner, p.partner_reference])).toEqual([['brp', 'aaaaaaaaaaaaaaaa']]);
  });

  it('another round is another call and another record; a subject refused before any call, and fields decided outside the rules, get records of their own', () => {
    const executed = (bsn: string, coordinate: string, owner: string, round: number, decision: Decision, withInput: boolean): ExecutedDecision => ({
      coordinate,
      owner,
      tier: 'identifying',
      subject: { kind: 'person', id: bsn },
      path: ['p', coordinate],
      round,
      decision,
      ...(withInput ? { input: { request: request(), field: FIELDS.geslachtsnaam, entity: null, referenceDate: null } } : {}),
    });
    const refused: Decision = { outcome: 'deny', principle: 'context', rule: 'context.unknown-project', reason: 'unknown project' };
    const limit: Decision = { outcome: 'deny', principle: 'dragnet', rule: 'dragnet.persons-per-request', reason: 'too many persons' };
    const records = decisionsIn(
      recordsOf(
        [
          executed(ESMEE, 'Persoon.naam', 'brp', 1, allow, true),
          executed(ESMEE, 'Persoon.bsn', 'brp', 1, allow, true),
          executed(ESMEE, 'Persoon.naam', 'brp', 3, allow, true),
          executed(NOAH, 'Persoon.naam', 'brp', 1, refused, true),
          executed(NOAH, 'Persoon.geboortedatum', 'brp', 1, limit, false),
          // Without a subject id nothing is recorded (as before).
          { ...executed('', 'Persoon.naam', 'brp', 1, limit, false), subject: { kind: 'person', id: undefined } },
        ],
        [call('brp', 1, '1111111111111111'), call('brp', 3, '3333333333333333')],
      ),
    );
    expect(records.map((r) => [r.subject_pseudonym === pseudonym(ESMEE) ? 'esmee' : 'noah', r.partner_reference, r.fields.map((f) => `${f.resource} ${f.outcome}`), r.input !== undefined])).toEqual([
      ['esmee', '1111111111111111', ['Persoon.naam allow', 'Persoon.bsn allow'], true],
      ['esmee', '3333333333333333', ['Persoon.naam allow'], true],
      ['noah', '1111111111111111', ['Persoon.naam deny'], true],
      ['noah', '1111111111111111', ['Persoon.geboortedatum deny'], false],
    ]);
    // A refused subject's record still says who asked for what, and that nothing was released.
    expect(records[2]).toMatchObject({ released_tiers: [], case_id: 'ZAAK-1', input: { entity: null } });
    expect(records[3]!.fields[0]).not.toHaveProperty('input');
  });
});

describe('scenario 1 combined view', () => {
  /** The policy refuses Esmee's allowances and income, and allows everything else. */
  const policy: Policy = {
    async decide(question) {
      const deny: Decision = { outcome: 'deny', principle: 'subsidiariteit', rule: 'test.deny', reason: 'lower tiers first' };
      const denied = ['Persoon.toeslagen', 'Persoon.inkomens'];
      return { decisions: question.entities.map((e) => question.fields.map((f) => (e.subjectId === ESMEE && denied.includes(f.coordinate) ? deny : allow))) };
    },
  };

  it('writes one decision record per subject and partner call, every field decided in exactly one of them with its outcome', async () => {
    const gateway = createInProcessWorldGateway(defaultWorld(), { policy });
    const output = await gateway.run(SCENARIO_1_QUERY, {}, context);
    const recorded = recordsOf(output.decisions, output.calls);
    const decisions = decisionsIn(recorded);
    const asDecided = (subject: string, owner: string, resource: string, path: string, outcome: string, rule: string) => [subject, owner, resource, path, outcome, rule].join(' ');
    const pseudonymOf = (d: ExecutedDecision) => pseudonymise(d.subject.kind, d.subject.id!, KEY);

    // Every field the executor decided about a subject, each once, with its outcome and rule.
    const executed = output.decisions.filter((d) => d.subject.id).map((d) => asDecided(pseudonymOf(d), d.owner, d.coordinate, d.path.join('.'), d.decision.outcome, d.decision.rule));
    const fromRecords = decisions.flatMap((r) => r.fields.map((f) => asDecided(r.subject_pseudonym, r.owner, f.resource, f.field_path!, f.outcome, f.rule)));
    expect(fromRecords.sort()).toEqual(executed.sort());
    // One record per subject, owner and round: the round in which that owner is called once.
    const calls = new Set(output.decisions.filter((d) => d.subject.id).map((d) => `${pseudonymOf(d)}|${d.owner}|${d.round}`));
    expect(decisions).toHaveLength(calls.size);

    // Esmee's Belastingdienst record: her allowances refused, exactly.
    const esmee = decisions.filter((r) => r.subject_pseudonym === pseudonym(ESMEE));
    const belastingdienst = esmee.filter((r) => r.owner === 'belastingdienst');
    expect(belastingdienst.map((r) => r.fields.map((f) => [f.resource, f.field_path, f.outcome, f.rule]))).toEqual([
      [
        ['Persoon.toeslagen', 'adres.bewoners.0.toeslagen', 'deny', 'test.deny'],
        ['Persoon.inkomens', 'adres.bewoners.0.inkomens', 'deny', 'test.deny'],
      ],
    ]);
    expect(belastingdienst[0]!.released_tiers).toEqual([]);
    // A record whose fields were fetched names the call, as the subject's processing record of that call does.
    const processed = new Set(recorded.filter((r) => r.kind === 'processing').map((r) => `${(r.body as ProcessingRecord).subject_pseudonym}|${(r.body as ProcessingRecord).partner_reference}`));
    const released = decisions.filter((r) => r.released_tiers.length > 0 && r.partner_reference !== null);
    expect(released.length).toBeGreaterThan(0);
    expect(released.filter((r) => !processed.has(`${r.subject_pseudonym}|${r.partner_reference}`))).toEqual([]);
  });
});
