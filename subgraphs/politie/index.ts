/** The police's subgraph: registrations at an address and about a person (criminal-law data). */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { politieResolvers } from './resolvers.ts';

export function createPolitieSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'politie',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: politieResolvers(worldIndex(world)),
  });
}
