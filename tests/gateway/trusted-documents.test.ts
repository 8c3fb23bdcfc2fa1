import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../gateway/server/http.ts';
import { createTrustedDocuments, documentHash } from '../../gateway/limits/trusted-documents.ts';
import { FED } from '../helpers/federation.ts';
import { startSmallGateway, type SmallGateway } from '../helpers/small-gateway.ts';

const sdl = `${FED} type Query { werkgever(id: ID!): Werkgever } type Werkgever @key(fields: "id") { id: ID! naam: String }`;
const resolvers = { Query: { werkgever: (_: unknown, a: { id: string }) => ({ id: a.id, naam: 'Logistiek BV' }) } };
const REGISTERED = '{ werkgever(id: "w1") { naam } }';

let small: SmallGateway;
beforeAll(async () => {
  small = await startSmallGateway(sdl, resolvers, {
    before: async (dataDir) => {
      const trusted = await createTrustedDocuments({ file: join(dataDir, 'trusted.json') });
      await trusted.register(REGISTERED);
      return { plugins: [trusted.plugin<GatewayContext>()], persistedQueries: { cache: trusted.cache, ttl: null } };
    },
  });
});
afterAll(async () => {
  await small?.close();
});
const post = (body: unknown) => small.post(body);

describe('trusted documents', () => {
  it('runs a registered operation, by its text or by its hash alone', async () => {
    expect(await post({ query: REGISTERED })).toEqual({ status: 200, json: { data: { werkgever: { naam: 'Logistiek BV' } } } });
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(REGISTERED) } } });
    expect(byHash).toEqual({ status: 200, json: { data: { werkgever: { naam: 'Logistiek BV' } } } });
  });

  it('refuses any other operation before a partner is asked', async () => {
    small.received.length = 0;
    const refused = await post({ query: '{ werkgever(id: "w2") { naam } }' });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(small.received).toEqual([]);
  });
});
