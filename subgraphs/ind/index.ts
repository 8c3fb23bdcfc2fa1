/** The IND's subgraph: a person's residence status. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '../kit/build.ts';
import type { PartnerSubgraph } from '../kit/build.ts';
import { readTypeDefs } from '../kit/schema-file.ts';
import { SIGNAAL_SDL } from '../kit/signalen.ts';
import { worldIndex } from '../kit/world.ts';
import { indResolvers } from './resolvers.ts';

export function createIndSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'ind',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: indResolvers(worldIndex(world)),
  });
}
