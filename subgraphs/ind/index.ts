/** The IND's subgraph: a person's residence status. */
import type { World } from '../world/index.ts';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readTypeDefs } from '../shared/schema-file.ts';
import { SIGNAAL_SDL } from '../shared/signalen.ts';
import { worldIndex } from '../shared/world.ts';
import { indResolvers } from './resolvers.ts';

export function createIndSubgraph(world: World): PartnerSubgraph {
  return buildPartnerSubgraph({
    name: 'ind',
    typeDefs: readTypeDefs(new URL('./schema.graphql', import.meta.url)) + SIGNAAL_SDL,
    resolvers: indResolvers(worldIndex(world)),
  });
}
