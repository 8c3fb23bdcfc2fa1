/**
 * Swapping the supergraph while serving: a request validated against one version runs on that
 * version's executor, even when the swap comes between its validation and its execution.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { afterEach, describe, expect, it } from 'vitest';
import { composeGateway } from '../../gateway/server/gateway.ts';
import type { GatewayContext } from '../../gateway/server/http.ts';
import { FED } from '../helpers/federation.ts';
import { startSmallGateway, type SmallGateway } from '../helpers/small-gateway.ts';

/** The subgraph serves every field; version 1 of the supergraph has `price`, version 2 `name2` instead. */
const served = `${FED} type Query { products: [Product!]! } type Product @key(fields: "id") { id: ID! name: String! price: Int! name2: String! }`;
const v1 = composeGateway([{ name: 'sg', url: 'http://sg.test/graphql', sdl: served.replace(' name2: String!', '') }]);
const v2 = composeGateway([{ name: 'sg', url: 'http://sg.test/graphql', sdl: served.replace(' price: Int!', '') }]);
const resolvers = { Query: { products: () => [{ id: 'p1', name: 'Fiets', price: 450, name2: 'Rijwiel' }] } };

let small: SmallGateway | undefined;
afterEach(async () => {
  await small?.close();
  small = undefined;
});

describe('a supergraph swap', () => {
  it('runs a request on the version it was validated against', async () => {
    let release!: () => void;
    let validated!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (validated = resolve));
    // Holds every operation after validation, before execution, until released.
    const holdAfterValidation: ApolloServerPlugin<GatewayContext> = {
      async requestDidStart() {
        return {
          async didResolveOperation() {
            validated();
            await gate;
          },
        };
      },
    };
    small = await startSmallGateway(served, resolvers, { composed: v1, plugins: [holdAfterValidation] });
    const before = small.gateway.versions.current().id;
    const answer = small.post({ query: '{ products { name price } }' });
    await reached;
    const after = small.gateway.versions.swap(v2);
    expect(after.id).not.toBe(before);
    release();
    expect(await answer).toEqual({ status: 200, json: { data: { products: [{ name: 'Fiets', price: 450 }] } } });
    expect(small.received.map((q) => q.replace(/\s+/g, ' '))).toEqual(['{ products { name price } }']);
  });

  it('validates later requests against the new version', async () => {
    small = await startSmallGateway(served, resolvers, { composed: v1 });
    small.gateway.versions.swap(v2);
    expect(await small.post({ query: '{ products { name2 } }' })).toEqual({ status: 200, json: { data: { products: [{ name2: 'Rijwiel' }] } } });
    const old = await small.post({ query: '{ products { price } }' });
    expect(old.status).toBe(400);
    expect(old.json.errors[0].message).toBe('Cannot query field "price" on type "Product".');
  });

  it('keeps the version serving when the new one cannot be built', async () => {
    small = await startSmallGateway(served, resolvers, { composed: v1 });
    const serving = small.gateway.versions.current();
    expect(() => small!.gateway.versions.swap({ ...serving.composed, apiSchemaSdl: 'type Query { broken: Nope }' })).toThrow('Unknown type "Nope".');
    expect(small.gateway.versions.current()).toBe(serving);
    expect(await small.post({ query: '{ products { price } }' })).toEqual({ status: 200, json: { data: { products: [{ price: 450 }] } } });
  });
});
