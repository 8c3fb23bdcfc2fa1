import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const users = new Map([
  ['u1', { id: 'u1', username: 'jdevries', email: 'j.devries@venlo.example' }],
  ['u2', { id: 'u2', username: 'abakker', email: 'a.bakker@uwv.example' }],
]);

function gateway() {
  return createTestGateway([
    {
      name: 'reviews',
      typeDefs: `${FED} type Query { reviews: [Review!]! }
        type Review { body: String! author: User! @provides(fields: "username") editor: User! }
        type User @key(fields: "id") { id: ID! username: String! @external }`,
      resolvers: {
        Query: {
          reviews: () => [
            { body: 'Goed', author: { id: 'u1', username: 'jdevries' }, editor: { id: 'u2' } },
            { body: 'Matig', author: { id: 'u2', username: 'abakker' }, editor: { id: 'u2' } },
          ],
        },
      },
    },
    {
      name: 'accounts',
      typeDefs: `${FED} type User @key(fields: "id") { id: ID! username: String! @shareable email: String! }`,
      resolvers: { User: { __resolveReference: (r: { id: string }) => users.get(r.id) } },
    },
  ]);
}

describe('@provides', () => {
  it('lets the providing subgraph answer the provided field without an _entities call', async () => {
    const gw = gateway();
    const out = await gw.run(`{ reviews { body author { username } } }`);
    expect(out.result).toEqual({ data: { reviews: [{ body: 'Goed', author: { username: 'jdevries' } }, { body: 'Matig', author: { username: 'abakker' } }] } });
    expect(queriesOf(gw, 'reviews')).toEqual(['{ reviews { body author { username } } }']);
    expect(gw.calls.get('accounts')).toBeUndefined();
  });

  it('fetches the fields that are not provided from their owner, with the key only', async () => {
    const gw = gateway();
    const out = await gw.run(`{ reviews { author { username email } } }`);
    expect(out.result).toEqual({
      data: {
        reviews: [
          { author: { username: 'jdevries', email: 'j.devries@venlo.example' } },
          { author: { username: 'abakker', email: 'a.bakker@uwv.example' } },
        ],
      },
    });
    expect(queriesOf(gw, 'reviews')).toEqual(['{ reviews { author { __typename username _dp_id: id } } }']);
    expect(queriesOf(gw, 'accounts')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on User { __typename email } } }',
    ]);
    expect(gw.calls.get('accounts')![0]!.variables).toEqual({
      r0: [
        { __typename: 'User', id: 'u1' },
        { __typename: 'User', id: 'u2' },
      ],
    });
  });

  it('does not apply the provision on a path that does not declare it', async () => {
    const gw = gateway();
    const out = await gw.run(`{ reviews { editor { username } } }`);
    expect(out.result).toEqual({ data: { reviews: [{ editor: { username: 'abakker' } }, { editor: { username: 'abakker' } }] } });
    expect(queriesOf(gw, 'reviews')).toEqual(['{ reviews { editor { __typename _dp_id: id } } }']);
    expect(queriesOf(gw, 'accounts')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on User { __typename username } } }',
    ]);
    expect(gw.calls.get('accounts')![0]!.variables).toEqual({ r0: [{ __typename: 'User', id: 'u2' }] });
  });
});
