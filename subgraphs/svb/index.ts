/** SVB's subgraph: state pension, child benefit and the living situation SVB established. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { svbResolvers } from './resolvers.ts';

export function createSvbSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'svb',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: svbResolvers(worldIndex(world)),
  });
}
