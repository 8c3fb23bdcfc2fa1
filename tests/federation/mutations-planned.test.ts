/**
 * Mutations on the query planner's plan, one root field at a time (gateway/executor/mutation-plan.ts):
 * federation families in a mutation's result, the order of the fields and of their entity fetches,
 * when fields share a partner call, and what is refused whole.
 */
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import { describe, expect, it, vi } from 'vitest';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';
import { labels, shelving } from './shelves.ts';

describe('mutations on the query plan', () => {
  it('answers a @requires whose nested fields another partner completes', async () => {
    const gw = createTestGateway([
      {
        name: 'store',
        typeDefs: `${FED} type Query { ok: Boolean } type Mutation { restock(id: ID!): Product } type Product @key(fields: "id") { id: ID! }`,
        resolvers: { Mutation: { restock: (_: unknown, a: { id: string }) => ({ id: a.id }) } },
      },
      labels,
      shelving,
    ]);
    const out = await gw.run(`mutation { restock(id: "p1") { id firstLabel } }`);
    expect(out.result).toEqual({ data: { restock: { id: 'p1', firstLabel: 'label s1' } } });
    expect(queriesOf(gw, 'store')).toEqual(['mutation { restock(id: "p1") { __typename id } }']);
    expect(gw.calls.get('shelving')!.map((c) => c.variables)).toEqual([
      { r0: [{ __typename: 'Product', id: 'p1' }] },
      { r0: [{ __typename: 'Product', shelves: [{ label: 'label s1' }], id: 'p1' }] },
    ]);
  });

  it('fetches the rest of a shareable value type through the parent entity', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { ok: Boolean } type Mutation { resize(id: ID!, width: Int!): Product! } type Product @key(fields: "id") { id: ID! dimensions: Dimensions @shareable } type Dimensions @shareable { width: Int }`,
        resolvers: { Mutation: { resize: (_: unknown, a: { id: string; width: number }) => ({ id: a.id, dimensions: { width: a.width } }) } },
      },
      {
        name: 'logistics',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! dimensions: Dimensions @shareable } type Dimensions @shareable { height: Int }`,
        resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, dimensions: { height: 36 } }) } },
      },
    ]);
    const out = await gw.run(`mutation { resize(id: "p1", width: 60) { dimensions { width height } } }`);
    expect(out.result).toEqual({ data: { resize: { dimensions: { width: 60, height: 36 } } } });
    expect(queriesOf(gw, 'catalog')).toEqual(['mutation { resize(id: "p1", width: 60) { __typename dimensions { width } _dp_id: id } }']);
    expect(queriesOf(gw, 'logistics')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Product { __typename dimensions { height } } } }',
    ]);
  });

  it('asks union members’ fields of one key and two nullabilities under distinct keys', async () => {
    const gw = createTestGateway([
      {
        name: 'school',
        typeDefs: `${FED} type Query { ok: Boolean } type Mutation { enrol: [Member!]! } union Member = Student | Teacher type Student { id: ID! } type Teacher { id: ID }`,
        resolvers: {
          Mutation: { enrol: () => [{ kind: 'Student', id: 's1' }, { kind: 'Teacher', id: null }] },
          Member: { __resolveType: (m: { kind: string }) => m.kind },
        },
      },
    ]);
    const out = await gw.run(`mutation { enrol { ... on Student { id } ... on Teacher { id } } }`);
    expect(out.result).toEqual({ data: { enrol: [{ id: 's1' }, { id: null }] } });
    expect(queriesOf(gw, 'school')).toEqual(['mutation { enrol { __typename ... on Student { id } ... on Teacher { _dpr_id: id } } }']);
  });

  it('completes a field, its entity fetches included, before the next field of the same partner starts', async () => {
    // The history is another partner's view of what the cases partner did: `a` must see the opening only.
    const history: string[] = [];
    const timeline: string[] = [];
    const gw = createTestGateway(
      [
        {
          name: 'cases',
          typeDefs: `${FED} type Query { ok: Boolean } type Mutation { openCase(ref: ID!): Case! closeCase(ref: ID!): Case! } type Case @key(fields: "ref") { ref: ID! status: String! }`,
          resolvers: {
            Mutation: {
              openCase: (_: unknown, a: { ref: string }) => (history.push(`opened ${a.ref}`), { ref: a.ref, status: 'open' }),
              closeCase: (_: unknown, a: { ref: string }) => (history.push(`closed ${a.ref}`), { ref: a.ref, status: 'closed' }),
            },
          },
        },
        {
          name: 'history',
          typeDefs: `${FED} type Case @key(fields: "ref") { ref: ID! history: [String!]! }`,
          resolvers: { Case: { __resolveReference: (r: { ref: string }) => ({ ref: r.ref, history: history.filter((h) => h.endsWith(r.ref)) }) } },
        },
      ],
      {
        wrap: (fetcher): SubgraphFetcher => async (url, request, options) => {
          const name = new URL(url).hostname.split('.')[0]!;
          timeline.push(`start ${name}`);
          // The entity fetch is slow: a next field started in parallel would overtake it.
          if (name === 'history') await new Promise((resolve) => setTimeout(resolve, 20));
          const response = await fetcher(url, request, options);
          timeline.push(`end ${name}`);
          return response;
        },
      },
    );
    const out = await gw.run(`mutation { a: openCase(ref: "A") { history } b: closeCase(ref: "A") { status history } }`);
    expect(out.result).toEqual({ data: { a: { history: ['opened A'] }, b: { status: 'closed', history: ['opened A', 'closed A'] } } });
    expect(timeline).toEqual(['start cases', 'end cases', 'start history', 'end history', 'start cases', 'end cases', 'start history', 'end history']);
    expect(queriesOf(gw, 'cases')).toEqual(['mutation { a: openCase(ref: "A") { __typename _dp_ref: ref } }', 'mutation { b: closeCase(ref: "A") { __typename status _dp_ref: ref } }']);
  });

  it('shares a partner call between consecutive fields only while the earlier ones are whole in it', async () => {
    const gw = createTestGateway([
      {
        name: 'cases',
        typeDefs: `${FED} type Query { ok: Boolean } type Mutation { openCase(ref: ID!): Case! closeCase(ref: ID!): Case! } type Case @key(fields: "ref") { ref: ID! status: String! }`,
        resolvers: {
          Mutation: { openCase: (_: unknown, a: { ref: string }) => ({ ref: a.ref, status: 'open' }), closeCase: (_: unknown, a: { ref: string }) => ({ ref: a.ref, status: 'closed' }) },
        },
      },
      {
        name: 'notes',
        typeDefs: `${FED} type Case @key(fields: "ref") { ref: ID! noteCount: Int! }`,
        resolvers: { Case: { __resolveReference: (r: { ref: string }) => ({ ref: r.ref, noteCount: 2 }) } },
      },
    ]);
    const out = await gw.run(`mutation { a: openCase(ref: "A") { status } b: openCase(ref: "B") { status noteCount } c: closeCase(ref: "A") { status } d: closeCase(ref: "B") { ref } }`);
    expect(out.result).toEqual({ data: { a: { status: 'open' }, b: { status: 'open', noteCount: 2 }, c: { status: 'closed' }, d: { ref: 'B' } } });
    // `a` is whole in the first call, so `b` joins it; `b` waits for its note count, so `c` starts a new call.
    expect(queriesOf(gw, 'cases')).toEqual([
      'mutation { a: openCase(ref: "A") { status } b: openCase(ref: "B") { __typename status _dp_ref: ref } }',
      'mutation { c: closeCase(ref: "A") { status } d: closeCase(ref: "B") { ref } }',
    ]);
    expect(gw.calls.get('notes')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Case', ref: 'B' }] }]);
  });

  it('refuses the whole operation when one field has no path through the subgraphs, before any field runs', async () => {
    const trays: string[] = [];
    const node = `interface Node { id: ID! }`;
    const gw = createTestGateway([
      {
        name: 'desk',
        typeDefs: `${FED} type Query { tray(id: ID!): Tray } type Mutation { addTray(label: String!): Tray! touch(id: ID!): Node @shareable } ${node} type Tray implements Node @key(fields: "id") { id: ID! label: String! } type Pen implements Node @key(fields: "id") { id: ID! @external tray: Tray! }`,
        resolvers: { Mutation: { addTray: (_: unknown, a: { label: string }) => (trays.push(a.label), { id: 't1', label: a.label }) } },
      },
      {
        name: 'drawer',
        typeDefs: `${FED} type Query { pen(id: ID!): Pen } type Mutation { touch(id: ID!): Node @shareable } ${node} type Tray implements Node @key(fields: "id") { id: ID! @external pens: [Pen!]! } type Pen implements Node @key(fields: "id") { id: ID! colour: String! }`,
        resolvers: {},
      },
    ]);
    const out = await gw.run(`mutation { addTray(label: "inbox") { label } touch(id: "p1") { id } }`);
    expect(out.result.data).toBeNull();
    expect(out.result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['The subgraphs cannot resolve this operation (No paths found for selection item: touch).', 'QUERY_PLANNING_FAILED'],
    ]);
    expect(gw.calls.size).toBe(0);
    expect(trays).toEqual([]);
  });

  it('plans each field of its fragments, aliases, variables and @skip/@include, once per document', async () => {
    const planned = vi.spyOn(QueryPlanner.prototype, 'plan');
    const gw = createTestGateway([
      {
        name: 'cases',
        typeDefs: `${FED} type Query { ok: Boolean } type Mutation { openCase(ref: ID!): Case! closeCase(ref: ID!): Case! } type Case @key(fields: "ref") { ref: ID! status: String! }`,
        resolvers: {
          Mutation: { openCase: (_: unknown, a: { ref: string }) => ({ ref: a.ref, status: 'open' }), closeCase: (_: unknown, a: { ref: string }) => ({ ref: a.ref, status: 'closed' }) },
          Case: { __resolveReference: (r: { ref: string }) => ({ ref: r.ref, status: 'open' }) },
        },
      },
      {
        name: 'notes',
        typeDefs: `${FED} type Mutation { addNote(caseRef: ID!, text: String!): Note! } type Note { id: ID! case: Case! } type Case @key(fields: "ref") { ref: ID! }`,
        resolvers: { Mutation: { addNote: (_: unknown, a: { caseRef: string }) => ({ id: 'n1', case: { ref: a.caseRef } }) } },
      },
    ]);
    const query = `mutation ($ref: ID!, $text: String!, $close: Boolean!) {
      ... on Mutation @include(if: $close) { closed: closeCase(ref: $ref) { ...C } }
      note: addNote(caseRef: $ref, text: $text) { id case { ...C } }
      opened: openCase(ref: $ref) @skip(if: $close) { ref }
    } fragment C on Case { status }`;
    const first = await gw.run(query, { ref: 'A', text: 'bezocht', close: true });
    expect(first.result).toEqual({ data: { closed: { status: 'closed' }, note: { id: 'n1', case: { status: 'open' } } } });
    expect(queriesOf(gw, 'cases')).toEqual([
      'mutation ($ref: ID!) { closed: closeCase(ref: $ref) { status } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Case { __typename status } } }',
    ]);
    expect(queriesOf(gw, 'notes')).toEqual(['mutation ($ref: ID!, $text: String!) { note: addNote(caseRef: $ref, text: $text) { id case { __typename _dp_ref: ref } } }']);
    gw.reset();
    const second = await gw.run(query, { ref: 'B', text: 'bezocht', close: false });
    expect(second.result).toEqual({ data: { note: { id: 'n1', case: { status: 'open' } }, opened: { ref: 'B' } } });
    expect(queriesOf(gw, 'cases')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Case { __typename status } } }',
      'mutation ($ref: ID!) { opened: openCase(ref: $ref) { ref } }',
    ]);
    // Each field's operation was planned once: `note` in the first run, `opened` in the second only.
    await gw.run(query, { ref: 'C', text: 'bezocht', close: true });
    expect(planned.mock.calls.map(([text]) => text.replace(/\s+/g, ' '))).toEqual([
      'mutation ($ref: ID!) { closed: closeCase(ref: $ref) { ...C } } fragment C on Case { status }',
      'mutation ($ref: ID!, $text: String!) { note: addNote(caseRef: $ref, text: $text) { id case { ...C } } } fragment C on Case { status }',
      'mutation ($ref: ID!) { opened: openCase(ref: $ref) { ref } }',
    ]);
    planned.mockRestore();
  });

  it('completes the persons a field reaches through an interface a person implements before the next field runs', async () => {
    const log: string[] = [];
    const identifying = { tier: 'identifying' as const, purposes: ['uitkeringsfraude'] };
    const gw = createTestGateway(
      [
        {
          name: 'cases',
          typeDefs: `${FED} type Query { ok: Boolean } type Mutation { openCase(ref: ID!): String! closeCase(ref: ID!): String! }`,
          resolvers: {
            Mutation: { openCase: (_: unknown, a: { ref: string }) => (log.push(`open ${a.ref}`), 'open'), closeCase: (_: unknown, a: { ref: string }) => (log.push(`close ${a.ref}`), 'closed') },
          },
        },
        {
          name: 'brp',
          typeDefs: `${FED} type Query { none: Int } type Mutation { registreer(bsn: ID!): Bewoner! } interface Bewoner { bsn: ID! } type Persoon implements Bewoner @key(fields: "bsn") { bsn: ID! naam: String }`,
          resolvers: {
            Mutation: { registreer: (_: unknown, a: { bsn: string }) => (log.push('registreer'), { bsn: a.bsn }) },
            Bewoner: { __resolveType: () => 'Persoon' },
            Persoon: { __resolveReference: (r: { bsn: string }) => (log.push('Persoon'), { bsn: r.bsn, naam: 'Anna de Vries' }) },
          },
        },
      ],
      { classifications: new Map([['brp:Persoon.bsn', identifying], ['brp:Persoon.naam', identifying]]) },
    );
    // At an interface a person implements, the plan asks the person's key only (plan-compile.ts); the policy decides on its fields.
    const out = await gw.run(`mutation { a: openCase(ref: "A") b: registreer(bsn: "999990007") { ... on Persoon { naam } } c: closeCase(ref: "A") }`);
    expect(out.result).toEqual({ data: { a: 'open', b: { naam: 'Anna de Vries' }, c: 'closed' } });
    expect(log).toEqual(['open A', 'registreer', 'Persoon', 'close A']);
    expect(queriesOf(gw, 'cases')).toEqual(['mutation { a: openCase(ref: "A") }', 'mutation { c: closeCase(ref: "A") }']);
    expect(queriesOf(gw, 'brp')).toEqual([
      'mutation { b: registreer(bsn: "999990007") { __typename ... on Persoon { __typename _dp_bsn: bsn } } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename naam } } }',
    ]);
    expect(out.decisions.map((d) => [d.coordinate, d.decision.outcome])).toEqual([['Persoon.naam', 'allow']]);
  });
  it('refuses the whole mutation, nothing written, when the planner cannot plan one of its fields', async () => {
    const log: string[] = [];
    const shipments = [{ id: 's1', code: 'AB', weight: 3 }];
    const gw = createTestGateway([
      {
        name: 'cases',
        typeDefs: `${FED} type Query { ok: Boolean } type Mutation { openCase(ref: ID!): String! }`,
        resolvers: { Mutation: { openCase: (_: unknown, a: { ref: string }) => (log.push(`open ${a.ref}`), 'open') } },
      },
      {
        name: 'warehouse',
        typeDefs: `${FED} type Query { shipments: [Shipment!]! } type Shipment @key(fields: "id") @key(fields: "code") { id: ID! code: String! weight: Int! }`,
        resolvers: { Query: { shipments: () => shipments }, Shipment: { __resolveReference: (r: { id?: string; code?: string }) => shipments.find((x) => x.id === r.id || x.code === r.code) } },
      },
      {
        name: 'carrier',
        typeDefs: `${FED} type Shipment @key(fields: "code") { code: String! weight: Int! @external price: Int! @requires(fields: "weight") }`,
        resolvers: { Shipment: { __resolveReference: (r: object) => r, price: (x: { weight: number }) => x.weight * 7 } },
      },
      {
        name: 'tracking',
        typeDefs: `${FED} type Query { none: Int } type Mutation { track: [Shipment!]! } type Shipment @key(fields: "id") { id: ID! }`,
        resolvers: { Mutation: { track: () => (log.push('track'), shipments.map((x) => ({ id: x.id }))) } },
      },
    ]);
    // Hive Router's planner fails on this field ("Expected a single parent"): no partner is called at all.
    const out = await gw.run(`mutation { a: openCase(ref: "A") b: track { price } }`);
    expect(out.result.data).toBeNull();
    expect(out.result.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_PLANNING_FAILED']);
    expect(out.result.errors?.[0]?.message).toContain('the query planner failed');
    expect(log).toEqual([]);
    expect(gw.calls.size).toBe(0);
  });
});
