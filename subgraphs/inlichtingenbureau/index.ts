/** The Inlichtingenbureau's subgraph: its signals about persons, and the address signals they give. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { inlichtingenbureauResolvers } from './resolvers.ts';

export function createInlichtingenbureauSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'inlichtingenbureau',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: inlichtingenbureauResolvers(worldIndex(world)),
  });
}
