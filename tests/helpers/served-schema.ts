/** The API schema the gateway serves over the default world's partners and the project subgraph, composed without starting anything. */
import type { GraphQLSchema } from 'graphql';
import { buildApiSchema } from '../../gateway/executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES } from '../../gateway/executor/execute.ts';
import { composeSupergraph } from '../../schema/compose.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { readTypeDefs } from '../../subgraphs/shared/schema-file.ts';
import { partnerSdl } from '@doelpoort/subgraph-kit/subgraph';
import { defaultWorld } from '../../subgraphs/world/index.ts';

export function servedSchema(): GraphQLSchema {
  const sources = createAllSubgraphs(defaultWorld()).map((s) => ({ name: s.name, sdl: s.sdl, url: `http://${s.name}.test/graphql` }));
  sources.push({ name: 'project', sdl: partnerSdl(readTypeDefs(new URL('../../gateway/project/schema.graphql', import.meta.url))), url: 'inprocess://project' });
  const composed = composeSupergraph(sources);
  if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
  return buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES));
}
