import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const products = [
  { id: 'p1', name: 'Fiets', inStock: -1 },
  { id: 'p2', name: 'Step', inStock: -1 },
];
const stock: Record<string, number> = { p1: 3, p2: 0 };

function gateway() {
  return createTestGateway([
    {
      name: 'catalog',
      typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! inStock: Int! }`,
      resolvers: { Query: { products: () => products }, Product: { __resolveReference: (r: { id: string }) => products.find((p) => p.id === r.id) } },
    },
    {
      name: 'inventory',
      typeDefs: `${FED} type Query { lowStock: [Product!]! } type Product @key(fields: "id") { id: ID! inStock: Int! @override(from: "catalog") }`,
      resolvers: {
        Query: { lowStock: () => [{ id: 'p2' }] },
        Product: { inStock: (p: { id: string }) => stock[p.id] },
      },
    },
  ]);
}

describe('@override', () => {
  it('fetches an overridden field from the overriding subgraph only', async () => {
    const gw = gateway();
    const out = await gw.run(`{ products { name inStock } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', inStock: 3 }, { name: 'Step', inStock: 0 }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename name _dp_id: id } }']);
    expect(queriesOf(gw, 'inventory')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename inStock } } }',
    ]);
  });

  it('resolves the overridden field in place where the overriding subgraph found the entity', async () => {
    const gw = gateway();
    const out = await gw.run(`{ lowStock { name inStock } }`);
    expect(out.result).toEqual({ data: { lowStock: [{ name: 'Step', inStock: 0 }] } });
    expect(queriesOf(gw, 'inventory')).toEqual(['{ lowStock { __typename _dp_id: id inStock } }']);
    expect(queriesOf(gw, 'catalog')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename name } } }',
    ]);
  });
});
