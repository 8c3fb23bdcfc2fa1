import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCENARIO_EXAMPLES } from '../../gateway/examples.ts';
import { buildApiSchema } from '../../gateway/executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES } from '../../gateway/executor/execute.ts';
import { composeSupergraph } from '../../schema/compose.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { readTypeDefs } from '../../subgraphs/shared/schema-file.ts';
import { partnerSdl } from '@doelpoort/subgraph-kit/subgraph';
import { defaultWorld } from '../../subgraphs/world/index.ts';

describe('the landing page examples', () => {
  const sources = createAllSubgraphs(defaultWorld()).map((s) => ({ name: s.name, sdl: s.sdl, url: `http://${s.name}.test/graphql` }));
  sources.push({ name: 'project', sdl: partnerSdl(readTypeDefs(new URL('../../subgraphs/project/schema.graphql', import.meta.url))), url: 'inprocess://project' });
  const composed = composeSupergraph(sources);
  if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
  const schema = buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES));

  it.each(SCENARIO_EXAMPLES.map((e) => [e.title, e] as const))('%s is a valid query of the served schema', (_title, example) => {
    expect(validate(schema, parse(example.query)).map((e) => e.message)).toEqual([]);
  });
});
