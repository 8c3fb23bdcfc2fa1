/** The Labour Inspectorate's subgraph: employers, housing of labour migrants and wage findings. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { arbeidsinspectieResolvers } from './resolvers.ts';

export function createArbeidsinspectieSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'arbeidsinspectie',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: arbeidsinspectieResolvers(worldIndex(world)),
  });
}
