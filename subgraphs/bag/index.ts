/** The BAG's subgraph: addresses, their dwellings, and the address look-ups. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { bagResolvers } from './resolvers.ts';

export function createBagSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'bag',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: bagResolvers(worldIndex(world)),
  });
}
