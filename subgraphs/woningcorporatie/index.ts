/** The housing corporation's subgraph: the tenancy of a dwelling and reports about the address. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { woningcorporatieResolvers } from './resolvers.ts';

export function createWoningcorporatieSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'woningcorporatie',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: woningcorporatieResolvers(worldIndex(world)),
  });
}
