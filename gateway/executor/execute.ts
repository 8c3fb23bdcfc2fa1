/**
 * The policy-aware executor. A query runs on Hive Router's query plan up to the persons and
 * addresses it reaches; then, round by round, the policy decides on every field of those subjects
 * for every entity, and they are completed on the planner's plan for what was allowed, up to the
 * next subjects (subject-plan.ts). An operation the planner cannot serve, and a mutation, are
 * resolved level by level: each round walks the data fetched so far, finds the fields still
 * missing, asks the policy, and makes at most one call per partner (one `_entities` call, with one
 * aliased field per distinct selection). When nothing is missing, graphql-js shapes the merged data
 * into the response (aliases, fragments, nullability, errors).
 */
import {
  GraphQLError,
  Kind,
  getOperationAST,
  getVariableValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { collectFields } from './collect.ts';
import { pathArray } from './path.ts';
import { shapeResponse } from './shape.ts';
import { partnerError, requestTimeoutError, unresolvableError } from './errors.ts';
import { treeKey } from './keys.ts';
import { projectFields, type PlanCaches } from './project.ts';
import { resolvingGraphs } from './supergraph.ts';
import {
  DEFAULT_SUBJECT_TYPES,
  type ExecutionInput,
  type ExecutionOutput,
  type Executor,
  type ExecutorOptions,
  type MinimisedRecord,
  type Obj,
  type PathArray,
  type Round,
  type State,
  type WorkItem,
} from './types.ts';
import { failMissing, walk } from './walk.ts';
import { decide } from './decisions.ts';
import { call, fetchEntities, placeError } from './fetch.ts';
import { compilePlan } from './plan-compile.ts';
import { rootRun, runSteps, subjectWork } from './plan-run.ts';
import { completeSubjects, createSubjectPlans, planSubjects, type SubjectPlans } from './subject-plan.ts';
import { createPlanSource, type PlanSource } from './plan-source.ts';
import { planMutation, runMutation } from './mutation-plan.ts';

export type { DecisionRecord, ExecutionInput, ExecutionOutput, Executor, ExecutorOptions, MinimisedRecord, PartnerCallInfo, PartnerCallRecord, SubjectType } from './types.ts';
export { DEFAULT_SUBJECT_TYPES } from './types.ts';

export function createExecutor(options: ExecutorOptions): Executor {
  // What depends on the supergraph only is worked out once, for all requests.
  const caches: PlanCaches = { targets: new Map(), internalFields: new Map(), dependencyTargets: new Map() };
  const plans = createPlanSource(options.supergraph.sdl);
  const subjectPlans = createSubjectPlans(options.supergraph, subjectIdFields(options));
  return { execute: (input) => executeOperation(options, caches, plans, subjectPlans, input) };
}

function subjectIdFields(options: ExecutorOptions): Record<string, string> {
  return Object.fromEntries(Object.entries(options.subjectTypes ?? DEFAULT_SUBJECT_TYPES).map(([t, s]) => [t, s.idField]));
}

async function executeOperation(options: ExecutorOptions, caches: PlanCaches, plans: PlanSource, subjectPlans: SubjectPlans | undefined, input: ExecutionInput): Promise<ExecutionOutput> {
  const operation = getOperationAST(input.document, input.operationName);
  const empty = { decisions: [], calls: [], minimised: [] };
  if (!operation) {
    const message = input.operationName ? `Unknown operation named "${input.operationName}".` : 'Must provide a known operation name when the document contains several operations.';
    return { result: { errors: [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })] }, ...empty };
  }
  if (operation.operation === 'subscription') {
    return { result: { errors: [new GraphQLError('Subscriptions are not supported by this gateway.', { extensions: { code: 'BAD_REQUEST' } })] }, ...empty };
  }
  // Variables are coerced before anything is asked: a value of the wrong shape is the client's
  // mistake, answered as graphql-js answers it (a request error, no data) and never sent to a partner.
  const coercion = getVariableValues(options.apiSchema, operation.variableDefinitions ?? [], input.variables ?? {});
  if (coercion.errors) {
    return { result: { errors: coercion.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } })) }, ...empty };
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
      subjectIdFields: subjectIdFields(options),
      ...caches,
    },
    options,
    subjectTypes: options.subjectTypes ?? DEFAULT_SUBJECT_TYPES,
    context: input.context,
    operation,
    rawVariables,
    topErrors: [],
    decisions: [],
    round: 0,
    calls: [],
    minimised: [],
    attempted: new WeakMap(),
    persons: new Set(),
    deadline: Date.now() + (options.requestTimeoutMs ?? 15_000),
    refusedToday: new Set(),
    storeUnavailable: false,
    contentFree: new WeakMap(),
    allowed: new WeakMap(),
    subjectPlans,
  };

  const rootType = operation.operation === 'mutation' ? options.supergraph.schema.getMutationType() : options.supergraph.schema.getQueryType();
  if (!rootType) {
    return { result: { errors: [new GraphQLError(`This gateway has no ${operation.operation} type.`, { extensions: { code: 'BAD_REQUEST' } })] }, ...empty };
  }
  const root: Obj = { __typename: rootType.name };
  if (operation.operation === 'mutation') {
    // One root field at a time on the query planner's plan, each complete before the next (mutation-plan.ts).
    const fields = planMutation(state, plans, rootType.name);
    if ('unsatisfiable' in fields) return refused(fields.unsatisfiable);
    await runMutation(state, root, fields, {
      // One mutation field: its one partner call, then its entity fields.
      levelByLevel: async (nodes) => {
        if (process.env.DP_NOFALLBACK) { console.error('FALLBACK-MUT'); throw new Error('fallback mutation'); }
        await fetchRoot(state, root, rootType.name, nodes);
        await runRounds(state, [{ obj: root, selections: nodes, path: undefined }]);
      },
      complete: (work) => runRounds(state, work),
    });
  }
  // A query runs on the query planner's plan up to the persons and addresses it reaches (their keys);
  // the policy decides on those, and they are completed on plans of their own (subject-plan.ts). A plan
  // this executor cannot run is planned level by level here.
  const plan = operation.operation === 'query' ? plans.plan(input.document, input.operationName) : undefined;
  if (plan && 'unsatisfiable' in plan) return refused(plan.unsatisfiable);
  const compiled = plan ? compilePlan(state.pc, operation, rootType.name, plan) : undefined;
  if (compiled) {
    await runSteps(state, compiled.steps, rootRun(root));
    const work = subjectWork([{ obj: root, path: undefined }], compiled.subjects);
    if (work.length > 0) await runRounds(state, work);
  } else if (operation.operation === 'query') {
    if (process.env.DP_NOFALLBACK) { console.error('FALLBACK-OP'); return refused('fallback'); }
    await fetchRoot(state, root, rootType.name, operation.selectionSet.selections);
    await runRounds(state, [{ obj: root, selections: operation.selectionSet.selections, path: undefined }]);
  }

  const result = shapeResponse({
    schema: options.apiSchema,
    document: input.document,
    operation,
    operationName: input.operationName ?? undefined,
    root,
    variableValues: rawVariables,
    collect: state.pc,
  });
  const errors = [...withoutEchoedNulls(result.errors ?? [], state.topErrors), ...state.topErrors];
  const extensions = state.minimised.length
    ? { doelpoort: { minimised: inResponseOrder(state.minimised, result.data).map((m) => ({ path: m.path, coordinate: m.coordinate, transform: m.transform, value: m.value })) } }
    : undefined;
  return {
    result: { ...(errors.length ? { errors } : {}), data: result.data ?? null, ...(extensions ? { extensions } : {}) },
    decisions: state.decisions,
    calls: state.calls,
    minimised: state.minimised,
    ...(state.storeUnavailable ? { storeUnavailable: true as const } : {}),
  };
}

/** No partner is asked anything: the operation cannot be resolved by these subgraphs (fail closed). */
function refused(why: string): ExecutionOutput {
  const message = `The subgraphs cannot resolve this operation (${why}).`;
  return { result: { errors: [new GraphQLError(message, { extensions: { code: 'QUERY_PLANNING_FAILED' } })], data: null }, decisions: [], calls: [], minimised: [] };
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
    const group = groups.find((g) => g.graph === graph);
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
  await Promise.all(groups.map(run));
}

async function runRounds(state: State, initial: WorkItem[]): Promise<void> {
  let queue = initial;
  const maxRounds = state.options.maxRounds ?? 32;
  for (let round = 0; queue.length > 0; round++) {
    const plan: Round = { fetches: new Map(), subjects: [] };
    const next: WorkItem[] = [];
    if (Date.now() >= state.deadline) {
      const error = requestTimeoutError(state.options.requestTimeoutMs ?? 15_000);
      for (const item of queue) failMissing(state, item.obj, item.selections, error);
      return;
    }
    if (round >= maxRounds) {
      for (const item of queue) state.topErrors.push(new GraphQLError(`Gave up after ${maxRounds} rounds of partner calls.`, { path: pathArray(item.path), extensions: { code: 'QUERY_TOO_DEEP' } }));
      return;
    }
    state.round += 1;
    // Persons and addresses are completed on the planner's plan where it can serve them; the rest level by level.
    const planned = planSubjects(state, queue, plan);
    for (const item of planned.rest) walk(state, item, plan, next);
    await decide(state, plan);
    await Promise.all([...[...plan.fetches].map(([graph, entries]) => fetchEntities(state, graph, [...entries.values()], next)), completeSubjects(state, planned.groups, next)]);
    queue = next;
  }
}

/** What `walk` needs to know of one collected field, worked out once per selection and type. */

/**
 * A non-null field is null because of an error below it (a partner's, already in the response at its
 * own path, e.g. a subgraph that nulled its whole answer): graphql-js adds no second error for a
 * propagated null, so neither does the gateway. A null with no error below it keeps its error.
 */
function withoutEchoedNulls(shaped: readonly GraphQLError[], partnerErrors: readonly GraphQLError[]): GraphQLError[] {
  const below = (path: readonly (string | number)[]) =>
    partnerErrors.some((e) => e.path !== undefined && e.path.length > path.length && path.every((key, i) => e.path![i] === key));
  return shaped.filter((e) => !(e.message.startsWith('Cannot return null for non-nullable field') && e.path && below(e.path)));
}

/**
 * The minimised fields in the order the response gives them (its keys follow the query), not in
 * the order their partners answered: fetches run in parallel, and the same query must list them
 * the same way every time.
 */
function inResponseOrder(minimised: readonly MinimisedRecord[], data: unknown): MinimisedRecord[] {
  const position = (path: PathArray): number[] => {
    const out: number[] = [];
    let at: unknown = data;
    for (const segment of path) {
      if (typeof segment === 'number') out.push(segment);
      else out.push(at !== null && typeof at === 'object' ? Object.keys(at).indexOf(segment) : -1);
      at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[segment] : undefined;
    }
    return out;
  };
  const keyed = minimised.map((m) => ({ m, at: position(m.path) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.at.length, b.at.length); i++) if (a.at[i] !== b.at[i]) return a.at[i]! - b.at[i]!;
    return a.at.length - b.at.length;
  });
  return keyed.map(({ m }) => m);
}
