/**
 * The kit's three ways to guard a partner subgraph (Apollo Server plugin, envelop plugin in GraphQL
 * Yoga, node:http middleware), each against the same small subgraph: it answers exactly the call a
 * gateway token was signed for, once, and refuses the rest with a typed error.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { gatewayTokenApolloPlugin, type GatewayContext } from '@doelpoort/subgraph-kit/apollo';
import { gatewayTokenEnvelopPlugin } from '@doelpoort/subgraph-kit/envelop';
import { gatewayTokenMiddleware, type GatewayCheckedRequest } from '@doelpoort/subgraph-kit/http';
import { testGatewayTokens, type TestGatewayTokens } from '../helpers/gateway-tokens.ts';

const schema = buildSubgraphSchema({
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    type Query { uitkering(id: ID!): Uitkering }
    type Uitkering @key(fields: "id") { id: ID! soort: String! bedrag: Int! }
  `),
  resolvers: {
    Query: { uitkering: (_: unknown, { id }: { id: string }) => ({ id, soort: 'WW', bedrag: 1234 }) },
    Uitkering: { __resolveReference: ({ id }: { id: string }) => (id === 'u1' ? { id, soort: 'WW', bedrag: 1234 } : null) },
  },
});

type Post = (body: object, authorization?: string) => Promise<{ status: number; json: Record<string, unknown> }>;

let tokens: TestGatewayTokens;
const servers: Server[] = [];
const posts = new Map<string, Post>();

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Post> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return async (body, authorization) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
}

beforeAll(async () => {
  tokens = await testGatewayTokens();
  const verifier = () => createGatewayTokenVerifier({ partner: 'uwv', jwks: tokens.jwks });

  const apollo = new ApolloServer<GatewayContext>({ schema, plugins: [gatewayTokenApolloPlugin(verifier())] });
  await apollo.start();
  posts.set(
    'Apollo Server plugin',
    await listen(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Map(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const { HeaderMap } = await import('@apollo/server');
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([...headers]), search: '', body: JSON.parse(Buffer.concat(chunks).toString()) },
        context: async () => ({}),
      });
      res.writeHead(result.status ?? 200, { 'content-type': 'application/json' });
      res.end(result.body.kind === 'complete' ? result.body.string : '');
    }),
  );
  const yoga = createYoga({ schema, plugins: [gatewayTokenEnvelopPlugin(verifier())], maskedErrors: false, logging: false });
  posts.set('envelop plugin in GraphQL Yoga', await listen(yoga));
  const guard = gatewayTokenMiddleware(schema, verifier());
  posts.set(
    'node:http middleware',
    await listen((req, res) => {
      guard(req as GatewayCheckedRequest, res, async () => {
        const { query, variables } = (req as GatewayCheckedRequest).body!;
        const result = await execute({ schema, document: parse(query), variableValues: variables ?? {} });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
    }),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const QUERY = 'query ($id: ID!) { uitkering(id: $id) { soort } }';
const FIELDS = ['Query.uitkering', 'Uitkering.soort'];

describe.each(['Apollo Server plugin', 'envelop plugin in GraphQL Yoga', 'node:http middleware'])('the %s', (adapter) => {
  const post = (body: object, authorization?: string) => posts.get(adapter)!(body, authorization);
  const codeOf = (json: Record<string, unknown>) => (json.errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;

  it('answers the call the token was signed for, once', async () => {
    const call = { query: QUERY, variables: { id: 'u1' } };
    const authorization = tokens.authorization('uwv', call, FIELDS);
    expect(await post(call, authorization)).toEqual({ status: 200, json: { data: { uitkering: { soort: 'WW' } } } });
    const again = await post(call, authorization);
    expect([again.status, codeOf(again.json)]).toEqual([401, 'GATEWAY_TOKEN_REPLAYED']);
  });

  it('refuses no token (401), a field beyond the token (403) and other subjects (403)', async () => {
    const call = { query: QUERY, variables: { id: 'u1' } };
    const none = await post(call);
    expect([none.status, codeOf(none.json)]).toEqual([401, 'GATEWAY_TOKEN_MISSING']);
    const wider = { query: 'query ($id: ID!) { uitkering(id: $id) { soort bedrag } }', variables: { id: 'u1' } };
    const beyond = await post(wider, tokens.authorization('uwv', wider, FIELDS));
    expect([beyond.status, codeOf(beyond.json)]).toEqual([403, 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED']);
    const other = await post({ query: QUERY, variables: { id: 'u2' } }, tokens.authorization('uwv', call, FIELDS));
    expect([other.status, codeOf(other.json)]).toEqual([403, 'GATEWAY_TOKEN_OTHER_CALL']);
  });

  it('answers _service { sdl } without a token', async () => {
    const { status, json } = await post({ query: '{ _service { sdl } }' });
    expect(status).toBe(200);
    expect((json.data as { _service: { sdl: string } })._service.sdl).toContain('type Uitkering');
  });
});
