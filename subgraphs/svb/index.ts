/** SVB's subgraph: state pension, child benefit and the living situation SVB established. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { svbResolvers } from './resolvers.ts';

export function createSvbSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'svb',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: svbResolvers(worldIndex(world)),
  });
}
