/**
 * Checks shared by the partner subgraph tests: the SDL a subgraph serves, its classifications,
 * `_entities` against its schema, and composition with the register subgraphs (BRP, BAG).
 */
import { Kind, execute, parse } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { composeSupergraph } from '../../schema/compose.ts';
import { readClassifications } from '@doelpoort/subgraph-kit/schema';
import type { Classification } from '../../schema/classification.ts';
import { createBagSubgraph } from '../../subgraphs/bag/index.ts';
import { createBrpSubgraph } from '../../subgraphs/brp/index.ts';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { World } from '../../subgraphs/world/index.ts';

/** The SDL the subgraph answers to `_service { sdl }`. */
export async function servedSdl(subgraph: PartnerSubgraph): Promise<string> {
  const result = await execute({ schema: subgraph.schema, document: parse('{ _service { sdl } }') });
  return (result.data?._service as { sdl: string }).sdl;
}

/** "Type.field" of every Persoon or Adres field in the SDL that has no @classified directive. */
export function unclassifiedSubjectFields(sdl: string): string[] {
  const missing: string[] = [];
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (definition.name.value !== 'Persoon' && definition.name.value !== 'Adres') continue;
    for (const field of definition.fields ?? []) {
      if (!(field.directives ?? []).some((directive) => directive.name.value === 'classified')) missing.push(`${definition.name.value}.${field.name.value}`);
    }
  }
  return missing;
}

/** The subject fields the SDL declares, as "Type.field", each with its classification. */
export function subjectClassifications(name: string, sdl: string): Record<string, Classification> {
  const report = readClassifications(name, sdl);
  if (report.problems.length > 0) throw new Error(report.problems.map((problem) => problem.message).join('\n'));
  return Object.fromEntries([...report.classifications].filter(([coordinate]) => /^(Persoon|Adres)\./.test(coordinate)));
}

/** `_entities` for the given representations, with `selection` inside `... on <typename>`. */
export async function entities(
  subgraph: PartnerSubgraph,
  typename: 'Persoon' | 'Adres',
  keys: readonly string[],
  selection: string,
): Promise<ExecutionResult> {
  const key = typename === 'Persoon' ? 'bsn' : 'adresId';
  const document = parse(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} ${selection} } }`);
  const representations = keys.map((value) => ({ __typename: typename, [key]: value }));
  return execute({ schema: subgraph.schema, document, variableValues: { representations } });
}

/** composeSupergraph over BRP, BAG and the given subgraphs, all on the same world. */
export function composeWithRegisters(world: World, ...subgraphs: PartnerSubgraph[]) {
  const all = [createBrpSubgraph(world), createBagSubgraph(world), ...subgraphs];
  return composeSupergraph(all.map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.test/graphql` })));
}
