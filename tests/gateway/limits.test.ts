import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../gateway/server/gateway.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { limitsPlugin } from '../../gateway/limits/plugin.ts';
import { FED, allowAllPolicy } from '../helpers/federation.ts';

const sdl = `${FED} type Query { werkgever(id: ID!): Werkgever } type Werkgever @key(fields: "id") { id: ID! naam: String dochter: Werkgever }`;
const schema = buildSubgraphSchema({
  typeDefs: parse(sdl),
  resolvers: { Query: { werkgever: (_: unknown, a: { id: string }) => ({ id: a.id, naam: 'Logistiek BV', dochter: { id: 'd', naam: 'Dochter BV' } }) } } as never,
});
const received: string[] = [];
const fetcher: SubgraphFetcher = async (_url, request) => {
  received.push(request.query);
  return JSON.parse(JSON.stringify((await execute({ schema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult));
};

let gateway: Gateway;
let url: string;
let issuer: LocalIssuer;

beforeAll(async () => {
  issuer = await ensureLocalIssuer(mkdtempSync(join(tmpdir(), 'doelpoort-limits-')));
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
    maxBatch: 2,
    fetcher,
    plugins: [limitsPlugin({ maxDepth: 3, maxAliases: 2, maxRootFields: 2, maxFields: 6, maxCost: 20 })],
  });
  url = await gateway.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway?.close();
});

async function post(body: unknown): Promise<{ status: number; json: any }> {
  const token = await issuer.sign({ id: 'emp-1', organisation: 'arbeidsinspectie', roles: ['analist'], projects: ['wijkaanpak-2026'] });
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

// Each limit: a query just under it is answered, one just over it is refused with its code and no partner is asked.
const table = [
  { limit: 'depth', under: '{ werkgever(id: "w") { dochter { naam } } }', over: '{ werkgever(id: "w") { dochter { dochter { naam } } } }', code: 'QUERY_TOO_DEEP' },
  { limit: 'aliases', under: '{ a: werkgever(id: "w") { n: naam } }', over: '{ a: werkgever(id: "w") { n: naam m: id } }', code: 'TOO_MANY_ALIASES' },
  { limit: 'root fields', under: '{ werkgever(id: "w") { id } __typename }', over: '{ werkgever(id: "w") { id } __typename b: __typename }', code: 'TOO_MANY_ROOT_FIELDS' },
  { limit: 'fields', under: '{ werkgever(id: "w") { id naam dochter { id naam } } }', over: '{ werkgever(id: "w") { id naam dochter { id naam __typename } __typename } }', code: 'TOO_MANY_FIELDS' },
];

describe('query limits through the gateway', () => {
  it.each(table)('$limit: just under is answered, just over is refused before any partner is asked', async ({ under, over, code }) => {
    received.length = 0;
    const ok = await post({ query: under });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
    expect(received.length).toBeGreaterThan(0);
    received.length = 0;
    const refused = await post({ query: over });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([code]);
    expect(received).toEqual([]);
  });

  it('refuses a batch larger than the limit with a message naming it', async () => {
    const res = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.json.errors[0].message).toContain('2');
  });
});
