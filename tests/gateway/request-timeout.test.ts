import { describe, expect, it } from 'vitest';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { FED, createTestGateway } from '../helpers/federation.ts';

const subgraphs = [
  {
    name: 'a',
    typeDefs: `${FED} type Query { product: Product } type Product @key(fields: "id") { id: ID! name: String }`,
    resolvers: { Query: { product: () => ({ id: 'p1', name: 'Fiets' }) } },
  },
  {
    name: 'b',
    typeDefs: `${FED} type Product @key(fields: "id") { id: ID! price: Int }`,
    resolvers: { Product: { __resolveReference: (r: { id: string }) => ({ id: r.id, price: 100 }) } },
  },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the request time limit', () => {
  it('gives later partner calls only what is left of the request’s time', async () => {
    const timeouts: Record<string, number> = {};
    const slowFirst: SubgraphFetcher = async (_url, _request, options) => {
      timeouts.a = options.timeoutMs;
      await sleep(100);
      return { data: { product: { __typename: 'Product', id: 'p1', name: 'Fiets', _dp_id: 'p1' } } };
    };
    const recordB: SubgraphFetcher = async (_url, _request, options) => {
      timeouts.b = options.timeoutMs;
      return { data: { e0: [{ __typename: 'Product', price: 100 }] } };
    };
    const gw = createTestGateway(subgraphs, { timeoutMs: 1000, requestTimeoutMs: 300, fail: { a: slowFirst, b: recordB } });
    const out = await gw.run('{ product { name price } }');
    expect(out.result).toEqual({ data: { product: { name: 'Fiets', price: 100 } } });
    expect(timeouts.a).toBeLessThanOrEqual(300);
    expect(timeouts.b).toBeLessThan(300);
    expect(timeouts.b).toBeGreaterThan(0);
  });

  it('stops asking partners once the request’s time is up and returns what it has', async () => {
    const slow: SubgraphFetcher = async () => {
      await sleep(350);
      return { data: { product: { __typename: 'Product', id: 'p1', name: 'Fiets', _dp_id: 'p1' } } };
    };
    const gw = createTestGateway(subgraphs, { timeoutMs: 1000, requestTimeoutMs: 300, fail: { a: slow } });
    const out = await gw.run('{ product { name price } }');
    expect(out.result.data).toEqual({ product: { name: 'Fiets', price: null } });
    expect(out.result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['product', 'price'], 'REQUEST_TIMEOUT']]);
    expect(gw.calls.get('b')).toBeUndefined();
  });
});
