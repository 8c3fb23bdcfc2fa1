/** The Belastingdienst's subgraph: allowances, and income and assets per tax year. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { belastingdienstResolvers } from './resolvers.ts';

export function createBelastingdienstSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'belastingdienst',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: belastingdienstResolvers(worldIndex(world)),
  });
}
