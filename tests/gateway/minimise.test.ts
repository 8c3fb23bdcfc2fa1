import { describe, expect, it } from 'vitest';
import type { Policy } from '../../gateway/policy/types.ts';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const people = new Map([
  ['999990007', { bsn: '999990007', geboortedatum: '1991-04-02', toeslagen: [{ soort: 'zorgtoeslag', jaarbedrag: 1500 }, { soort: 'huurtoeslag', jaarbedrag: 2842 }] }],
]);
const subgraphs = [
  {
    name: 'brp',
    typeDefs: `${FED} type Query { persoon(bsn: ID!): Persoon } type Persoon @key(fields: "bsn") { bsn: ID! geboortedatum: String }`,
    resolvers: { Query: { persoon: (_: unknown, a: { bsn: string }) => ({ bsn: a.bsn }) }, Persoon: { __resolveReference: (r: { bsn: string }) => people.get(r.bsn) } },
  },
  {
    name: 'belastingdienst',
    typeDefs: `${FED} type Persoon @key(fields: "bsn") { bsn: ID! toeslagen: [Toeslag!]! } type Toeslag { soort: String! jaarbedrag: Int! }`,
    resolvers: { Persoon: { __resolveReference: (r: { bsn: string }) => people.get(r.bsn) } },
  },
];
const classifications = new Map([
  ['brp:Persoon.bsn', { tier: 'identifying' as const, purposes: ['uitkeringsfraude'] }],
  ['brp:Persoon.geboortedatum', { tier: 'identifying' as const, purposes: ['uitkeringsfraude'], minimised: 'year' as const }],
  ['belastingdienst:Persoon.toeslagen', { tier: 'financial' as const, purposes: ['uitkeringsfraude'], minimised: 'count' as const }],
]);
const minimiseAll: Policy = {
  async decide(q) {
    return {
      decisions: q.entities.map(() =>
        q.fields.map((f) => (f.classification.minimised ? { outcome: 'minimise' as const, transform: f.classification.minimised, principle: 'proportionaliteit' as const, rule: 'test.minimise', reason: 'below the weight' } : { outcome: 'allow' as const, rule: 'test.allow' })),
      ),
    };
  },
};

describe('minimised fields', () => {
  it('gives a string form in the data, other forms in extensions, and asks a count without content', async () => {
    const gw = createTestGateway(subgraphs, {
      classifications,
      policy: minimiseAll,
      subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } },
      minimise: (t, v) => (t === 'year' ? String(v).slice(0, 4) : t === 'count' ? (v as unknown[]).length : v),
    });
    const out = await gw.run(`{ persoon(bsn: "999990007") { bsn geboortedatum toeslagen { soort jaarbedrag } } }`);
    expect(out.result.data).toEqual({ persoon: { bsn: '999990007', geboortedatum: '1991', toeslagen: null } });
    expect(out.result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['persoon', 'toeslagen'], 'FIELD_MINIMISED']]);
    expect(out.result.extensions).toEqual({
      doelpoort: {
        minimised: [
          { path: ['persoon', 'geboortedatum'], coordinate: 'Persoon.geboortedatum', transform: 'year', value: '1991' },
          { path: ['persoon', 'toeslagen'], coordinate: 'Persoon.toeslagen', transform: 'count', value: 2 },
        ],
      },
    });
    expect(queriesOf(gw, 'belastingdienst')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename toeslagen { __typename } } } }',
    ]);
  });

  it('lists the minimised fields in the order of the query, whichever partner answers first', async () => {
    const slowBrp = { ...subgraphs[0]!, resolvers: { ...subgraphs[0]!.resolvers, Persoon: { __resolveReference: async (r: { bsn: string }) => (await new Promise((done) => setTimeout(done, 60)), people.get(r.bsn)) } } };
    const gw = createTestGateway([slowBrp, subgraphs[1]!], {
      classifications,
      policy: minimiseAll,
      subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } },
      minimise: (t, v) => (t === 'year' ? String(v).slice(0, 4) : t === 'count' ? (v as unknown[]).length : v),
    });
    for (const [query, order] of [
      ['geboortedatum toeslagen { soort }', ['geboortedatum', 'toeslagen']],
      ['toeslagen { soort } geboortedatum', ['toeslagen', 'geboortedatum']],
    ] as const) {
      const out = await gw.run(`{ persoon(bsn: "999990007") { bsn ${query} } }`);
      const listed = (out.result.extensions as { doelpoort: { minimised: { path: string[] }[] } }).doelpoort.minimised.map((m) => m.path[1]);
      expect(listed).toEqual(order);
    }
  });
});
