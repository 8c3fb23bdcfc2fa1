import { describe, expect, it } from 'vitest';
import type { Classification } from '../../schema/classification.ts';
import type { ExecutionOutput } from '../../gateway/executor/execute.ts';
import type { Decision, FetchQuestion, Policy } from '../../gateway/policy/types.ts';
import { FED, createTestGateway, queriesOf, recordingPolicy as recording } from '../helpers/federation.ts';

const ANNA = '999990007';
const BRAM = '999990019';
const people: Record<string, { naam: string; geboortedatum: string; huurtoeslag: number; zorgtoeslag: number }> = {
  [ANNA]: { naam: 'Anna de Vries', geboortedatum: '1991-04-02', huurtoeslag: 2842, zorgtoeslag: 1500 },
  [BRAM]: { naam: 'Bram Jansen', geboortedatum: '1985-11-30', huurtoeslag: 3100, zorgtoeslag: 1320 },
};

const subgraphs = [
  {
    name: 'brp',
    typeDefs: `${FED} type Query { personen(bsns: [ID!]!): [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! naam: String geboortedatum: String }`,
    resolvers: {
      Query: { personen: (_: unknown, a: { bsns: string[] }) => a.bsns.map((bsn) => ({ bsn, ...people[bsn] })) },
      Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, ...people[r.bsn] }) },
    },
  },
  {
    name: 'belastingdienst',
    typeDefs: `${FED} type Persoon @key(fields: "bsn") { bsn: ID! huurtoeslag: Int zorgtoeslag: Int }`,
    resolvers: { Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, ...people[r.bsn] }) } },
  },
];

const identifying: Classification = { tier: 'identifying', purposes: ['uitkeringsfraude'] };
const classifications = new Map<string, Classification>([
  ['brp:Persoon.bsn', identifying],
  ['brp:Persoon.naam', identifying],
  ['brp:Persoon.geboortedatum', { ...identifying, minimised: 'year' }],
  ['belastingdienst:Persoon.huurtoeslag', { tier: 'financial', purposes: ['uitkeringsfraude'], minimised: 'band' }],
  // belastingdienst:Persoon.zorgtoeslag is deliberately not classified.
]);
const subjectTypes = { Persoon: { kind: 'person' as const, idField: 'bsn', registry: 'brp' } };

const allow: Decision = { outcome: 'allow', rule: 'test.allow' };
const denyBram: Decision = {
  outcome: 'deny',
  principle: 'proportionaliteit',
  rule: 'proportionaliteit.tier-weight',
  reason: 'needs overlapping signals from two partners; this address has one',
};

/** Denies Persoon.huurtoeslag for Bram, minimises a birth date to its year, allows the rest; records every question. */
function recordingPolicy(): { policy: Policy; questions: FetchQuestion[] } {
  return recording((coordinate, subjectId): Decision => {
    if (coordinate === 'Persoon.huurtoeslag' && subjectId === BRAM) return denyBram;
    if (coordinate === 'Persoon.geboortedatum') return { outcome: 'minimise', transform: 'year', principle: 'proportionaliteit', rule: 'test.year', reason: 'a year is enough' };
    return allow;
  });
}

const errorsOf = (out: ExecutionOutput) => out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }));
const asked = (questions: FetchQuestion[]) =>
  questions.map((q) => ({ owner: q.owner, fields: q.fields.map((f) => f.coordinate), subjects: q.entities.map((e) => e.subjectId) }));

describe('the policy decides before a partner is asked', () => {
  it('does not send a denied entity’s representation for the denied field, and nulls it with the decision’s reasons', async () => {
    const { policy, questions } = recordingPolicy();
    const gw = createTestGateway(subgraphs, { classifications, subjectTypes, policy });
    const out = await gw.run(`query ($bsns: [ID!]!) { personen(bsns: $bsns) { naam huurtoeslag } }`, { bsns: [ANNA, BRAM] });
    expect(out.result.data).toEqual({
      personen: [
        { naam: 'Anna de Vries', huurtoeslag: 2842 },
        { naam: 'Bram Jansen', huurtoeslag: null },
      ],
    });
    expect(errorsOf(out)).toEqual([
      {
        path: ['personen', 1, 'huurtoeslag'],
        extensions: {
          code: 'FIELD_DENIED',
          coordinate: 'Persoon.huurtoeslag',
          owner: 'belastingdienst',
          principle: 'proportionaliteit',
          rule: 'proportionaliteit.tier-weight',
          reason: 'needs overlapping signals from two partners; this address has one',
        },
      },
    ]);
    expect(out.result.errors![0]!.message).toBe(
      'Access to Persoon.huurtoeslag was denied (proportionaliteit): needs overlapping signals from two partners; this address has one',
    );
    expect(asked(questions).sort((a, b) => a.owner.localeCompare(b.owner))).toEqual([
      { owner: 'belastingdienst', fields: ['Persoon.huurtoeslag'], subjects: [ANNA, BRAM] },
      { owner: 'brp', fields: ['Persoon.naam'], subjects: [ANNA, BRAM] },
    ]);
    expect(queriesOf(gw, 'belastingdienst')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename huurtoeslag } } }',
    ]);
    expect(gw.calls.get('belastingdienst')![0]!.variables).toEqual({ r0: [{ __typename: 'Persoon', bsn: ANNA }] });
    expect(gw.calls.get('brp')!.map((c) => c.variables)).toEqual([
      { bsns: [ANNA, BRAM] },
      { r0: [{ __typename: 'Persoon', bsn: ANNA }, { __typename: 'Persoon', bsn: BRAM }] },
    ]);
    expect(queriesOf(gw, 'brp')).toEqual([
      'query ($bsns: [ID!]!) { personen(bsns: $bsns) { __typename _dp_bsn: bsn } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename naam } } }',
    ]);
  });

  it('denies an unclassified field without asking the policy or the partner', async () => {
    const { policy, questions } = recordingPolicy();
    const gw = createTestGateway(subgraphs, { classifications, subjectTypes, policy });
    const out = await gw.run(`{ personen(bsns: ["${ANNA}"]) { huurtoeslag zorgtoeslag } }`);
    expect(out.result.data).toEqual({ personen: [{ huurtoeslag: 2842, zorgtoeslag: null }] });
    expect(errorsOf(out)).toEqual([
      {
        path: ['personen', 0, 'zorgtoeslag'],
        extensions: {
          code: 'FIELD_DENIED',
          coordinate: 'Persoon.zorgtoeslag',
          owner: 'belastingdienst',
          principle: 'classification',
          rule: 'classification.missing',
          reason: 'The partner belastingdienst has not classified Persoon.zorgtoeslag, so it is never released. The partner must declare @classified on it.',
        },
      },
    ]);
    expect(asked(questions)).toEqual([{ owner: 'belastingdienst', fields: ['Persoon.huurtoeslag'], subjects: [ANNA] }]);
    expect(queriesOf(gw, 'belastingdienst')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename huurtoeslag } } }',
    ]);
  });

  it('fails closed when the policy throws: every field denied with rule policy.error, no partner asked for them', async () => {
    const policy: Policy = {
      async decide() {
        throw new Error('policy engine unreachable');
      },
    };
    const gw = createTestGateway(subgraphs, { classifications, subjectTypes, policy });
    const out = await gw.run(`{ personen(bsns: ["${ANNA}", "${BRAM}"]) { bsn naam huurtoeslag } }`);
    expect(out.result.data).toEqual({
      personen: [
        { bsn: null, naam: null, huurtoeslag: null },
        { bsn: null, naam: null, huurtoeslag: null },
      ],
    });
    expect(out.result.errors!.map((e) => [e.path!.join('.'), e.extensions.code, e.extensions.rule, e.extensions.principle]).sort()).toEqual([
      ['personen.0.bsn', 'FIELD_DENIED', 'policy.error', 'context'],
      ['personen.0.huurtoeslag', 'FIELD_DENIED', 'policy.error', 'context'],
      ['personen.0.naam', 'FIELD_DENIED', 'policy.error', 'context'],
      ['personen.1.bsn', 'FIELD_DENIED', 'policy.error', 'context'],
      ['personen.1.huurtoeslag', 'FIELD_DENIED', 'policy.error', 'context'],
      ['personen.1.naam', 'FIELD_DENIED', 'policy.error', 'context'],
    ]);
    expect(queriesOf(gw, 'brp')).toHaveLength(1);
    expect(gw.calls.get('belastingdienst')).toBeUndefined();
  });

  it('gives the minimised form of a String field in the data and in extensions', async () => {
    const { policy } = recordingPolicy();
    const gw = createTestGateway(subgraphs, { classifications, subjectTypes, policy });
    const out = await gw.run(`{ personen(bsns: ["${ANNA}", "${BRAM}"]) { geboortedatum } }`);
    expect(out.result).toEqual({
      data: { personen: [{ geboortedatum: 'year(1991-04-02)' }, { geboortedatum: 'year(1985-11-30)' }] },
      extensions: {
        doelpoort: {
          minimised: [
            { path: ['personen', 0, 'geboortedatum'], coordinate: 'Persoon.geboortedatum', transform: 'year', value: 'year(1991-04-02)' },
            { path: ['personen', 1, 'geboortedatum'], coordinate: 'Persoon.geboortedatum', transform: 'year', value: 'year(1985-11-30)' },
          ],
        },
      },
    });
  });

  it('decides on the key field bsn the client asks for, but does not fetch it again', async () => {
    const { policy, questions } = recordingPolicy();
    const gw = createTestGateway(subgraphs, { classifications, subjectTypes, policy });
    const out = await gw.run(`{ personen(bsns: ["${ANNA}", "${BRAM}"]) { bsn } }`);
    expect(out.result).toEqual({ data: { personen: [{ bsn: ANNA }, { bsn: BRAM }] } });
    expect(asked(questions)).toEqual([{ owner: 'brp', fields: ['Persoon.bsn'], subjects: [ANNA, BRAM] }]);
    expect(out.decisions.map((d) => [d.coordinate, d.owner, d.subject.id, d.path.join('.'), d.decision.outcome])).toEqual([
      ['Persoon.bsn', 'brp', ANNA, 'personen.0.bsn', 'allow'],
      ['Persoon.bsn', 'brp', BRAM, 'personen.1.bsn', 'allow'],
    ]);
    expect(queriesOf(gw, 'brp')).toEqual(['{ personen(bsns: ["999990007", "999990019"]) { __typename _dp_bsn: bsn } }']);
    expect(gw.calls.get('belastingdienst')).toBeUndefined();
  });


  it('never fetches or forwards a person’s @requires fields without a decision', async () => {
    const questions: FetchQuestion[] = [];
    const allow: Decision = { outcome: 'allow', rule: 'test.allow' };
    const policy: Policy = {
      async decide(q) {
        questions.push(q);
        return { decisions: q.entities.map(() => q.fields.map(() => allow)) };
      },
    };
    const gw = createTestGateway(
      [
        {
          name: 'brp',
          typeDefs: `${FED} type Query { personen(bsns: [ID!]!): [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! naam: String geboortedatum: String }`,
          resolvers: { Query: { personen: (_: unknown, a: { bsns: string[] }) => a.bsns.map((bsn) => ({ bsn, ...people[bsn] })) } },
        },
        {
          name: 'svb',
          typeDefs: `${FED} type Persoon @key(fields: "bsn") { bsn: ID! geboortedatum: String @external aowLeeftijd: Boolean @requires(fields: "geboortedatum") }`,
          resolvers: { Persoon: { aowLeeftijd: (p: { geboortedatum: string }) => p.geboortedatum < '1959' } },
        },
      ],
      {
        classifications: new Map([
          ['brp:Persoon.bsn', identifying],
          ['brp:Persoon.naam', identifying],
          ['brp:Persoon.geboortedatum', identifying],
          ['svb:Persoon.aowLeeftijd', identifying],
        ]),
        subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } },
        policy,
      },
    );
    const out = await gw.run(`{ personen(bsns: ["${ANNA}"]) { aowLeeftijd } }`);
    expect(out.result.data).toEqual({ personen: [{ aowLeeftijd: null }] });
    expect(out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['personen', 0, 'aowLeeftijd'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Persoon.aowLeeftijd' } },
    ]);
    expect(questions).toEqual([]);
    expect(gw.calls.get('svb')).toBeUndefined();
    expect(queriesOf(gw, 'brp')).toEqual(['{ personen(bsns: ["999990007"]) { __typename _dp_bsn: bsn } }']);
  });

  it('never sends a person’s fields to a partner through a @requires on another type', async () => {
    const questions: FetchQuestion[] = [];
    const policy: Policy = {
      async decide(q) {
        questions.push(q);
        return { decisions: q.entities.map(() => q.fields.map((): Decision => ({ outcome: 'allow', rule: 'test.allow' }))) };
      },
    };
    const gw = createTestGateway(
      [
        {
          name: 'brp',
          typeDefs: `${FED} type Query { zaak: Zaak } type Zaak @key(fields: "id") { id: ID! bewoners: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! naam: String }`,
          resolvers: { Query: { zaak: () => ({ id: 'z1', bewoners: [{ bsn: ANNA, ...people[ANNA] }] }) } },
        },
        {
          name: 'rapportage',
          typeDefs: `${FED} type Zaak @key(fields: "id") { id: ID! bewoners: [Persoon!]! @external samenvatting: String @requires(fields: "bewoners { naam }") }
            type Persoon @key(fields: "bsn") { bsn: ID! naam: String @external }`,
          resolvers: { Zaak: { samenvatting: (z: { bewoners: { naam: string }[] }) => z.bewoners.map((b) => b.naam).join(', ') } },
        },
      ],
      {
        classifications: new Map([
          ['brp:Persoon.bsn', identifying],
          ['brp:Persoon.naam', identifying],
        ]),
        subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } },
        policy,
      },
    );
    const out = await gw.run(`{ zaak { samenvatting } }`);
    expect(out.result.data).toEqual({ zaak: { samenvatting: null } });
    expect(out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['zaak', 'samenvatting'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Zaak.samenvatting' } },
    ]);
    expect(questions).toEqual([]);
    expect(gw.calls.get('rapportage')).toBeUndefined();
    expect(queriesOf(gw, 'brp')).toEqual(['{ zaak { __typename _dp_id: id } }']);
  });

  it('never sends the BSNs of a case’s residents to a partner through a @requires on their key', async () => {
    const gw = createTestGateway(
      [
        {
          name: 'brp',
          typeDefs: `${FED} type Query { zaak: Zaak } type Zaak @key(fields: "id") { id: ID! bewoners: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! naam: String }`,
          resolvers: { Query: { zaak: () => ({ id: 'z1', bewoners: [{ bsn: ANNA, ...people[ANNA] }] }) } },
        },
        {
          name: 'rapportage',
          typeDefs: `${FED} type Zaak @key(fields: "id") { id: ID! bewoners: [Persoon!]! @external aantalBewoners: Int @requires(fields: "bewoners { bsn }") }
            type Persoon @key(fields: "bsn") { bsn: ID! }`,
          resolvers: { Zaak: { aantalBewoners: (z: { bewoners: unknown[] }) => z.bewoners.length } },
        },
      ],
      { subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } } },
    );
    const out = await gw.run(`{ zaak { aantalBewoners } }`);
    expect(out.result.data).toEqual({ zaak: { aantalBewoners: null } });
    expect(out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['zaak', 'aantalBewoners'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Zaak.aantalBewoners' } },
    ]);
    expect(gw.calls.get('rapportage')).toBeUndefined();
    expect(queriesOf(gw, 'brp')).toEqual(['{ zaak { __typename _dp_id: id } }']);
  });

  it('never sends a person’s fields to a partner through a @requires on an interface a person implements', async () => {
    const eigenaarTypes = (external: string) => `interface Eigenaar { naam: String }
      type Persoon implements Eigenaar @key(fields: "bsn") { bsn: ID! naam: String ${external} }
      type Bedrijf implements Eigenaar @key(fields: "kvk") { kvk: ID! naam: String ${external} }`;
    const resolveType = { __resolveType: (o: { __typename: string }) => o.__typename };
    const gw = createTestGateway(
      [
        {
          name: 'kadaster',
          typeDefs: `${FED} type Query { perceel: Perceel } type Perceel @key(fields: "id") { id: ID! eigenaar: Eigenaar } ${eigenaarTypes('')}`,
          resolvers: { Query: { perceel: () => ({ id: 'k1', eigenaar: { __typename: 'Persoon', bsn: ANNA, ...people[ANNA] } }) }, Eigenaar: resolveType },
        },
        {
          name: 'risico',
          typeDefs: `${FED} type Perceel @key(fields: "id") { id: ID! eigenaar: Eigenaar @external score: String @requires(fields: "eigenaar { naam }") } ${eigenaarTypes('@external')}`,
          resolvers: { Perceel: { score: (p: { eigenaar: { naam: string } }) => `score(${p.eigenaar.naam})` }, Eigenaar: resolveType },
        },
      ],
      { subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } } },
    );
    const out = await gw.run(`{ perceel { score } }`);
    expect(out.result.data).toEqual({ perceel: { score: null } });
    expect(out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['perceel', 'score'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Perceel.score' } },
    ]);
    expect(gw.calls.get('risico')).toBeUndefined();
    expect(queriesOf(gw, 'kadaster')).toEqual(['{ perceel { __typename _dp_id: id } }']);
  });

  it('decides on the persons a mutation field reaches, and completes them before the next field of that partner runs', async () => {
    const { policy, questions } = recordingPolicy();
    const started: string[] = [];
    const zaken = {
      name: 'zaken',
      typeDefs: `${FED} type Mutation { openZaak(bsns: [ID!]!): Zaak! sluitZaak: Zaak! } type Zaak @key(fields: "ref") { ref: ID! status: String! bewoners: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! }`,
      resolvers: {
        Mutation: {
          openZaak: (_: unknown, a: { bsns: string[] }) => ({ ref: 'Z1', status: 'open', bewoners: a.bsns.map((bsn) => ({ bsn })) }),
          sluitZaak: () => ({ ref: 'Z1', status: 'closed', bewoners: [] }),
        },
      },
    };
    const gw = createTestGateway([...subgraphs, zaken], {
      classifications,
      subjectTypes,
      policy,
      wrap: (fetcher) => (url, request, options) => (started.push(new URL(url).hostname.split('.')[0]!), fetcher(url, request, options)),
    });
    const out = await gw.run(`mutation { a: openZaak(bsns: ["${ANNA}", "${BRAM}"]) { bewoners { naam huurtoeslag } } b: sluitZaak { status } }`);
    expect(out.result.data).toEqual({
      a: { bewoners: [{ naam: 'Anna de Vries', huurtoeslag: 2842 }, { naam: 'Bram Jansen', huurtoeslag: null }] },
      b: { status: 'closed' },
    });
    expect(errorsOf(out)?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['a', 'bewoners', 1, 'huurtoeslag'], 'FIELD_DENIED']]);
    expect(asked(questions).sort((x, y) => x.owner.localeCompare(y.owner))).toEqual([
      { owner: 'belastingdienst', fields: ['Persoon.huurtoeslag'], subjects: [ANNA, BRAM] },
      { owner: 'brp', fields: ['Persoon.naam'], subjects: [ANNA, BRAM] },
    ]);
    // `a` reached persons, so `b` does not join its call: it starts when `a`'s persons are complete.
    expect([started[0], [started[1], started[2]].sort(), started[3]]).toEqual(['zaken', ['belastingdienst', 'brp'], 'zaken']);
    expect(queriesOf(gw, 'zaken')).toEqual([
      `mutation { a: openZaak(bsns: ["${ANNA}", "${BRAM}"]) { bewoners { __typename _dp_bsn: bsn } } }`,
      'mutation { b: sluitZaak { status } }',
    ]);
    expect(gw.calls.get('belastingdienst')![0]!.variables).toEqual({ r0: [{ __typename: 'Persoon', bsn: ANNA }] });
  });
});
