/**
 * Families the old level-by-level executor could not serve (issue #13), planned by Hive Router's
 * query planner and executed by our executor: exact data, and exactly what each subgraph was asked.
 */
import { describe, expect, it } from 'vitest';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const products = [
  { id: 'p1', name: 'Fiets', weight: 12 },
  { id: 'p2', name: 'Step', weight: 4 },
];
const byId = (id: string) => products.find((p) => p.id === id)!;
const catalog = {
  name: 'catalog',
  typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! weight: Int! }`,
  resolvers: { Query: { products: () => products }, Product: { __resolveReference: (r: { id: string }) => byId(r.id) } },
};

describe('planned by the query planner', () => {
  it('answers a root __typename without calling a partner (the planner sends it to one)', async () => {
    const gw = createTestGateway([catalog]);
    expect((await gw.run(`{ __typename }`)).result).toEqual({ data: { __typename: 'Query' } });
    expect(gw.calls.size).toBe(0);
  });

  it('follows a chain of @requires with an argument across three subgraphs', async () => {
    const gw = createTestGateway([
      catalog,
      {
        name: 'volumes',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external volume(unit: String!): Int! @requires(fields: "weight") }`,
        resolvers: {
          Product: {
            __resolveReference: (r: { id: string; weight: number }) => r,
            volume: (r: { weight: number }, a: { unit: string }) => (a.unit === 'l' ? r.weight * 10 : r.weight * 10_000),
          },
        },
      },
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! volume(unit: String!): Int! @external cost: Int! @requires(fields: "volume(unit: \\"l\\")") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; volume: number }) => ({ id: r.id, cost: r.volume * 2 }) } },
      },
    ]);
    const out = await gw.run(`{ products { name cost volume(unit: "ml") } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', cost: 240, volume: 120_000 }, { name: 'Step', cost: 80, volume: 40_000 }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename name _dp_id: id _dp_weight: weight } }']);
    expect(queriesOf(gw, 'volumes')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename volume(unit: "ml") _dp__internal_qp_alias_0: volume(unit: "l") } } }',
    ]);
    expect(gw.calls.get('shipping')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Product', volume: 120, id: 'p1' },
        { __typename: 'Product', volume: 40, id: 'p2' },
      ],
    });
  });

  it('keeps a client alias that names a key field apart from the key the next subgraph needs', async () => {
    const gw = createTestGateway([
      catalog,
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external shippingCost: String! @requires(fields: "weight") }`,
        resolvers: { Product: { __resolveReference: (r: { id: string; weight: number }) => ({ id: r.id, shippingCost: `${r.id}:${r.weight * 100}` }) } },
      },
    ]);
    const out = await gw.run(`{ products { id: name weight: name shippingCost } }`);
    expect(out.result).toEqual({
      data: {
        products: [
          { id: 'Fiets', weight: 'Fiets', shippingCost: 'p1:1200' },
          { id: 'Step', weight: 'Step', shippingCost: 'p2:400' },
        ],
      },
    });
    expect(gw.calls.get('shipping')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Product', weight: 12, id: 'p1' },
        { __typename: 'Product', weight: 4, id: 'p2' },
      ],
    });
  });

  it('never takes a client alias named like a key field for the key, even where a partner’s answer lacks the key', async () => {
    const shipping = {
      name: 'shipping',
      typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external shippingCost: String! @requires(fields: "weight") }`,
      resolvers: { Product: { __resolveReference: (r: { id: string; weight: number }) => ({ id: r.id, shippingCost: `${r.id}:${r.weight * 100}` }) } },
    };
    // The catalog's answer loses the second product's key: its `id` (the client's alias of name) must not stand in for it.
    const dropKey = (fetcher: SubgraphFetcher): SubgraphFetcher => async (url, request, options) => {
      const answer = await fetcher(url, request, options);
      const items = (answer.data as { products?: Record<string, unknown>[] } | undefined)?.products;
      if (items) delete items[1]!._dp_id;
      return answer;
    };
    const gw = createTestGateway([catalog, shipping], { wrap: dropKey });
    const out = await gw.run(`{ products { id: name shippingCost } }`);
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename _dpr_id: name _dp_id: id _dp_weight: weight } }']);
    expect(gw.calls.get('shipping')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Product', weight: 12, id: 'p1' }] }]);
    // No representation for the second product: its non-null shippingCost is an error, never a guess.
    expect(out.result.data).toBeNull();
    expect(out.result.errors?.map((e) => e.path)).toEqual([['products', 1, 'shippingCost']]);
  });

  it('sends a shareable root field to each subgraph for the part of its type only that subgraph resolves', async () => {
    const gw = createTestGateway([
      { name: 'health', typeDefs: `${FED} type Query { status: Status @shareable } type Status @shareable { up: Boolean }`, resolvers: { Query: { status: () => ({ up: true }) } } },
      { name: 'build', typeDefs: `${FED} type Query { status: Status @shareable } type Status @shareable { version: String }`, resolvers: { Query: { status: () => ({ version: '1.4' }) } } },
    ]);
    const out = await gw.run(`{ status { up version } }`);
    expect(out.result).toEqual({ data: { status: { up: true, version: '1.4' } } });
    expect(queriesOf(gw, 'health')).toEqual(['{ status { up } }']);
    expect(queriesOf(gw, 'build')).toEqual(['{ status { version } }']);
  });

  it('fetches the rest of a shareable value type through the parent entity', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! dimensions: Dimensions @shareable } type Dimensions @shareable { width: Int }`,
        resolvers: { Query: { products: () => products.map((p) => ({ id: p.id, dimensions: { width: p.weight * 5 } })) } },
      },
      {
        name: 'logistics',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! dimensions: Dimensions @shareable } type Dimensions @shareable { height: Int }`,
        resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, dimensions: { height: byId(r.id).weight * 3 } }) } },
      },
    ]);
    const out = await gw.run(`{ products { dimensions { width height } } }`);
    expect(out.result).toEqual({ data: { products: [{ dimensions: { width: 60, height: 36 } }, { dimensions: { width: 20, height: 12 } }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename dimensions { width } _dp_id: id } }']);
    expect(queriesOf(gw, 'logistics')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename dimensions { height } } } }',
    ]);
  });

  it('asks fields of the same name but another nullability on two members under distinct keys', async () => {
    const gw = createTestGateway([
      {
        name: 'accounts',
        typeDefs: `${FED} type Query { accounts: [Account!]! } union Account = User | Admin type User @key(fields: "id") { id: ID! } type Admin { id: ID }`,
        resolvers: {
          Query: { accounts: () => [{ kind: 'User', id: 'u1' }, { kind: 'Admin', id: null }, { kind: 'Admin', id: 'a1' }] },
          Account: { __resolveType: (a: { kind: string }) => a.kind },
        },
      },
      {
        name: 'profiles',
        typeDefs: `${FED} type User @key(fields: "id") { id: ID! age: Int }`,
        resolvers: { User: { __resolveReference: (r: { id: string }) => ({ id: r.id, age: 41 }) } },
      },
    ]);
    const out = await gw.run(`{ accounts { ... on User { id age } ... on Admin { id } } }`);
    expect(out.result).toEqual({ data: { accounts: [{ id: 'u1', age: 41 }, { id: null }, { id: 'a1' }] } });
    expect(queriesOf(gw, 'accounts')).toEqual(['{ accounts { __typename ... on User { __typename id } ... on Admin { _dpr_id: id } } }']);
    expect(gw.calls.get('profiles')![0]!.variables).toEqual({ r0: [{ __typename: 'User', id: 'u1' }] });
  });

  it('does not send a representation whose key is null: only that entity’s field is null', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID name: String! }`,
        resolvers: { Query: { products: () => [{ id: 'p1', name: 'Fiets' }, { id: null, name: 'Zonder nummer' }, { id: 'p2', name: 'Step' }] } },
      },
      {
        name: 'prices',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID price: Int }`,
        resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, price: r.id === 'p1' ? 500 : 120 }) } },
      },
    ]);
    const out = await gw.run(`{ products { name price } }`);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', price: 500 }, { name: 'Zonder nummer', price: null }, { name: 'Step', price: 120 }] } });
    expect(gw.calls.get('prices')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Product', id: 'p1' },
        { __typename: 'Product', id: 'p2' },
      ],
    });
  });

  it('fetches an interface field’s entity from its owner, with the key only', async () => {
    const gw = createTestGateway([
      {
        name: 'posts',
        typeDefs: `${FED} type Query { feed: [Post!]! } interface Post { id: ID! author: User } type Text implements Post @key(fields: "id") { id: ID! author: User @provides(fields: "name") } type User @key(fields: "id") { id: ID! name: String @external }`,
        resolvers: {
          Query: { feed: () => [{ __typename: 'Text', id: 't1', author: { id: 'u1', name: 'Anna' } }] },
          Post: { __resolveType: () => 'Text' },
        },
      },
      {
        name: 'users',
        typeDefs: `${FED} type User @key(fields: "id") { id: ID! name: String email: String }`,
        resolvers: { User: { __resolveReference: (r: { id: string }) => ({ id: r.id, name: 'Anna', email: 'anna@venlo.example' }) } },
      },
    ]);
    const out = await gw.run(`{ feed { author { name email } } }`);
    expect(out.result).toEqual({ data: { feed: [{ author: { name: 'Anna', email: 'anna@venlo.example' } }] } });
    expect(queriesOf(gw, 'posts')).toEqual(['{ feed { __typename author { __typename _dp_id: id } } }']);
    expect(queriesOf(gw, 'users')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on User { __typename name email } } }',
    ]);
  });

  it('resolves the fields of an interface object’s root field and learns each item’s type in one call', async () => {
    const media = [
      { __typename: 'Book', id: 'm1', title: 'Max Havelaar' },
      { __typename: 'Film', id: 'm2', title: 'Turks fruit' },
    ];
    const gw = createTestGateway([
      {
        name: 'library',
        typeDefs: `${FED} type Query { media: [Media!]! } interface Media @key(fields: "id") { id: ID! title: String } type Book implements Media @key(fields: "id") { id: ID! title: String } type Film implements Media @key(fields: "id") { id: ID! title: String }`,
        resolvers: {
          Query: { media: () => media },
          Media: { __resolveReference: (r: { id: string }) => media.find((m) => m.id === r.id), __resolveType: (m: { __typename: string }) => m.__typename },
        },
      },
      {
        name: 'ratings',
        typeDefs: `${FED} type Query { topMedia: [Media!]! } type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int }`,
        resolvers: { Query: { topMedia: () => [{ id: 'm2', rating: 5 }, { id: 'm1', rating: 4 }] } },
      },
    ]);
    const out = await gw.run(`{ topMedia { __typename id rating title } }`);
    expect(out.result).toEqual({
      data: {
        topMedia: [
          { __typename: 'Film', id: 'm2', rating: 5, title: 'Turks fruit' },
          { __typename: 'Book', id: 'm1', rating: 4, title: 'Max Havelaar' },
        ],
      },
    });
    expect(queriesOf(gw, 'ratings')).toEqual(['{ topMedia { __typename id rating } }']);
    expect(queriesOf(gw, 'library')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Media { __typename title } } }',
    ]);
    expect(gw.calls.get('library')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Media', id: 'm2' },
        { __typename: 'Media', id: 'm1' },
      ],
    });
  });

  it('asks a partner for a person’s key only, and the person’s fields after the policy decided, each entity apart', async () => {
    const deny: Decision = { outcome: 'deny', principle: 'proportionaliteit', rule: 'test.deny', reason: 'not for this person' };
    const questions: string[] = [];
    const policy: Policy = {
      async decide(q) {
        questions.push(`${q.owner}: ${q.fields.map((f) => f.coordinate).join(',')} for ${q.entities.map((e) => e.subjectId).join(',')}`);
        return { decisions: q.entities.map((e) => q.fields.map(() => (e.subjectId === '999990019' ? deny : { outcome: 'allow' as const, rule: 'test.allow' }))) };
      },
    };
    const gw = createTestGateway(
      [
        {
          name: 'cases',
          typeDefs: `${FED} type Query { cases: [Case!]! } type Case { ref: ID! residents: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! }`,
          resolvers: { Query: { cases: () => [{ ref: 'Z1', residents: [{ bsn: '999990007' }, { bsn: '999990019' }] }] } },
        },
        {
          name: 'brp',
          typeDefs: `${FED} type Persoon @key(fields: "bsn") { bsn: ID! naam: String }`,
          resolvers: { Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, naam: r.bsn === '999990007' ? 'Anna de Vries' : 'Bram Jansen' }) } },
        },
      ],
      {
        policy,
        subjectTypes: { Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' } },
        classifications: new Map([['brp:Persoon.naam', { tier: 'identifying', purposes: ['uitkeringsfraude'] }]]),
      },
    );
    const out = await gw.run(`{ cases { ref residents { naam } } }`);
    expect(out.result.data).toEqual({ cases: [{ ref: 'Z1', residents: [{ naam: 'Anna de Vries' }, { naam: null }] }] });
    expect(out.result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['cases', 0, 'residents', 1, 'naam'], 'FIELD_DENIED']]);
    expect(questions).toEqual(['brp: Persoon.naam for 999990007,999990019']);
    expect(queriesOf(gw, 'cases')).toEqual(['{ cases { ref residents { __typename _dp_bsn: bsn } } }']);
    expect(queriesOf(gw, 'brp')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename naam } } }']);
    expect(gw.calls.get('brp')![0]!.variables).toEqual({ r0: [{ __typename: 'Persoon', bsn: '999990007' }] });
  });
  it('gives an error, never a null, for a union member’s field the planner leaves out of every fetch', async () => {
    // Hive Router's planner (0.0.38) asks `inbox` for `items { ... on Notice { text } }` only: the union
    // has another member in each partner below a @shareable field, and `... on Reminder { due }` is dropped.
    const unionIn = (member: string, field: string) =>
      `type Box @key(fields: "id") { id: ID! content: Content @shareable } type Content @shareable { items: [Item!]! @shareable }
       union Item = Notice | ${member} type Notice @shareable { text: String } type ${member} { ${field}: String }`;
    const items = [{ __typename: 'Notice', text: 'read me' }, { __typename: 'Reminder', due: 'today' }];
    const gw = createTestGateway([
      {
        name: 'inbox',
        typeDefs: `${FED} type Query { inbox: Box } ${unionIn('Reminder', 'due')}`,
        resolvers: { Query: { inbox: () => ({ id: 'b1', content: { items } }) }, Item: { __resolveType: (v: { __typename: string }) => v.__typename } },
      },
      {
        name: 'outbox',
        typeDefs: `${FED} type Query { outbox: Box } ${unionIn('Letter', 'to')}`,
        resolvers: { Query: { outbox: () => null }, Item: { __resolveType: (v: { __typename: string }) => v.__typename } },
      },
    ]);
    const out = await gw.run(`{ inbox { content { items { __typename ... on Notice { text } ... on Reminder { due } ... on Letter { to } } } } }`);
    expect(out.result.data).toEqual({ inbox: { content: { items: [{ __typename: 'Notice', text: 'read me' }, { __typename: 'Reminder', due: null }] } } });
    expect(out.result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['inbox', 'content', 'items', 1, 'due'], 'FIELD_UNRESOLVABLE']]);
    expect(queriesOf(gw, 'inbox')).toEqual(['{ inbox { content { items { __typename ... on Notice { text } } } } }']);
  });
});
