/** Child process: Apollo Gateway (@apollo/gateway with @apollo/server) over the workload-1 subgraphs. */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { benchSupergraph, ready, subgraphUrls } from '../lib/supergraph.ts';

const gateway = new ApolloGateway({ supergraphSdl: benchSupergraph(subgraphUrls()) });
const server = new ApolloServer({ gateway, introspection: false });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
ready({ url: new URL('/graphql', url).toString() });
