/**
 * The partner calls of one round: one `_entities` call per partner (an aliased field per distinct
 * selection), the answers merged into the tree, and their errors placed at the client's paths.
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
import { down, pathArray, type Path } from './path.ts';
import { redactText } from '../observability/redact.ts';
import { partnerError, unresolvableError } from './errors.ts';
import { clientKey, internalName, treeKey, unrenamed } from './keys.ts';
import { buildRepresentation } from './dependencies.ts';
import { internalSelections, projectFields } from './project.ts';
import { httpSubgraphFetcher, type SubgraphResponse } from './subgraph-client.ts';
import type { FetchEntry, Obj, State, WorkItem } from './types.ts';
import { minimised } from './decisions.ts';

interface FetchGroup {
  entries: FetchEntry[];
  reps: Obj[];
  /** Representations with one scalar key field, by that value. */
  byValue: Map<unknown, number>;
  /** Other representations, by their JSON. */
  byJson: Map<string, number>;
  entryRep: number[];
  selections?: SelectionNode[];
}

/** A node in a trie of fetch-group signatures: walking it costs map lookups on values the request already holds, no new strings. */
interface GroupKey {
  next: Map<unknown, GroupKey>;
}

const FIELDS_END = Symbol('fields end');

function step(node: GroupKey, part: unknown): GroupKey {
  let child = node.next.get(part);
  if (!child) node.next.set(part, (child = { next: new Map() }));
  return child;
}

/**
 * Entries whose representation type, fields (response key and selection) and internal fields are
 * the same share one aliased `_entities` field. Entries of one selection are filled in the same
 * order, so the key follows insertion order (an entry filled in another order only costs one more alias).
 */
function groupKeyOf(root: GroupKey, entry: FetchEntry): GroupKey {
  let node = step(step(root, entry.target.repTypename), entry.resolveTypename);
  for (const [key, nodes] of entry.fields) node = step(step(step(node, key), nodes[0]), nodes.length);
  node = step(node, FIELDS_END);
  for (const name of entry.internal) node = step(node, name);
  return node;
}

/** The index of `rep` among the group's representations, adding it when new (representations are de-duplicated). */
function representationIndex(group: FetchGroup, rep: Obj): number {
  let single: unknown;
  let fields = 0;
  let scalar = true;
  for (const name in rep) {
    if (name === '__typename') continue;
    fields += 1;
    single = rep[name];
    if (single !== null && typeof single === 'object') scalar = false;
  }
  const simple = fields === 1 && scalar;
  const key = simple ? single : JSON.stringify(rep);
  let index = simple ? group.byValue.get(key) : group.byJson.get(key as string);
  if (index === undefined) {
    index = group.reps.length;
    group.reps.push(rep);
    if (simple) group.byValue.set(key, index);
    else group.byJson.set(key as string, index);
  }
  return index;
}

export async function fetchEntities(state: State, graph: string, entries: FetchEntry[], next: WorkItem[]): Promise<void> {
  // Entries with the same selection share one aliased `_entities` field; representations are de-duplicated.
  const groups = new Map<GroupKey, FetchGroup>();
  const keys: GroupKey = { next: new Map() };
  for (const entry of entries) {
    const rep = buildRepresentation(entry.obj, entry.target);
    if (!rep) {
      for (const [key, nodes] of entry.fields) entry.obj[treeKey(key)] = unresolvableError(`${entry.typename}.${nodes[0]!.name.value}`, 'its key fields are missing');
      continue;
    }
    const groupKey = groupKeyOf(keys, entry);
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { entries: [], reps: [], byValue: new Map(), byJson: new Map(), entryRep: [] }));
    const index = representationIndex(group, rep);
    group.entries.push(entry);
    group.entryRep.push(index);
  }
  if (groups.size === 0) return;

  const selections: SelectionNode[] = [];
  const variables: Record<string, unknown> = {};
  const coordinates = new Set<string>();
  [...groups.values()].forEach((group, i) => {
    const first = group.entries[0]!;
    const typeName = first.target.repTypename;
    const fields = projectFields(state.pc, graph, typeName, first.fields, undefined, true);
    const internal = internalSelections(state.pc, graph, typeName, first.internal);
    for (const [, nodes] of first.fields) coordinates.add(`${first.typename}.${nodes[0]!.name.value}`);
    selections.push({
      kind: Kind.FIELD,
      alias: { kind: Kind.NAME, value: `e${i}` },
      name: { kind: Kind.NAME, value: '_entities' },
      arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'representations' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `r${i}` } } }],
      selectionSet: {
        kind: Kind.SELECTION_SET,
        selections: [
          {
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typeName } },
            selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }, ...fields, ...internal] },
          },
        ],
      },
    });
    variables[`r${i}`] = group.reps;
  });
  const response = await call(state, graph, 'query', selections, variables, [...coordinates], state.round);

  [...groups.values()].forEach((group, i) => {
    const list = response.data?.[`e${i}`];
    const failure =
      response.failure ??
      (Array.isArray(list) ? undefined : { code: 'SUBGRAPH_BAD_RESPONSE' as const, message: response.errors?.[0]?.message ?? 'did not return the requested entities' });
    group.entries.forEach((entry, j) => {
      const { obj } = entry;
      if (failure) {
        for (const key of entry.fields.keys()) obj[treeKey(key)] = partnerError(graph, failure.message, failure.code);
        return;
      }
      const result = (list as unknown[])[group.entryRep[j]!] as Obj | null | undefined;
      if (entry.resolveTypename && typeof result?.__typename === 'string') obj.__typename = result.__typename;
      for (const name of entry.internal) obj[internalName(name)] = result?.[internalName(name)] ?? null;
      for (const [key, nodes] of entry.fields) {
        const slot = treeKey(key);
        const value = result?.[slot] ?? null;
        const t = entry.transforms?.get(key);
        obj[slot] = t ? minimised(state, down(entry.path, key), t.coordinate, t.transform, value, entry.typename, nodes[0]!.name.value) : value;
      }
      // Entries of one group share one selection list, so the next round's field collection is shared too.
      if (entry.fields.size > 0) next.push({ obj, selections: (group.selections ??= [...entry.fields.values()].flat()), path: entry.path });
    });
  });
  for (const err of response.errors ?? []) {
    const [alias, index, ...rest] = err.path ?? [];
    const i = typeof alias === 'string' && alias.startsWith('e') ? Number(alias.slice(1)) : NaN;
    const group = [...groups.values()][i];
    const error = partnerError(graph, err.message, 'SUBGRAPH_ERROR', err.extensions);
    if (!group || typeof index !== 'number') {
      if (!response.failure && Array.isArray(response.data?.[`e${i}`])) state.topErrors.push(error);
      continue;
    }
    group.entries.forEach((entry, j) => {
      if (group.entryRep[j] !== index) return;
      if (rest.length) placeError(state, entry.obj, entry.path, rest, error);
      else for (const key of entry.fields.keys()) if (entry.obj[treeKey(key)] === null) entry.obj[treeKey(key)] = error;
    });
  }
}

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
