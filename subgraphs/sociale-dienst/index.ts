/** The social service's subgraph: social assistance, risk scores and citizens' reports. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { socialeDienstResolvers } from './resolvers.ts';

export function createSocialeDienstSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'sociale-dienst',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: socialeDienstResolvers(worldIndex(world)),
  });
}
