/** The police's subgraph: registrations at an address and about a person (criminal-law data). */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { politieResolvers } from './resolvers.ts';

export function createPolitieSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'politie',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: politieResolvers(worldIndex(world)),
  });
}
