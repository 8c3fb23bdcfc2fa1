/** The BAG's subgraph: addresses, their dwellings, and the address look-ups. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { bagResolvers } from './resolvers.ts';

export function createBagSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'bag',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: bagResolvers(worldIndex(world)),
  });
}
