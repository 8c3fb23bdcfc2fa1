/** The housing corporation's subgraph: the tenancy of a dwelling and reports about the address. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { woningcorporatieResolvers } from './resolvers.ts';

export function createWoningcorporatieSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'woningcorporatie',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: woningcorporatieResolvers(worldIndex(world)),
  });
}
