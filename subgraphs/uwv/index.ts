/** UWV's subgraph: employment history and employee-insurance benefits. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { uwvResolvers } from './resolvers.ts';

export function createUwvSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'uwv',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: uwvResolvers(worldIndex(world)),
  });
}
