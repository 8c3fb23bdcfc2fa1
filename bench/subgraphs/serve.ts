/**
 * Child process: serves the four benchmark subgraphs on loopback ports and prints
 * `{"accounts":"http://127.0.0.1:…/graphql",…}` on one line when ready.
 *
 * The data never changes, so each answer is kept by its exact request body after the first
 * execution: the subgraphs then cost little, and the same for every gateway (the public benchmark
 * uses Rust subgraphs for the same reason).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, type ExecutionResult } from 'graphql';
import { benchSubgraphs, type BenchSubgraph } from './schemas.ts';

const MAX_CACHED = 10_000;

function serve(subgraph: BenchSubgraph): Promise<string> {
  const answers = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let answer = answers.get(text);
      if (answer === undefined) {
        try {
          const { query, variables, operationName } = JSON.parse(text) as { query: string; variables?: Record<string, unknown>; operationName?: string };
          const result = (await execute({ schema: subgraph.schema, document: parse(query), variableValues: variables ?? {}, operationName: operationName ?? null })) as ExecutionResult;
          answer = JSON.stringify(result);
          if (!result.errors && answers.size < MAX_CACHED) answers.set(text, answer);
        } catch (error) {
          answer = JSON.stringify({ errors: [{ message: (error as Error).message }] });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

const urls: Record<string, string> = {};
for (const subgraph of benchSubgraphs()) urls[subgraph.name] = await serve(subgraph);
process.stdout.write(`${JSON.stringify(urls)}\n`);
