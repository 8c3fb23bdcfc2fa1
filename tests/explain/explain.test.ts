/**
 * Explain on the scenario world: per rule, a query and a context whose explanation allows,
 * minimises or denies by that rule, at the stage the engine settles it; and for every row the same
 * query and context through the real executor and policy, compared path by path.
 */
import { preciseDecision } from '../../gateway/policy/no-oracle.ts';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ExecutionOutput } from '../../gateway/executor/execute.ts';
import { explainOperation } from '../../gateway/explain/explain.ts';
import type { Explanation, ExplainedField } from '../../gateway/explain/types.ts';
import { ENTITY_RULES } from '../../gateway/policy/decide.ts';
import { createPolicy } from '../../gateway/policy/create-policy.ts';
import type { Decision } from '../../gateway/policy/types.ts';
import { createInProcessWorldGateway } from '../helpers/world-gateway.ts';
import { ADRES, BSN, completeFacts, contextOf, data, provider, schema, world, type Asker } from './world.ts';

const JUSTIFICATION = 'The household composition in the BRP cannot show the allowances the signal is about.';

const ANALIST_BD: Asker = { organisation: 'belastingdienst', role: 'analist', purpose: 'uitkeringsfraude' };
const HOME = `{ adres(adresId: "${ADRES.gezinswoning}") { straat bewoners { bsn } } }`;

interface Row {
  name: string;
  asker: Asker;
  query: string;
  /** One line per field: "<path> <stage> [<outcome> <rule> [<transform>]]". */
  expected: string[];
}

const ROWS: Row[] = [
  {
    name: 'allow: the selected family home, its register data and its residents list; the residents themselves are decided at run time',
    asker: ANALIST_BD,
    query: HOME,
    expected: ['adres.straat entity allow policy.allow', 'adres.bewoners entity allow policy.allow', 'adres.bewoners.*.bsn run-time'],
  },
  {
    name: 'minimise (proportionaliteit.tier-weight): the studio selected on one signal, judged before the second (2026-06-01)',
    asker: { organisation: 'sociale-dienst', role: 'analist', purpose: 'uitkeringsfraude', now: '2026-06-01T10:00:00+02:00' },
    query: `{ adres(adresId: "${ADRES.studioDeGroot}") { aantalBewoners bewoners { bsn } } persoon(bsn: "${BSN.markDeGroot}") { bsn geboortedatum } }`,
    expected: [
      'adres.aantalBewoners entity allow policy.allow',
      'adres.bewoners entity minimise proportionaliteit.tier-weight count',
      'adres.bewoners.*.bsn not-asked',
      'persoon.bsn entity minimise proportionaliteit.tier-weight masked-bsn',
      'persoon.geboortedatum entity minimise proportionaliteit.tier-weight year',
    ],
  },
  {
    name: 'context.missing-purpose: no project or purpose declared',
    asker: { organisation: 'belastingdienst', role: 'analist' },
    query: HOME,
    expected: ['adres.straat request deny context.missing-purpose', 'adres.bewoners request deny context.missing-purpose', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'context.unknown-project',
    asker: { ...ANALIST_BD, project: 'wijkaanpak-2030' },
    query: HOME,
    expected: ['adres.straat request deny context.unknown-project', 'adres.bewoners request deny context.unknown-project', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'context.unknown-purpose',
    asker: { ...ANALIST_BD, purpose: 'woonfraud' },
    query: HOME,
    expected: ['adres.straat request deny context.unknown-purpose', 'adres.bewoners request deny context.unknown-purpose', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'context.role-purpose: a care worker for an enforcement purpose',
    asker: { organisation: 'wijkteam', role: 'zorgverlener', purpose: 'uitkeringsfraude' },
    query: HOME,
    expected: ['adres.straat request deny context.role-purpose', 'adres.bewoners request deny context.role-purpose', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'doelbinding.project-inactive: the project that ended in 2025',
    asker: { ...ANALIST_BD, project: 'wijkaanpak-2025' },
    query: HOME,
    expected: ['adres.straat request deny doelbinding.project-inactive', 'adres.bewoners request deny doelbinding.project-inactive', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'doelbinding.requester-not-participant: the RDW does not take part in the project',
    asker: { organisation: 'rdw', role: 'analist', purpose: 'uitkeringsfraude' },
    query: HOME,
    expected: [
      'adres.straat request deny doelbinding.requester-not-participant',
      'adres.bewoners request deny doelbinding.requester-not-participant',
      'adres.bewoners.*.bsn not-asked',
    ],
  },
  {
    name: 'field stage: care data to enforcement, a field not shared for the purpose, an owner outside the project; for named and unnamed persons alike',
    asker: { organisation: 'sociale-dienst', role: 'analist', purpose: 'uitkeringsfraude' },
    query: `{ persoon(bsn: "${BSN.gerdaWouters}") { zorgtrajecten { soort } voertuigen { kenteken } heeftZorgverwijzing }
      adres(adresId: "${ADRES.zorgWouters}") { eigenaar { bsn } bewoners { zorgtrajecten { soort } } } }`,
    expected: [
      'persoon.zorgtrajecten field deny doelbinding.care-only',
      'persoon.voertuigen field deny doelbinding.owner-not-participant',
      'persoon.heeftZorgverwijzing entity allow policy.allow',
      'adres.eigenaar field deny doelbinding.owner-purpose',
      'adres.eigenaar.bsn not-asked',
      'adres.bewoners entity allow policy.allow',
      'adres.bewoners.*.zorgtrajecten field deny doelbinding.care-only',
    ],
  },
  {
    name: 'scope.out-of-area: an address outside the project area',
    asker: ANALIST_BD,
    query: `{ adres(adresId: "${ADRES.kraaijeveld}") { straat bewoners { bsn } } }`,
    expected: ['adres.straat entity deny scope.out-of-area', 'adres.bewoners entity deny scope.out-of-area', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'doelbinding.brp-secrecy: a person under the secrecy flag, asked by a private body',
    asker: { organisation: 'woningcorporatie', role: 'analist', purpose: 'woonfraude' },
    query: `{ persoon(bsn: "${BSN.fatmaYilmaz}") { bsn naam { geslachtsnaam } } }`,
    expected: ['persoon.bsn entity deny doelbinding.brp-secrecy', 'persoon.naam entity deny doelbinding.brp-secrecy'],
  },
  {
    name: 'dragnet.no-selection: personal data of an address without a case',
    asker: ANALIST_BD,
    query: `{ adres(adresId: "${ADRES.bureauVisser}") { straat bewoners { bsn } } }`,
    expected: ['adres.straat entity allow policy.allow', 'adres.bewoners entity minimise dragnet.no-selection count', 'adres.bewoners.*.bsn not-asked'],
  },
  {
    name: 'proportionaliteit.tier-weight (deny): criminal-law data needs a documented suspicion',
    asker: { organisation: 'sociale-dienst', role: 'analist', purpose: 'woonfraude' },
    query: `{ adres(adresId: "${ADRES.gezinswoning}") { politieRegistraties { soort } } wouters: adres(adresId: "${ADRES.zorgWouters}") { politieRegistraties { soort } } }`,
    expected: ['adres.politieRegistraties entity deny proportionaliteit.tier-weight', 'wouters.politieRegistraties entity allow policy.allow'],
  },
  {
    name: 'subsidiariteit.lower-tiers-first: financial data before the identifying data was consulted',
    asker: ANALIST_BD,
    query: `{ persoon(bsn: "${BSN.esmeeVerhoeven}") { toeslagen { jaarbedrag } } }`,
    expected: ['persoon.toeslagen entity deny subsidiariteit.lower-tiers-first'],
  },
  {
    name: 'subsidiariteit.justified: the same on a written justification, flagged for review',
    asker: { ...ANALIST_BD, justification: JUSTIFICATION },
    query: `{ persoon(bsn: "${BSN.esmeeVerhoeven}") { toeslagen { jaarbedrag } } }`,
    expected: ['persoon.toeslagen entity allow subsidiariteit.justified'],
  },
];

function line(field: ExplainedField): string {
  const d = field.decision;
  const outcome = d ? ` ${d.outcome} ${d.rule}${d.outcome === 'minimise' ? ` ${d.transform}` : ''}` : '';
  return `${field.path} ${field.stage}${outcome}`;
}

const explain = (row: Row) => explainOperation({ schema, data, facts: completeFacts }, { document: parse(row.query), context: contextOf(row.asker) });

describe('explain: allow, minimise and deny per rule, on the scenario world', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const explanation = await explain(row);
    expect(explanation.fields.map(line)).toEqual(row.expected);
  });
});

/** The decisions of a real run by path, list indices as `*`. */
/** The real run's decisions by path, precise (Explain shows the precise rule where the caller sees subject.withheld). */
function decisionsByPath(output: ExecutionOutput): Map<string, Decision[]> {
  const byPath = new Map<string, Decision[]>();
  for (const d of output.decisions) {
    const path = d.path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
    byPath.set(path, [...(byPath.get(path) ?? []), preciseDecision(d.decision)]);
  }
  return byPath;
}

const RUN_TIME_OUTCOMES = new Set<string>(['policy.allow', 'subsidiariteit.justified', ...ENTITY_RULES]);

function expectSameOutcomes(explanation: Explanation, output: ExecutionOutput): void {
  const real = decisionsByPath(output);
  expect([...real.keys()].filter((path) => !explanation.fields.some((f) => f.path === path))).toEqual([]);
  for (const field of explanation.fields) {
    const decisions = real.get(field.path) ?? [];
    if (field.stage === 'not-asked') expect(decisions, field.path).toEqual([]);
    else if (field.stage === 'run-time') for (const d of decisions) expect(RUN_TIME_OUTCOMES.has(d.rule), `${field.path}: ${d.rule}`).toBe(true);
    // Every entity the real run decided on at this path got exactly the explained decision.
    else expect(decisions, field.path).toEqual(decisions.map(() => field.decision));
    if (field.stage !== 'not-asked' && field.stage !== 'run-time') expect(decisions.length, field.path).toBeGreaterThan(0);
  }
}

describe('explain matches a real request through the executor and the policy', () => {
  const gateway = createInProcessWorldGateway(world, { policy: createPolicy({ data, facts: provider }) });

  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const explanation = await explain(row);
    const context = contextOf(row.asker);
    gateway.reset();
    const output = await gateway.run(row.query, {}, context);
    expectSameOutcomes(explanation, output);
  });
});

describe('the explanation in full', () => {
  it('names the policy version, the request clearance, and per field the decision, its facts and what is left to run time', async () => {
    const explanation = await explainOperation(
      { schema, data, facts: completeFacts },
      {
        document: parse('query Huis($id: ID!) { adres(adresId: $id) { bewoners { toeslagen { jaarbedrag } } } }'),
        variables: { id: ADRES.gezinswoning },
        context: contextOf(ANALIST_BD),
      },
    );
    expect(explanation).toEqual({
      dryRun: true,
      policyVersion: data.version,
      operation: { type: 'query', name: 'Huis' },
      request: {
        outcome: 'cleared',
        organisation: 'belastingdienst',
        project: 'wijkaanpak-2026',
        purpose: 'uitkeringsfraude',
        roles: ['analist'],
        today: '2026-11-23',
        referenceDate: '2026-11-01',
        justification: false,
      },
      fields: [
        {
          path: 'adres.bewoners',
          coordinate: 'Adres.bewoners',
          owner: 'brp',
          tier: 'identifying',
          subject: { kind: 'address', named: true },
          stage: 'entity',
          decision: { outcome: 'allow', rule: 'policy.allow', caseId: 'ZAAK-GEZIN' },
          facts: { weight: 'overlapping-signals', signallingPartners: ['belastingdienst', 'woningcorporatie'], caseId: 'ZAAK-GEZIN', consultedTiers: ['low'] },
        },
        {
          path: 'adres.bewoners.*.toeslagen',
          coordinate: 'Persoon.toeslagen',
          owner: 'belastingdienst',
          tier: 'financial',
          subject: { kind: 'person', named: false, answeredBy: { partner: 'brp', path: 'adres.bewoners' } },
          stage: 'run-time',
          atRunTime: {
            rules: ['scope.out-of-area', 'doelbinding.brp-secrecy', 'dragnet.no-selection', 'proportionaliteit.tier-weight', 'subsidiariteit.lower-tiers-first'],
            why: 'which persons these are is only known from the answer of "brp" to adres.bewoners, and a dry run asks no partner; the per-entity rules are decided for each of them at run time',
          },
        },
      ],
      personLimits: ['dragnet.persons-per-request', 'dragnet.persons-per-day'],
    });
  });

  it('a refused request carries the reason that says what to declare', async () => {
    const explanation = await explainOperation(
      { schema, data, facts: completeFacts },
      { document: parse(`{ adres(adresId: "${ADRES.gezinswoning}") { straat } }`), context: contextOf({ organisation: 'belastingdienst', role: 'analist' }) },
    );
    const refusal = {
      outcome: 'deny',
      principle: 'context',
      rule: 'context.missing-purpose',
      reason: 'declare a project and purpose with the x-doelpoort-project and x-doelpoort-purpose headers, e.g. x-doelpoort-project: wijkaanpak-2026 and x-doelpoort-purpose: uitkeringsfraude',
    };
    expect(explanation.request).toEqual(refusal);
    expect(explanation.fields.map((f) => [f.path, f.stage, f.decision])).toEqual([['adres.straat', 'request', refusal]]);
    expect(explanation.personLimits).toEqual([]);
  });

  it('says which rules it assumed when its facts cannot judge them without a partner', async () => {
    const facts = { ...completeFacts, coverage: { ...completeFacts.coverage, address: { known: true as const, assumes: [{ rule: 'scope.out-of-area', why: 'the postcode is in the BAG' }] } } };
    const explanation = await explainOperation({ schema, data, facts }, { document: parse(HOME), context: contextOf(ANALIST_BD) });
    expect(explanation.fields.map((f) => [f.path, f.stage, f.assumes])).toEqual([
      ['adres.straat', 'entity', [{ rule: 'scope.out-of-area', why: 'the postcode is in the BAG' }]],
      ['adres.bewoners', 'entity', [{ rule: 'scope.out-of-area', why: 'the postcode is in the BAG' }]],
      ['adres.bewoners.*.bsn', 'run-time', undefined],
    ]);
  });

  it('leaves a named subject to run time when its facts would need a partner', async () => {
    const facts = { ...completeFacts, coverage: { ...completeFacts.coverage, person: { known: false as const, why: 'the BRP holds them' } } };
    const explanation = await explainOperation({ schema, data, facts }, { document: parse(`{ persoon(bsn: "${BSN.esmeeVerhoeven}") { bsn } }`), context: contextOf(ANALIST_BD) });
    expect(explanation.fields.map((f) => [f.path, f.stage, f.atRunTime?.why])).toEqual([['persoon.bsn', 'run-time', 'the BRP holds them']]);
  });

  it('refuses an operation the gateway would not run, with the validation message', async () => {
    const run = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
      explainOperation({ schema, data, facts: completeFacts }, { document: parse(query), variables, operationName, context: contextOf(ANALIST_BD) });
    await expect(run('{ adres(adresId: "1") { kleur } }')).rejects.toThrow('Cannot query field "kleur" on type "Adres".');
    await expect(run('query A { adres(adresId: "1") { straat } } query B { persoon(bsn: "1") { bsn } }')).rejects.toThrow(
      'Must provide a known operation name when the document contains several operations.',
    );
    await expect(run('query A { adres(adresId: "1") { straat } }', undefined, 'B')).rejects.toThrow('Unknown operation named "B".');
    await expect(run('query A($id: ID!) { adres(adresId: $id) { straat } }', {})).rejects.toThrow('Variable "$id" of required type "ID!" was not provided.');
  });
});
