import { describe, expect, it } from 'vitest';
import type { Classification } from '../../schema/classification.ts';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type ExecutionResult } from 'graphql';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

/**
 * Below a person, the planner's plan completes what the old level-by-level executor could not: a
 * shareable value type split across partners, a @requires whose nested fields another partner
 * completes, and union members with one response key of two types. The policy decides on the
 * person's fields first; the partners are asked only what it allowed.
 */
const ANNA = '999990007';
const BRAM = '999990019';
const people: Record<string, { naam: string; voertuigen: string[] }> = {
  [ANNA]: { naam: 'Anna de Vries', voertuigen: ['AB-12-CD'] },
  [BRAM]: { naam: 'Bram Jansen', voertuigen: ['EF-34-GH', 'IJ-56-KL'] },
};
const keuringen: Record<string, string[]> = { 'AB-12-CD': ['k1', 'k2', 'k3'], 'EF-34-GH': ['k4', 'k5'], 'IJ-56-KL': ['k6'] };
const keurders: Record<string, string> = { k1: 'APK Venlo', k2: 'APK Blerick', k3: 'APK Tegelen', k4: 'APK Horst', k5: 'APK Venray', k6: 'APK Arcen' };

const subgraphs = [
  {
    name: 'brp',
    typeDefs: `${FED} type Query { personen(bsns: [ID!]!): [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! naam: String }`,
    resolvers: {
      Query: { personen: (_: unknown, a: { bsns: string[] }) => a.bsns.map((bsn) => ({ bsn })) },
      Persoon: { __resolveReference: (r: { bsn: string }) => r, naam: (p: { bsn: string }) => people[p.bsn]?.naam },
    },
  },
  {
    name: 'rdw',
    typeDefs: `${FED}
      type Persoon @key(fields: "bsn") { bsn: ID! voertuigen: [Voertuig!]! relaties: [Relatie!]! }
      type Voertuig @key(fields: "kenteken") { kenteken: ID! maten: Maten @shareable }
      type Maten @shareable { breedte: Int }
      union Relatie = Werkgever | School
      type Werkgever { id: ID! naam: String }
      type School { id: ID naam: String }`,
    resolvers: {
      Persoon: {
        __resolveReference: (r: { bsn: string }) => r,
        voertuigen: (p: { bsn: string }) => (people[p.bsn]?.voertuigen ?? []).map((kenteken) => ({ kenteken })),
        relaties: (p: { bsn: string }) => [
          { __typename: 'Werkgever', id: `w-${p.bsn}`, naam: 'Kwekerij Noord' },
          { __typename: 'School', id: null, naam: 'ROC Venlo' },
        ],
      },
      Voertuig: { __resolveReference: (r: { kenteken: string }) => r, maten: () => ({ breedte: 180 }) },
      Relatie: { __resolveType: (r: { __typename: string }) => r.__typename },
    },
  },
  {
    name: 'keuring',
    typeDefs: `${FED}
      type Voertuig @key(fields: "kenteken") { kenteken: ID! maten: Maten @shareable }
      type Maten @shareable { hoogte: Int }
      type Keuring @key(fields: "id") { id: ID! keurder: String }`,
    resolvers: {
      Voertuig: { __resolveReference: (r: { kenteken: string }) => r, maten: () => ({ hoogte: 150 }) },
      Keuring: { __resolveReference: (r: { id: string }) => ({ id: r.id, keurder: keurders[r.id] }) },
    },
  },
  {
    name: 'taxatie',
    // The requirement's inspections are entities whose inspector only the keuring partner knows.
    typeDefs: `${FED}
      type Voertuig @key(fields: "kenteken") { kenteken: ID! keuringen(first: Int!): [Keuring!]! laatsteKeurder: String @requires(fields: "keuringen(first: 2) { keurder }") }
      type Keuring @key(fields: "id") { id: ID! keurder: String @external }`,
    resolvers: {
      Voertuig: {
        __resolveReference: (r: { kenteken: string; keuringen?: { keurder: string }[] }) => r,
        keuringen: (v: { kenteken: string }, a: { first: number }) => (keuringen[v.kenteken] ?? []).slice(0, a.first).map((id) => ({ id })),
        laatsteKeurder: (v: { keuringen?: { keurder: string | null }[] }) => v.keuringen?.[v.keuringen.length - 1]?.keurder ?? null,
      },
      Keuring: { __resolveReference: (r: { id: string }) => ({ id: r.id }) },
    },
  },
];

const identifying: Classification = { tier: 'identifying', purposes: ['uitkeringsfraude'] };
const classifications = new Map<string, Classification>([
  ['brp:Persoon.bsn', identifying],
  ['brp:Persoon.naam', identifying],
  ['rdw:Persoon.voertuigen', { tier: 'financial', purposes: ['uitkeringsfraude'] }],
  ['rdw:Persoon.relaties', { tier: 'financial', purposes: ['uitkeringsfraude'] }],
]);
const subjectTypes = { Persoon: { kind: 'person' as const, idField: 'bsn', registry: 'brp' } };

const denyBram: Decision = { outcome: 'deny', principle: 'proportionaliteit', rule: 'test.deny', reason: 'needs overlapping signals from two partners; this address has one' };

/** Allows all but Bram's vehicles; logs every policy question and partner call in the order they happen. */
function observed(): { policy: Policy; wrap: (f: SubgraphFetcher) => SubgraphFetcher; log: string[] } {
  const log: string[] = [];
  const policy: Policy = {
    async decide(q) {
      log.push(`decide ${q.owner} ${q.fields.map((f) => f.coordinate).join(',')} for ${q.entities.map((e) => e.subjectId).join(',')}`);
      return {
        decisions: q.entities.map((e) => q.fields.map((f): Decision => (f.coordinate === 'Persoon.voertuigen' && e.subjectId === BRAM ? denyBram : { outcome: 'allow', rule: 'test.allow' }))),
      };
    },
  };
  const wrap = (fetcher: SubgraphFetcher): SubgraphFetcher => async (url, request, options) => {
    log.push(`call ${new URL(url).hostname.split('.')[0]} ${JSON.stringify(request.variables ?? {})}`);
    return fetcher(url, request, options);
  };
  return { policy, wrap, log };
}

/** The rdw partner validates each query as a GraphQL server does: an invalid one is refused whole. */
const rdwSchema = buildSubgraphSchema({ typeDefs: parse(subgraphs[1]!.typeDefs), resolvers: subgraphs[1]!.resolvers as never });
const validatingRdw: SubgraphFetcher = async (_url, request) => {
  const document = parse(request.query);
  const invalid = validate(rdwSchema, document);
  if (invalid.length > 0) return { errors: invalid.map((e) => ({ message: e.message })) };
  return JSON.parse(JSON.stringify((await execute({ schema: rdwSchema, document, variableValues: request.variables ?? {} })) as ExecutionResult));
};

const gateway = () => {
  const o = observed();
  return { ...o, gw: createTestGateway(subgraphs, { classifications, subjectTypes, policy: o.policy, wrap: o.wrap, fail: { rdw: validatingRdw } }) };
};

describe('a person’s fields completed on the query plan', () => {
  it('merges a shareable value type below a person from both partners that hold part of it', async () => {
    const { gw } = gateway();
    const out = await gw.run(`query ($b: [ID!]!) { personen(bsns: $b) { naam voertuigen { kenteken maten { breedte hoogte } } } }`, { b: [ANNA] });
    expect(out.result).toEqual({
      data: { personen: [{ naam: 'Anna de Vries', voertuigen: [{ kenteken: 'AB-12-CD', maten: { breedte: 180, hoogte: 150 } }] }] },
    });
    expect(queriesOf(gw, 'keuring')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Voertuig { __typename maten { hoogte } } } }',
    ]);
    expect(gw.calls.get('keuring')![0]!.variables).toEqual({ r0: [{ __typename: 'Voertuig', kenteken: 'AB-12-CD' }] });
  });

  it('follows a @requires below a person whose nested fields another partner completes', async () => {
    const { gw } = gateway();
    const out = await gw.run(`query ($b: [ID!]!) { personen(bsns: $b) { voertuigen { kenteken laatsteKeurder } } }`, { b: [ANNA] });
    expect(out.result).toEqual({ data: { personen: [{ voertuigen: [{ kenteken: 'AB-12-CD', laatsteKeurder: 'APK Blerick' }] }] } });
    expect(gw.calls.get('keuring')![0]!.variables).toEqual({ r0: [{ __typename: 'Keuring', id: 'k1' }, { __typename: 'Keuring', id: 'k2' }] });
  });

  it('asks union members with one response key of two types (ID! and ID) under distinct keys', async () => {
    const { gw } = gateway();
    const out = await gw.run(`query ($b: [ID!]!) { personen(bsns: $b) { relaties { __typename ... on Werkgever { id naam } ... on School { id naam } } } }`, { b: [ANNA] });
    expect(out.result).toEqual({
      data: { personen: [{ relaties: [{ __typename: 'Werkgever', id: `w-${ANNA}`, naam: 'Kwekerij Noord' }, { __typename: 'School', id: null, naam: 'ROC Venlo' }] }] },
    });
  });

  it('asks a counted field’s items for their type names only, and nothing below them', async () => {
    const count: Policy = {
      async decide(q) {
        return { decisions: q.entities.map(() => q.fields.map((f): Decision => (f.coordinate === 'Persoon.voertuigen' ? { outcome: 'minimise', transform: 'count', principle: 'proportionaliteit', rule: 'test.count', reason: 'a count is enough' } : { outcome: 'allow', rule: 'test.allow' }))) };
      },
    };
    const gw = createTestGateway(subgraphs, { classifications, subjectTypes, policy: count, fail: { rdw: validatingRdw } });
    const out = await gw.run(`query ($b: [ID!]!) { personen(bsns: $b) { naam voertuigen { kenteken laatsteKeurder maten { hoogte } } } }`, { b: [BRAM] });
    expect(out.result.data).toEqual({ personen: [{ naam: 'Bram Jansen', voertuigen: null }] });
    expect(out.minimised).toEqual([{ path: ['personen', 0, 'voertuigen'], coordinate: 'Persoon.voertuigen', transform: 'count', value: 'count([object Object],[object Object])' }]);
    expect(queriesOf(gw, 'rdw')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename voertuigen { __typename } } } }']);
    expect(gw.calls.get('keuring')).toBeUndefined();
    expect(gw.calls.get('taxatie')).toBeUndefined();
  });

  it('asks each partner once in a round for persons reached at two places with two selections', async () => {
    const { gw } = gateway();
    const out = await gw.run(`query ($a: [ID!]!, $b: [ID!]!) { a: personen(bsns: $a) { naam } b: personen(bsns: $b) { naam voertuigen { kenteken } } }`, { a: [ANNA], b: [BRAM] });
    expect(out.result.data).toEqual({ a: [{ naam: 'Anna de Vries' }], b: [{ naam: 'Bram Jansen', voertuigen: null }] });
    expect(queriesOf(gw, 'brp')).toEqual([
      'query ($a: [ID!]!, $b: [ID!]!) { a: personen(bsns: $a) { __typename _dp_bsn: bsn } b: personen(bsns: $b) { __typename _dp_bsn: bsn } }',
      'query ($r0: [_Any!]!, $r1: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename naam } } e1: _entities(representations: $r1) { ... on Persoon { __typename naam } } }',
    ]);
    expect(gw.calls.get('rdw')).toBeUndefined();
    expect(out.calls.map((c) => [c.graph, c.round])).toEqual([['brp', undefined], ['brp', 1]]);
  });

  it('asks no partner a person’s field before the policy decided on it, and a denied one never', async () => {
    const { gw, log } = gateway();
    const out = await gw.run(`query ($b: [ID!]!) { personen(bsns: $b) { naam voertuigen { kenteken maten { breedte hoogte } } } }`, { b: [ANNA, BRAM] });
    expect(out.result.data).toEqual({
      personen: [
        { naam: 'Anna de Vries', voertuigen: [{ kenteken: 'AB-12-CD', maten: { breedte: 180, hoogte: 150 } }] },
        { naam: 'Bram Jansen', voertuigen: null },
      ],
    });
    expect(out.result.errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).toEqual([{ path: ['personen', 1, 'voertuigen'], code: 'FIELD_DENIED' }]);
    // The root call asks the keys; then both owners are asked the policy, and only then their partners are called.
    expect(log.slice(0, 1)).toEqual([`call brp {"b":["${ANNA}","${BRAM}"]}`]);
    expect(log.slice(1, 3).sort()).toEqual([`decide brp Persoon.naam for ${ANNA},${BRAM}`, `decide rdw Persoon.voertuigen for ${ANNA},${BRAM}`]);
    expect(log.slice(3, 5).sort()).toEqual([
      `call brp {"r0":[{"__typename":"Persoon","bsn":"${ANNA}"},{"__typename":"Persoon","bsn":"${BRAM}"}]}`,
      `call rdw {"r0":[{"__typename":"Persoon","bsn":"${ANNA}"}]}`,
    ]);
    expect(log.slice(5)).toEqual([`call keuring {"r0":[{"__typename":"Voertuig","kenteken":"AB-12-CD"}]}`]);
    expect(queriesOf(gw, 'rdw')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename voertuigen { __typename kenteken maten { breedte } } } } }',
    ]);
    expect(out.decisions.map((d) => [d.coordinate, d.owner, d.subject.id, d.decision.outcome])).toEqual([
      ['Persoon.naam', 'brp', ANNA, 'allow'],
      ['Persoon.naam', 'brp', BRAM, 'allow'],
      ['Persoon.voertuigen', 'rdw', ANNA, 'allow'],
      ['Persoon.voertuigen', 'rdw', BRAM, 'deny'],
    ]);
  });
});
