import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../gateway/server/gateway.ts';
import type { GatewayContext } from '../../gateway/server/http.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { createTrustedDocuments, documentHash } from '../../gateway/limits/trusted-documents.ts';
import { FED, allowAllPolicy } from '../helpers/federation.ts';

const sdl = `${FED} type Query { werkgever(id: ID!): Werkgever } type Werkgever @key(fields: "id") { id: ID! naam: String }`;
const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: { Query: { werkgever: (_: unknown, a: { id: string }) => ({ id: a.id, naam: 'Logistiek BV' }) } } as never });
const received: string[] = [];
const fetcher: SubgraphFetcher = async (_url, request) => {
  received.push(request.query);
  return JSON.parse(JSON.stringify((await execute({ schema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult));
};
const REGISTERED = '{ werkgever(id: "w1") { naam } }';

let gateway: Gateway;
let url: string;
let issuer: LocalIssuer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'doelpoort-trusted-'));
  issuer = await ensureLocalIssuer(dir);
  const trusted = await createTrustedDocuments({ file: join(dir, 'trusted.json') });
  await trusted.register(REGISTERED);
  const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
  gateway = await createGateway({
    subgraphs: [{ name: 'ai', url: 'http://ai.test/graphql', sdl }],
    policy: allowAllPolicy,
    minimise: (_t, v) => v,
    audit: { recordRequest: async () => {} },
    authenticate: (h) => verifier.verify(h),
    introspection: false,
    timeoutMs: 1000,
    maxBodyBytes: 100_000,
    fetcher,
    plugins: [trusted.plugin<GatewayContext>()],
    persistedQueries: { cache: trusted.cache, ttl: null },
  });
  url = await gateway.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway?.close();
});

async function post(body: unknown): Promise<{ status: number; json: any }> {
  const token = await issuer.sign({ id: 'emp-1', organisation: 'arbeidsinspectie', roles: ['analist'], projects: [] });
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe('trusted documents', () => {
  it('runs a registered operation, by its text or by its hash alone', async () => {
    expect(await post({ query: REGISTERED })).toEqual({ status: 200, json: { data: { werkgever: { naam: 'Logistiek BV' } } } });
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(REGISTERED) } } });
    expect(byHash).toEqual({ status: 200, json: { data: { werkgever: { naam: 'Logistiek BV' } } } });
  });

  it('refuses any other operation before a partner is asked', async () => {
    received.length = 0;
    const refused = await post({ query: '{ werkgever(id: "w2") { naam } }' });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(received).toEqual([]);
  });
});
