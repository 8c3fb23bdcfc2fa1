/**
 * One call to a partner (its operation from the plan's selections, the variables it uses, the trace
 * and token headers, the call recorded for the audit), and the placing of a partner's errors at the
 * client's paths.
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  print,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { formatTraceparent, newSpanId } from '../context/trace.ts';
import { pathArray, type Path } from './path.ts';
import { redactText } from '../observability/redact.ts';
import { clientKey, unrenamed } from './keys.ts';
import { httpSubgraphFetcher, type SubgraphResponse } from './subgraph-client.ts';
import type { Obj, State } from './types.ts';

/** Places a partner's error at its path below `base`: in the null it left there, or else as a located error. */
export function placeError(state: State, base: Obj, basePath: Path, partnerPath: ReadonlyArray<string | number>, error: GraphQLError): void {
  const rest = partnerPath.map((key) => (typeof key === 'string' ? unrenamed(key) : key));
  let container: unknown = base;
  for (let i = 0; i < rest.length - 1; i++) {
    container = container && typeof container === 'object' ? (container as Record<string | number, unknown>)[rest[i]!] : undefined;
  }
  const last = rest[rest.length - 1];
  if (last !== undefined && container && typeof container === 'object') {
    const holder = container as Record<string | number, unknown>;
    if (holder[last] === null || holder[last] === undefined) {
      holder[last] = error;
      return;
    }
  }
  const clientPath = rest.map((key) => (typeof key === 'string' ? clientKey(key) : key));
  state.topErrors.push(new GraphQLError(error.message, { path: [...pathArray(basePath), ...clientPath], extensions: error.extensions }));
}

export async function call(
  state: State,
  graph: string,
  operation: 'query' | 'mutation',
  selections: SelectionNode[],
  extraVariables: Record<string, unknown>,
  topCoordinates: string[],
  round?: number,
): Promise<SubgraphResponse> {
  const coordinates = selectedCoordinates(state.options.supergraph.schema, operation === 'mutation' ? 'Mutation' : 'Query', selections);
  const used = new Set<string>();
  const selectionSet = { kind: Kind.SELECTION_SET, selections } as const;
  visit(selectionSet, { Variable: (node) => void used.add(node.name.value) });
  const variableDefinitions: VariableDefinitionNode[] = [];
  const variables: Record<string, unknown> = { ...extraVariables };
  for (const def of state.operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (!used.has(name)) continue;
    variableDefinitions.push({ ...def, directives: [] });
    if (state.rawVariables[name] !== undefined) variables[name] = state.rawVariables[name];
  }
  for (const name of Object.keys(extraVariables)) {
    variableDefinitions.push({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: '_Any' } } } } },
    });
  }
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation: operation as OperationDefinitionNode['operation'], variableDefinitions, selectionSet }],
  };
  const url = state.options.urls?.get(graph) ?? state.options.supergraph.graphs.get(graph)?.url ?? '';
  const spanId = newSpanId();
  const headers = state.options.headersFor
    ? await state.options.headersFor({ graph, coordinates, context: state.context, spanId })
    : { traceparent: formatTraceparent(state.context.traceId, spanId) };
  const startedAt = new Date();
  const fetcher = state.options.fetcher ?? httpSubgraphFetcher;
  const timeoutMs = Math.max(1, Math.min(state.options.timeoutMs ?? 5000, state.deadline - Date.now()));
  const response = await fetcher(url, { query: print(document), variables }, { timeoutMs, headers });
  state.calls.push({
    graph,
    spanId,
    startedAt,
    endedAt: new Date(),
    ok: !response.failure && !response.errors?.length,
    ...(response.failure ? { failure: `${response.failure.code}: ${redactText(response.failure.message)}` } : {}),
    ...(response.failure?.refused ? { refused: true as const } : {}),
    coordinates: topCoordinates,
    ...(round !== undefined ? { round } : {}),
  });
  return response;
}

/** All "Type.field" coordinates a partner call selects; `_entities` fragments count as their type. */
function selectedCoordinates(schema: GraphQLSchema, rootType: string, selections: readonly SelectionNode[]): string[] {
  const out = new Set<string>();
  const visitSelections = (typeName: string, list: readonly SelectionNode[]) => {
    for (const sel of list) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        visitSelections(sel.typeCondition?.name.value ?? typeName, sel.selectionSet.selections);
        continue;
      }
      if (sel.kind !== Kind.FIELD) continue;
      const name = sel.name.value;
      if (name === '__typename') continue;
      if (name === '_entities') {
        if (sel.selectionSet) visitSelections(typeName, sel.selectionSet.selections);
        continue;
      }
      out.add(`${typeName}.${name}`);
      const type = schema.getType(typeName);
      const field = type && 'getFields' in type ? (type.getFields() as Record<string, { type: Parameters<typeof getNamedType>[0] }>)[name] : undefined;
      if (field && sel.selectionSet) visitSelections(getNamedType(field.type)!.name, sel.selectionSet.selections);
    }
  };
  visitSelections(rootType, selections);
  return [...out].sort();
}
