import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsPlugin } from '../../gateway/limits/plugin.ts';
import { FED } from '../helpers/federation.ts';
import { startSmallGateway, type SmallGateway } from '../helpers/small-gateway.ts';

const sdl = `${FED} type Query { werkgever(id: ID!): Werkgever } type Werkgever @key(fields: "id") { id: ID! naam: String dochter: Werkgever }`;
const resolvers = { Query: { werkgever: (_: unknown, a: { id: string }) => ({ id: a.id, naam: 'Logistiek BV', dochter: { id: 'd', naam: 'Dochter BV' } }) } };

let small: SmallGateway;
beforeAll(async () => {
  small = await startSmallGateway(sdl, resolvers, {
    maxBatch: 2,
    plugins: [limitsPlugin({ maxDepth: 3, maxAliases: 2, maxRootFields: 2, maxFields: 6, maxCost: 20 })],
  });
});
afterAll(async () => {
  await small?.close();
});
const post = (body: unknown) => small.post(body);

// Each limit: a query just under it is answered, one just over it is refused with its code and no partner is asked.
const table = [
  { limit: 'depth', under: '{ werkgever(id: "w") { dochter { naam } } }', over: '{ werkgever(id: "w") { dochter { dochter { naam } } } }', code: 'QUERY_TOO_DEEP' },
  { limit: 'aliases', under: '{ a: werkgever(id: "w") { n: naam } }', over: '{ a: werkgever(id: "w") { n: naam m: id } }', code: 'TOO_MANY_ALIASES' },
  { limit: 'root fields', under: '{ werkgever(id: "w") { id } __typename }', over: '{ werkgever(id: "w") { id } __typename b: __typename }', code: 'TOO_MANY_ROOT_FIELDS' },
  { limit: 'fields', under: '{ werkgever(id: "w") { id naam dochter { id naam } } }', over: '{ werkgever(id: "w") { id naam dochter { id naam __typename } __typename } }', code: 'TOO_MANY_FIELDS' },
];

describe('query limits through the gateway', () => {
  it.each(table)('$limit: just under is answered, just over is refused before any partner is asked', async ({ under, over, code }) => {
    small.received.length = 0;
    const ok = await post({ query: under });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
    expect(small.received.length).toBeGreaterThan(0);
    small.received.length = 0;
    const refused = await post({ query: over });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([code]);
    expect(small.received).toEqual([]);
  });

  it('refuses a batch larger than the limit with a message naming it', async () => {
    const res = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.json.errors[0].message).toContain('2');
  });
});
