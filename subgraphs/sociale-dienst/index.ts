/** The social service's subgraph: social assistance, risk scores and citizens' reports. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { socialeDienstResolvers } from './resolvers.ts';

export function createSocialeDienstSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'sociale-dienst',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: socialeDienstResolvers(worldIndex(world)),
  });
}
