/** The BRP's subgraph: persons' register data, and who is registered at an address. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { brpResolvers } from './resolvers.ts';

export function createBrpSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'brp',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: brpResolvers(worldIndex(world)),
  });
}
