/** Replay (gateway/audit/replay.ts): decisions recorded as the gateway records them, made again on their input. */
import { describe, expect, it } from 'vitest';
import { replayQuestion } from '../../gateway/audit/decision-input.ts';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import { fieldDecisionOf } from '../../gateway/audit/field-decisions.ts';
import { decisionRecord, fieldDecisionRecord, parseAuditRecord, type DecisionRecord, type FieldOutcome } from '../../gateway/audit/records.ts';
import { requestRecords } from '../../gateway/audit/request-records.ts';
import { UNDECIDED_RULE, replayDecisions, type StoredDecision } from '../../gateway/audit/replay.ts';
import type { RequestContext } from '../../gateway/context/types.ts';
import type { DecisionRecord as ExecutedDecision } from '../../gateway/executor/types.ts';
import { decideField, judgeRequest } from '../../gateway/policy/decide.ts';
import type { EntityFacts, RequestFacts } from '../../gateway/policy/facts.ts';
import { parsePolicyFiles, type PolicyData } from '../../gateway/policy/load.ts';
import type { Decision, FieldQuestion } from '../../gateway/policy/types.ts';
import { FIELDS, address, data, person, request } from '../policy/fixtures.ts';
import { withEdit } from '../policy/policy-files.ts';

const KEY = new Uint8Array(32).fill(7);
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

interface Asked {
  field: FieldQuestion;
  /** null: the request or field was refused before facts were loaded. */
  entity: EntityFacts | null;
  request?: RequestFacts;
  /** Made outside the rules (no input), as the executor's own refusals are. */
  outside?: Decision;
}

/** The decision records the gateway writes for these questions (one request each, so one field each), decided by `policy`, in order from seq 1. */
function recorded(asked: readonly Asked[], policy: PolicyData = data): StoredDecision[] {
  return asked.map(({ field, entity, request: facts = request(), outside }, i) => {
    const subject = entity ?? person();
    const clearance = judgeRequest(facts, policy);
    const decision = outside ?? decideField(field, subject, facts, policy);
    const executed: ExecutedDecision = {
      coordinate: field.coordinate,
      owner: field.owner,
      tier: field.classification.tier,
      subject: { kind: subject.kind, id: subject.subjectId },
      path: ['adres'],
      round: 1,
      decision: { ...decision, ...(subject.caseId && entity ? { caseId: subject.caseId } : {}) },
      ...(outside ? {} : { input: { request: facts, field, entity, referenceDate: 'outcome' in clearance ? null : clearance.referenceDate } }),
    };
    const context: RequestContext = { requestId: `req-${i + 1}`, traceId: TRACE, spanId: '00f067aa0ba902b7', ...facts };
    const [record] = requestRecords(
      { context, operationName: 'Adres', startedAt: new Date('2026-11-15T10:00:00Z'), endedAt: new Date('2026-11-15T10:00:01Z'), output: { result: {}, decisions: [executed], calls: [], minimised: [] } },
      { pseudonymKey: KEY, policyVersion: policy.version, activities: policy.processingActivities.flatMap((a) => (a.purpose ? [{ id: a.id, version: a.version, purpose: a.purpose }] : [])) },
    );
    return { seq: i + 1, body: parseAuditRecord(record!).body as DecisionRecord };
  });
}

const own = (version: string) => (version === data.version ? data : undefined);
/** The one field of a record, as a record of one field holds it. */
const only = (r: StoredDecision) => fieldDecisionOf(r.body as DecisionRecord, 0);
/** The record with its one field edited. */
const editField = (edit: (f: FieldOutcome) => FieldOutcome) => (b: DecisionRecord): DecisionRecord => ({ ...b, fields: [edit(b.fields[0]!)] });

/** One of each kind of decision: allowed, minimised, refused at the request, the field and the entity, justified. */
const EVERY_KIND: Asked[] = [
  { field: FIELDS.oppervlakte, entity: address() },
  { field: FIELDS.geslachtsnaam, entity: person() },
  { field: FIELDS.bsn, entity: person({ signals: { partners: ['woningcorporatie'], kinds: ['overlast'] } }) },
  { field: FIELDS.toeslagen, entity: person({ signals: { partners: ['woningcorporatie'], kinds: ['overlast'] } }) },
  { field: FIELDS.geslachtsnaam, entity: person({ inScope: false, caseId: null }) },
  { field: FIELDS.geslachtsnaam, entity: person({ caseId: null }) },
  { field: FIELDS.geslachtsnaam, entity: person({ secrecy: true }), request: request({ organisation: 'woningcorporatie', roles: ['medewerker-woonfraude'] }) },
  { field: FIELDS.toeslagen, entity: person({ consultedTiers: ['low'] }) },
  { field: FIELDS.toeslagen, entity: person({ consultedTiers: ['low'] }), request: request({ justification: 'Wij hebben haast' }) },
  { field: FIELDS.zorgtrajecten, entity: null },
  { field: FIELDS.geslachtsnaam, entity: null, request: request({ project: 'onbekend' }) },
  { field: { ...FIELDS.geslachtsnaam, classification: { tier: 'identifying', purposes: [] } }, entity: null },
];

describe('replay under the recorded policy version', () => {
  const records = recorded(EVERY_KIND);

  it('makes every kind of decision again with the same outcome, rule and transform', () => {
    expect(records.map(only).map((f) => `${f.outcome} ${f.rule}${f.transform ? ` ${f.transform}` : ''}`)).toEqual([
      'allow policy.allow',
      'allow policy.allow',
      'minimise proportionaliteit.tier-weight masked-bsn',
      'minimise proportionaliteit.tier-weight band',
      'deny scope.out-of-area',
      'deny dragnet.no-selection',
      expect.stringMatching(/^deny /),
      'deny subsidiariteit.lower-tiers-first',
      'allow subsidiariteit.justified',
      'deny doelbinding.care-only',
      'deny context.unknown-project',
      'deny classification.invalid',
    ]);
    const report = replayDecisions(records, own);
    expect(report).toMatchObject({ policy_version: null, records: 12, decisions: 12, replayed: 12, same: 12, differences: [], changed_releases: [], not_replayable: { total: 0, by_rule: {} }, unknown_versions: {} });
  });

  const allow = { outcome: 'allow', rule: 'policy.allow', transform: null };
  it.each([
    ['an outcome the rules did not give', 5, editField((f) => ({ ...f, outcome: 'allow', rule: 'policy.allow', principle: null, reason: null })), allow, { outcome: 'deny', rule: 'scope.out-of-area', transform: null }],
    ['another transform', 3, editField((f) => ({ ...f, transform: 'year' })), { outcome: 'minimise', rule: 'proportionaliteit.tier-weight', transform: 'year' }, { outcome: 'minimise', rule: 'proportionaliteit.tier-weight', transform: 'masked-bsn' }],
    ['an input that does not give its outcome', 2, (b: DecisionRecord): DecisionRecord => ({ ...b, input: { ...b.input!, entity: { ...b.input!.entity!, in_scope: false } } }), allow, { outcome: 'deny', rule: 'scope.out-of-area', transform: null }],
  ])('names a record with %s, with both outcomes and the rule', (_name, seq, edit, recordedOutcome, replayedOutcome) => {
    const altered = records.map((r) => (r.seq === seq ? { seq, body: edit(r.body as DecisionRecord) } : r));
    const report = replayDecisions(altered, own);
    expect(report.same).toBe(11);
    const original = only(records[seq - 1]!);
    expect(report.differences).toEqual([
      expect.objectContaining({ seq, field: 0, trace_id: TRACE, resource: original.resource, subject_pseudonym: original.subject_pseudonym, policy_version: data.version, recorded: recordedOutcome, replayed: replayedOutcome }),
    ]);
  });

  it('answers a record of one field, as the log held them before, as it answers the same field of a grouped record', () => {
    const old = records.map((r) => ({ seq: r.seq, body: only(r) }));
    expect(old.every((r) => fieldDecisionRecord.safeParse(r.body).success)).toBe(true);
    expect(replayDecisions(old, own)).toMatchObject({ records: 12, decisions: 12, replayed: 12, same: 12, differences: [] });
    const altered = old.map((r) => (r.seq === 5 ? { seq: 5, body: { ...r.body, outcome: 'allow' as const, rule: 'policy.allow', principle: null, reason: null } } : r));
    const [difference] = replayDecisions(altered, own).differences;
    expect(difference).toMatchObject({ seq: 5, resource: old[4]!.body.resource, recorded: allow, replayed: { outcome: 'deny', rule: 'scope.out-of-area', transform: null } });
    expect(difference).not.toHaveProperty('field');
  });

  it('counts decisions made outside the rules apart, by rule, and decisions of a version it does not have', () => {
    const refusedToday: Decision = { outcome: 'deny', principle: 'dragnet', rule: 'dragnet.persons-per-day', reason: 'limit' };
    const outside = recorded([{ field: FIELDS.geslachtsnaam, entity: person(), outside: refusedToday }, { field: FIELDS.bsn, entity: person(), outside: refusedToday }]);
    expect(outside[0]!.body.input).toBeUndefined();
    expect((outside[0]!.body as DecisionRecord).fields[0]!.input).toBeUndefined();
    const report = replayDecisions([...outside, ...records.map((r) => ({ seq: r.seq + 2, body: r.body }))], () => undefined);
    expect(report).toMatchObject({ records: 14, decisions: 14, replayed: 0, not_replayable: { total: 2, by_rule: { 'dragnet.persons-per-day': 2 } }, unknown_versions: { [data.version]: 12 } });
  });
});

describe('replay under another policy version', () => {
  // The covenant no longer lets the Belastingdienst share for woonfraude.
  const changed = parsePolicyFiles(
    withEdit('covenant.json', (covenant) => {
      for (const basis of covenant.legalBases) if (basis.owner === 'belastingdienst') basis.purposes = basis.purposes.filter((p: string) => p !== 'woonfraude');
    }),
  );

  it('lists exactly the releases the changed legal basis would refuse, with counts per rule and outcome', () => {
    const records = recorded(EVERY_KIND);
    const report = replayDecisions(records, own, changed);
    expect(report.policy_version).toBe(changed.version);
    // Toeslagen was minimised (seq 4) and allowed on a justification (seq 9); the refusal at seq 8 is refused on another rule now.
    expect(report.changed_releases.map((d) => [d.seq, d.recorded.outcome, d.replayed.rule])).toEqual([
      [4, 'minimise', 'doelbinding.legal-basis'],
      [9, 'allow', 'doelbinding.legal-basis'],
    ]);
    expect(report.differences.map((d) => d.seq)).toEqual([4, 8, 9]);
    expect(report.counts.filter((c) => c.rule === 'doelbinding.legal-basis')).toEqual([{ outcome: 'deny', rule: 'doelbinding.legal-basis', recorded: 0, replayed: 3 }]);
    expect(report.counts.find((c) => c.rule === 'subsidiariteit.justified')).toEqual({ outcome: 'allow', rule: 'subsidiariteit.justified', recorded: 1, replayed: 0 });
  });

  it('says "undecided" where the other version passes a request whose entity facts were never loaded', () => {
    const unknownProject = recorded([{ field: FIELDS.geslachtsnaam, entity: null, request: request({ project: 'wijkaanpak-2027', projects: ['wijkaanpak-2027'] }) }]);
    const withProject = parsePolicyFiles(
      withEdit('projects/wijkaanpak-2026.json', (project) => {
        project.id = 'wijkaanpak-2027';
      }).map((f) => (f.path === 'projects/wijkaanpak-2026.json' ? { ...f, path: 'projects/wijkaanpak-2027.json' } : f)),
    );
    const report = replayDecisions(unknownProject, own, withProject);
    expect(report.differences.map((d) => [d.recorded.rule, d.replayed])).toEqual([['context.unknown-project', { outcome: 'undecided', rule: UNDECIDED_RULE, transform: null }]]);
  });
});

describe('the input on record', () => {
  it('holds the facts the rules read with the subject and address as pseudonyms, and gives them back to the rules', () => {
    const facts = person({ addressId: '9999200000900001', signals: { partners: ['politie', 'politie', 'woningcorporatie'], kinds: ['overlast'] } });
    const [record] = recorded([{ field: FIELDS.bsn, entity: facts, request: request({ justification: 'BSN 999990019 nodig' }) }]);
    expect(decisionRecord.parse(record!.body)).toEqual(record!.body);
    const body = only(record!);
    expect(body.justification).toBe('BSN [removed] nodig');
    expect((record!.body as DecisionRecord).fields[0]!.input).toEqual({ field: body.input!.field });
    expect(body.input).toEqual({
      entity: {
        address_pseudonym: pseudonymise('address', '9999200000900001', KEY),
        case_id: 'ZAAK-2026-001',
        consulted_tiers: ['low', 'identifying', 'financial'],
        documented_suspicion: false,
        in_scope: true,
        secrecy: false,
        signals: { kinds: ['overlast'], partners: ['politie', 'politie', 'woningcorporatie'] },
      },
      field: { coordinate: 'Persoon.bsn', minimised: 'masked-bsn', owner: 'brp', purposes: FIELDS.bsn.classification.purposes, tier: 'identifying' },
      request: {
        caller: { organisation: 'sociale-dienst', projects: ['wijkaanpak-2026', 'wijkaanpak-2025'], roles: ['analist'] },
        purpose: { case_id: null, justified: true, project: 'wijkaanpak-2026', purpose: 'woonfraude' },
        reference_date: '2026-11-01',
        today: '2026-11-15',
      },
    });
    expect(JSON.stringify(record!.body)).not.toContain('999990019');
    expect(JSON.stringify(record!.body)).not.toContain('9999200000900001');

    const question = replayQuestion(body)!;
    expect(question.entity).toEqual({ ...facts, subjectId: body.subject_pseudonym, addressId: pseudonymise('address', '9999200000900001', KEY) });
    expect(question.field).toEqual(FIELDS.bsn);
    expect(question.request.purpose).toEqual({ project: 'wijkaanpak-2026', purpose: 'woonfraude', justification: 'BSN [removed] nodig' });
    expect(question.request.caller).toEqual(request().caller);
  });

  it('a record from before the input was kept still parses, and is not replayable', () => {
    const [record] = recorded([{ field: FIELDS.bsn, entity: person() }]);
    const { input: _input, ...old } = only(record!);
    expect(fieldDecisionRecord.parse(old)).toEqual(old);
    expect(replayQuestion(old)).toBeUndefined();
    expect(decisionRecord.safeParse({ ...record!.body, input: { ...record!.body.input, extra: true } }).success).toBe(false);
  });
});
