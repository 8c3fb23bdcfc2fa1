import { describe, expect, it } from 'vitest';
import type { Classification } from '../../schema/classification.ts';
import { denyAllPolicy } from '../../gateway/policy/types.ts';
import { FED, createTestGateway } from '../helpers/federation.ts';

const bsns = ['999990007', '999990019', '999990020'];
const subgraphs = [
  {
    name: 'brp',
    typeDefs: `${FED} type Query { adres(adresId: ID!): Adres persoon(bsn: ID!): Persoon } type Adres @key(fields: "adresId") { adresId: ID! bewoners: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! geslachtsnaam: String }`,
    resolvers: {
      Query: { adres: (_: unknown, a: { adresId: string }) => ({ adresId: a.adresId }), persoon: (_: unknown, a: { bsn: string }) => ({ bsn: a.bsn }) },
      Adres: { __resolveReference: (r: { adresId: string }) => ({ adresId: r.adresId, bewoners: bsns.map((bsn) => ({ bsn })) }) },
      Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, geslachtsnaam: `Naam-${r.bsn.slice(-2)}` }) },
    },
  },
];
const c = { tier: 'identifying' as const, purposes: ['uitkeringsfraude'] };
const classifications = new Map<string, Classification>([
  ['brp:Adres.adresId', { tier: 'low' as const, purposes: ['uitkeringsfraude'] }],
  ['brp:Adres.bewoners', c],
  ['brp:Persoon.bsn', c],
  ['brp:Persoon.geslachtsnaam', c],
]);
const query = `{ adres(adresId: "9999200000900001") { bewoners { geslachtsnaam } } }`;

describe('no dragnet', () => {
  it('decides on at most maxPersonsPerRequest persons and denies the rest by name of the rule', async () => {
    const gw = createTestGateway(subgraphs, { classifications, maxPersonsPerRequest: 2 });
    const out = await gw.run(query);
    expect(out.result.data).toEqual({ adres: { bewoners: [{ geslachtsnaam: 'Naam-07' }, { geslachtsnaam: 'Naam-19' }, { geslachtsnaam: null }] } });
    expect(out.result.errors?.map((e) => [e.path, e.extensions.rule])).toEqual([[['adres', 'bewoners', 2, 'geslachtsnaam'], 'dragnet.persons-per-request']]);
    const brpCalls = gw.calls.get('brp')!;
    expect(brpCalls.at(-1)!.variables.r0).toEqual([
      { __typename: 'Persoon', bsn: '999990007' },
      { __typename: 'Persoon', bsn: '999990019' },
    ]);
  });

  it('refuses the persons of a round when the caller’s daily count is used up, and counts them once', async () => {
    const asked: number[] = [];
    const gw = createTestGateway(subgraphs, { classifications, admitPersons: async (_ctx, n) => (asked.push(n), false) });
    const out = await gw.run(query);
    expect(out.result.data).toEqual({ adres: { bewoners: [{ geslachtsnaam: null }, { geslachtsnaam: null }, { geslachtsnaam: null }] } });
    expect(new Set(out.result.errors?.map((e) => e.extensions.rule))).toEqual(new Set(['dragnet.persons-per-day']));
    expect(asked).toEqual([3]);
    expect(gw.calls.get('brp')!.some((call) => JSON.stringify(call.variables).includes('"Persoon"'))).toBe(false);
  });

  // Issue 12, "how to show it": a daily count that cannot be kept admits nobody (fail closed).
  it('denies the persons when the daily-limit store throws, and asks no partner about them', async () => {
    const gw = createTestGateway(subgraphs, { classifications, admitPersons: async () => Promise.reject(new Error('the counter store is down')) });
    const out = await gw.run(query);
    expect(out.result.data).toEqual({ adres: { bewoners: [{ geslachtsnaam: null }, { geslachtsnaam: null }, { geslachtsnaam: null }] } });
    expect(out.result.errors?.map((e) => e.extensions.rule)).toEqual(['dragnet.persons-per-day', 'dragnet.persons-per-day', 'dragnet.persons-per-day']);
    expect(gw.calls.get('brp')!.some((call) => JSON.stringify(call.variables).includes('"Persoon"'))).toBe(false);
    expect(out.decisions.filter((d) => d.subject.kind === 'person').map((d) => d.decision.outcome)).toEqual(['deny', 'deny', 'deny']);
  });

  // Issue 12, item 8: looking a person up is a processing of their number, refused or not.
  it('counts the persons of a refused look-up toward the daily limit', async () => {
    const asked: number[] = [];
    const persons = createTestGateway(subgraphs, { classifications, policy: denyAllPolicy, admitPersons: async (_ctx, n) => (asked.push(n), true) });
    const looked = await persons.run('{ a: persoon(bsn: "999990007") { geslachtsnaam } b: persoon(bsn: "999990019") { geslachtsnaam } }');
    expect(looked.result.data).toEqual({ a: { geslachtsnaam: null }, b: { geslachtsnaam: null } });
    expect(asked).toEqual([2]);
  });
});
