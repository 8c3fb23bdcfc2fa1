import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const products = [
  { id: 'p1', name: 'Fiets', price: { amount: 450, currency: 'EUR' } },
  { id: 'p2', name: 'Step', price: { amount: 120, currency: 'EUR' } },
];
const byId = (id: string) => products.find((p) => p.id === id);

function gateway() {
  return createTestGateway([
    {
      name: 'catalog',
      typeDefs: `${FED} type Query { products: [Product!]! }
        type Product @key(fields: "id") { id: ID! name: String! @shareable price: Money! }
        type Money @shareable { amount: Int! currency: String! }`,
      resolvers: { Query: { products: () => products }, Product: { __resolveReference: (r: { id: string }) => byId(r.id) } },
    },
    {
      name: 'search',
      typeDefs: `${FED} type Query { search(text: String!): [Product!]! }
        type Product @key(fields: "id") { id: ID! name: String! @shareable discount: Money }
        type Money @shareable { amount: Int! currency: String! }`,
      resolvers: {
        Query: { search: (_: unknown, a: { text: string }) => products.filter((p) => p.name.toLowerCase().includes(a.text)) },
        Product: { discount: (p: { id: string }) => (p.id === 'p1' ? { amount: 50, currency: 'EUR' } : null) },
      },
    },
  ]);
}

describe('@shareable', () => {
  it('resolves a shareable value type from the subgraph already asked', async () => {
    const gw = gateway();
    const out = await gw.run(`{ products { price { amount currency } } }`);
    expect(out.result).toEqual({ data: { products: [{ price: { amount: 450, currency: 'EUR' } }, { price: { amount: 120, currency: 'EUR' } }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { price { amount currency } } }']);
    expect(gw.calls.get('search')).toBeUndefined();
  });

  it('resolves a shareable entity field where the entity was found, with no hop', async () => {
    const gw = gateway();
    const out = await gw.run(`{ search(text: "fiets") { id name discount { amount } } }`);
    expect(out.result).toEqual({ data: { search: [{ id: 'p1', name: 'Fiets', discount: { amount: 50 } }] } });
    expect(queriesOf(gw, 'search')).toEqual(['{ search(text: "fiets") { id name discount { amount } } }']);
    expect(gw.calls.get('catalog')).toBeUndefined();
  });

  it('hops only for the fields the first subgraph cannot resolve', async () => {
    const gw = gateway();
    const out = await gw.run(`{ search(text: "step") { name price { amount } } products { name discount { currency } } }`);
    expect(out.result).toEqual({
      data: {
        search: [{ name: 'Step', price: { amount: 120 } }],
        products: [
          { name: 'Fiets', discount: { currency: 'EUR' } },
          { name: 'Step', discount: null },
        ],
      },
    });
    expect(queriesOf(gw, 'search')).toEqual([
      '{ search(text: "step") { __typename name _dp_id: id } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename discount { currency } } } }',
    ]);
    expect(queriesOf(gw, 'catalog')).toEqual([
      '{ products { __typename name _dp_id: id } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename price { amount } } } }',
    ]);
    expect(gw.calls.get('search')![1]!.variables).toEqual({ r0: [{ __typename: 'Product', id: 'p1' }, { __typename: 'Product', id: 'p2' }] });
    expect(gw.calls.get('catalog')![1]!.variables).toEqual({ r0: [{ __typename: 'Product', id: 'p2' }] });
  });
});
