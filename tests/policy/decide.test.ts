import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideField, ENTITY_RULES } from '../../gateway/policy/decide.ts';
import type { EntityFacts, RequestFacts } from '../../gateway/policy/facts.ts';
import type { Decision, FieldQuestion } from '../../gateway/policy/types.ts';
import { FIELDS, address, data, person, request } from './fixtures.ts';

type Case = [name: string, field: FieldQuestion, entity: EntityFacts, request: RequestFacts, expected: Decision];

const ALLOW: Decision = { outcome: 'allow', rule: 'policy.allow' };
const KNOWN_PURPOSES = '"adreskwaliteit", "arbeidsuitbuiting", "hulpverlening", "uitkeringsfraude", "woonfraude"';

function table(cases: Case[]) {
  it.each(cases)('%s', (_name, field, entity, req, expected) => {
    expect(decideField(field, entity, req, data)).toEqual(expected);
  });
}

describe('context rules', () => {
  const withoutPurpose: RequestFacts = { ...request(), purpose: undefined };
  const emptyPurpose: RequestFacts = { ...request(), purpose: { project: 'wijkaanpak-2026', purpose: '' } };
  const missingPurpose: Decision = {
    outcome: 'deny',
    principle: 'context',
    rule: 'context.missing-purpose',
    reason:
      'declare a project and purpose with the x-doelpoort-project and x-doelpoort-purpose headers, e.g. x-doelpoort-project: wijkaanpak-2026 and x-doelpoort-purpose: uitkeringsfraude',
  };
  table([
    ['an analyst with a declared project and purpose is allowed', FIELDS.oppervlakte, address(), request(), ALLOW],
    [
      'no caller',
      FIELDS.oppervlakte,
      address(),
      { ...request(), caller: undefined },
      {
        outcome: 'deny',
        principle: 'context',
        rule: 'context.missing-caller',
        reason: 'the request has no verified caller; send a bearer token issued to you by your organisation',
      },
    ],
    ['no purpose context', FIELDS.oppervlakte, address(), withoutPurpose, missingPurpose],
    ['an empty purpose', FIELDS.oppervlakte, address(), emptyPurpose, missingPurpose],
    [
      'unknown project',
      FIELDS.oppervlakte,
      address(),
      request({ project: 'wijkaanpak-2027' }),
      {
        outcome: 'deny',
        principle: 'context',
        rule: 'context.unknown-project',
        reason: 'project "wijkaanpak-2027" is not in the policy; known projects: "wijkaanpak-2025", "wijkaanpak-2026"',
      },
    ],
    [
      'caller not authorised for the project',
      FIELDS.oppervlakte,
      address(),
      request({ projects: ['wijkaanpak-2025'] }),
      {
        outcome: 'deny',
        principle: 'context',
        rule: 'context.project-not-authorised',
        reason: 'you are not authorised for project "wijkaanpak-2026"; ask its coordinator to add you to the project',
      },
    ],
    [
      'unknown purpose',
      FIELDS.oppervlakte,
      address(),
      request({ purpose: 'woonfraud' }),
      {
        outcome: 'deny',
        principle: 'context',
        rule: 'context.unknown-purpose',
        reason: `purpose "woonfraud" is not a covenant purpose; known purposes: ${KNOWN_PURPOSES}`,
      },
    ],
    [
      'role that may not act for the purpose',
      FIELDS.oppervlakte,
      address(),
      request({ roles: ['zorgverlener'] }),
      {
        outcome: 'deny',
        principle: 'context',
        rule: 'context.role-purpose',
        reason: 'none of your roles ("zorgverlener") may act for purpose "woonfraude"; roles that may: "analist", "handhaver", "coordinator"',
      },
    ],
    [
      'a privacy officer acts for no purpose',
      FIELDS.oppervlakte,
      address(),
      request({ roles: ['privacy-officer', 'onbekend'] }),
      {
        outcome: 'deny',
        principle: 'context',
        rule: 'context.role-purpose',
        reason:
          'none of your roles ("privacy-officer", "onbekend") may act for purpose "woonfraude"; roles that may: "analist", "handhaver", "coordinator"',
      },
    ],
  ]);
});

describe('doelbinding', () => {
  const inactive = (from: string, to: string, day: string): Decision => ({
    outcome: 'deny',
    principle: 'doelbinding',
    rule: 'doelbinding.project-inactive',
    reason: `project "wijkaanpak-${from.slice(0, 4)}" runs from ${from} to ${to} and is not active on ${day}; use a project that is active today`,
  });
  const careOnly = (coordinate: string): Decision => ({
    outcome: 'deny',
    principle: 'doelbinding',
    rule: 'doelbinding.care-only',
    reason: `${coordinate} is care data: it serves only help (purpose "hulpverlening") by a care role ("zorgverlener"), never enforcement`,
  });
  const careWorker = { organisation: 'sociale-dienst', roles: ['zorgverlener'], purpose: 'hulpverlening' };
  table([
    ['project ending today is still active', FIELDS.oppervlakte, address(), request({ now: '2026-12-31T22:59:00Z' }), ALLOW],
    [
      'project ended yesterday (Dutch time: 23:30 UTC on 31 December is 1 January)',
      FIELDS.oppervlakte,
      address(),
      request({ now: '2026-12-31T23:30:00Z' }),
      inactive('2026-01-01', '2026-12-31', '2027-01-01'),
    ],
    [
      'project starting tomorrow is not active yet',
      FIELDS.oppervlakte,
      address(),
      request({ now: '2025-12-31T12:00:00Z' }),
      inactive('2026-01-01', '2026-12-31', '2025-12-31'),
    ],
    ['project starting today is active', FIELDS.oppervlakte, address(), request({ now: '2025-12-31T23:30:00Z' }), ALLOW],
    [
      'project that ended in 2025',
      FIELDS.oppervlakte,
      address(),
      request({ project: 'wijkaanpak-2025' }),
      inactive('2025-03-01', '2025-11-30', '2026-11-15'),
    ],
    [
      "requester's organisation not in the project",
      FIELDS.oppervlakte,
      address(),
      request({ organisation: 'rdw' }),
      {
        outcome: 'deny',
        principle: 'doelbinding',
        rule: 'doelbinding.requester-not-participant',
        reason:
          'your organisation "rdw" does not take part in project "wijkaanpak-2026"; participants: "brp", "bag", "sociale-dienst", "wijkteam", "uwv", "belastingdienst", "svb", "arbeidsinspectie", "politie", "woningcorporatie", "inlichtingenbureau"',
      },
    ],
    [
      'purpose not one of the project purposes',
      FIELDS.oppervlakte,
      address(),
      request({ project: 'wijkaanpak-2025', purpose: 'arbeidsuitbuiting', now: '2025-06-01T12:00:00Z' }),
      {
        outcome: 'deny',
        principle: 'doelbinding',
        rule: 'doelbinding.purpose-not-in-project',
        reason: 'purpose "arbeidsuitbuiting" is not one of the purposes of project "wijkaanpak-2025": "uitkeringsfraude", "woonfraude"',
      },
    ],
    [
      'owner not in the project',
      FIELDS.verblijfsstatus,
      person(),
      request(),
      {
        outcome: 'deny',
        principle: 'doelbinding',
        rule: 'doelbinding.owner-not-participant',
        reason: '"ind" does not take part in project "wijkaanpak-2026", so its data cannot be used in it',
      },
    ],
    [
      'purpose the owner does not allow for the field',
      FIELDS.toeslagen,
      person(),
      request({ purpose: 'arbeidsuitbuiting' }),
      {
        outcome: 'deny',
        principle: 'doelbinding',
        rule: 'doelbinding.owner-purpose',
        reason: '"belastingdienst" shares Persoon.toeslagen only for "uitkeringsfraude", "woonfraude", not for "arbeidsuitbuiting"',
      },
    ],
    [
      'no legal basis for the owner to share with the requester',
      FIELDS.politieRegistraties,
      address({ documentedSuspicion: true }),
      request({ organisation: 'belastingdienst' }),
      {
        outcome: 'deny',
        principle: 'doelbinding',
        rule: 'doelbinding.legal-basis',
        reason: 'the covenant gives "politie" no legal basis to share with "belastingdienst" for purpose "woonfraude"',
      },
    ],
    ['care data for help, by a care role', FIELDS.zorgtrajecten, person(), request(careWorker), ALLOW],
    [
      'care data asked for enforcement by a care role',
      FIELDS.zorgVoorHandhaving,
      person(),
      request({ roles: ['zorgverlener', 'analist'] }),
      careOnly('Persoon.ondersteuningsbehoefte'),
    ],
    [
      'care data asked for enforcement by an enforcement role',
      FIELDS.zorgtrajecten,
      person(),
      request(),
      careOnly('Persoon.zorgtrajecten'),
    ],
    [
      'care data for help by a role that gives no care',
      FIELDS.zorgtrajecten,
      person(),
      request({ roles: ['coordinator'], purpose: 'hulpverlening' }),
      careOnly('Persoon.zorgtrajecten'),
    ],
  ]);
});

describe('BRP secrecy flag', () => {
  const corporation = request({ organisation: 'woningcorporatie' });
  const secret = (unknown: boolean): Decision => ({
    outcome: 'deny',
    principle: 'doelbinding',
    rule: 'doelbinding.brp-secrecy',
    reason: `${unknown ? 'it is not known whether this person is under the BRP secrecy flag (geheimhouding)' : 'this person is under the BRP secrecy flag (geheimhouding)'}, so "brp" does not give their data to "woningcorporatie" (a private body)`,
  });
  table([
    ['no flag: a housing corporation gets BRP data for woonfraude', FIELDS.geslachtsnaam, person(), corporation, ALLOW],
    ['flag: not to a private party', FIELDS.geslachtsnaam, person({ secrecy: true }), corporation, secret(false)],
    ['flag unknown: not to a private party', FIELDS.geslachtsnaam, person({ secrecy: null }), corporation, secret(true)],
    ['flag: still to a public body with a legal basis', FIELDS.geslachtsnaam, person({ secrecy: true }), request(), ALLOW],
    ['flag: applies to BRP data only', FIELDS.oppervlakte, person({ secrecy: true }), corporation, ALLOW],
  ]);
});

describe('scope', () => {
  table([
    ['address in the area', FIELDS.oppervlakte, address(), request(), ALLOW],
    [
      'address outside the area',
      FIELDS.oppervlakte,
      address({ inScope: false }),
      request(),
      { outcome: 'deny', principle: 'scope', rule: 'scope.out-of-area', reason: 'this address is outside the area of project "wijkaanpak-2026"' },
    ],
    [
      'person not registered in the area on the reference date',
      FIELDS.geslachtsnaam,
      person({ inScope: false }),
      request(),
      {
        outcome: 'deny',
        principle: 'scope',
        rule: 'scope.out-of-area',
        reason: 'this person is not registered at an address in the area of project "wijkaanpak-2026" on the reference date 2026-11-01, nor tied by a partner\'s record to an address selected in it',
      },
    ],
  ]);
});

describe('selection (no dragnet)', () => {
  const unselected = address({ caseId: null, signals: { partners: ['woningcorporatie'], kinds: ['onderverhuur'] }, consultedTiers: [] });
  table([
    ['low-tier data about an address without a case', FIELDS.oppervlakte, unselected, request(), ALLOW],
    [
      'identifying data about a resident of an address without a case',
      FIELDS.geslachtsnaam,
      person({ caseId: null, signals: { partners: ['woningcorporatie'], kinds: ['onderverhuur'] } }),
      request(),
      {
        outcome: 'deny',
        principle: 'dragnet',
        rule: 'dragnet.no-selection',
        reason:
          'personal data needs a selected address, and this person\'s address has no open case in project "wijkaanpak-2026"; an address is selected when signals from two partners overlap (it has one)',
      },
    ],
    [
      'even a minimised form needs a selected address',
      FIELDS.bsn,
      address({ caseId: null, signals: { partners: [], kinds: [] } }),
      request(),
      {
        outcome: 'deny',
        principle: 'dragnet',
        rule: 'dragnet.no-selection',
        reason:
          'personal data needs a selected address, and this address has no open case in project "wijkaanpak-2026"; an address is selected when signals from two partners overlap (it has none)',
      },
    ],
  ]);
});

describe('minimised before selection, and no oracle on signals', () => {
  const outcomeOf = (entity: EntityFacts, facts: RequestFacts) => {
    const decision = decideField(FIELDS.bsn, entity, facts, data);
    return { outcome: decision.outcome, rule: decision.rule, ...(decision.outcome === 'minimise' ? { transform: decision.transform } : {}) };
  };
  it('gives the minimised form for a signal its owner shares with the caller for the purpose', () => {
    const corporation = person({ caseId: null, signals: { partners: ['woningcorporatie'], kinds: ['onderverhuur'] } });
    expect(outcomeOf(corporation, request({ purpose: 'woonfraude' }))).toEqual({ outcome: 'minimise', rule: 'dragnet.no-selection', transform: 'masked-bsn' });
  });
  it('refuses, as for no signal at all, when the only signal is one its owner does not share with the caller for the purpose', () => {
    const inspectorate = person({ caseId: null, signals: { partners: ['arbeidsinspectie'], kinds: ['huisvesting'] } });
    const none = person({ caseId: null, signals: { partners: [], kinds: [] } });
    expect(outcomeOf(inspectorate, request({ purpose: 'woonfraude' }))).toMatchObject({ outcome: 'deny', rule: 'dragnet.no-selection' });
    expect(outcomeOf(none, request({ purpose: 'woonfraude' }))).toMatchObject({ outcome: 'deny', rule: 'dragnet.no-selection' });
    expect(outcomeOf(inspectorate, request({ purpose: 'arbeidsuitbuiting' }))).toEqual({ outcome: 'minimise', rule: 'dragnet.no-selection', transform: 'masked-bsn' });
  });
});

describe('proportionaliteit', () => {
  const oneSignal = { signals: { partners: ['woningcorporatie', 'woningcorporatie'], kinds: ['overlast', 'onderverhuur'] } };
  const shortOfTwo = "identifying data needs overlapping signals from two partners; this person's address has one";
  table([
    ['overlapping signals from two partners: identifying data', FIELDS.geslachtsnaam, person(), request(), ALLOW],
    [
      'one partner (twice) gives no overlap: no minimised form, deny',
      FIELDS.geslachtsnaam,
      person(oneSignal),
      request(),
      { outcome: 'deny', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: shortOfTwo },
    ],
    [
      'one signal: a BSN is masked',
      FIELDS.bsn,
      person(oneSignal),
      request(),
      {
        outcome: 'minimise',
        transform: 'masked-bsn',
        principle: 'proportionaliteit',
        rule: 'proportionaliteit.tier-weight',
        reason: `${shortOfTwo}; until then it is given as a masked BSN`,
      },
    ],
    [
      'one signal: a birth date becomes a year',
      FIELDS.geboortedatum,
      person(oneSignal),
      request(),
      {
        outcome: 'minimise',
        transform: 'year',
        principle: 'proportionaliteit',
        rule: 'proportionaliteit.tier-weight',
        reason: `${shortOfTwo}; until then it is given as the year only`,
      },
    ],
    [
      'one signal: an allowance becomes a band',
      FIELDS.toeslagen,
      person(oneSignal),
      request(),
      {
        outcome: 'minimise',
        transform: 'band',
        principle: 'proportionaliteit',
        rule: 'proportionaliteit.tier-weight',
        reason: "financial data needs overlapping signals from two partners; this person's address has one; until then it is given as an amount band",
      },
    ],
    [
      'a minimised form the tier table does not allow for the tier: deny',
      FIELDS.inkomenJaar,
      person(oneSignal),
      request(),
      {
        outcome: 'deny',
        principle: 'proportionaliteit',
        rule: 'proportionaliteit.tier-weight',
        reason: "financial data needs overlapping signals from two partners; this person's address has one",
      },
    ],
    [
      'a signal from a partner outside the project does not count',
      FIELDS.geslachtsnaam,
      person({ signals: { partners: ['woningcorporatie', 'rdw'], kinds: ['overlast', 'voertuig'] } }),
      request(),
      { outcome: 'deny', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: shortOfTwo },
    ],
    [
      'criminal-law data with overlapping signals only',
      FIELDS.politieRegistraties,
      address(),
      request(),
      {
        outcome: 'deny',
        principle: 'proportionaliteit',
        rule: 'proportionaliteit.tier-weight',
        reason: "criminal-law data needs a documented suspicion recorded in the address's case; this address has none (it has signals from two partners)",
      },
    ],
    ['criminal-law data with a documented suspicion', FIELDS.politieRegistraties, address({ documentedSuspicion: true }), request(), ALLOW],
  ]);
});

describe('subsidiariteit', () => {
  const lowOnly = { consultedTiers: ['low' as const] };
  const firstIdentifying: Decision = {
    outcome: 'deny',
    principle: 'subsidiariteit',
    rule: 'subsidiariteit.lower-tiers-first',
    reason:
      "consult the identifying data in case ZAAK-2026-001 before financial data, or give a written justification of why they cannot serve in the x-doelpoort-justification header (it is recorded for the privacy officer's review)",
  };
  table([
    ['financial data after identifying data was consulted', FIELDS.toeslagen, person(), request(), ALLOW],
    ['financial data before identifying data', FIELDS.toeslagen, person(lowOnly), request(), firstIdentifying],
    ['a blank justification is none', FIELDS.toeslagen, person(lowOnly), request({ justification: '   ' }), firstIdentifying],
    [
      'financial data before identifying data, with a justification: allowed and flagged',
      FIELDS.toeslagen,
      person(lowOnly),
      request({ justification: 'The BRP shows nobody at this address; only the allowances can show who lives there.' }),
      { outcome: 'allow', rule: 'subsidiariteit.justified', flaggedForReview: true },
    ],
    [
      'a minimised field skipping a tier with a justification stays minimised and is flagged',
      FIELDS.toeslagen,
      person({ ...lowOnly, signals: { partners: ['politie'], kinds: ['overlast'] } }),
      request({ justification: 'Urgent: fire safety.' }),
      {
        outcome: 'minimise',
        transform: 'band',
        principle: 'proportionaliteit',
        rule: 'proportionaliteit.tier-weight',
        reason:
          "financial data needs overlapping signals from two partners; this person's address has one; until then it is given as an amount band; lower tiers were skipped on a written justification, flagged for review",
        flaggedForReview: true,
      },
    ],
    [
      'police data before financial data',
      FIELDS.politieRegistraties,
      address({ documentedSuspicion: true, consultedTiers: ['low', 'identifying'] }),
      request(),
      {
        outcome: 'deny',
        principle: 'subsidiariteit',
        rule: 'subsidiariteit.lower-tiers-first',
        reason:
          "consult the financial data in case ZAAK-2026-001 before criminal-law data, or give a written justification of why they cannot serve in the x-doelpoort-justification header (it is recorded for the privacy officer's review)",
      },
    ],
    ['identifying data needs no lower tier first', FIELDS.geslachtsnaam, person({ consultedTiers: [] }), request(), ALLOW],
  ]);
});

describe('classification', () => {
  it('denies a field whose classification the rules cannot read', () => {
    const broken = { coordinate: 'Persoon.x', owner: 'brp', classification: { tier: 'secret', purposes: ['woonfraude'] } } as unknown as FieldQuestion;
    expect(decideField(broken, person(), request(), data)).toEqual({
      outcome: 'deny',
      principle: 'classification',
      rule: 'classification.invalid',
      reason:
        'the classification of Persoon.x by "brp" is not valid (a known tier, at least one purpose, a known minimised form); the partner must correct its @classified directive',
    });
  });
});

// Issue 12, "how to show it": when several per-entity rules would refuse, the documented order
// (docs/policy.md, "The rules, in order": 15 scope, 16 secrecy, 17 selection, 18 tier weight,
// 19 subsidiarity) decides which rule the decision names.
describe('the order of the per-entity rules', () => {
  const corporation = request({ organisation: 'woningcorporatie' });
  const ruleOf = (field: FieldQuestion, entity: EntityFacts, req: RequestFacts = corporation) => decideField(field, entity, req, data).outcome === 'allow' ? 'allow' : (decideField(field, entity, req, data) as { rule: string }).rule;
  const everythingWrong = person({ inScope: false, secrecy: true, caseId: null, signals: { partners: [], kinds: [] }, consultedTiers: [] });

  it('is the order docs/policy.md documents', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/policy.md'), 'utf8');
    const documented = [...docs.matchAll(/^\| (\d+) \| `([a-z.-]+)` \|/gm)].filter((m) => Number(m[1]) >= 15).map((m) => m[2]);
    expect([...ENTITY_RULES]).toEqual(documented);
  });

  it('names the first refusing rule, taking the refusing facts away one by one', () => {
    expect(ruleOf(FIELDS.geslachtsnaam, everythingWrong)).toBe('scope.out-of-area');
    expect(ruleOf(FIELDS.geslachtsnaam, { ...everythingWrong, inScope: true })).toBe('doelbinding.brp-secrecy');
    expect(ruleOf(FIELDS.geslachtsnaam, { ...everythingWrong, inScope: true, secrecy: false })).toBe('dragnet.no-selection');
    const selected = { ...everythingWrong, inScope: true, secrecy: false, caseId: 'ZAAK-1' };
    expect(ruleOf(FIELDS.politieRegistraties, selected, request({ purpose: 'woonfraude' }))).toBe('proportionaliteit.tier-weight');
    const suspected = { ...selected, documentedSuspicion: true };
    expect(ruleOf(FIELDS.politieRegistraties, suspected, request({ purpose: 'woonfraude' }))).toBe('subsidiariteit.lower-tiers-first');
    expect(ruleOf(FIELDS.politieRegistraties, { ...suspected, consultedTiers: ['identifying', 'financial'] }, request({ purpose: 'woonfraude' }))).toBe('allow');
  });
});
