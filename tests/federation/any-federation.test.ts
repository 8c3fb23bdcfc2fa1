/**
 * Any Federation v2 subgraph set, not only the covenant partners': types that are not persons or
 * addresses need no classification, and a request that touches no person or address needs no
 * project or purpose. Served over real HTTP: the product started with configured subgraphs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../gateway/config/schema.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { startDoelpoort, type Doelpoort } from '../../gateway/main.ts';
import { serveSubgraph, type ServedSubgraph } from '../../subgraphs/kit/serve.ts';
import { FED } from '../helpers/federation.ts';

const products = [
  { upc: '1', name: 'Tafel', price: 899 },
  { upc: '2', name: 'Stoel', price: 120 },
];

const foreign = [
  {
    name: 'catalog',
    typeDefs: `${FED} type Query { topProducts: [Product!]! } type Product @key(fields: "upc") { upc: ID! name: String! price: Int! }`,
    resolvers: {
      Query: { topProducts: () => products },
      Product: { __resolveReference: (r: { upc: string }) => products.find((p) => p.upc === r.upc) },
    },
  },
  {
    name: 'inventory',
    typeDefs: `${FED} type Product @key(fields: "upc") { upc: ID! price: Int! @external inStock: Boolean! shippingEstimate: Int! @requires(fields: "price") }`,
    resolvers: {
      Product: { __resolveReference: (r: { upc: string; price?: number }) => ({ upc: r.upc, inStock: r.upc === '1', shippingEstimate: Math.round((r.price ?? 0) / 100) }) },
    },
  },
];

let dataDir: string;
let issuer: LocalIssuer;
let doelpoort: Doelpoort;
const served: ServedSubgraph[] = [];
const received: { subgraph: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-any-federation-'));
  issuer = await ensureLocalIssuer(join(dataDir, 'issuer'));
  for (const s of foreign) {
    const schema = buildSubgraphSchema({ typeDefs: parse(s.typeDefs), resolvers: s.resolvers as never });
    served.push(
      await serveSubgraph(
        { name: s.name, sdl: printSchema(schema), schema },
        { port: 0, onRequest: (r) => void received.push({ subgraph: r.subgraph, authorization: r.headers.authorization as string | undefined }) },
      ),
    );
  }
  const config = configSchema.parse({
    gateway: { port: 0 },
    dataDir,
    subgraphs: foreign.map((s, i) => ({ name: s.name, url: served[i]!.url })),
    auth: { jwksFile: issuer.jwksFile, issuer: issuer.issuer, audience: issuer.audience, algorithms: ['ES256'] },
    logLevel: 'error',
  });
  doelpoort = await startDoelpoort(config, { logStream: { write: () => true } });
}, 60_000);

afterAll(async () => {
  await doelpoort?.stop();
  for (const s of served) await s.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const token = await issuer.sign({ id: 'dev-1', organisation: 'webwinkel', roles: ['ontwikkelaar'], projects: [] });
  const response = await fetch(doelpoort.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

describe('a federation without persons or addresses', () => {
  it('composes subgraphs that classify nothing and answers without a project or purpose', async () => {
    received.length = 0;
    const out = await post('{ topProducts { name inStock shippingEstimate } }');
    expect(out).toEqual({
      status: 200,
      body: {
        data: {
          topProducts: [
            { name: 'Tafel', inStock: true, shippingEstimate: 9 },
            { name: 'Stoel', inStock: false, shippingEstimate: 1 },
          ],
        },
      },
    });
    expect(received.map((r) => r.subgraph)).toEqual(['catalog', 'inventory']);
  });

  it('still calls every subgraph with the gateway token, naming no project or purpose', async () => {
    received.length = 0;
    await post('{ topProducts { upc } }');
    expect(received).toHaveLength(1);
    const token = received[0]!.authorization!.replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ project: '-', purpose: '-', fields: ['Product.upc', 'Query.topProducts'] });
  });
});
