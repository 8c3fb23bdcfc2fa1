/**
 * Any Federation v2 subgraph set, from a supergraph composed elsewhere (`supergraphFile`), served
 * over HTTP by the whole product: types that are not persons or addresses need no classification,
 * a request that touches neither needs no project or purpose; the file is swapped while serving (a
 * changed file is loaded without a restart, a bad one is refused with a log line while the old
 * version keeps serving, and a request in flight finishes on the version it started with).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../gateway/config/schema.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { startDoelpoort, type Doelpoort } from '../../gateway/main.ts';
import { supergraphVersionId } from '../../gateway/server/supergraph-versions.ts';
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { serveSubgraph, type SubgraphRequest, type ServedSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { createPartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import { FED } from '../helpers/federation.ts';

const products = [
  { upc: '1', name: 'Tafel', price: 899 },
  { upc: '2', name: 'Stoel', price: 120 },
];

/** Held calls of `topProducts` wait here until released. */
let hold: Promise<void> | undefined;
const catalogSdl = `${FED} type Query { topProducts: [Product!]! } type Product @key(fields: "upc") { upc: ID! name: String! price: Int! }`;
const catalogResolvers = {
  Query: {
    topProducts: async () => {
      await hold;
      return products;
    },
  },
  Product: { __resolveReference: (r: { upc: string }) => products.find((p) => p.upc === r.upc) },
};
const inventorySdl = `${FED} type Product @key(fields: "upc") { upc: ID! inStock: Boolean! }`;
const inventoryResolvers = { Product: { __resolveReference: (r: { upc: string }) => ({ upc: r.upc, inStock: r.upc === '1' }) } };

let dataDir: string;
let file: string;
let issuer: LocalIssuer;
let doelpoort: Doelpoort;
const served: Record<string, ServedSubgraph> = {};
const logLines: string[] = [];
const received: { subgraph: string; authorization: string | undefined }[] = [];

function supergraph(subgraphs: { name: string; typeDefs: string }[]): string {
  const composed = composeServices(subgraphs.map((s) => ({ name: s.name, url: served[s.name]!.url, typeDefs: parse(s.typeDefs) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
}

const catalogWithoutPrice = catalogSdl.replace(' price: Int!', '');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-supergraph-file-'));
  issuer = await ensureLocalIssuer(join(dataDir, 'issuer'));
  // The gateway's partner-token key, made here before the product starts (which loads it from dataDir),
  // so these subgraphs verify every call as a partner using the kit does.
  const jwks = (await createPartnerTokenSigner({ dataDir })).jwks();
  for (const [name, sdl, resolvers] of [
    ['catalog', catalogSdl, catalogResolvers],
    ['inventory', inventorySdl, inventoryResolvers],
  ] as const) {
    const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
    served[name] = await serveSubgraph(
      { name, sdl: printSchema(schema), schema },
      { port: 0, verifier: createGatewayTokenVerifier({ partner: name, jwks }), onRequest: (r: SubgraphRequest) => void received.push({ subgraph: r.subgraph, authorization: r.headers.authorization as string | undefined }) },
    );
  }
  file = join(dataDir, 'supergraph.graphql');
  await writeFile(file, supergraph([{ name: 'catalog', typeDefs: catalogSdl }]));
  const config = configSchema.parse({
    gateway: { port: 0 },
    dataDir,
    supergraphFile: file,
    auth: { jwksFile: issuer.jwksFile, issuer: issuer.issuer, audience: issuer.audience, algorithms: ['ES256'] },
    logLevel: 'info',
  });
  doelpoort = await startDoelpoort(config, { logStream: { write: (line: string) => logLines.push(...line.split('\n').filter(Boolean)) > 0 } });
  // The product's embedded database is made first (PGlite's initdb): slow on a busy machine.
}, 180_000);

afterAll(async () => {
  await doelpoort?.stop();
  for (const s of Object.values(served)) await s.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(query: string): Promise<{ status: number; body: any }> {
  const token = await issuer.sign({ id: 'dev-1', organisation: 'webwinkel', roles: ['ontwikkelaar'], projects: [] });
  const response = await fetch(doelpoort.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** Polls (the file is looked at once a second) until `done` holds for the log; fails after 15 s. */
async function untilLogged(done: (events: { event: string; version?: string; message?: string }[]) => boolean): Promise<void> {
  for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    if (done(logLines.map((line) => JSON.parse(line)))) return;
  }
  throw new Error(`not logged in 15 s; the log: ${logLines.join('\n')}`);
}

let servingNow = '';
const loads = (events: { event: string }[]) => events.filter((e) => e.event === 'supergraph.loaded').length;

describe('a federation without persons or addresses, from a supergraph file', () => {
  it('serves the supergraph in the file, without a project or purpose', async () => {
    expect(await post('{ topProducts { name price } }')).toEqual({
      status: 200,
      body: { data: { topProducts: [{ name: 'Tafel', price: 899 }, { name: 'Stoel', price: 120 }] } },
    });
    expect(received.map((r) => r.subgraph)).toEqual(['catalog']);
    const inStock = await post('{ topProducts { inStock } }');
    expect(inStock.status).toBe(400);
    expect(inStock.body.errors[0].message).toBe('Cannot query field "inStock" on type "Product".');
  });

  it('calls the subgraphs with the gateway token, naming no project or purpose', async () => {
    received.length = 0;
    await post('{ topProducts { upc } }');
    expect(received).toHaveLength(1);
    const token = received[0]!.authorization!.replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ aud: 'catalog', project: '-', purpose: '-', fields: ['Product.upc', 'Query.topProducts'] });
  });

  it('swaps in a changed file while serving; a request in flight finishes on the version it started with', async () => {
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const before = loads(logLines.map((l) => JSON.parse(l)));
    const inFlight = post('{ topProducts { name price } }');
    await new Promise((r) => setTimeout(r, 200));
    const next = supergraph([{ name: 'catalog', typeDefs: catalogWithoutPrice }, { name: 'inventory', typeDefs: inventorySdl }]);
    await writeFile(file, next);
    await untilLogged((events) => loads(events) > before);
    servingNow = supergraphVersionId(next);
    expect(logLines.map((l) => JSON.parse(l)).filter((e) => e.event === 'supergraph.loaded').at(-1)).toMatchObject({ file, version: servingNow });
    release();
    hold = undefined;
    expect(await inFlight).toEqual({ status: 200, body: { data: { topProducts: [{ name: 'Tafel', price: 899 }, { name: 'Stoel', price: 120 }] } } });
    expect(await post('{ topProducts { name inStock } }')).toEqual({
      status: 200,
      body: { data: { topProducts: [{ name: 'Tafel', inStock: true }, { name: 'Stoel', inStock: false }] } },
    });
    const price = await post('{ topProducts { price } }');
    expect(price.status).toBe(400);
    expect(price.body.errors[0].message).toBe('Cannot query field "price" on type "Product".');
  });

  it('refuses a bad file with a clear log line and keeps serving the version it had', async () => {
    await writeFile(file, 'type Query { nothing: String }');
    await untilLogged((events) => events.some((e) => e.event === 'supergraph.refused'));
    const refused = logLines.map((l) => JSON.parse(l)).find((e) => e.event === 'supergraph.refused');
    expect(refused.message).toBe(
      `The supergraph file ${file} is refused: supergraph: this is not a Federation v2 supergraph (no @link to the join spec): compose the subgraphs into a supergraph first, e.g. with \`rover supergraph compose\`. The supergraph serving stays: version ${servingNow}.`,
    );
    expect(await post('{ topProducts { name inStock } }')).toEqual({
      status: 200,
      body: { data: { topProducts: [{ name: 'Tafel', inStock: true }, { name: 'Stoel', inStock: false }] } },
    });
  });
});
