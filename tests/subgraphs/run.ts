/** Running an operation against a built subgraph, in process. */
import { execute, parse } from 'graphql';
import type { ExecutionResult } from 'graphql';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';

export async function run(subgraph: PartnerSubgraph, query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult> {
  return execute({ schema: subgraph.schema, document: parse(query), variableValues: variables });
}

/** `_entities` for the given representations, selecting `selection` on `typename`; returns the list. */
export async function entities(
  subgraph: PartnerSubgraph,
  typename: 'Persoon' | 'Adres',
  keys: string[],
  selection: string,
): Promise<unknown> {
  const keyField = typename === 'Persoon' ? 'bsn' : 'adresId';
  const result = await run(subgraph, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`, {
    r: keys.map((key) => ({ __typename: typename, [keyField]: key })),
  });
  if (result.errors !== undefined) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.data?._entities;
}
