import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const accounts = [
  { kind: 'User', id: 'a1', name: 'J. de Vries', email: 'j.devries@venlo.example' },
  { kind: 'Organisation', id: 'a2', name: 'Woonstichting Venlo', kvk: '12345678' },
];
const lastLogins: Record<string, string> = { a1: '2026-11-20', a2: '2026-11-22' };

const accountsSubgraph = {
  name: 'accounts',
  typeDefs: `${FED} type Query { accounts: [Account!]! }
    interface Account @key(fields: "id") { id: ID! name: String! }
    type User implements Account @key(fields: "id") { id: ID! name: String! email: String! }
    type Organisation implements Account @key(fields: "id") { id: ID! name: String! kvk: String! }`,
  resolvers: {
    Query: { accounts: () => accounts },
    Account: {
      __resolveReference: (r: { id: string }) => accounts.find((a) => a.id === r.id),
      __resolveType: (a: { kind: string }) => a.kind,
    },
    User: { __resolveReference: (r: { id: string }) => accounts.find((a) => a.id === r.id) },
    Organisation: { __resolveReference: (r: { id: string }) => accounts.find((a) => a.id === r.id) },
  },
};

/** Greets an account by the name it requires from the accounts partner. */
const greetingsSubgraph = {
  name: 'greetings',
  typeDefs: `${FED} type Account @key(fields: "id") @interfaceObject { id: ID! name: String! @external greeting: String! @requires(fields: "name") }`,
  resolvers: { Account: { greeting: (a: { name: string }) => `Goedemorgen, ${a.name}` } },
};

function gateway() {
  return createTestGateway([
    accountsSubgraph,
    {
      name: 'audit',
      typeDefs: `${FED} type Query { recentlyActive: [Account!]! }
        type Account @key(fields: "id") @interfaceObject { id: ID! lastLogin: String! }`,
      resolvers: {
        Query: { recentlyActive: () => [{ id: 'a2' }, { id: 'a1' }] },
        Account: {
          __resolveReference: (r: { id: string }) => ({ id: r.id }),
          lastLogin: (a: { id: string }) => lastLogins[a.id],
        },
      },
    },
  ]);
}

describe('@interfaceObject', () => {
  it('asks the field on a concrete type as the interface', async () => {
    const gw = gateway();
    const out = await gw.run(`{ accounts { ... on Organisation { kvk lastLogin } } }`);
    expect(out.result).toEqual({ data: { accounts: [{}, { kvk: '12345678', lastLogin: '2026-11-22' }] } });
    expect(gw.calls.get('audit')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Account', id: 'a2' }] }]);
  });

  it('asks the interface object for all implementations in one _entities field', async () => {
    const gw = gateway();
    const out = await gw.run(`{ accounts { name lastLogin ... on User { email } } }`);
    expect(out.result).toEqual({
      data: {
        accounts: [
          { name: 'J. de Vries', lastLogin: '2026-11-20', email: 'j.devries@venlo.example' },
          { name: 'Woonstichting Venlo', lastLogin: '2026-11-22' },
        ],
      },
    });
    expect(queriesOf(gw, 'audit')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Account { __typename lastLogin } } }',
    ]);
    expect(gw.calls.get('audit')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Account', id: 'a1' },
        { __typename: 'Account', id: 'a2' },
      ],
    });
    expect(queriesOf(gw, 'accounts')).toHaveLength(1);
  });

  it('learns the concrete type of an interface object from the subgraph that owns the interface', async () => {
    const gw = gateway();
    const out = await gw.run(`{ recentlyActive { __typename id lastLogin ... on User { email } ... on Organisation { kvk } } }`);
    expect(out.result).toEqual({
      data: {
        recentlyActive: [
          { __typename: 'Organisation', id: 'a2', lastLogin: '2026-11-22', kvk: '12345678' },
          { __typename: 'User', id: 'a1', lastLogin: '2026-11-20', email: 'j.devries@venlo.example' },
        ],
      },
    });
    expect(queriesOf(gw, 'audit')).toHaveLength(1);
    expect(gw.calls.get('accounts')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Account', id: 'a2' },
        { __typename: 'Account', id: 'a1' },
      ],
    });
    // One call learns the concrete type and fetches its fields.
    expect(queriesOf(gw, 'accounts')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Account { __typename ... on User { email } ... on Organisation { kvk } } } }',
    ]);
  });
  it('sends an interface object the field it requires from the subgraph that owns the interface', async () => {
    const gw = createTestGateway([accountsSubgraph, greetingsSubgraph]);
    const out = await gw.run(`{ accounts { greeting } }`);
    expect(out.result).toEqual({ data: { accounts: [{ greeting: 'Goedemorgen, J. de Vries' }, { greeting: 'Goedemorgen, Woonstichting Venlo' }] } });
    expect(queriesOf(gw, 'greetings')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Account { __typename greeting } } }',
    ]);
    expect(gw.calls.get('greetings')![0]!.variables).toEqual({
      r0: [
        { __typename: 'Account', id: 'a1', name: 'J. de Vries' },
        { __typename: 'Account', id: 'a2', name: 'Woonstichting Venlo' },
      ],
    });
  });

  it('reads a required field the client selected on one implementation and the plan fetched for itself on another', async () => {
    const gw = createTestGateway([accountsSubgraph, greetingsSubgraph]);
    const out = await gw.run(`{ accounts { ... on User { greeting } ... on Organisation { name } } }`);
    expect(out.result).toEqual({ data: { accounts: [{ greeting: 'Goedemorgen, J. de Vries' }, { name: 'Woonstichting Venlo' }] } });
    // One plan key, one field: an Organisation's name under the client's key, a User's under an internal one.
    expect(queriesOf(gw, 'accounts')).toEqual(['{ accounts { __typename ... on User { __typename _dp_id: id _dp_name: name } ... on Organisation { name } } }']);
    expect(queriesOf(gw, 'greetings')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Account { __typename greeting } } }']);
    expect(gw.calls.get('greetings')![0]!.variables).toEqual({ r0: [{ __typename: 'Account', id: 'a1', name: 'J. de Vries' }] });
  });
});
