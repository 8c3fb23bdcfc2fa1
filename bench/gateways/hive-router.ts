/**
 * Child process: Hive Gateway with its router runtime (@graphql-hive/router-runtime: Hive Router's
 * query planner, a native module, in place of the JavaScript planner) over the workload-1 subgraphs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { benchSupergraph, ready, subgraphUrls } from '../lib/supergraph.ts';

const gateway = createGatewayRuntime({ supergraph: benchSupergraph(subgraphUrls()), unifiedGraphHandler, logging: false });
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
