/**
 * The fixture's subgraphs served over HTTP on one loopback port (one path per subgraph), each a
 * schema built with @apollo/subgraph, validated and executed with graphql-js, as a partner would
 * answer: a query that is not valid against the subgraph's schema (two fields under one response key
 * with conflicting types) is refused whole, with status 400, as GraphQL servers do.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import type { FixtureSubgraph } from './fixture.ts';

export interface ServedSubgraphs {
  urls: Map<string, string>;
  close(): Promise<void>;
}

export async function serveSubgraphs(subgraphs: readonly FixtureSubgraph[]): Promise<ServedSubgraphs> {
  const schemas = new Map<string, GraphQLSchema>(
    subgraphs.map((s) => [`/${s.name}`, buildSubgraphSchema({ typeDefs: parse(s.typeDefs), resolvers: s.resolvers as never })]),
  );
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const schema = schemas.get(req.url ?? '');
      const answer = async () => {
        if (!schema) return { status: 404, body: { errors: [{ message: 'no such subgraph' }] } };
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
        const document = parse(body.query);
        const invalid = validate(schema, document);
        if (invalid.length > 0) return { status: 400, body: { errors: invalid.map((e) => ({ message: e.message })) } };
        const result = await execute({ schema, document, variableValues: body.variables ?? {}, operationName: body.operationName ?? null });
        return { status: 200, body: result };
      };
      answer().then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: Error) => {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error.message }] }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urls: new Map(subgraphs.map((s) => [s.name, `http://127.0.0.1:${port}/${s.name}`])),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
