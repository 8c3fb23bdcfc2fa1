/** The social neighbourhood team's subgraph: care trajectories (for help only) and whether a referral exists. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { worldIndex } from '../kit/world.ts';
import { wijkteamResolvers } from './resolvers.ts';

export function createWijkteamSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'wijkteam',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: wijkteamResolvers(worldIndex(world)),
  });
}
