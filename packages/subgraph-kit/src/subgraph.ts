/** Building and serving a partner subgraph with the kit (Apollo's subgraph library and node:http). */
export { buildPartnerSubgraph, partnerSdl, type FieldResolver, type PartnerSubgraph, type PartnerSubgraphDefinition, type Resolvers } from './build.ts';
export {
  GRAPHQL_PATH,
  SubgraphRequestRefused,
  formatError,
  parseGraphQLRequest,
  serveSubgraph,
  type ServeOptions,
  type ServedSubgraph,
  type SubgraphRequest,
} from './serve.ts';
