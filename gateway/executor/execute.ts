/**
 * The policy-aware executor. It resolves an operation against the partners level by level: each
 * round walks the data fetched so far, finds the fields still missing, asks the policy about every
 * field of a person or an address for every entity, and then makes at most one call per partner
 * (one `_entities` call, with one aliased field per distinct selection). When nothing is missing,
 * graphql-js shapes the merged data into the response (aliases, fragments, nullability, errors).
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  print,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { Classification, Minimisation, SubjectKind } from '../../schema/classification.ts';
import type { RequestContext } from '../context/types.ts';
import type { Decision, FieldQuestion, Policy } from '../policy/types.ts';
import { formatTraceparent, newSpanId } from '../context/trace.ts';
import { collectFields, subSelections } from './collect.ts';
import { down, pathArray, type Path, type PathLink } from './path.ts';
import { shapeResponse } from './shape.ts';
import { redactText } from '../observability/redact.ts';
import { deniedError, partnerError, unclassifiedDecision, unresolvableError } from './errors.ts';
import { clientKey, internalName, treeKey } from './keys.ts';
import {
  buildRepresentation,
  dependencyError,
  dependencyNames,
  dependencyTargets,
  fieldDef,
  internalSelections,
  projectFields,
  requiresIsSafe,
  targetFor,
  topKeyNames,
  type PlanCaches,
  type ProjectContext,
  type Target,
} from './project.ts';
import { httpSubgraphFetcher, type SubgraphFetcher, type SubgraphResponse } from './subgraph-client.ts';
import { resolvingGraphs, type Supergraph } from './supergraph.ts';
import { StoreUnavailableError } from '../store/unavailable.ts';

type Obj = Record<string, unknown>;
type PathArray = ReadonlyArray<string | number>;

export interface SubjectType {
  kind: SubjectKind;
  idField: string;
  /** The partner whose classification of the key field applies when the gateway already holds it. */
  registry: string;
}

export const DEFAULT_SUBJECT_TYPES: Record<string, SubjectType> = {
  Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' },
  Adres: { kind: 'address', idField: 'adresId', registry: 'bag' },
};

export interface PartnerCallInfo {
  graph: string;
  /** Every "Type.field" coordinate the call selects, at every level (for the partner token). */
  coordinates: string[];
  context: RequestContext;
  /** The span of this partner call: its `traceparent` and the reference into the partner's log. */
  spanId: string;
}

export interface ExecutorOptions {
  supergraph: Supergraph;
  apiSchema: GraphQLSchema;
  /** "<graph>:<Type.field>" → the owner's classification. */
  classifications: ReadonlyMap<string, Classification>;
  policy: Policy;
  minimise: (transform: Minimisation, value: unknown) => unknown;
  subjectTypes?: Record<string, SubjectType>;
  /** Graph name → URL; defaults to the URLs in the supergraph. */
  urls?: ReadonlyMap<string, string>;
  fetcher?: SubgraphFetcher;
  /** One partner call's time limit. */
  timeoutMs?: number;
  /** The whole request's time limit: partner calls get what is left of it. */
  requestTimeoutMs?: number;
  headersFor?: (call: PartnerCallInfo) => Promise<Record<string, string>> | Record<string, string>;
  maxRounds?: number;
  /** No dragnet: at most this many distinct persons are decided on per request; the rest are denied. */
  maxPersonsPerRequest?: number;
  /** No dragnet over many requests: counts the new persons of a round for the caller's day; false refuses them. */
  admitPersons?: (context: RequestContext, newPersons: number) => Promise<boolean>;
}

export interface DecisionRecord {
  coordinate: string;
  owner: string;
  tier: Classification['tier'] | 'unclassified';
  subject: { kind: SubjectKind; id: string | undefined };
  path: PathArray;
  decision: Decision;
}

export interface PartnerCallRecord {
  graph: string;
  spanId: string;
  startedAt: Date;
  endedAt: Date;
  ok: boolean;
  failure?: string;
  /** The gateway's guard refused the call (circuit open, queue full): it never reached the partner. */
  refused?: true;
  coordinates: string[];
}

export interface MinimisedRecord {
  path: PathArray;
  coordinate: string;
  transform: Minimisation;
  value: unknown;
}

export interface ExecutionInput {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: RequestContext;
}

export interface ExecutionOutput {
  result: ExecutionResult;
  decisions: DecisionRecord[];
  calls: PartnerCallRecord[];
  minimised: MinimisedRecord[];
  /** Set when a store read the policy needed failed: the request fails as a whole (HTTP 503, no data). */
  storeUnavailable?: true;
}

interface WorkItem {
  obj: Obj;
  selections: readonly SelectionNode[];
  path: Path;
}

interface FetchEntry {
  obj: Obj;
  typename: string;
  target: Target;
  path: Path;
  fields: Map<string, FieldNode[]>;
  /** Key and @requires fields fetched for the gateway's own use (shared empty set until the first). */
  internal: ReadonlySet<string>;
  /** Minimised fields; most entries have none, so it is made on the first. */
  transforms: Map<string, { transform: Minimisation; coordinate: string }> | undefined;
  resolveTypename: boolean;
}

interface SubjectField {
  key: string;
  nodes: FieldNode[];
  name: string;
  /** null when the gateway already holds the value (a key field). */
  target: Target | null;
  owner: string;
}

interface SubjectEntry {
  obj: Obj;
  typename: string;
  path: Path;
  fields: SubjectField[];
}

interface Round {
  fetches: Map<string, Map<Obj, FetchEntry>>;
  subjects: SubjectEntry[];
}

interface State {
  pc: ProjectContext;
  options: ExecutorOptions;
  subjectTypes: Record<string, SubjectType>;
  context: RequestContext;
  operation: OperationDefinitionNode;
  rawVariables: Record<string, unknown>;
  topErrors: GraphQLError[];
  decisions: DecisionRecord[];
  calls: PartnerCallRecord[];
  minimised: MinimisedRecord[];
  attempted: WeakMap<Obj, Set<string>>;
  persons: Set<string>;
  deadline: number;
  refusedToday: Set<string>;
  storeUnavailable: boolean;
  contentFree: WeakMap<FieldNode, FieldNode[]>;
}

export interface Executor {
  execute(input: ExecutionInput): Promise<ExecutionOutput>;
}

export function createExecutor(options: ExecutorOptions): Executor {
  // What depends on the supergraph only is worked out once, for all requests.
  const caches: PlanCaches = { targets: new Map(), internalFields: new Map(), dependencyTargets: new Map() };
  return { execute: (input) => executeOperation(options, caches, input) };
}

async function executeOperation(options: ExecutorOptions, caches: PlanCaches, input: ExecutionInput): Promise<ExecutionOutput> {
  const operation = getOperationAST(input.document, input.operationName);
  const empty = { decisions: [], calls: [], minimised: [] };
  if (!operation) {
    return { result: { errors: [new GraphQLError('Must provide a known operation name when the document contains several operations.', { extensions: { code: 'BAD_REQUEST' } })] }, ...empty };
  }
  if (operation.operation === 'subscription') {
    return { result: { errors: [new GraphQLError('Subscriptions are not supported by this gateway.', { extensions: { code: 'BAD_REQUEST' } })] }, ...empty };
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of input.document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const rawVariables = input.variables ?? {};
  const variables = withDefaults(operation.variableDefinitions ?? [], rawVariables);
  const state: State = {
    pc: {
      schema: options.supergraph.schema,
      supergraph: options.supergraph,
      fragments,
      variables,
      cache: new WeakMap(),
      subSelectionCache: new WeakMap(),
      subjectIdFields: Object.fromEntries(Object.entries(options.subjectTypes ?? DEFAULT_SUBJECT_TYPES).map(([t, s]) => [t, s.idField])),
      ...caches,
    },
    options,
    subjectTypes: options.subjectTypes ?? DEFAULT_SUBJECT_TYPES,
    context: input.context,
    operation,
    rawVariables,
    topErrors: [],
    decisions: [],
    calls: [],
    minimised: [],
    attempted: new WeakMap(),
    persons: new Set(),
    deadline: Date.now() + (options.requestTimeoutMs ?? 15_000),
    refusedToday: new Set(),
    storeUnavailable: false,
    contentFree: new WeakMap(),
  };

  const rootType = operation.operation === 'mutation' ? options.supergraph.schema.getMutationType() : options.supergraph.schema.getQueryType();
  if (!rootType) {
    return { result: { errors: [new GraphQLError(`This gateway has no ${operation.operation} type.`, { extensions: { code: 'BAD_REQUEST' } })] }, ...empty };
  }
  const root: Obj = { __typename: rootType.name };
  await fetchRoot(state, root, rootType.name, operation.selectionSet.selections);
  if (operation.operation !== 'mutation') await runRounds(state, [{ obj: root, selections: operation.selectionSet.selections, path: undefined }]);

  const result = shapeResponse({
    schema: options.apiSchema,
    document: input.document,
    operation,
    operationName: input.operationName ?? undefined,
    root,
    variableValues: rawVariables,
    collect: state.pc,
  });
  const errors = [...(result.errors ?? []), ...state.topErrors];
  const extensions = state.minimised.length
    ? { doelpoort: { minimised: state.minimised.map((m) => ({ path: m.path, coordinate: m.coordinate, transform: m.transform, value: m.value })) } }
    : undefined;
  return {
    result: { ...(errors.length ? { errors } : {}), data: result.data ?? null, ...(extensions ? { extensions } : {}) },
    decisions: state.decisions,
    calls: state.calls,
    minimised: state.minimised,
    ...(state.storeUnavailable ? { storeUnavailable: true as const } : {}),
  };
}

function withDefaults(defs: readonly VariableDefinitionNode[], raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const def of defs) {
    const name = def.variable.name.value;
    if (out[name] === undefined && def.defaultValue?.kind === Kind.BOOLEAN) out[name] = def.defaultValue.value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Root fields

async function fetchRoot(state: State, root: Obj, rootType: string, selections: readonly SelectionNode[]): Promise<void> {
  const fields = collectFields(state.pc, rootType, selections);
  const groups: { graph: string; fields: [string, FieldNode[]][] }[] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0]!.name.value;
    if (name.startsWith('__')) continue;
    const graph = resolvingGraphs(state.options.supergraph, rootType, name)[0];
    if (!graph) {
      root[treeKey(key)] = unresolvableError(`${rootType}.${name}`, 'no partner resolves this field');
      continue;
    }
    const last = groups[groups.length - 1];
    // Mutations run in order: consecutive fields of one partner share a call, others wait their turn.
    const group = rootType === 'Mutation' ? (last?.graph === graph ? last : undefined) : groups.find((g) => g.graph === graph);
    if (group) group.fields.push([key, nodes]);
    else groups.push({ graph, fields: [[key, nodes]] });
  }
  const run = async (group: (typeof groups)[number]) => {
    const selections = projectFields(state.pc, group.graph, rootType, group.fields, undefined);
    const response = await call(state, group.graph, state.operation.operation === 'mutation' ? 'mutation' : 'query', selections, {}, group.fields.map(([, n]) => `${rootType}.${n[0]!.name.value}`));
    if (response.failure) {
      for (const [key] of group.fields) root[treeKey(key)] = partnerError(group.graph, response.failure.message, response.failure.code);
      return;
    }
    for (const [key] of group.fields) root[treeKey(key)] = response.data?.[treeKey(key)] ?? null;
    for (const err of response.errors ?? []) placeError(state, root, undefined, err.path ?? [], partnerError(group.graph, err.message, 'SUBGRAPH_ERROR', err.extensions));
  };
  if (rootType !== 'Mutation') {
    await Promise.all(groups.map(run));
    return;
  }
  // A mutation field is complete, its entity fields included, before the next one runs.
  for (const group of groups) {
    await run(group);
    await runRounds(state, [{ obj: root, selections: group.fields.flatMap(([, nodes]) => nodes), path: undefined }]);
  }
}

// ---------------------------------------------------------------------------------------------
// Rounds

async function runRounds(state: State, initial: WorkItem[]): Promise<void> {
  let queue = initial;
  const maxRounds = state.options.maxRounds ?? 32;
  for (let round = 0; queue.length > 0; round++) {
    const plan: Round = { fetches: new Map(), subjects: [] };
    const next: WorkItem[] = [];
    if (Date.now() >= state.deadline) {
      const error = new GraphQLError(`The request ran out of its ${state.options.requestTimeoutMs ?? 15_000} ms before this field was fetched; the data so far is returned.`, { extensions: { code: 'REQUEST_TIMEOUT' } });
      for (const item of queue) failMissing(state, item.obj, item.selections, error);
      return;
    }
    if (round >= maxRounds) {
      for (const item of queue) state.topErrors.push(new GraphQLError(`Gave up after ${maxRounds} rounds of partner calls.`, { path: pathArray(item.path), extensions: { code: 'QUERY_TOO_DEEP' } }));
      return;
    }
    for (const item of queue) walk(state, item, plan, next);
    await decide(state, plan);
    await Promise.all([...plan.fetches].map(([graph, entries]) => fetchEntities(state, graph, [...entries.values()], next)));
    queue = next;
  }
}

/** What `walk` needs to know of one collected field, worked out once per selection and type. */
interface FieldPlan {
  key: string;
  /** Where the field's value is kept in the object tree (keys.ts). */
  slot: string;
  nodes: FieldNode[];
  name: string;
  def: ReturnType<typeof fieldDef>;
  /** The field returns an object, interface or union: walk into its value. */
  composite: boolean;
  /** A leaf without arguments: a copy the gateway already holds under its internal alias will do. */
  localLeaf: boolean;
}

const fieldPlanCache = new WeakMap<ReadonlyMap<string, FieldNode[]>, FieldPlan[]>();

function fieldPlansOf(state: State, typename: string, selections: readonly SelectionNode[]): FieldPlan[] {
  const fields = collectFields(state.pc, typename, selections);
  let plans = fieldPlanCache.get(fields);
  if (!plans) {
    plans = [];
    for (const [key, nodes] of fields) {
      const name = nodes[0]!.name.value;
      if (name.startsWith('__')) continue;
      const def = fieldDef(state.pc, typename, name);
      const named = def ? getNamedType(def.type) : undefined;
      plans.push({ key, slot: treeKey(key), nodes, name, def, composite: !!named && isCompositeType(named), localLeaf: !!named && isLeafType(named) && !nodes[0]!.arguments?.length });
    }
    fieldPlanCache.set(fields, plans);
  }
  return plans;
}

function walk(state: State, item: WorkItem, plan: Round, next: WorkItem[]): void {
  const { obj, selections, path } = item;
  const typename = obj.__typename as string;
  const type = state.options.supergraph.schema.getType(typename);
  if (!isObjectType(type)) {
    // An @interfaceObject answered with the interface's name: learn the concrete type first.
    if (!requestTypename(state, plan, obj, typename, path)) {
      state.topErrors.push(new GraphQLError(`The concrete type of this ${typename} could not be determined.`, { path: pathArray(path), extensions: { code: 'FIELD_UNRESOLVABLE' } }));
      return;
    }
    next.push(item);
    return;
  }
  const subject = state.subjectTypes[typename];
  let postponed: FieldNode[] | undefined;
  let subjectEntry: SubjectEntry | undefined;
  for (const { key, slot, nodes, name, def, composite, localLeaf } of fieldPlansOf(state, typename, selections)) {
    if (slot in obj) {
      if (composite) descend(state, obj[slot], nodes, down(path, key), plan, next);
      continue;
    }
    if (!def) {
      obj[slot] = unresolvableError(`${typename}.${name}`, 'the field is not in the supergraph');
      continue;
    }
    const local = localLeaf && internalName(name) in obj;
    const target = local ? null : targetFor(state.pc, typename, name);
    if (!local && !target) {
      obj[slot] = unresolvableError(`${typename}.${name}`, 'no partner can fetch it for this object');
      continue;
    }
    if (target && !buildRepresentation(obj, target)) {
      const failed = dependencyError(obj, target);
      if (failed) {
        obj[slot] = failed;
        continue;
      }
      if (requestDependencies(state, plan, obj, typename, target, path, subject !== undefined)) {
        (postponed ??= []).push(...nodes);
      } else {
        obj[slot] = unresolvableError(`${typename}.${name}`, `the partner ${target.graph} cannot be given the key or @requires fields it needs`);
      }
      continue;
    }
    if (subject) {
      const owner = target?.graph ?? (resolvingGraphs(state.options.supergraph, typename, name).includes(subject.registry) ? subject.registry : (resolvingGraphs(state.options.supergraph, typename, name)[0] ?? subject.registry));
      subjectEntry ??= { obj, typename, path, fields: [] };
      subjectEntry.fields.push({ key, nodes, name, target, owner });
    } else if (target) {
      entryFor(plan, obj, typename, target, path).fields.set(key, nodes);
    } else {
      obj[slot] = obj[internalName(name)];
    }
  }
  if (subjectEntry) plan.subjects.push(subjectEntry);
  if (postponed) next.push({ obj, selections: postponed, path });
}

/** Puts `error` in every field still missing below an object (the request is out of time). */
function failMissing(state: State, obj: Obj, selections: readonly SelectionNode[], error: GraphQLError): void {
  const typename = obj.__typename as string;
  if (!isObjectType(state.options.supergraph.schema.getType(typename))) return;
  for (const [key, nodes] of collectFields(state.pc, typename, selections)) {
    if (nodes[0]!.name.value.startsWith('__')) continue;
    const slot = treeKey(key);
    if (!(slot in obj)) {
      obj[slot] = error;
      continue;
    }
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && !(value instanceof Error)) failMissing(state, value as Obj, subSelections(state.pc, nodes), error);
    };
    visit(obj[slot]);
  }
}

function descend(state: State, value: unknown, nodes: FieldNode[], path: Path, plan: Round, next: WorkItem[]): void {
  if (value === null || value === undefined || value instanceof Error) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) descend(state, value[i], nodes, down(path, i), plan, next);
    return;
  }
  if (typeof value === 'object') walk(state, { obj: value as Obj, selections: subSelections(state.pc, nodes), path }, plan, next);
}

const NO_INTERNAL: ReadonlySet<string> = new Set();

function addInternal(entry: FetchEntry, name: string): void {
  if (entry.internal === NO_INTERNAL) entry.internal = new Set([name]);
  else (entry.internal as Set<string>).add(name);
}

function entryFor(plan: Round, obj: Obj, typename: string, target: Target, path: Path): FetchEntry {
  let byObj = plan.fetches.get(target.graph);
  if (!byObj) plan.fetches.set(target.graph, (byObj = new Map()));
  let entry = byObj.get(obj);
  if (!entry) {
    entry = { obj, typename, target, path, fields: new Map(), internal: NO_INTERNAL, transforms: undefined, resolveTypename: false };
    byObj.set(obj, entry);
  } else if (target.requires && entry.target.requires !== target.requires) {
    // Fields of one partner share one fetch: its representation carries every @requires among them.
    const requires = entry.target.requires
      ? { kind: Kind.SELECTION_SET, selections: [...entry.target.requires.selections, ...target.requires.selections] } as const
      : target.requires;
    entry.target = { ...entry.target, requires };
  }
  return entry;
}

/**
 * Schedules fetching the key/@requires fields `target` needs, following @requires chains (a needed
 * field that itself requires fields from a third partner waits for those first). False when no
 * partner can give them.
 */
function requestDependencies(state: State, plan: Round, obj: Obj, typename: string, target: Target, path: Path, isSubject: boolean): boolean {
  const keyNames = topKeyNames(target);
  for (const dep of dependencyNames(target)) {
    if (internalName(dep) in obj) continue;
    // A @requires on a person or address would send personal data to a partner without a decision.
    if (isSubject && !keyNames.has(dep)) return false;
    if (!requestField(state, plan, obj, typename, dep, path, 0)) return false;
  }
  return true;
}

function requestField(state: State, plan: Round, obj: Obj, typename: string, name: string, path: Path, depth: number): boolean {
  if (depth > 8) return false;
  const attempted = state.attempted.get(obj) ?? new Set<string>();
  state.attempted.set(obj, attempted);
  for (const candidate of dependencyTargets(state.pc, typename, name)) {
    if (attempted.has(candidate.mark)) continue;
    if (!buildRepresentation(obj, candidate.keysOnly)) continue;
    if (buildRepresentation(obj, candidate.target)) {
      attempted.add(candidate.mark);
      const existing = plan.fetches.get(candidate.target.graph)?.get(obj);
      addInternal(existing ?? entryFor(plan, obj, typename, candidate.target, path), name);
      return true;
    }
    // Its own @requires are missing: fetch those first; this field follows in a later round.
    const needed = candidate.requiresNames.filter((n) => !(internalName(n) in obj));
    if (needed.every((n) => requestField(state, plan, obj, typename, n, path, depth + 1))) return true;
  }
  return false;
}

function requestTypename(state: State, plan: Round, obj: Obj, iface: string, path: Path): boolean {
  const attempted = state.attempted.get(obj) ?? new Set<string>();
  state.attempted.set(obj, attempted);
  const info = state.options.supergraph.types.get(iface);
  for (const [graph, inGraph] of info?.graphs ?? []) {
    if (inGraph.isInterfaceObject || attempted.has(`${graph}:__typename`)) continue;
    const target: Target = { graph, repTypename: iface, keys: inGraph.keys.filter((k) => k.resolvable) };
    if (!target.keys.length || !buildRepresentation(obj, target)) continue;
    attempted.add(`${graph}:__typename`);
    entryFor(plan, obj, iface, target, path).resolveTypename = true;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Decisions

const POLICY_FAILED: Decision = {
  outcome: 'deny',
  principle: 'context',
  rule: 'policy.error',
  reason: 'The policy could not be evaluated, so nothing about this subject is released. Try again later; if it persists, tell the gateway operator.',
};

async function admitToday(state: State, plan: Round): Promise<void> {
  if (!state.options.admitPersons) return;
  const fresh = new Set<string>();
  for (const entry of plan.subjects) {
    const subject = state.subjectTypes[entry.typename];
    if (subject?.kind !== 'person') continue;
    const id = entry.obj[internalName(subject.idField)];
    if (typeof id === 'string' && !state.persons.has(id) && !state.refusedToday.has(id)) fresh.add(id);
  }
  if (fresh.size === 0) return;
  let admitted = false;
  try {
    admitted = await state.options.admitPersons(state.context, fresh.size);
  } catch (err) {
    if (err instanceof StoreUnavailableError) state.storeUnavailable = true;
    admitted = false;
  }
  if (!admitted) for (const id of fresh) state.refusedToday.add(id);
}

async function decide(state: State, plan: Round): Promise<void> {
  if (plan.subjects.length === 0) return;
  await admitToday(state, plan);
  // One question per owner and type: all entities of this round, all fields asked of that owner.
  const questions = new Map<string, { owner: string; typename: string; fields: Map<string, FieldQuestion>; entries: SubjectEntry[] }>();
  for (const entry of plan.subjects) {
    for (const f of entry.fields) {
      const id = `${f.owner}|${entry.typename}`;
      let q = questions.get(id);
      if (!q) questions.set(id, (q = { owner: f.owner, typename: entry.typename, fields: new Map(), entries: [] }));
      if (!q.entries.includes(entry)) q.entries.push(entry);
      const classification = state.options.classifications.get(`${f.owner}:${entry.typename}.${f.name}`);
      if (classification && !q.fields.has(f.name)) q.fields.set(f.name, { coordinate: `${entry.typename}.${f.name}`, owner: f.owner, classification });
    }
  }
  await Promise.all(
    [...questions.values()].map(async (q) => {
      const subject = state.subjectTypes[q.typename]!;
      const fields = [...q.fields.values()];
      const entities = q.entries.map((e) => ({
        typename: q.typename,
        kind: subject.kind,
        subjectId: String(e.obj[internalName(subject.idField)] ?? ''),
        path: pathArray(e.path),
      }));
      let decisions: Decision[][] | undefined;
      if (fields.length > 0) {
        try {
          const answer = await state.options.policy.decide({ owner: q.owner, fields, entities }, state.context);
          const ok = answer.decisions.length === entities.length && answer.decisions.every((row) => row.length === fields.length);
          decisions = ok ? answer.decisions : undefined;
        } catch (err) {
          if (err instanceof StoreUnavailableError) state.storeUnavailable = true;
          decisions = undefined;
        }
      }
      q.entries.forEach((entry, e) => {
        for (const f of entry.fields) {
          if (f.owner !== q.owner) continue;
          const coordinate = `${entry.typename}.${f.name}`;
          const fi = fields.findIndex((x) => x.coordinate === coordinate);
          const subjectId = entities[e]!.subjectId || undefined;
          let decision: Decision;
          if (fi < 0) {
            decision = unclassifiedDecision(q.owner, coordinate);
          } else if (!subjectId) {
            decision = { outcome: 'deny', principle: 'scope', rule: 'scope.subject-unknown', reason: 'The subject of this field could not be identified, so it is not released.' };
          } else if (subject.kind === 'person' && state.refusedToday.has(subjectId)) {
            decision = {
              outcome: 'deny',
              principle: 'dragnet',
              rule: 'dragnet.persons-per-day',
              reason: 'You have reached the number of persons one user may look at in a day. The count starts again tomorrow; if the case needs more, ask the project coordinator.',
            };
          } else if (subject.kind === 'person' && !admitPerson(state, subjectId)) {
            decision = {
              outcome: 'deny',
              principle: 'dragnet',
              rule: 'dragnet.persons-per-request',
              reason: `This request asks about more than ${state.options.maxPersonsPerRequest} persons, the most one request may concern. Narrow it down, e.g. to the residents of one selected address.`,
            };
          } else {
            decision = decisions?.[e]?.[fi] ?? POLICY_FAILED;
          }
          state.decisions.push({
            coordinate,
            owner: q.owner,
            tier: fi < 0 ? 'unclassified' : fields[fi]!.classification.tier,
            subject: { kind: subject.kind, id: subjectId },
            path: pathArray(down(entry.path, f.key)),
            decision,
          });
          apply(state, plan, entry, f, coordinate, decision);
        }
      });
    }),
  );
}

function admitPerson(state: State, bsn: string): boolean {
  if (state.persons.has(bsn)) return true;
  const max = state.options.maxPersonsPerRequest;
  if (max !== undefined && state.persons.size >= max) return false;
  state.persons.add(bsn);
  return true;
}

function apply(state: State, plan: Round, entry: SubjectEntry, f: SubjectField, coordinate: string, decision: Decision): void {
  const { obj } = entry;
  if (decision.outcome === 'deny') {
    // Located here already: graphql-js then places this error as it is (a copy costs ≈ 15 µs).
    obj[treeKey(f.key)] = deniedError(coordinate, f.owner, decision, { nodes: f.nodes, path: pathArray(down(entry.path, f.key)) });
    return;
  }
  const transform = decision.outcome === 'minimise' ? decision.transform : undefined;
  if (!f.target) {
    const value = obj[internalName(f.name)];
    obj[treeKey(f.key)] = transform ? minimised(state, down(entry.path, f.key), coordinate, transform, value, entry.typename, f.name) : value;
    return;
  }
  const fetch = entryFor(plan, obj, entry.typename, f.target, entry.path);
  // A count or an existence needs no content: the partner is asked for the items' type names only.
  const bare = transform === 'count' || transform === 'exists';
  fetch.fields.set(f.key, bare ? contentFree(state, f.nodes) : f.nodes);
  if (transform) (fetch.transforms ??= new Map()).set(f.key, { transform, coordinate });
}

function contentFree(state: State, nodes: FieldNode[]): FieldNode[] {
  const first = nodes[0]!;
  let bare = state.contentFree.get(first);
  if (!bare) {
    bare = [first.selectionSet ? { ...first, directives: [], selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] } } : first];
    state.contentFree.set(first, bare);
  }
  return bare;
}

function minimised(state: State, path: Path, coordinate: string, transform: Minimisation, value: unknown, typename: string, fieldName: string): unknown {
  let out: unknown;
  try {
    out = value === null || value === undefined ? null : state.options.minimise(transform, value);
  } catch {
    return new GraphQLError(`${coordinate} could not be minimised (${transform}), so it is not released.`, { extensions: { code: 'FIELD_DENIED', coordinate, principle: 'proportionaliteit', rule: 'minimise.failed' } });
  }
  state.minimised.push({ path: pathArray(path), coordinate, transform, value: out });
  // The minimised form goes into the data only where it fits the field's type; always into extensions.
  const def = fieldDef(state.pc, typename, fieldName);
  const type = def ? (isNonNullType(def.type) ? def.type.ofType : def.type) : undefined;
  const named = type && !isListType(type) ? getNamedType(type).name : undefined;
  if ((named === 'String' || named === 'ID') && typeof out === 'string') return out;
  if (def && isNonNullType(def.type)) {
    return new GraphQLError(`${coordinate} is given in minimised form (${transform}) in extensions.doelpoort.minimised.`, { extensions: { code: 'FIELD_MINIMISED', coordinate, transform } });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Partner calls

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

async function fetchEntities(state: State, graph: string, entries: FetchEntry[], next: WorkItem[]): Promise<void> {
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
  const response = await call(state, graph, 'query', selections, variables, [...coordinates]);

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

function placeError(state: State, base: Obj, basePath: Path, rest: ReadonlyArray<string | number>, error: GraphQLError): void {
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

async function call(
  state: State,
  graph: string,
  operation: 'query' | 'mutation',
  selections: SelectionNode[],
  extraVariables: Record<string, unknown>,
  topCoordinates: string[],
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
