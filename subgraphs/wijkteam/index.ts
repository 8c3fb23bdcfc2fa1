/** The social neighbourhood team's subgraph: care trajectories (for help only) and whether a referral exists. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { worldIndex } from '../shared/world.ts';
import { wijkteamResolvers } from './resolvers.ts';

export function createWijkteamSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'wijkteam',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: wijkteamResolvers(worldIndex(world)),
  });
}
