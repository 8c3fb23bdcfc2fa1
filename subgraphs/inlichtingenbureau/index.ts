/** The Inlichtingenbureau's subgraph: its signals about persons, and the address signals they give. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { inlichtingenbureauResolvers } from './resolvers.ts';

export function createInlichtingenbureauSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'inlichtingenbureau',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: inlichtingenbureauResolvers(worldIndex(world)),
  });
}
