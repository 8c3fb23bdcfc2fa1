import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const products = [
  { id: 'p1', sku: 'SKU-1', name: 'Fiets' },
  { id: 'p2', sku: 'SKU-2', name: 'Step' },
];
const byId = (id: string) => products.find((p) => p.id === id);

describe('@key', () => {
  it('fetches fields of another subgraph through a single key', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! }`,
        resolvers: { Query: { products: () => products }, Product: { __resolveReference: (r: { id: string }) => byId(r.id) } },
      },
      {
        name: 'stock',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! inStock: Int! }`,
        resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, inStock: r.id === 'p1' ? 3 : 0 }) } },
      },
    ]);
    const out = await gw.run(`{ products { name inStock } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', inStock: 3 }, { name: 'Step', inStock: 0 }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename name _dp_id: id } }']);
    expect(queriesOf(gw, 'stock')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename inStock } } }',
    ]);
    expect(gw.calls.get('stock')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Product', id: 'p1' },
        { __typename: 'Product', id: 'p2' },
      ],
    });
  });

  it('builds the representation of a compound key with a nested object', async () => {
    const members = [
      { id: 'u1', organisation: { id: 'gemeente-venlo' } },
      { id: 'u1', organisation: { id: 'uwv' } },
    ];
    const gw = createTestGateway([
      {
        name: 'accounts',
        typeDefs: `${FED} type Query { members: [Member!]! } type Member @key(fields: "id organisation { id }") { id: ID! organisation: Organisation! } type Organisation { id: ID! }`,
        resolvers: { Query: { members: () => members } },
      },
      {
        name: 'roles',
        typeDefs: `${FED} type Member @key(fields: "id organisation { id }") { id: ID! organisation: Organisation! role: String! } type Organisation { id: ID! }`,
        resolvers: {
          Member: {
            __resolveReference: (r: { id: string; organisation: { id: string } }) => ({ ...r, role: `${r.organisation.id}/${r.id}/analist` }),
          },
        },
      },
    ]);
    const out = await gw.run(`{ members { id role } }`);
    expect(out.result).toEqual({
      data: {
        members: [
          { id: 'u1', role: 'gemeente-venlo/u1/analist' },
          { id: 'u1', role: 'uwv/u1/analist' },
        ],
      },
    });
    expect(queriesOf(gw, 'accounts')).toHaveLength(1);
    expect(queriesOf(gw, 'roles')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Member { __typename role } } }',
    ]);
    expect(gw.calls.get('roles')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Member', id: 'u1', organisation: { id: 'gemeente-venlo' } },
        { __typename: 'Member', id: 'u1', organisation: { id: 'uwv' } },
      ],
    });
  });

  it('uses the key the other subgraph can resolve when a type has several keys', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") @key(fields: "sku") { id: ID! sku: String! name: String! }`,
        resolvers: { Query: { products: () => products } },
      },
      {
        name: 'prices',
        typeDefs: `${FED} type Product @key(fields: "sku") { sku: String! price: Int! }`,
        resolvers: { Product: { __resolveReference: (r: { sku: string }) => ({ sku: r.sku, price: r.sku === 'SKU-1' ? 450 : 120 }) } },
      },
    ]);
    const out = await gw.run(`{ products { name price } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', price: 450 }, { name: 'Step', price: 120 }] } });
    expect(gw.calls.get('prices')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Product', sku: 'SKU-1' },
          { __typename: 'Product', sku: 'SKU-2' },
        ],
      },
    ]);
  });

  it('never sends _entities to a subgraph whose key is resolvable: false', async () => {
    const gw = createTestGateway([
      {
        name: 'reviews',
        typeDefs: `${FED} type Query { reviews: [Review!]! } type Review { body: String! product: Product! } type Product @key(fields: "id", resolvable: false) { id: ID! }`,
        resolvers: { Query: { reviews: () => [{ body: 'Goed', product: { id: 'p1' } }, { body: 'Matig', product: { id: 'p2' } }] } },
      },
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { product(id: ID!): Product } type Product @key(fields: "id") { id: ID! name: String! }`,
        resolvers: { Query: { product: (_: unknown, a: { id: string }) => byId(a.id) }, Product: { __resolveReference: (r: { id: string }) => byId(r.id) } },
      },
    ]);
    const out = await gw.run(`{ reviews { body product { id name } } product(id: "p2") { id name } }`);
    expect(out.result).toEqual({
      data: {
        reviews: [
          { body: 'Goed', product: { id: 'p1', name: 'Fiets' } },
          { body: 'Matig', product: { id: 'p2', name: 'Step' } },
        ],
        product: { id: 'p2', name: 'Step' },
      },
    });
    expect(queriesOf(gw, 'reviews')).toEqual(['{ reviews { body product { __typename id } } }']);
    expect(queriesOf(gw, 'catalog')).toEqual([
      '{ product(id: "p2") { id name } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename name } } }',
    ]);
  });

  it('sends one representation for an entity referenced twice in a list', async () => {
    const gw = createTestGateway([
      {
        name: 'reviews',
        typeDefs: `${FED} type Query { reviews: [Review!]! } type Review { body: String! product: Product! } type Product @key(fields: "id") { id: ID! }`,
        resolvers: {
          Query: {
            reviews: () => [
              { body: 'Goed', product: { id: 'p1' } },
              { body: 'Matig', product: { id: 'p2' } },
              { body: 'Prima', product: { id: 'p1' } },
            ],
          },
        },
      },
      {
        name: 'catalog',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! name: String! }`,
        resolvers: { Product: { __resolveReference: (r: { id: string }) => byId(r.id) } },
      },
    ]);
    const out = await gw.run(`{ reviews { body product { name } } }`);
    expect(out.result).toEqual({
      data: {
        reviews: [
          { body: 'Goed', product: { name: 'Fiets' } },
          { body: 'Matig', product: { name: 'Step' } },
          { body: 'Prima', product: { name: 'Fiets' } },
        ],
      },
    });
    expect(gw.calls.get('catalog')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Product', id: 'p1' },
          { __typename: 'Product', id: 'p2' },
        ],
      },
    ]);
  });
  it('fetches the nested part of a compound key from a third subgraph first', async () => {
    const gw = createTestGateway([
      {
        name: 'items',
        typeDefs: `${FED} type Query { items: [Item!]! } type Item @key(fields: "id") { id: ID! }`,
        resolvers: { Query: { items: () => [{ id: 'i1' }, { id: 'i2' }] } },
      },
      {
        name: 'owners',
        typeDefs: `${FED} type Item @key(fields: "id") { id: ID! owner: Owner @shareable } type Owner @key(fields: "id") { id: ID! }`,
        resolvers: { Item: { owner: (i: { id: string }) => ({ id: `o-${i.id}` }) } },
      },
      {
        name: 'labels',
        typeDefs: `${FED} type Item @key(fields: "id owner { id }") { id: ID! owner: Owner @shareable label: String } type Owner @key(fields: "id") { id: ID! }`,
        resolvers: { Item: { __resolveReference: (r: { id: string; owner: { id: string } }) => ({ ...r, label: `${r.id}/${r.owner.id}` }) } },
      },
    ]);
    const out = await gw.run(`{ items { label } }`);
    expect(out.result).toEqual({ data: { items: [{ label: 'i1/o-i1' }, { label: 'i2/o-i2' }] } });
    expect(queriesOf(gw, 'owners')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Item { __typename _dp_owner: owner { _dp_id: id } } } }',
    ]);
    expect(gw.calls.get('labels')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Item', id: 'i1', owner: { id: 'o-i1' } },
          { __typename: 'Item', id: 'i2', owner: { id: 'o-i2' } },
        ],
      },
    ]);
  });
});
