import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const products = [
  { id: 'p1', name: 'Fiets', sizeCm: 180 },
  { id: 'p2', name: 'Step', sizeCm: 90 },
];
const reviews: Record<string, string[]> = { p1: ['Goed', 'Prima', 'Matig'], p2: ['Leuk'] };

function gateway() {
  return createTestGateway([
    {
      name: 'catalog',
      typeDefs: `${FED} type Query { products: [Product!]! product(id: ID!): Product }
        type Product @key(fields: "id") { id: ID! name: String! size(unit: String!): Int! }`,
      resolvers: {
        Query: { products: () => products, product: (_: unknown, a: { id: string }) => products.find((p) => p.id === a.id) ?? null },
        Product: { size: (p: { sizeCm: number }, a: { unit: string }) => (a.unit === 'cm' ? p.sizeCm : Math.round(p.sizeCm / 2.54)) },
      },
    },
    {
      name: 'reviews',
      typeDefs: `${FED} type Product @key(fields: "id") { id: ID! reviews(first: Int!): [Review!]! } type Review { body: String! }`,
      resolvers: { Product: { reviews: (p: { id: string }, a: { first: number }) => reviews[p.id]!.slice(0, a.first).map((body) => ({ body })) } },
    },
  ]);
}

describe('@skip and @include', () => {
  it('never asks a subgraph for a field skipped by a literal', async () => {
    const gw = gateway();
    const out = await gw.run(`{ products { name reviews(first: 1) @skip(if: true) { body } size(unit: "cm") @include(if: false) } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets' }, { name: 'Step' }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { name } }']);
    expect(gw.calls.get('reviews')).toBeUndefined();
  });

  it('follows variables, and their defaults, in @skip and @include', async () => {
    const query = `query ($withReviews: Boolean!, $hideName: Boolean = false) { product(id: "p2") { name @skip(if: $hideName) reviews(first: 5) @include(if: $withReviews) { body } } }`;
    const without = gateway();
    expect((await without.run(query, { withReviews: false })).result).toEqual({ data: { product: { name: 'Step' } } });
    expect(queriesOf(without, 'catalog')).toEqual(['query ($hideName: Boolean = false) { product(id: "p2") { __typename name @skip(if: $hideName) _dp_id: id } }']);
    expect(without.calls.get('reviews')).toBeUndefined();

    const withReviews = gateway();
    expect((await withReviews.run(query, { withReviews: true, hideName: true })).result).toEqual({ data: { product: { reviews: [{ body: 'Leuk' }] } } });
    expect(queriesOf(withReviews, 'catalog')).toEqual(['query ($hideName: Boolean = false) { product(id: "p2") { __typename _dp_name: name @skip(if: $hideName) _dp_id: id } }']);
    expect(queriesOf(withReviews, 'reviews')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename reviews(first: 5) { body } } } }',
    ]);
  });

  it('follows the variables of each request when one parsed document comes again', async () => {
    const gw = gateway();
    const document = parse(`query ($withReviews: Boolean!, $hideName: Boolean = false) { product(id: "p2") { name @skip(if: $hideName) reviews(first: 5) @include(if: $withReviews) { body } } }`);
    expect((await gw.runDocument(document, { withReviews: true, hideName: true })).result).toEqual({ data: { product: { reviews: [{ body: 'Leuk' }] } } });
    expect((await gw.runDocument(document, { withReviews: false })).result).toEqual({ data: { product: { name: 'Step' } } });
    expect((await gw.runDocument(document, { withReviews: true })).result).toEqual({ data: { product: { name: 'Step', reviews: [{ body: 'Leuk' }] } } });
    expect(gw.calls.get('reviews')).toHaveLength(2);
  });

  it('answers a parsed document that comes again as the first time, each time asking the subgraphs anew', async () => {
    const gw = gateway();
    const document = parse(`{ a: product(id: "p1") { name reviews(first: 2) { body } } products { name } }`);
    const first = await gw.runDocument(document);
    expect(first.result).toEqual({ data: { a: { name: 'Fiets', reviews: [{ body: 'Goed' }, { body: 'Prima' }] }, products: [{ name: 'Fiets' }, { name: 'Step' }] } });
    expect((await gw.runDocument(document)).result).toEqual(first.result);
    expect(queriesOf(gw, 'catalog')).toHaveLength(2);
    expect(queriesOf(gw, 'reviews')).toHaveLength(2);
  });

  it('skips a root field: the subgraph is asked once, with the directive', async () => {
    const gw = gateway();
    const out = await gw.run(`query ($skip: Boolean!) { products @skip(if: $skip) { name } product(id: "p1") { name } }`, { skip: true });
    expect(out.result).toEqual({ data: { product: { name: 'Fiets' } } });
    // The plan keeps the directive: the subgraph skips the field; the client's skipped key is not in the tree.
    expect(queriesOf(gw, 'catalog')).toEqual(['query ($skip: Boolean!) { _dp_products: products @skip(if: $skip) { ... on Product { _dp_name: name } } product(id: "p1") { ... on Product { name } } }']);
  });
});

describe('aliases, variables and fragments', () => {
  it('asks the same field twice under aliases with different arguments', async () => {
    const gw = gateway();
    const out = await gw.run(`{ a: product(id: "p1") { cm: size(unit: "cm") inch: size(unit: "inch") top: reviews(first: 1) { body } all: reviews(first: 3) { body } } b: product(id: "p2") { name } }`);
    expect(out.result).toEqual({
      data: {
        a: { cm: 180, inch: 71, top: [{ body: 'Goed' }], all: [{ body: 'Goed' }, { body: 'Prima' }, { body: 'Matig' }] },
        b: { name: 'Step' },
      },
    });
    expect(queriesOf(gw, 'catalog')).toEqual([
      '{ a: product(id: "p1") { __typename cm: size(unit: "cm") inch: size(unit: "inch") _dp_id: id } b: product(id: "p2") { name } }',
    ]);
    expect(queriesOf(gw, 'reviews')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename top: reviews(first: 1) { ... on Review { body } } all: reviews(first: 3) { ... on Review { body } } } } }',
    ]);
  });

  it('passes each subgraph the variables it uses, declared as the client declared them', async () => {
    const gw = gateway();
    const query = `query Product($id: ID!, $unit: String = "inch", $n: Int!) { product(id: $id) { size(unit: $unit) reviews(first: $n) { body } } }`;
    const out = await gw.run(query, { id: 'p1', n: 2 });
    expect(out.result).toEqual({ data: { product: { size: 71, reviews: [{ body: 'Goed' }, { body: 'Prima' }] } } });
    expect(gw.calls.get('catalog')).toEqual([
      { query: expect.any(String), variables: { id: 'p1' } },
    ]);
    expect(queriesOf(gw, 'catalog')).toEqual(['query ($id: ID!, $unit: String = "inch") { product(id: $id) { __typename size(unit: $unit) _dp_id: id } }']);
    expect(queriesOf(gw, 'reviews')).toEqual([
      'query ($n: Int!, $r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename reviews(first: $n) { body } } } }',
    ]);
    expect(gw.calls.get('reviews')![0]!.variables).toEqual({ n: 2, r0: [{ __typename: 'Product', id: 'p1' }] });
  });

  it('expands named and nested fragments', async () => {
    const gw = gateway();
    const out = await gw.run(`
      query { products { ...Summary } }
      fragment Summary on Product { name ...Details }
      fragment Details on Product { cm: size(unit: "cm") reviews(first: 1) { ...Body } }
      fragment Body on Review { body }`);
    expect(out.result).toEqual({
      data: {
        products: [
          { name: 'Fiets', cm: 180, reviews: [{ body: 'Goed' }] },
          { name: 'Step', cm: 90, reviews: [{ body: 'Leuk' }] },
        ],
      },
    });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename name cm: size(unit: "cm") _dp_id: id } }']);
    expect(queriesOf(gw, 'reviews')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename reviews(first: 1) { body } } } }',
    ]);
  });
});
