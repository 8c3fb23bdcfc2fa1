/** UWV's subgraph: employment history and employee-insurance benefits. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { uwvResolvers } from './resolvers.ts';

export function createUwvSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'uwv',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: uwvResolvers(worldIndex(world)),
  });
}
