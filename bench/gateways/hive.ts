/** Child process: Hive Gateway (its Node runtime, @graphql-hive/gateway-runtime) over the workload-1 subgraphs. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { benchSupergraph, ready, subgraphUrls } from '../lib/supergraph.ts';

const gateway = createGatewayRuntime({ supergraph: benchSupergraph(subgraphUrls()), logging: process.env["BENCH_DEBUG"] ? "debug" : false });
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
