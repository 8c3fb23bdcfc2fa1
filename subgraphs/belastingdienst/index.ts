/** The Belastingdienst's subgraph: allowances, and income and assets per tax year. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { belastingdienstResolvers } from './resolvers.ts';

export function createBelastingdienstSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'belastingdienst',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: belastingdienstResolvers(worldIndex(world)),
  });
}
