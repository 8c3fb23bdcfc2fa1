/** The RDW's subgraph: the vehicles registered to a person. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { rdwResolvers } from './resolvers.ts';

export function createRdwSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'rdw',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: rdwResolvers(worldIndex(world)),
  });
}
