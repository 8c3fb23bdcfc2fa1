/**
 * The policy-aware executor. An operation runs on Hive Router's query plan (plan-source.ts, compiled
 * by plan-compile.ts) up to the persons and addresses it reaches, of which it fetches the keys only;
 * then, round by round, the policy decides on every field of those subjects for every entity, and
 * they are completed on plans of their own for what was allowed, up to the next subjects
 * (subject-plan.ts). A mutation runs one root field at a time (mutation-plan.ts). An operation the
 * planner cannot plan, or whose plan this executor cannot run, is refused whole before any partner is
 * asked. graphql-js shapes the merged data into the response (aliases, fragments, nullability, errors).
 */
import type { QueryPlan } from '@graphql-hive/router-query-planner';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  getVariableValues,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { pathArray } from './path.ts';
import { shapeResponse } from './shape.ts';
import { requestTimeoutError } from './errors.ts';
import type { PlanCaches } from './project.ts';
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
import { decide } from './decisions.ts';
import { compilePlan } from './plan-compile.ts';
import type { CompiledPlan } from './plan-steps.ts';
import { rootRun, runSteps, subjectWork } from './plan-run.ts';
import { completeSubjects, createSubjectPlans, failFields, planSubjects, type SubjectPlans } from './subject-plan.ts';
import { createPlanSource, type PlanSource, type Unsatisfiable } from './plan-source.ts';
import { planMutation, runMutation } from './mutation-plan.ts';

export type { DecisionRecord, ExecutionInput, ExecutionOutput, Executor, ExecutorOptions, MinimisedRecord, PartnerCallInfo, PartnerCallRecord, SubjectType } from './types.ts';
export { DEFAULT_SUBJECT_TYPES } from './types.ts';

export function createExecutor(options: ExecutorOptions): Executor {
  // What depends on the supergraph only is worked out once, for all requests.
  const caches: PlanCaches = { internalFields: new Map() };
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
    persons: new Set(),
    deadline: Date.now() + (options.requestTimeoutMs ?? 15_000),
    refusedToday: new Set(),
    storeUnavailable: false,
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
    await runMutation(state, root, fields, (work) => runRounds(state, work));
  } else {
    // A query runs on the query planner's plan up to the persons and addresses it reaches (their keys);
    // the policy decides on those, and they are completed on plans of their own (subject-plan.ts).
    const plan = plans.plan(input.document, input.operationName);
    const compiled = 'unsatisfiable' in plan ? plan : compiledRoot(state, input.document, operation, rootType.name, plan);
    if ('unsatisfiable' in compiled) return refused(compiled.unsatisfiable);
    await runSteps(state, compiled.steps, rootRun(root));
    const work = subjectWork([{ obj: root, path: undefined }], compiled.subjects);
    if (work.length > 0) await runRounds(state, work);
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

/**
 * The root plan compiled for this operation, kept per plan and operation node (a client's repeated
 * document is one parsed document, kept by the server): its compilation depends on the operation
 * alone, unless a @skip or @include reads a variable's value (then compiled per request).
 */
function compiledRoot(state: State, document: DocumentNode, operation: OperationDefinitionNode, rootType: string, plan: QueryPlan): CompiledPlan | Unsatisfiable {
  if (conditionsReadVariables(document)) return compilePlan(state.pc, operation, rootType, plan);
  let byOperation = compiledRoots.get(plan);
  if (!byOperation) compiledRoots.set(plan, (byOperation = new WeakMap()));
  let compiled = byOperation.get(operation);
  if (!compiled) byOperation.set(operation, (compiled = compilePlan(state.pc, operation, rootType, plan)));
  return compiled;
}

/** By the planner's plan (one object per supergraph, document and operation name) and operation node. */
const compiledRoots = new WeakMap<QueryPlan, WeakMap<OperationDefinitionNode, CompiledPlan | Unsatisfiable>>();
const readsVariables = new WeakMap<DocumentNode, boolean>();

/** Whether a @skip or @include of the document takes its condition from a variable. */
function conditionsReadVariables(document: DocumentNode): boolean {
  let reads = readsVariables.get(document);
  if (reads === undefined) {
    reads = false;
    visit(document, {
      Directive(node) {
        if ((node.name.value === 'skip' || node.name.value === 'include') && node.arguments?.some((a) => a.value.kind === Kind.VARIABLE)) reads = true;
      },
    });
    readsVariables.set(document, reads);
  }
  return reads;
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

/**
 * Round by round: the policy decides on every field of the round's persons and addresses, then they
 * are completed on their plans for what was allowed; the subjects those plans reach are the next round.
 */
async function runRounds(state: State, initial: WorkItem[]): Promise<void> {
  let queue = initial;
  const maxRounds = state.options.maxRounds ?? 32;
  for (let round = 0; queue.length > 0; round++) {
    if (Date.now() >= state.deadline) {
      const error = requestTimeoutError(state.options.requestTimeoutMs ?? 15_000);
      for (const item of queue) failFields(state, item, () => error);
      return;
    }
    if (round >= maxRounds) {
      for (const item of queue) state.topErrors.push(new GraphQLError(`Gave up after ${maxRounds} rounds of partner calls.`, { path: pathArray(item.path), extensions: { code: 'QUERY_TOO_DEEP' } }));
      return;
    }
    state.round += 1;
    const decisions: Round = { subjects: [] };
    const groups = planSubjects(state, queue, decisions);
    await decide(state, decisions);
    const next: WorkItem[] = [];
    await completeSubjects(state, groups, next);
    queue = next;
  }
}

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
