import { describe, expect, it } from 'vitest';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const N = 5;
const ids = Array.from({ length: N }, (_, i) => `p${i + 1}`);
/** Review r<i>-<j> of product p<i>, written by user u<(i + j) % 3>: authors repeat across products. */
const reviewsOf = (id: string) => [0, 1].map((j) => ({ id: `r${id.slice(1)}-${j}`, authorId: `u${(Number(id.slice(1)) + j) % 3}` }));

const subgraphs = [
  {
    name: 'catalog',
    typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! }`,
    resolvers: { Query: { products: () => ids.map((id) => ({ id, name: `Product ${id}` })) } },
  },
  {
    name: 'stock',
    typeDefs: `${FED} type Product @key(fields: "id") { id: ID! inStock: Int! }`,
    resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, inStock: Number(r.id.slice(1)) * 2 }) } },
  },
  {
    name: 'reviews',
    typeDefs: `${FED} type Product @key(fields: "id") { id: ID! reviews: [Review!]! }
      type Review { id: ID! author: User! }
      type User @key(fields: "id") { id: ID! }`,
    resolvers: {
      Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, reviews: reviewsOf(r.id).map((rv) => ({ id: rv.id, author: { id: rv.authorId } })) }) },
    },
  },
  {
    name: 'accounts',
    typeDefs: `${FED} type User @key(fields: "id") { id: ID! name: String! }`,
    resolvers: { User: { __resolveReference: (r: { id: string }) => ({ id: r.id, name: `Gebruiker ${r.id}` }) } },
  },
];

function concurrency() {
  const seen = { inFlight: 0, max: 0 };
  const wrap = (inner: SubgraphFetcher): SubgraphFetcher => async (url, request, options) => {
    seen.inFlight++;
    seen.max = Math.max(seen.max, seen.inFlight);
    try {
      return await inner(url, request, options);
    } finally {
      seen.inFlight--;
    }
  };
  return { seen, wrap };
}

describe('batching', () => {
  it('asks for the fields of N entities in one _entities call with N representations', async () => {
    const gw = createTestGateway(subgraphs);
    const out = await gw.run(`{ products { name inStock } }`);
    expect(out.result).toEqual({ data: { products: ids.map((id) => ({ name: `Product ${id}`, inStock: Number(id.slice(1)) * 2 })) } });
    expect(queriesOf(gw, 'stock')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename inStock } } }',
    ]);
    expect(gw.calls.get('stock')![0]!.variables).toEqual({ r0: ids.map((id) => ({ __typename: 'Product', id })) });
  });

  it('makes one call per subgraph per level, with distinct representations only', async () => {
    const gw = createTestGateway(subgraphs);
    const out = await gw.run(`{ products { id inStock reviews { id author { name } } } }`);
    expect(out.result).toEqual({
      data: {
        products: ids.map((id) => ({
          id,
          inStock: Number(id.slice(1)) * 2,
          reviews: reviewsOf(id).map((rv) => ({ id: rv.id, author: { name: `Gebruiker ${rv.authorId}` } })),
        })),
      },
    });
    expect(queriesOf(gw, 'catalog')).toHaveLength(1);
    expect(queriesOf(gw, 'stock')).toHaveLength(1);
    expect(queriesOf(gw, 'reviews')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename reviews { id author { __typename _dp_id: id } } } } }',
    ]);
    expect(queriesOf(gw, 'accounts')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on User { __typename name } } }',
    ]);
    expect(gw.calls.get('accounts')![0]!.variables).toEqual({
      r0: [
        { __typename: 'User', id: 'u1' },
        { __typename: 'User', id: 'u2' },
        { __typename: 'User', id: 'u0' },
      ],
    });
  });

  it('calls independent subgraphs of one level at the same time', async () => {
    const { seen, wrap } = concurrency();
    const gw = createTestGateway(subgraphs, { wrap });
    const out = await gw.run(`{ products { inStock reviews { id } } }`);
    expect(out.result.errors).toBeUndefined();
    expect(queriesOf(gw, 'stock')).toHaveLength(1);
    expect(queriesOf(gw, 'reviews')).toHaveLength(1);
    expect(seen.max).toBe(2);
  });
  it('keeps one _entities field for a list whose key had to be fetched first', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! }`,
        resolvers: { Query: { products: () => ids.map((id) => ({ id })) } },
      },
      {
        name: 'skus',
        typeDefs: `${FED} type Product @key(fields: "id") @key(fields: "sku") { id: ID! sku: String! }`,
        resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, sku: `SKU-${r.id}` }) } },
      },
      {
        name: 'prices',
        typeDefs: `${FED} type Product @key(fields: "sku") { sku: String! price: Int! }`,
        resolvers: { Product: { __resolveReference: (r: { sku: string }) => ({ sku: r.sku, price: r.sku.length * 10 }) } },
      },
    ]);
    const out = await gw.run(`{ products { price } }`);
    expect(out.result).toEqual({ data: { products: ids.map(() => ({ price: 60 })) } });
    expect(queriesOf(gw, 'skus')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename _dp_sku: sku } } }',
    ]);
    expect(queriesOf(gw, 'prices')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename price } } }',
    ]);
    expect(gw.calls.get('prices')![0]!.variables).toEqual({ r0: ids.map((id) => ({ __typename: 'Product', sku: `SKU-${id}` })) });
  });
});
