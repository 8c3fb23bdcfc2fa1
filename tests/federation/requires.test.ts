import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf, type TestSubgraph } from '../helpers/federation.ts';
import { labels, shelving } from './shelves.ts';

const products = [
  { id: 'p1', name: 'Fiets', weight: 12, sizeCm: 180 },
  { id: 'p2', name: 'Step', weight: 4, sizeCm: 90 },
];
const byId = (id: string) => products.find((p) => p.id === id)!;

const catalog: TestSubgraph = {
  name: 'catalog',
  typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! weight: Int! size(unit: String!): Int! }`,
  resolvers: {
    Query: { products: () => products },
    Product: {
      __resolveReference: (r: { id: string }) => byId(r.id),
      size: (p: { sizeCm: number }, a: { unit: string }) => (a.unit === 'cm' ? p.sizeCm : Math.round(p.sizeCm / 2.54)),
    },
  },
};

describe('@requires', () => {
  it('fetches the required field first and sends it in the representation', async () => {
    const gw = createTestGateway([
      catalog,
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external shippingCost: Int! @requires(fields: "weight") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; weight: number }) => ({ id: r.id, shippingCost: r.weight * 100 }) } },
      },
    ]);
    const out = await gw.run(`{ products { name shippingCost } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', shippingCost: 1200 }, { name: 'Step', shippingCost: 400 }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename name _dp_id: id _dp_weight: weight } }']);
    expect(queriesOf(gw, 'shipping')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename shippingCost } } }',
    ]);
    expect(gw.calls.get('shipping')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Product', id: 'p1', weight: 12 },
        { __typename: 'Product', id: 'p2', weight: 4 },
      ],
    });
  });

  it('requires a field with an argument, and keeps the client’s own arguments apart', async () => {
    const gw = createTestGateway([
      catalog,
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! size(unit: String!): Int! @external boxCode: String! @requires(fields: "size(unit: \\"cm\\")") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; size: number }) => ({ id: r.id, boxCode: r.size > 100 ? 'XL' : 'M' }) } },
      },
    ]);
    const out = await gw.run(`{ products { inches: size(unit: "inch") boxCode } }`);
    expect(out.result).toEqual({ data: { products: [{ inches: 71, boxCode: 'XL' }, { inches: 35, boxCode: 'M' }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename inches: size(unit: "inch") _dp_id: id _dp_size: size(unit: "cm") } }']);
    expect(gw.calls.get('shipping')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Product', id: 'p1', size: 180 },
        { __typename: 'Product', id: 'p2', size: 90 },
      ],
    });
  });

  it('requires a field of an interface through inline fragments on its implementations', async () => {
    const parts: Record<string, ({ __typename: string; name: string } & Record<string, unknown>)[]> = {
      p1: [
        { __typename: 'Wheel', name: 'voorwiel', diameter: 28 },
        { __typename: 'Frame', name: 'frame', material: 'staal' },
      ],
      p2: [{ __typename: 'Wheel', name: 'wiel', diameter: 12 }],
    };
    const sharedPartTypes = `interface Part { name: String! } type Wheel implements Part { name: String! @shareable diameter: Int! @shareable } type Frame implements Part { name: String! @shareable material: String! @shareable }`;
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! parts: [Part!]! } ${sharedPartTypes}`,
        resolvers: { Query: { products: () => products.map((p) => ({ ...p, parts: parts[p.id] })) } },
      },
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! parts: [Part!]! @external packaging: String! @requires(fields: "parts { ... on Wheel { diameter } ... on Frame { material } }") } ${sharedPartTypes}`,
        resolvers: {
          Product: {
            __resolveReference: (r: { id: string; parts: ({ __typename: 'Wheel'; diameter: number } | { __typename: 'Frame'; material: string })[] }) => ({
              id: r.id,
              packaging: r.parts.map((p) => (p.__typename === 'Wheel' ? `wiel-${p.diameter}` : `frame-${p.material}`)).join('+'),
            }),
          },
        },
      },
    ]);
    const out = await gw.run(`{ products { name packaging } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', packaging: 'wiel-28+frame-staal' }, { name: 'Step', packaging: 'wiel-12' }] } });
    expect(gw.calls.get('shipping')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Product', id: 'p1', parts: [{ __typename: 'Wheel', diameter: 28 }, { __typename: 'Frame', material: 'staal' }] },
          { __typename: 'Product', id: 'p2', parts: [{ __typename: 'Wheel', diameter: 12 }] },
        ],
      },
    ]);
  });

  it('follows a chain of requires across three subgraphs, one call each', async () => {
    const gw = createTestGateway([
      catalog,
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external shippingCost: Int! @requires(fields: "weight") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; weight: number }) => ({ id: r.id, shippingCost: r.weight * 100 }) } },
      },
      {
        name: 'insurance',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! shippingCost: Int! @external insuredCost: Int! @requires(fields: "shippingCost") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; shippingCost: number }) => ({ id: r.id, insuredCost: r.shippingCost + 50 }) } },
      },
    ]);
    const out = await gw.run(`{ products { name insuredCost } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', insuredCost: 1250 }, { name: 'Step', insuredCost: 450 }] } });
    expect(queriesOf(gw, 'catalog')).toHaveLength(1);
    expect(gw.calls.get('shipping')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Product', id: 'p1', weight: 12 },
          { __typename: 'Product', id: 'p2', weight: 4 },
        ],
      },
    ]);
    expect(gw.calls.get('insurance')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Product', id: 'p1', shippingCost: 1200 },
          { __typename: 'Product', id: 'p2', shippingCost: 400 },
        ],
      },
    ]);
  });

  it('sends the @requires fields when a plain field of the same partner is asked in the same fetch', async () => {
    const gw = createTestGateway([
      catalog,
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external inStock: Boolean! shippingCost: Int! @requires(fields: "weight") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; weight?: number }) => ({ id: r.id, inStock: true, shippingCost: (r.weight ?? Number.NaN) * 100 }) } },
      },
    ]);
    const out = await gw.run(`{ products { inStock shippingCost } }`);
    expect(out.result).toEqual({ data: { products: [{ inStock: true, shippingCost: 1200 }, { inStock: true, shippingCost: 400 }] } });
    expect(gw.calls.get('shipping')!.map((c) => c.variables)).toEqual([
      { r0: [{ __typename: 'Product', id: 'p1', weight: 12 }, { __typename: 'Product', id: 'p2', weight: 4 }] },
    ]);
  });
  // Below a union a person belongs to (plan-compile.ts builds the subject boundary there): the
  // plan's steps for the other member run, a person's fields would wait for the policy's decisions.
  const items = (member: string) => `union Item = Persoon | ${member} type Persoon @key(fields: "bsn") { bsn: ID! }`;

  it('never resolves a @requires field in the root call of its own partner, below a union a person belongs to', async () => {
    const shipments = [{ id: 's1', weight: 3 }, { id: 's2', weight: 8 }];
    const gw = createTestGateway([
      {
        name: 'warehouse',
        typeDefs: `${FED} type Query { weights: [Int!]! } type Shipment @key(fields: "id") { id: ID! weight: Int! }`,
        resolvers: { Query: { weights: () => [] }, Shipment: { __resolveReference: (r: { id: string }) => shipments.find((x) => x.id === r.id) } },
      },
      {
        name: 'tracking',
        typeDefs: `${FED} type Query { items: [Item!]! } ${items('Shipment')} type Shipment @key(fields: "id") { id: ID! weight: Int! @external status: String! @requires(fields: "weight") }`,
        resolvers: {
          Query: { items: () => shipments.map((x) => ({ id: x.id })) },
          Item: { __resolveType: () => 'Shipment' },
          Shipment: { __resolveReference: (r: object) => r, status: (x: { weight?: number }) => (x.weight === undefined ? 'no weight' : x.weight > 5 ? 'heavy' : 'light') },
        },
      },
    ]);
    const out = await gw.run(`{ items { ... on Shipment { id status } } }`);
    expect(out.result).toEqual({ data: { items: [{ id: 's1', status: 'light' }, { id: 's2', status: 'heavy' }] } });
    // No person is asked anything: the client selects nothing of one.
    expect(queriesOf(gw, 'tracking')).toEqual([
      '{ items { __typename ... on Shipment { __typename id } } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Shipment { __typename status } } }',
    ]);
    expect(gw.calls.get('tracking')![1]!.variables).toEqual({
      r0: [
        { __typename: 'Shipment', weight: 3, id: 's1' },
        { __typename: 'Shipment', weight: 8, id: 's2' },
      ],
    });
  });
  it('sends a requirement whose nested field the partner holds as @external from the partner that holds it, never a guessed null, below a union a person belongs to', async () => {
    // The requirement's entities (shelves) are the shelf partner's, but their label lives with the labels partner only.
    const gw = createTestGateway([
      {
        name: 'store',
        typeDefs: `${FED} type Query { items: [Item!]! } ${items('Product')} type Product @key(fields: "id") { id: ID! }`,
        resolvers: { Query: { items: () => [{ id: 'p1' }] }, Item: { __resolveType: () => 'Product' } },
      },
      labels,
      shelving,
    ]);
    const out = await gw.run(`{ items { ... on Product { id firstLabel } } }`);
    expect(out.result).toEqual({ data: { items: [{ id: 'p1', firstLabel: 'label s1' }] } });
    // The shelving partner is never asked for a label it does not have, nor sent a null one: the labels partner gives it.
    expect(queriesOf(gw, 'shelving')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename _dp_shelves: shelves(first: 1) { __typename _dp_id: id } } } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename firstLabel } } }',
    ]);
    expect(gw.calls.get('shelving')!.map((c) => c.variables)).toEqual([
      { r0: [{ __typename: 'Product', id: 'p1' }] },
      { r0: [{ __typename: 'Product', shelves: [{ label: 'label s1' }], id: 'p1' }] },
    ]);
    expect(queriesOf(gw, 'labels')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Shelf { __typename _dp_label: label } } }']);
  });
});
