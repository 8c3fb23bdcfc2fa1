import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../gateway/context/types.ts';
import { createPolicy } from '../../gateway/policy/create-policy.ts';
import type { EntityFacts, FactsProvider, FactsQuery } from '../../gateway/policy/facts.ts';
import { createInMemoryFacts, type FactsRecords } from '../../gateway/policy/in-memory-facts.ts';
import { preciseDecision } from '../../gateway/policy/no-oracle.ts';
import type { Decision, EntityQuestion, FetchQuestion } from '../../gateway/policy/types.ts';
import { FIELDS, data, person, request, withheldReason } from './fixtures.ts';

const IN_AREA = '9999200000900001';
const IN_AREA_QUIET = '9999200000900002';
const OUT_OF_AREA = '9999200000900016';
const IN_AREA_BY_ID = '9999200000900017';

/** Four people and four addresses; the project area is postcode areas 5971 and 5972, judged on the reference date 2026-11-01. */
const RECORDS: FactsRecords = {
  addresses: [
    { adresId: IN_AREA, postcode: '5971ZA' },
    { adresId: IN_AREA_QUIET, postcode: '5972 zb' },
    { adresId: OUT_OF_AREA, postcode: '5973ZA' },
    { adresId: IN_AREA_BY_ID, postcode: '5976ZA' },
  ],
  persons: [
    { bsn: '999990019', geheimhouding: false, verblijfplaatsen: [{ adresId: IN_AREA, datumAanvang: '2019-04-01', datumEinde: null }] },
    {
      // Moved out of the area the day before the reference date (2026-11-01).
      bsn: '999990020',
      geheimhouding: false,
      verblijfplaatsen: [
        { adresId: IN_AREA, datumAanvang: '2020-01-01', datumEinde: '2026-10-30' },
        { adresId: OUT_OF_AREA, datumAanvang: '2026-10-31', datumEinde: null },
      ],
    },
    {
      // Moves out on the reference date: registered at the new address that day.
      bsn: '999990032',
      geheimhouding: false,
      verblijfplaatsen: [
        { adresId: IN_AREA, datumAanvang: '2020-01-01', datumEinde: '2026-10-31' },
        { adresId: OUT_OF_AREA, datumAanvang: '2026-11-01', datumEinde: null },
      ],
    },
    {
      // Moves out the day after the reference date: still in scope.
      bsn: '999990021',
      geheimhouding: true,
      verblijfplaatsen: [
        { adresId: IN_AREA, datumAanvang: '2020-01-01', datumEinde: '2026-11-01' },
        { adresId: OUT_OF_AREA, datumAanvang: '2026-11-02', datumEinde: null },
      ],
    },
  ],
  signals: [
    { adresId: IN_AREA, partner: 'woningcorporatie', soort: 'onderverhuur', datum: '2026-02-01' },
    { adresId: IN_AREA, partner: 'belastingdienst', soort: 'huurtoeslag', datum: '2026-03-01' },
    { adresId: IN_AREA_QUIET, partner: 'woningcorporatie', soort: 'overlast', datum: '2026-02-01' },
    // Dated after the request day: does not count yet.
    { adresId: IN_AREA_QUIET, partner: 'politie', soort: 'overlast', datum: '2026-12-01' },
  ],
  cases: [
    { id: 'ZAAK-2026-001', project: 'wijkaanpak-2026', adresId: IN_AREA, open: true, documentedSuspicion: false, consultedTiers: ['low', 'identifying'] },
    { id: 'ZAAK-2026-002', project: 'wijkaanpak-2026', adresId: IN_AREA_QUIET, open: false, documentedSuspicion: false, consultedTiers: [] },
    { id: 'ZAAK-2025-009', project: 'wijkaanpak-2025', adresId: IN_AREA_QUIET, open: true, documentedSuspicion: true, consultedTiers: [] },
  ],
};

function context(overrides: Parameters<typeof request>[0] = {}): RequestContext {
  return { requestId: 'req-1', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', ...request(overrides) };
}

function entity(kind: 'person' | 'address', subjectId: string, index: number): EntityQuestion {
  return { typename: kind === 'person' ? 'Persoon' : 'Adres', kind, subjectId, path: ['adres', 'bewoners', index] };
}

/** Records every load call, then answers from the in-memory records. */
function recording(records: FactsRecords) {
  const calls: Array<{ entities: readonly EntityQuestion[]; query: FactsQuery }> = [];
  const inner = createInMemoryFacts(records);
  const provider: FactsProvider = {
    load(entities, query) {
      calls.push({ entities, query });
      return inner.load(entities, query);
    },
  };
  return { provider, calls };
}

const ALLOW: Decision = { outcome: 'allow', rule: 'policy.allow' };
/** Allowed in the open case of the in-area address: the decision names the case for the audit trail. */
const ALLOW_IN_CASE: Decision = { ...ALLOW, caseId: 'ZAAK-2026-001' };

describe('createPolicy', () => {
  it('loads the facts of all entities in one call and decides per entity and field', async () => {
    const { provider, calls } = recording(RECORDS);
    const policy = createPolicy({ data, facts: provider });
    const entities = ['999990019', '999990020', '999990032', '999990021', '999990099'].map((bsn, i) => entity('person', bsn, i));
    const question: FetchQuestion = { owner: 'brp', fields: [FIELDS.geslachtsnaam, FIELDS.bsn], entities };
    const ctx = context();

    const answer = await policy.decide(question, ctx);

    expect(calls).toHaveLength(1);
    expect(calls[0]!.entities).toBe(entities);
    expect(calls[0]!.query).toEqual({ project: data.projects.get('wijkaanpak-2026'), referenceDate: '2026-11-01', today: '2026-11-15', request: ctx, traceId: ctx.traceId });
    const precise = {
      principle: 'scope',
      rule: 'scope.out-of-area',
      reason: 'this person is not registered at an address in the area of project "wijkaanpak-2026" on the reference date 2026-11-01, nor tied by a partner\'s record to an address selected in it',
    } as const;
    const outOfArea = (field: string): Decision => ({ outcome: 'deny', principle: 'subject', rule: 'subject.withheld', reason: withheldReason(field, 'identifying'), precise });
    // Registered at the selected address earlier in the project period: in scope through that link.
    const linked = (einde: string): Decision => ({
      ...ALLOW_IN_CASE,
      link: { kind: 'eerder-ingeschreven', addressId: IN_AREA, partner: 'brp', record: `verblijfplaats vanaf 2020-01-01 tot en met ${einde}` },
    });
    expect(answer.decisions).toEqual([
      [ALLOW_IN_CASE, ALLOW_IN_CASE],
      [linked('2026-10-30'), linked('2026-10-30')],
      [linked('2026-10-31'), linked('2026-10-31')],
      [ALLOW_IN_CASE, ALLOW_IN_CASE],
      [outOfArea('Persoon.geslachtsnaam'), outOfArea('Persoon.bsn')],
    ]);
  });

  it('counts signals up to today only and selects only on an open case in the same project', async () => {
    const policy = createPolicy({ data, facts: createInMemoryFacts(RECORDS) });
    const entities = [entity('address', IN_AREA, 0), entity('address', IN_AREA_QUIET, 1), entity('address', OUT_OF_AREA, 2), entity('address', IN_AREA_BY_ID, 3)];
    const question: FetchQuestion = { owner: 'bag', fields: [FIELDS.oppervlakte], entities };
    const answer = await policy.decide(question, context());
    expect(answer.decisions.map(([d]) => preciseDecision(d!).rule)).toEqual(['policy.allow', 'policy.allow', 'scope.out-of-area', 'scope.out-of-area']);

    const byId = { ...data, projects: new Map([['wijkaanpak-2026', { ...data.projects.get('wijkaanpak-2026')!, area: { postcodes: ['5971', '5972'], addressIds: [IN_AREA_BY_ID] } }]]) };
    const widened = await createPolicy({ data: byId, facts: createInMemoryFacts(RECORDS) }).decide(question, context());
    expect(widened.decisions.map(([d]) => preciseDecision(d!).rule)).toEqual(['policy.allow', 'policy.allow', 'scope.out-of-area', 'policy.allow']);

    const names: FetchQuestion = { owner: 'brp', fields: [FIELDS.geslachtsnaam], entities: [entity('address', IN_AREA_QUIET, 0)] };
    expect((await policy.decide(names, context())).decisions).toEqual([
      [
        {
          outcome: 'deny',
          principle: 'subject',
          rule: 'subject.withheld',
          reason: withheldReason('Persoon.geslachtsnaam', 'identifying'),
          precise: {
            principle: 'dragnet',
            rule: 'dragnet.no-selection',
            reason:
              'personal data needs a selected address, and this address has no open case in project "wijkaanpak-2026"; an address is selected when signals from two partners overlap (it has one)',
          },
        },
      ],
    ]);
  });

  it('applies the secrecy flag from the BRP record', async () => {
    const policy = createPolicy({ data, facts: createInMemoryFacts(RECORDS) });
    const question: FetchQuestion = { owner: 'brp', fields: [FIELDS.geslachtsnaam], entities: [entity('person', '999990019', 0), entity('person', '999990021', 1)] };
    const answer = await policy.decide(question, context({ organisation: 'woningcorporatie' }));
    expect(answer.decisions.map(([d]) => preciseDecision(d!).rule)).toEqual(['policy.allow', 'doelbinding.brp-secrecy']);
  });

  it('uses the case history for subsidiarity', async () => {
    const policy = createPolicy({ data, facts: createInMemoryFacts(RECORDS) });
    const question: FetchQuestion = { owner: 'belastingdienst', fields: [FIELDS.toeslagen], entities: [entity('person', '999990019', 0)] };
    expect((await policy.decide(question, context())).decisions).toEqual([[ALLOW_IN_CASE]]);
    const police: FetchQuestion = { owner: 'politie', fields: [FIELDS.politieRegistraties], entities: [entity('address', IN_AREA, 0)] };
    expect(preciseDecision((await policy.decide(police, context())).decisions[0]![0]!).rule).toBe('proportionaliteit.tier-weight');
  });

  // Issue 12, item 3: refusals on facts about the subject are one refusal to the caller.
  it('shows the caller one and the same refusal whichever fact about the subject refused, and keeps the precise rule', async () => {
    const policy = createPolicy({ data, facts: createInMemoryFacts(RECORDS) });
    const subjects = [
      entity('person', '999990021', 0), // under the secrecy flag
      entity('person', '999990099', 1), // not in the BRP at all, so out of the area
    ];
    const persons = await policy.decide({ owner: 'brp', fields: [FIELDS.geslachtsnaam], entities: subjects }, context({ organisation: 'woningcorporatie' }));
    const addresses = await policy.decide(
      { owner: 'brp', fields: [FIELDS.geslachtsnaam], entities: [entity('address', IN_AREA_QUIET, 0), entity('address', OUT_OF_AREA, 1)] },
      context({ organisation: 'woningcorporatie' }),
    );
    const police = await policy.decide({ owner: 'politie', fields: [FIELDS.politieRegistraties], entities: [entity('address', IN_AREA, 0), entity('address', IN_AREA_QUIET, 1)] }, context());
    const shown = (d: Decision) => {
      const { precise: _kept, caseId: _case, ...rest } = d as Extract<Decision, { outcome: 'deny' }>;
      return rest;
    };
    const all = [...persons.decisions, ...addresses.decisions].map(([d]) => d!);
    expect(new Set(all.map((d) => JSON.stringify(shown(d)))).size).toBe(1);
    expect(shown(all[0]!)).toEqual({
      outcome: 'deny',
      principle: 'subject',
      rule: 'subject.withheld',
      reason: withheldReason('Persoon.geslachtsnaam', 'identifying', { secrecy: true }),
    });
    expect(all.map((d) => preciseDecision(d).rule)).toEqual(['doelbinding.brp-secrecy', 'scope.out-of-area', 'dragnet.no-selection', 'scope.out-of-area']);
    // A case without a finding (tier weight) and no case at all look the same for criminal-law data.
    expect(police.decisions.map(([d]) => shown(d!))).toEqual([shown(police.decisions[1]![0]!), shown(police.decisions[1]![0]!)]);
    expect(police.decisions.map(([d]) => preciseDecision(d!).rule)).toEqual(['proportionaliteit.tier-weight', 'dragnet.no-selection']);
  });

  // Issue 12, "how to show it": the per-request memo of field judgements is per owner, not per coordinate.
  it('gives one coordinate asked of two owners in one request each owner\'s own decision', async () => {
    const policy = createPolicy({ data, facts: createInMemoryFacts(RECORDS) });
    const ctx = context({ purpose: 'uitkeringsfraude' });
    const bsnOf = (owner: string, purposes: string[]): FetchQuestion => ({
      owner,
      fields: [{ coordinate: 'Persoon.bsn', owner, classification: { tier: 'identifying', purposes } }],
      entities: [entity('person', '999990019', 0)],
    });
    const [brp, corporation, sociaal] = await Promise.all([
      policy.decide(bsnOf('brp', ['uitkeringsfraude']), ctx),
      policy.decide(bsnOf('woningcorporatie', ['woonfraude']), ctx),
      policy.decide(bsnOf('sociale-dienst', ['uitkeringsfraude']), ctx),
    ]);
    expect(brp.decisions[0]![0]).toEqual(ALLOW_IN_CASE);
    expect(corporation.decisions[0]![0]).toMatchObject({ outcome: 'deny', rule: 'doelbinding.owner-purpose' });
    expect(sociaal.decisions[0]![0]).toEqual(ALLOW_IN_CASE);
    // Asked again in the same request, in the other order: the same answers.
    expect((await policy.decide(bsnOf('woningcorporatie', ['woonfraude']), ctx)).decisions[0]![0]).toMatchObject({ rule: 'doelbinding.owner-purpose' });
    expect((await policy.decide(bsnOf('brp', ['uitkeringsfraude']), ctx)).decisions[0]![0]).toEqual(ALLOW_IN_CASE);
  });

  it('does not load facts when the request or every field is refused already', async () => {
    const { provider, calls } = recording(RECORDS);
    const policy = createPolicy({ data, facts: provider });
    const entities = [entity('person', '999990019', 0)];
    const refusedRequest = await policy.decide({ owner: 'brp', fields: [FIELDS.geslachtsnaam], entities }, context({ project: 'onbekend' }));
    const refusedFields = await policy.decide({ owner: 'ind', fields: [FIELDS.verblijfsstatus], entities }, context());
    expect(calls).toHaveLength(0);
    expect(refusedRequest.decisions[0]![0]!.rule).toBe('context.unknown-project');
    expect(refusedFields.decisions[0]![0]!.rule).toBe('doelbinding.owner-not-participant');
  });

  it('keeps field refusals and denies the rest when the facts cannot be loaded', async () => {
    const unavailable: Decision = {
      outcome: 'deny',
      principle: 'context',
      rule: 'policy.facts-unavailable',
      reason: 'the facts about this subject (area, signals, case) could not be loaded, so nothing about it is released; try again later',
    };
    const failing: FactsProvider = { load: async () => Promise.reject(new Error('database down')) };
    const wrongCount: FactsProvider = { load: async () => [] };
    const wrongSubject: FactsProvider = { load: async () => [person({ subjectId: '999990038' })] };
    const question: FetchQuestion = {
      owner: 'belastingdienst',
      fields: [FIELDS.toeslagen, { ...FIELDS.toeslagen, coordinate: 'Persoon.arbeid', classification: { tier: 'financial', purposes: ['arbeidsuitbuiting'] } }],
      entities: [entity('person', '999990019', 0)],
    };
    for (const facts of [failing, wrongCount, wrongSubject]) {
      const answer = await createPolicy({ data, facts }).decide(question, context());
      expect(answer.decisions).toEqual([[unavailable, expect.objectContaining({ rule: 'doelbinding.owner-purpose' })]]);
    }
  });

  it('says what each decision was made on: the request, the field and, where loaded, the entity\'s facts', async () => {
    const { provider } = recording(RECORDS);
    const policy = createPolicy({ data, facts: provider });
    const entities = [entity('person', '999990019', 0), entity('person', '999990099', 1)];
    const ctx = context();
    const question: FetchQuestion = { owner: 'brp', fields: [FIELDS.geslachtsnaam], entities };
    const answer = await policy.decide(question, ctx);
    const [known] = await createInMemoryFacts(RECORDS).load(entities.slice(0, 1), { project: data.projects.get('wijkaanpak-2026')!, referenceDate: '2026-11-01', today: '2026-11-15', request: ctx });
    expect(answer.inputs).toEqual([
      [{ request: ctx, field: FIELDS.geslachtsnaam, entity: known, referenceDate: '2026-11-01' }],
      [{ request: ctx, field: FIELDS.geslachtsnaam, entity: expect.objectContaining({ subjectId: '999990099', inScope: false }), referenceDate: '2026-11-01' }],
    ]);
    expect(answer.inputs![0]![0]!.request).toBe(ctx);

    const unknownProject = context({ project: 'onbekend' });
    const refused = await policy.decide(question, unknownProject);
    expect(refused.inputs).toEqual([0, 1].map(() => [{ request: unknownProject, field: FIELDS.geslachtsnaam, entity: null, referenceDate: null }]));

    const failing = await createPolicy({ data, facts: { load: async () => Promise.reject(new Error('database down')) } }).decide(
      { owner: 'belastingdienst', fields: [FIELDS.toeslagen, { ...FIELDS.toeslagen, coordinate: 'Persoon.arbeid', classification: { tier: 'financial', purposes: ['arbeidsuitbuiting'] } }], entities: entities.slice(0, 1) },
      ctx,
    );
    // The facts could not be loaded: that refusal was not made by the rules and has no input; the field refusal has one.
    expect(failing.inputs).toEqual([[undefined, expect.objectContaining({ entity: null, referenceDate: '2026-11-01' })]]);
  });

  it('answers an empty matrix for a question without entities', async () => {
    const { provider, calls } = recording(RECORDS);
    const answer = await createPolicy({ data, facts: provider }).decide({ owner: 'brp', fields: [FIELDS.geslachtsnaam], entities: [] }, context());
    expect(answer).toEqual({ decisions: [], inputs: [] });
    expect(calls).toHaveLength(0);
  });
});
