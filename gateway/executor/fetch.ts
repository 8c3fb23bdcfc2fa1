/**
 * One call to a partner (its operation from the plan's selections, the variables it uses, the trace
 * and token headers, the call recorded for the audit), and the placing of a partner's errors at the
 * client's paths.
 */
import { GraphQLError, print, type SelectionNode } from 'graphql';
import { formatTraceparent, newSpanId } from '../context/trace.ts';
import { pathArray, type Path } from './path.ts';
import { redactText } from '../observability/redact.ts';
import { clientKey, unrenamed } from './keys.ts';
import { printSelections, selectedCoordinates } from './operation-text.ts';
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
  const printed = printSelections(selections);
  const definitions: string[] = [];
  const variables: Record<string, unknown> = { ...extraVariables };
  for (const def of state.operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (!printed.variables.has(name)) continue;
    definitions.push(print({ ...def, directives: [] }));
    if (state.rawVariables[name] !== undefined) variables[name] = state.rawVariables[name];
  }
  for (const name of Object.keys(extraVariables)) definitions.push(`$${name}: [_Any!]!`);
  const head = definitions.length ? `${operation} (${definitions.join(', ')}) ` : operation === 'query' ? '' : `${operation} `;
  const query = `${head}{ ${printed.text} }`;
  const url = state.options.urls?.get(graph) ?? state.options.supergraph.graphs.get(graph)?.url ?? '';
  const spanId = newSpanId();
  const headers = state.options.headersFor
    ? await state.options.headersFor({ graph, coordinates, context: state.context, spanId })
    : { traceparent: formatTraceparent(state.context.traceId, spanId) };
  const startedAt = new Date();
  const fetcher = state.options.fetcher ?? httpSubgraphFetcher;
  const timeoutMs = Math.max(1, Math.min(state.options.timeoutMs ?? 5000, state.deadline - Date.now()));
  const response = await fetcher(url, { query, variables }, { timeoutMs, headers });
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
