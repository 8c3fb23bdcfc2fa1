/** The Labour Inspectorate's subgraph: employers, housing of labour migrants and wage findings. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { arbeidsinspectieResolvers } from './resolvers.ts';

export function createArbeidsinspectieSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'arbeidsinspectie',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: arbeidsinspectieResolvers(worldIndex(world)),
  });
}
