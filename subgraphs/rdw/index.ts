/** The RDW's subgraph: the vehicles registered to a person. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { rdwResolvers } from './resolvers.ts';

export function createRdwSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'rdw',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: rdwResolvers(worldIndex(world)),
  });
}
