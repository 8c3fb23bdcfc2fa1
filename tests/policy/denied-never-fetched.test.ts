/**
 * For every rule that can refuse: proof that what it refused never reached the gateway. Each row
 * runs a real query through the gateway's executor over the world's 13 partners (each one recording
 * what it was asked), decided by the shipped policy files with facts from the store (the world's
 * signals seeded into it, cases opened in it). Per row: the field is null with an error at its path
 * carrying the rule id (or, for a rule that refuses on facts about the subject, the uniform
 * refusal the caller is shown, while the executor's decision keeps the precise rule: no oracle), the owning partner was not asked for that field about that subject (or, for a
 * minimised form, only for what the form needs), and the response carries no trace of the value.
 * The last test checks that the table covers every denying rule id of gateway/policy and of
 * docs/policy.md, so that a new rule without such a proof fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, visit, type FieldNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classification } from '../../schema/classification.ts';
import type { Caller, RequestContext } from '../../gateway/context/types.ts';
import type { RegisterLookup } from '../../gateway/facts/registers.ts';
import { createStoreFacts } from '../../gateway/facts/provider.ts';
import { createPolicy } from '../../gateway/policy/create-policy.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { SUBJECT_FACT_RULES, preciseDecision } from '../../gateway/policy/no-oracle.ts';
import { applyMinimisation } from '../../gateway/policy/minimise.ts';
import { cachePerRequest } from '../../gateway/policy/request-facts-cache.ts';
import { openCase } from '../../gateway/store/cases.ts';
import type { Db } from '../../gateway/store/db.ts';
import { seedSignalsFromWorld } from '../../gateway/store/signals.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { backends } from '../helpers/backends.ts';
import { createInProcessWorldGateway, type InProcessWorldGateway, type PartnerCall, type WorldGatewayOptions } from '../helpers/world-gateway.ts';
import { worldRegisters } from '../helpers/world-registers.ts';
import { withheldReason } from './fixtures.ts';
import { POLICY_DIR } from './policy-files.ts';

const ROOT = join(import.meta.dirname, '../..');
const PROJECT = 'wijkaanpak-2026';
const ENDED = 'wijkaanpak-2025';

const HAZELAARSTRAAT_14 = '9999200000900001';
const VLIERBESSTRAAT_22 = '9999200000900002';
const VLIERBESSTRAAT_30 = '9999200000900003';
const MEIDOORNWEG_31 = '9999200000900015';
const ESMEE = '999990007';
const DENNIS = '999990032';
const PIOTR = '999990044';
const FATMA = '999990160';
const PATRICK = '999990263';
const GERDA = '999990317';
const MARK = '999990226';
const SCHOUTEN = '999990196';

/** Scenario 1 is selected; Vlierbesstraat 22 too, without findings. */
const SELECTED = [HAZELAARSTRAAT_14, VLIERBESSTRAAT_22];
/** The day Meidoornweg 31 has one partner's signal (SVB, 2026-05-19; the BRP's follows on 2026-06-20). */
const ONE_SIGNAL_DAY = '2026-06-01T10:00:00+02:00';
/** The day Vlierbesstraat 30 has one partner's signal (the inspectorate, 2026-04-20; the BRP's follows on 2026-05-12). */
const ONE_SIGNAL_DAY_30 = '2026-05-01T10:00:00+02:00';

type Harness = 'default' | 'unreadable-classification' | 'registers-down';

interface Row {
  rule: string;
  /** What the case shows, for the test title. */
  title: string;
  query: string;
  caller: Caller | undefined;
  purpose: { project: string; purpose: string } | undefined;
  now?: string;
  harness?: Harness;
  data: unknown;
  /** The refused (or minimised) field, the subject it is about and the partner that owns it. */
  path: (string | number)[];
  owner: string;
  subject: { typename: 'Persoon' | 'Adres'; id: string };
  /** Exactly what the owner was asked, whitespace collapsed, with the variables. */
  ownerCalls: [string, Record<string, unknown>][];
  /**
   * Denied: the precise principle and reason (the error's, or the decision record's when the caller
   * is shown the uniform refusal `shown`). Minimised: the transform and its value.
   */
  shown?: { tier: Classification['tier']; secrecy?: boolean };
  expected: { principle: string; reason: string | ((caseOf: ReadonlyMap<string, string>) => string) } | { transform: string; value: unknown; code: 'FIELD_MINIMISED' | null };
  /** Parts of the partner's value that must not be anywhere in the response. */
  secrets: string[];
}

const caller = (organisation: string, role: string, projects = [PROJECT]): Caller => ({ id: `${organisation}-${role}-1`, organisation, roles: [role], projects });
const declared = (purpose: string, project = PROJECT) => ({ project, purpose });

const ANALIST_BD = caller('belastingdienst', 'analist');
const ESMEE_TOESLAGEN = `{ persoon(bsn: "${ESMEE}") { toeslagen { soort jaar jaarbedrag } } }`;
const ESMEE_ROOT: [string, Record<string, unknown>] = [`{ persoon(bsn: "${ESMEE}") { __typename _dp_bsn: bsn } }`, {}];
const toeslagenOfEsmee = {
  data: { persoon: { toeslagen: null } },
  path: ['persoon', 'toeslagen'],
  owner: 'belastingdienst',
  subject: { typename: 'Persoon' as const, id: ESMEE },
  ownerCalls: [],
  secrets: ['kindgebonden-budget', '4082', '2842'],
};
const entities = (typename: string, fields: string) => `query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on ${typename} { __typename ${fields} } } }`;
const adresRep = (adresId: string) => ({ r0: [{ __typename: 'Adres', adresId }] });
const persoonRep = (bsn: string) => ({ r0: [{ __typename: 'Persoon', bsn }] });
const selectionReason = (partners: string) =>
  `personal data needs a selected address, and this person's address has no open case in project "${PROJECT}"; an address is selected when signals from two partners overlap (it has ${partners})`;

const ROWS: Row[] = [
  {
    rule: 'context.missing-caller',
    title: 'a request without a verified caller',
    query: ESMEE_TOESLAGEN,
    caller: undefined,
    purpose: declared('uitkeringsfraude'),
    ...toeslagenOfEsmee,
    expected: { principle: 'context', reason: 'the request has no verified caller; send a bearer token issued to you by your organisation' },
  },
  {
    rule: 'context.missing-purpose',
    title: 'a request without project and purpose',
    query: ESMEE_TOESLAGEN,
    caller: ANALIST_BD,
    purpose: undefined,
    ...toeslagenOfEsmee,
    expected: {
      principle: 'context',
      reason: 'declare a project and purpose with the x-doelpoort-project and x-doelpoort-purpose headers, e.g. x-doelpoort-project: wijkaanpak-2026 and x-doelpoort-purpose: uitkeringsfraude',
    },
  },
  {
    rule: 'context.unknown-project',
    title: 'a project that is not in the policy (though the token lists it)',
    query: ESMEE_TOESLAGEN,
    caller: caller('belastingdienst', 'analist', ['wijkaanpak-2030']),
    purpose: declared('uitkeringsfraude', 'wijkaanpak-2030'),
    ...toeslagenOfEsmee,
    expected: { principle: 'context', reason: 'project "wijkaanpak-2030" is not in the policy; known projects: "wijkaanpak-2025", "wijkaanpak-2026"' },
  },
  {
    rule: 'context.project-not-authorised',
    title: 'a project the token does not list',
    query: ESMEE_TOESLAGEN,
    caller: caller('belastingdienst', 'analist', []),
    purpose: declared('uitkeringsfraude'),
    ...toeslagenOfEsmee,
    expected: { principle: 'context', reason: `you are not authorised for project "${PROJECT}"; ask its coordinator to add you to the project` },
  },
  {
    rule: 'context.unknown-purpose',
    title: 'a purpose that is not a covenant purpose',
    query: ESMEE_TOESLAGEN,
    caller: ANALIST_BD,
    purpose: declared('woonfraud'),
    ...toeslagenOfEsmee,
    expected: {
      principle: 'context',
      reason: 'purpose "woonfraud" is not a covenant purpose; known purposes: "adreskwaliteit", "arbeidsuitbuiting", "hulpverlening", "uitkeringsfraude", "woonfraude"',
    },
  },
  {
    rule: 'context.role-purpose',
    title: 'a care role acting for an enforcement purpose',
    query: ESMEE_TOESLAGEN,
    caller: caller('wijkteam', 'zorgverlener'),
    purpose: declared('uitkeringsfraude'),
    ...toeslagenOfEsmee,
    expected: { principle: 'context', reason: 'none of your roles ("zorgverlener") may act for purpose "uitkeringsfraude"; roles that may: "analist", "handhaver", "coordinator"' },
  },
  {
    rule: 'doelbinding.project-inactive',
    title: 'the project that ended on 2025-11-30',
    query: ESMEE_TOESLAGEN,
    caller: caller('belastingdienst', 'analist', [ENDED]),
    purpose: declared('uitkeringsfraude', ENDED),
    ...toeslagenOfEsmee,
    expected: { principle: 'doelbinding', reason: `project "${ENDED}" runs from 2025-03-01 to 2025-11-30 and is not active on 2026-11-23; use a project that is active today` },
  },
  {
    rule: 'doelbinding.requester-not-participant',
    title: 'an organisation that does not take part in the project',
    query: ESMEE_TOESLAGEN,
    caller: caller('rdw', 'analist'),
    purpose: declared('uitkeringsfraude'),
    ...toeslagenOfEsmee,
    expected: {
      principle: 'doelbinding',
      reason: `your organisation "rdw" does not take part in project "${PROJECT}"; participants: "brp", "bag", "sociale-dienst", "wijkteam", "uwv", "belastingdienst", "svb", "arbeidsinspectie", "politie", "woningcorporatie", "inlichtingenbureau"`,
    },
  },
  {
    rule: 'doelbinding.purpose-not-in-project',
    title: 'a purpose the (then active) project does not have',
    query: ESMEE_TOESLAGEN,
    caller: caller('belastingdienst', 'analist', [ENDED]),
    purpose: declared('arbeidsuitbuiting', ENDED),
    now: '2025-06-02T10:00:00+02:00',
    ...toeslagenOfEsmee,
    expected: { principle: 'doelbinding', reason: `purpose "arbeidsuitbuiting" is not one of the purposes of project "${ENDED}": "uitkeringsfraude", "woonfraude"` },
  },
  {
    rule: 'classification.invalid',
    title: 'a classification the rules cannot read (an unknown tier)',
    query: ESMEE_TOESLAGEN,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    harness: 'unreadable-classification',
    ...toeslagenOfEsmee,
    expected: {
      principle: 'classification',
      reason: 'the classification of Persoon.toeslagen by "belastingdienst" is not valid (a known tier, at least one purpose, a known minimised form); the partner must correct its @classified directive',
    },
  },
  {
    rule: 'doelbinding.owner-not-participant',
    title: 'data of a partner that does not take part in the project (IND)',
    query: `{ persoon(bsn: "${ESMEE}") { verblijfsstatus { soort geldigTot } } }`,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    data: { persoon: { verblijfsstatus: null } },
    path: ['persoon', 'verblijfsstatus'],
    owner: 'ind',
    subject: { typename: 'Persoon', id: ESMEE },
    ownerCalls: [],
    expected: { principle: 'doelbinding', reason: `"ind" does not take part in project "${PROJECT}", so its data cannot be used in it` },
    secrets: ['nederlander'],
  },
  {
    rule: 'doelbinding.care-only',
    title: 'care data asked for an enforcement purpose',
    query: `{ persoon(bsn: "${GERDA}") { zorgtrajecten { soort startdatum } } }`,
    caller: caller('sociale-dienst', 'analist'),
    purpose: declared('uitkeringsfraude'),
    data: { persoon: { zorgtrajecten: null } },
    path: ['persoon', 'zorgtrajecten'],
    owner: 'wijkteam',
    subject: { typename: 'Persoon', id: GERDA },
    ownerCalls: [],
    expected: {
      principle: 'doelbinding',
      reason: 'Persoon.zorgtrajecten is care data: it serves only help (purpose "hulpverlening") by a care role ("zorgverlener"), never enforcement',
    },
    secrets: ['wmo-begeleiding', '2026-07-01'],
  },
  {
    rule: 'doelbinding.care-only',
    title: 'care data asked for the care purpose by a role that gives no care (the coordinator)',
    query: `{ persoon(bsn: "${GERDA}") { zorgtrajecten { soort startdatum } } }`,
    caller: caller('sociale-dienst', 'coordinator'),
    purpose: declared('hulpverlening'),
    data: { persoon: { zorgtrajecten: null } },
    path: ['persoon', 'zorgtrajecten'],
    owner: 'wijkteam',
    subject: { typename: 'Persoon', id: GERDA },
    ownerCalls: [],
    expected: {
      principle: 'doelbinding',
      reason: 'Persoon.zorgtrajecten is care data: it serves only help (purpose "hulpverlening") by a care role ("zorgverlener"), never enforcement',
    },
    secrets: ['wmo-begeleiding', '2026-07-01'],
  },
  {
    rule: 'doelbinding.owner-purpose',
    title: 'the Labour Inspectorate’s housing data asked against benefit fraud',
    query: `{ adres(adresId: "${HAZELAARSTRAAT_14}") { huisvestingArbeidsmigranten { aantalPersonen vastgesteldOp werkgever { naam } } } }`,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    data: { adres: { huisvestingArbeidsmigranten: null } },
    path: ['adres', 'huisvestingArbeidsmigranten'],
    owner: 'arbeidsinspectie',
    subject: { typename: 'Adres', id: HAZELAARSTRAAT_14 },
    ownerCalls: [],
    expected: { principle: 'doelbinding', reason: '"arbeidsinspectie" shares Adres.huisvestingArbeidsmigranten only for "arbeidsuitbuiting", "woonfraude", not for "uitkeringsfraude"' },
    secrets: ['Kraaijeveld', '2026-09-22'],
  },
  {
    rule: 'doelbinding.legal-basis',
    title: 'police data for the Belastingdienst (the covenant gives the police no basis for it)',
    query: `{ adres(adresId: "${VLIERBESSTRAAT_22}") { politieRegistraties { id soort datum } } }`,
    caller: ANALIST_BD,
    purpose: declared('woonfraude'),
    data: { adres: { politieRegistraties: null } },
    path: ['adres', 'politieRegistraties'],
    owner: 'politie',
    subject: { typename: 'Adres', id: VLIERBESSTRAAT_22 },
    ownerCalls: [],
    expected: { principle: 'doelbinding', reason: 'the covenant gives "politie" no legal basis to share with "belastingdienst" for purpose "woonfraude"' },
    secrets: ['POL-9001', '2026-02-18'],
  },
  {
    rule: 'scope.out-of-area',
    title: 'a person registered nowhere in the area and tied by no record to a selected address (Piotr, before the visit)',
    query: `{ persoon(bsn: "${PIOTR}") { inkomens { jaar verzamelinkomen } } }`,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    data: { persoon: { inkomens: null } },
    path: ['persoon', 'inkomens'],
    owner: 'belastingdienst',
    subject: { typename: 'Persoon', id: PIOTR },
    ownerCalls: [],
    shown: { tier: 'financial' },
    expected: { principle: 'scope', reason: `this person is not registered at an address in the area of project "${PROJECT}" on the reference date 2026-11-01, nor tied by a partner's record to an address selected in it` },
    secrets: ['"jaar":2025'],
  },
  {
    rule: 'scope.out-of-area',
    title: 'an address outside the area (Kadewal 7, Oude Haven)',
    query: `{ adres(adresId: "9999200000900016") { bewoners { bsn naam { geslachtsnaam } } } }`,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    data: { adres: { bewoners: null } },
    path: ['adres', 'bewoners'],
    owner: 'brp',
    subject: { typename: 'Adres', id: '9999200000900016' },
    ownerCalls: [],
    shown: { tier: 'identifying' },
    expected: { principle: 'scope', reason: `this address is outside the area of project "${PROJECT}"` },
    secrets: [DENNIS, 'Kraaijeveld'],
  },
  {
    rule: 'doelbinding.brp-secrecy',
    title: 'a person under the BRP secrecy flag, asked by a private body (the corporation)',
    query: `{ persoon(bsn: "${FATMA}") { naam { voornamen geslachtsnaam } geboortedatum } }`,
    caller: caller('woningcorporatie', 'analist'),
    purpose: declared('woonfraude'),
    data: { persoon: { naam: null, geboortedatum: null } },
    path: ['persoon', 'naam'],
    owner: 'brp',
    subject: { typename: 'Persoon', id: FATMA },
    ownerCalls: [[`{ persoon(bsn: "${FATMA}") { __typename _dp_bsn: bsn } }`, {}]],
    shown: { tier: 'identifying', secrecy: true },
    expected: {
      principle: 'doelbinding',
      reason: 'this person is under the BRP secrecy flag (geheimhouding), so "brp" does not give their data to "woningcorporatie" (a private body)',
    },
    secrets: ['Fatma', 'Yilmaz'],
  },
  {
    rule: 'dragnet.no-selection',
    title: 'a resident of an address that is not selected (Lindelaan 3)',
    query: `{ persoon(bsn: "${PATRICK}") { naam { voornamen geslachtsnaam } } }`,
    caller: caller('sociale-dienst', 'analist'),
    purpose: declared('uitkeringsfraude'),
    data: { persoon: { naam: null } },
    path: ['persoon', 'naam'],
    owner: 'brp',
    subject: { typename: 'Persoon', id: PATRICK },
    ownerCalls: [[`{ persoon(bsn: "${PATRICK}") { __typename _dp_bsn: bsn } }`, {}]],
    shown: { tier: 'identifying' },
    expected: { principle: 'dragnet', reason: selectionReason('two') },
    secrets: ['Patrick', 'Visser'],
  },
  {
    rule: 'proportionaliteit.tier-weight',
    title: 'criminal-law data on a selected address without a documented suspicion',
    query: `{ adres(adresId: "${VLIERBESSTRAAT_22}") { politieRegistraties { id soort datum } } }`,
    caller: caller('sociale-dienst', 'analist'),
    purpose: declared('woonfraude'),
    data: { adres: { politieRegistraties: null } },
    path: ['adres', 'politieRegistraties'],
    owner: 'politie',
    subject: { typename: 'Adres', id: VLIERBESSTRAAT_22 },
    ownerCalls: [],
    shown: { tier: 'criminal-law' },
    expected: {
      principle: 'proportionaliteit',
      reason: "criminal-law data needs a documented suspicion recorded in the address's case; this address has none (it has signals from three partners)",
    },
    secrets: ['POL-9001', '2026-02-18'],
  },
  {
    rule: 'proportionaliteit.tier-weight',
    title: 'the residents of a selected address with one partner’s signal: a count, asked without content',
    query: `{ adres(adresId: "${MEIDOORNWEG_31}") { bewoners { bsn naam { voornamen geslachtsnaam } } } }`,
    caller: caller('sociale-dienst', 'analist'),
    purpose: declared('uitkeringsfraude'),
    now: ONE_SIGNAL_DAY,
    data: { adres: { bewoners: null } },
    path: ['adres', 'bewoners'],
    owner: 'brp',
    subject: { typename: 'Adres', id: MEIDOORNWEG_31 },
    ownerCalls: [[entities('Adres', 'bewoners { __typename }'), adresRep(MEIDOORNWEG_31)]],
    expected: { transform: 'count', value: 1, code: 'FIELD_MINIMISED' },
    secrets: [MARK, 'Mark', 'Groot'],
  },
  {
    rule: 'proportionaliteit.tier-weight',
    title: 'the owner of a selected address with one partner’s signal: whether there is one, asked without content',
    query: `{ adres(adresId: "${VLIERBESSTRAAT_30}") { eigenaar { bsn naam { geslachtsnaam } } } }`,
    caller: caller('woningcorporatie', 'analist'),
    purpose: declared('woonfraude'),
    now: ONE_SIGNAL_DAY_30,
    data: { adres: { eigenaar: null } },
    path: ['adres', 'eigenaar'],
    owner: 'bag',
    subject: { typename: 'Adres', id: VLIERBESSTRAAT_30 },
    ownerCalls: [
      [`{ adres(adresId: "${VLIERBESSTRAAT_30}") { __typename _dp_adresId: adresId } }`, {}],
      [entities('Adres', 'eigenaar { __typename }'), adresRep(VLIERBESSTRAAT_30)],
    ],
    expected: { transform: 'exists', value: true, code: null },
    secrets: [SCHOUTEN, 'Schouten'],
  },
  {
    rule: 'dragnet.no-selection',
    title: 'a birth date before selection (Lindelaan 3, signalled, no case): the partner gives the date, only the year leaves the gateway',
    query: `{ persoon(bsn: "${PATRICK}") { geboortedatum } }`,
    caller: caller('sociale-dienst', 'analist'),
    purpose: declared('uitkeringsfraude'),
    data: { persoon: { geboortedatum: '1982' } },
    path: ['persoon', 'geboortedatum'],
    owner: 'brp',
    subject: { typename: 'Persoon', id: PATRICK },
    ownerCalls: [
      [`{ persoon(bsn: "${PATRICK}") { __typename _dp_bsn: bsn } }`, {}],
      [entities('Persoon', 'geboortedatum'), persoonRep(PATRICK)],
    ],
    expected: { transform: 'year', value: '1982', code: null },
    secrets: ['1982-04-16'],
  },
  {
    rule: 'proportionaliteit.tier-weight',
    title: 'a birth date below the weight: the partner gives the date, only the year leaves the gateway',
    query: `{ persoon(bsn: "${MARK}") { geboortedatum } }`,
    caller: caller('sociale-dienst', 'analist'),
    purpose: declared('uitkeringsfraude'),
    now: ONE_SIGNAL_DAY,
    data: { persoon: { geboortedatum: '1988' } },
    path: ['persoon', 'geboortedatum'],
    owner: 'brp',
    subject: { typename: 'Persoon', id: MARK },
    ownerCalls: [
      [`{ persoon(bsn: "${MARK}") { __typename _dp_bsn: bsn } }`, {}],
      [entities('Persoon', 'geboortedatum'), persoonRep(MARK)],
    ],
    expected: { transform: 'year', value: '1988', code: null },
    secrets: ['1988-01-12'],
  },
  {
    rule: 'subsidiariteit.lower-tiers-first',
    title: 'financial data in a case where no identifying data was consulted, without a justification',
    query: ESMEE_TOESLAGEN,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    ...toeslagenOfEsmee,
    expected: {
      principle: 'subsidiariteit',
      reason: (caseOf) =>
        `consult the identifying data in case ${caseOf.get(HAZELAARSTRAAT_14)} before financial data, or give a written justification of why they cannot serve in the x-doelpoort-justification header (it is recorded for the privacy officer's review)`,
    },
  },
  {
    rule: 'policy.facts-unavailable',
    title: 'the registers the facts come from cannot be reached',
    query: ESMEE_TOESLAGEN,
    caller: ANALIST_BD,
    purpose: declared('uitkeringsfraude'),
    harness: 'registers-down',
    ...toeslagenOfEsmee,
    expected: { principle: 'context', reason: 'the facts about this subject (area, signals, case) could not be loaded, so nothing about it is released; try again later' },
  },
];

/** The names of the fields selected, at any depth, in one call's operation. */
function selectedNames(query: string): Set<string> {
  const names = new Set<string>();
  visit(parse(query), { Field: (node: FieldNode) => void names.add(node.name.value) });
  return names;
}

/**
 * Whether a call asked for `field` about the subject: an `_entities` alias whose representations
 * hold the subject and whose fragment on its type selects the field, or a root call that names the
 * subject and selects the field anywhere.
 */
function askedFor(call: PartnerCall, subject: Row['subject'], field: string): boolean {
  const operation = parse(call.query).definitions[0]!;
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
  const key = subject.typename === 'Persoon' ? 'bsn' : 'adresId';
  return operation.selectionSet.selections.some((selection) => {
    if (selection.kind !== Kind.FIELD) throw new Error('a partner call selects fields at its root');
    const argument = selection.arguments?.[0]?.value;
    if (selection.name.value !== '_entities' || argument?.kind !== Kind.VARIABLE) {
      return (call.query.includes(subject.id) || JSON.stringify(call.variables).includes(subject.id)) && selectedNames(call.query).has(field);
    }
    const representations = call.variables[argument.name.value] as Record<string, unknown>[];
    if (!representations.some((r) => r['__typename'] === subject.typename && r[key] === subject.id)) return false;
    return (selection.selectionSet?.selections ?? []).some(
      (s) => s.kind === Kind.INLINE_FRAGMENT && s.typeCondition?.name.value === subject.typename && s.selectionSet.selections.some((f) => f.kind === Kind.FIELD && f.name.value === field),
    );
  });
}

const collapse = (query: string) => query.replace(/\s+/g, ' ').trim();
const fieldOf = (row: Row) => String(row.path[row.path.length - 1]);

describe('denied data never reaches the gateway, for every rule that can deny', () => {
  const world = defaultWorld();
  const data = loadPolicyData(POLICY_DIR);
  let db: Db;
  let caseOf: Map<string, string>;
  const harnesses = new Map<Harness, InProcessWorldGateway>();
  let unguarded: InProcessWorldGateway | undefined;
  /** The same partners without a policy (everything allowed), to show the secrets are real. */
  const allowAll = () => (unguarded ??= createInProcessWorldGateway(world));

  function harness(kind: Harness): InProcessWorldGateway {
    let gateway = harnesses.get(kind);
    if (gateway) return gateway;
    const registers: RegisterLookup =
      kind === 'registers-down'
        ? {
            addresses: () => Promise.reject(new Error('the BAG cannot be reached')),
            persons: () => Promise.reject(new Error('the BRP cannot be reached')),
          }
        : worldRegisters();
    const options: WorldGatewayOptions = {
      policy: createPolicy({ data, facts: cachePerRequest(createStoreFacts({ db, registers })) }),
      minimise: (transform, value) => applyMinimisation(transform, value, data.covenant.amountBands),
    };
    if (kind === 'unreadable-classification') {
      options.classifications = (composed) =>
        new Map([...composed].map(([key, c]): [string, Classification] => (key === 'belastingdienst:Persoon.toeslagen' ? [key, { ...c, tier: 'geheim' as Classification['tier'] }] : [key, c])));
    }
    harnesses.set(kind, (gateway = createInProcessWorldGateway(world, options)));
    return gateway;
  }

  beforeAll(async () => {
    db = await backends[0]!.open();
    for (const project of data.projects.values()) await seedSignalsFromWorld(db, world, project);
    caseOf = new Map();
    for (const adresId of SELECTED) {
      const opened = await openCase(db, { project: PROJECT, adresId, openedBy: 'sociale-dienst-coordinator-1', reason: 'Signals of two or more partners overlap here.', openedAt: new Date('2026-07-01T09:00:00+02:00') });
      caseOf.set(adresId, opened.id);
    }
    // The selection refuses an address with one partner's signal; a case that exists anyway (opened
    // under a lower threshold, say) is written into the store directly: proportionaliteit still holds.
    await openCase(db, { project: PROJECT, adresId: MEIDOORNWEG_31, openedBy: 'sociale-dienst-coordinator-1', reason: 'Opened on the SVB signal alone.', openedAt: new Date(ONE_SIGNAL_DAY) });
    await openCase(db, { project: PROJECT, adresId: VLIERBESSTRAAT_30, openedBy: 'sociale-dienst-coordinator-1', reason: 'Opened on the inspectorate signal alone.', openedAt: new Date(ONE_SIGNAL_DAY_30) });
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(ROWS.map((row) => [row.rule, row.title, row] as const))('%s: %s', async (_rule, _title, row) => {
    const gateway = harness(row.harness ?? 'default');
    gateway.reset();
    const context: Partial<RequestContext> = {
      ...(row.caller ? { caller: row.caller } : {}),
      ...(row.purpose ? { purpose: row.purpose } : {}),
      ...(row.now ? { now: new Date(row.now) } : {}),
    };
    const { result, decisions } = await gateway.run(row.query, {}, context);
    const coordinate = `${row.subject.typename}.${fieldOf(row)}`;

    expect(result.data).toEqual(row.data);
    if ('principle' in row.expected) {
      const reason = typeof row.expected.reason === 'string' ? row.expected.reason : row.expected.reason(caseOf);
      // A refusal on facts about the subject is shown uniformly; the decision keeps the precise rule.
      expect(SUBJECT_FACT_RULES.has(row.rule)).toBe(row.shown !== undefined);
      const shown = row.shown
        ? { principle: 'subject', rule: 'subject.withheld', reason: withheldReason(coordinate, row.shown.tier, row.shown) }
        : { principle: row.expected.principle, rule: row.rule, reason };
      const errors = result.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions }));
      expect(errors?.[0]).toEqual({
        message: `Access to ${coordinate} was denied (${shown.principle}): ${shown.reason}`,
        path: row.path,
        extensions: { code: 'FIELD_DENIED', coordinate, owner: row.owner, ...shown },
      });
      const decided = decisions.find((d) => d.path.join('.') === row.path.join('.'));
      expect(decided && preciseDecision(decided.decision)).toEqual({ outcome: 'deny', principle: row.expected.principle, rule: row.rule, reason, ...(decided?.decision.caseId ? { caseId: decided.decision.caseId } : {}) });
      // Every other field of the query is refused by the same rule (the queries ask one subject).
      expect(errors?.map((e) => e.extensions['rule'])).toEqual(errors?.map(() => shown.rule));
      expect(result.extensions).toBeUndefined();
    } else {
      const { transform, value, code } = row.expected;
      expect(result.extensions).toEqual({ doelpoort: { minimised: [{ path: row.path, coordinate, transform, value }] } });
      const errors = result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }));
      expect(errors).toEqual(code ? [{ path: row.path, extensions: { code, coordinate, transform } }] : undefined);
    }

    // The owner was asked exactly this: for a denial, nothing about the field for this subject.
    const ownerCalls = gateway.callsTo(row.owner);
    expect(ownerCalls.map((c) => [collapse(c.query), c.variables])).toEqual(row.ownerCalls);
    if ('principle' in row.expected) {
      expect(ownerCalls.filter((c) => askedFor(c, row.subject, fieldOf(row)))).toEqual([]);
    }
    const response = JSON.stringify(result);
    for (const secret of row.secrets) expect(response).not.toContain(secret);
  });

  it.each(ROWS.map((row) => [row.rule, row.title, row] as const))('control, %s: %s: without the policy the partner is asked and gives the value', async (_rule, _title, row) => {
    const gateway = allowAll();
    gateway.reset();
    const { result } = await gateway.run(row.query, {}, {});
    expect(gateway.callsTo(row.owner).filter((c) => askedFor(c, row.subject, fieldOf(row)))).toHaveLength(1);
    const response = JSON.stringify(result);
    for (const secret of row.secrets) expect(response).toContain(secret);
  });

  it('the table covers every rule id that can deny (gateway/policy and docs/policy.md)', () => {
    const sourceDir = join(ROOT, 'gateway/policy');
    const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts'))
      .map((path) => readFileSync(join(sourceDir, path), 'utf8'));
    const denying = new Set(sources.flatMap((text) => [...text.matchAll(/deny\(\s*'[a-z]+',\s*'([a-z.-]+)'/g)].map((m) => m[1]!)));
    const minimising = new Set(sources.flatMap((text) => [...text.matchAll(/outcome: 'minimise',[^}]*?rule: '([a-z.-]+)'/gs)].map((m) => m[1]!)));

    const docs = readFileSync(join(ROOT, 'docs/policy.md'), 'utf8');
    const documented = new Set([...docs.matchAll(/^\| \d+ \| `([a-z.-]+)` \|/gm)].map((m) => m[1]!));
    for (const m of docs.matchAll(/`([a-z]+\.[a-z.-]+)` denies/g)) documented.add(m[1]!);

    expect(denying.size).toBeGreaterThan(15);
    expect([...documented].sort()).toEqual([...denying].sort());
    expect([...minimising].sort()).toEqual(['dragnet.no-selection', 'proportionaliteit.tier-weight']);

    const denied = new Set(ROWS.filter((row) => 'principle' in row.expected).map((row) => row.rule));
    const minimised = new Set(ROWS.filter((row) => !('principle' in row.expected)).map((row) => row.rule));
    expect([...denied].sort()).toEqual([...denying].sort());
    expect([...minimised].sort()).toEqual([...minimising].sort());
  });
});
