/** The BRP's subgraph: persons' register data, and who is registered at an address. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { brpResolvers } from './resolvers.ts';

export function createBrpSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'brp',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: brpResolvers(worldIndex(world)),
  });
}
