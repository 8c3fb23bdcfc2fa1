import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSubgraphFetcher, type SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import type { ExecutionOutput } from '../../gateway/executor/execute.ts';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const products = [
  { id: 'p1', name: 'Fiets' },
  { id: 'p2', name: 'Step' },
];

const subgraphs = [
  {
    name: 'catalog',
    typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! }`,
    resolvers: { Query: { products: () => products } },
  },
  {
    name: 'prices',
    typeDefs: `${FED} type Product @key(fields: "id") { id: ID! price: Int }`,
    resolvers: {
      Product: {
        __resolveReference: (r: { id: string }) => r,
        price: (p: { id: string }) => {
          if (p.id === 'p2') throw new Error('Geen prijs voor klantnummer 123456789 bekend (klant 9999 90 226)');
          return 450;
        },
      },
    },
  },
  {
    name: 'stock',
    typeDefs: `${FED} type Query { warehouses: [String!] } type Product @key(fields: "id") { id: ID! inStock: Int }`,
    resolvers: { Query: { warehouses: () => ['Venlo'] }, Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, inStock: 3 }) } },
  },
];

const errorsOf = (out: ExecutionOutput) => out.result.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions }));

/** A partner that answers every call the way `answer` does, over real HTTP on 127.0.0.1. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    if (req.url === '/html500') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
    } else if (req.url === '/not-graphql') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","rows":[1,2,3]}');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {"e0": [');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const over = (path: string): SubgraphFetcher => (_url, request, options) => httpSubgraphFetcher(base + path, request, options);

describe('partner failures', () => {
  it('places an entity error at its response path with the partner’s name, and masks nine-digit numbers and BSNs in any spelling', async () => {
    const gw = createTestGateway(subgraphs);
    const out = await gw.run(`{ products { name price inStock } }`);
    expect(out.result.data).toEqual({
      products: [
        { name: 'Fiets', price: 450, inStock: 3 },
        { name: 'Step', price: null, inStock: 3 },
      ],
    });
    expect(errorsOf(out)).toEqual([
      { message: 'prices: Geen prijs voor klantnummer ********* bekend (klant *********)', path: ['products', 1, 'price'], extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'prices' } },
    ]);
    expect(JSON.stringify(out.result)).not.toContain('123456789');
  });

  it('gives partial data and an error at each affected path when a partner is down', async () => {
    const down: SubgraphFetcher = async () => ({ failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be reached' } });
    const gw = createTestGateway(subgraphs, { fail: { stock: down } });
    const out = await gw.run(`{ warehouses products { name inStock } }`);
    expect(out.result.data).toEqual({ warehouses: null, products: [{ name: 'Fiets', inStock: null }, { name: 'Step', inStock: null }] });
    const unavailable = { message: 'stock: could not be reached', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'stock' } };
    expect(errorsOf(out)).toEqual([
      { ...unavailable, path: ['warehouses'] },
      { ...unavailable, path: ['products', 0, 'inStock'] },
      { ...unavailable, path: ['products', 1, 'inStock'] },
    ]);
    expect(out.calls.map((c) => [c.graph, c.ok, c.failure]).sort()).toEqual([
      ['catalog', true, undefined],
      ['stock', false, 'SUBGRAPH_UNAVAILABLE: could not be reached'],
      ['stock', false, 'SUBGRAPH_UNAVAILABLE: could not be reached'],
    ]);
  });

  it('times out a partner that never answers', async () => {
    const gw = createTestGateway(subgraphs, { fail: { stock: over('/hang') }, timeoutMs: 200 });
    const out = await gw.run(`{ products { name inStock } }`);
    expect(out.result.data).toEqual({ products: [{ name: 'Fiets', inStock: null }, { name: 'Step', inStock: null }] });
    const timeout = { message: 'stock: did not answer within 200 ms', extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'stock' } };
    expect(errorsOf(out)).toEqual([
      { ...timeout, path: ['products', 0, 'inStock'] },
      { ...timeout, path: ['products', 1, 'inStock'] },
    ]);
  });

  it('reports an HTTP 500 with an HTML body as an HTTP error', async () => {
    const gw = createTestGateway(subgraphs, { fail: { prices: over('/html500') } });
    const out = await gw.run(`{ products { name price inStock } }`);
    expect(out.result.data).toEqual({
      products: [
        { name: 'Fiets', price: null, inStock: 3 },
        { name: 'Step', price: null, inStock: 3 },
      ],
    });
    const http = { message: 'prices: answered with HTTP 500', extensions: { code: 'SUBGRAPH_HTTP_ERROR', serviceName: 'prices' } };
    expect(errorsOf(out)).toEqual([
      { ...http, path: ['products', 0, 'price'] },
      { ...http, path: ['products', 1, 'price'] },
    ]);
  });

  it('reports a body that is not JSON, and JSON that is not a GraphQL response, as bad responses', async () => {
    const gw = createTestGateway(subgraphs, { fail: { prices: over('/truncated'), stock: over('/not-graphql') } });
    const out = await gw.run(`{ products { name price inStock } }`);
    expect(out.result.data).toEqual({
      products: [
        { name: 'Fiets', price: null, inStock: null },
        { name: 'Step', price: null, inStock: null },
      ],
    });
    const notJson = { message: 'prices: answered with a body that is not JSON', extensions: { code: 'SUBGRAPH_BAD_RESPONSE', serviceName: 'prices' } };
    const notGraphql = { message: 'stock: answered with JSON that is not a GraphQL response', extensions: { code: 'SUBGRAPH_BAD_RESPONSE', serviceName: 'stock' } };
    expect(errorsOf(out)).toEqual([
      { ...notJson, path: ['products', 0, 'price'] },
      { ...notGraphql, path: ['products', 0, 'inStock'] },
      { ...notJson, path: ['products', 1, 'price'] },
      { ...notGraphql, path: ['products', 1, 'inStock'] },
    ]);
    expect(queriesOf(gw, 'catalog')).toHaveLength(1);
  });
  it('does not send a partner’s error on a required field to the next partner as a value', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! weight: Int! }`,
        resolvers: { Query: { products: () => [{ id: 'p1', weight: 12 }, { id: 'p2', weight: 4 }] } },
      },
      {
        name: 'shipping',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! weight: Int! @external shippingCost: Int @requires(fields: "weight") }`,
        resolvers: {
          Product: {
            shippingCost: (p: { id: string; weight: number }) => {
              if (p.id === 'p1') throw new Error('Tarieventabel niet beschikbaar');
              return p.weight * 100;
            },
          },
        },
      },
      {
        name: 'insurance',
        typeDefs: `${FED} type Product @key(fields: "id") { id: ID! shippingCost: Int @external insuredCost: Int @requires(fields: "shippingCost") }`,
        resolvers: { Product: { insuredCost: (p: { shippingCost: number }) => p.shippingCost + 50 } },
      },
    ]);
    const out = await gw.run(`{ products { id insuredCost } }`);
    expect(out.result.data).toEqual({ products: [{ id: 'p1', insuredCost: null }, { id: 'p2', insuredCost: 450 }] });
    expect(out.result.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions }))).toEqual([
      { message: 'shipping: Tarieventabel niet beschikbaar', path: ['products', 0, 'insuredCost'], extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'shipping' } },
    ]);
    expect(gw.calls.get('insurance')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Product', id: 'p2', shippingCost: 400 }] }]);
  });
});
