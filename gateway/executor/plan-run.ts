/**
 * Runs the steps of a compiled query plan (plan-compile.ts) against the partners: root fetches,
 * `_entities` fetches for the objects at a plan path, in sequence, in parallel or under a variable's
 * condition. Answers are merged into the executor's object tree, errors placed at the client's paths.
 * A representation whose key is null is not sent: that one entity's fields stay null.
 */
import { Kind, isObjectType, type FieldNode, type GraphQLError, type GraphQLSchema, type InlineFragmentNode, type SelectionNode } from 'graphql';
import type { ValueSetter } from '@graphql-hive/router-query-planner';
import { conditionApplies } from './collect.ts';
import { partnerError, requestTimeoutError, unresolvableError } from './errors.ts';
import { call, placeError } from './fetch.ts';
import { treeKey, unrenamed } from './keys.ts';
import { down, type Path } from './path.ts';
import type { EntityBatch, EntityFetchStep, Need, PathStep, RootFetchStep, Step, SubjectPlace, UnsentFetchStep } from './plan-steps.ts';
import type { Obj, State, WorkItem } from './types.ts';
import { allowedCoordinates, allowedGroups, minimiseAllowed } from './plan-allowed.ts';
import { roundCall } from './round-calls.ts';

/** Where a plan's steps run: the root object, the objects its paths start from, and (an entry point's plan) the round of decisions. */
export interface Run {
  root: Obj;
  starts: readonly Located[];
  round?: number;
  /** Other plans run in the same round: their fetches of subjects' fields share one call per partner (round-calls.ts). */
  shared?: boolean;
}

/** The run of an operation's own plan: paths start at the root. */
export function rootRun(root: Obj): Run {
  return { root, starts: [{ obj: root, path: undefined }] };
}

export async function runSteps(state: State, step: Step | undefined, run: Run): Promise<void> {
  if (!step) return;
  switch (step.kind) {
    case 'sequence':
      for (const s of step.steps) await runSteps(state, s, run);
      return;
    case 'parallel':
      await Promise.all(step.steps.map((s) => runSteps(state, s, run)));
      return;
    case 'condition':
      return runSteps(state, state.pc.variables[step.variable] === true ? step.then : step.otherwise, run);
    case 'fetch':
      return rootFetch(state, step, run.root);
    case 'entities':
      return entityFetch(state, step, run);
    case 'unsent':
      return unsentFetch(state, step, run);
  }
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && !Array.isArray(value);
}

/** Deep-merges a partner's answer into the tree; lists merge by position, a known concrete type is never replaced by an interface's name. */
function merge(schema: GraphQLSchema, target: Obj, source: Obj): void {
  for (const key in source) {
    if (key === '__proto__') continue;
    const value = source[key];
    const current = target[key];
    if (key === '__typename') {
      if (typeof value === 'string' && (current === undefined || isObjectType(schema.getType(value)))) target[key] = value;
    } else if (current instanceof Error) {
      continue;
    } else if (isObj(current) && isObj(value)) {
      merge(schema, current, value);
    } else if (Array.isArray(current) && Array.isArray(value) && current.length === value.length) {
      value.forEach((item, i) => {
        if (isObj(current[i]) && isObj(item)) merge(schema, current[i] as Obj, item);
        else current[i] = item;
      });
    } else {
      target[key] = value;
    }
  }
}

/** A partner's answer with the renamed keys (keys.ts `renamedKey`) under their tree keys. */
function unrenameAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unrenameAll);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const key in value) if (key !== '__proto__') out[unrenamed(key)] = unrenameAll(value[key]);
  return out;
}

function fieldKeys(selections: readonly SelectionNode[]): string[] {
  const keys: string[] = [];
  for (const sel of selections) {
    if (sel.kind === Kind.FIELD && sel.name.value !== '__typename') keys.push(unrenamed(sel.alias?.value ?? sel.name.value));
    else if (sel.kind === Kind.INLINE_FRAGMENT) keys.push(...fieldKeys(sel.selectionSet.selections));
  }
  return keys;
}

/** The error for fields not fetched because the request's time is up, or undefined while there is time. */
function outOfTime(state: State): GraphQLError | undefined {
  return Date.now() >= state.deadline ? requestTimeoutError(state.options.requestTimeoutMs ?? 15_000) : undefined;
}

async function rootFetch(state: State, step: RootFetchStep, root: Obj): Promise<void> {
  const late = outOfTime(state);
  if (late) {
    for (const key of fieldKeys(step.selections)) if (!(key in root)) root[key] = late;
    return;
  }
  const response = await call(state, step.graph, step.operation, step.selections, {}, step.coordinates);
  if (response.failure) {
    const error = partnerError(step.graph, response.failure.message, response.failure.code);
    for (const key of fieldKeys(step.selections)) if (!(key in root)) root[key] = error;
    return;
  }
  if (response.data) merge(state.options.supergraph.schema, root, (step.renamed ? unrenameAll(response.data) : response.data) as Obj);
  // `data: null`: a non-null field failed and the partner nulled its whole answer (its error says where).
  else for (const key of fieldKeys(step.selections)) if (!(key in root)) root[key] = null;
  for (const err of response.errors ?? []) placeError(state, root, undefined, err.path ?? [], partnerError(step.graph, err.message, 'SUBGRAPH_ERROR', err.extensions));
}

export interface Located {
  obj: Obj;
  path: Path;
}

/** The objects at a plan path: at a plan key, those under every tree key that holds its field. */
function objectsAt(state: State, value: unknown, steps: readonly PathStep[], i: number, path: Path, out: Located[]): void {
  if (value === null || value === undefined || value instanceof Error) return;
  if (i === steps.length) {
    if (isObj(value)) out.push({ obj: value, path });
    return;
  }
  const step = steps[i]!;
  if ('each' in step) {
    // The planner writes one `@` for a list of lists ([[User!]!]): an inner list is walked by the same step.
    if (!Array.isArray(value)) return;
    const nextIsEach = i + 1 < steps.length && 'each' in steps[i + 1]!;
    for (let n = 0; n < value.length; n++) {
      const item: unknown = value[n];
      objectsAt(state, item, steps, Array.isArray(item) && !nextIsEach ? i : i + 1, down(path, n), out);
    }
  } else if ('types' in step) {
    if (isObj(value) && step.types.some((t) => typeMatches(state, t, value.__typename))) objectsAt(state, value, steps, i + 1, path, out);
  } else if (isObj(value)) {
    for (const key of step.keys) if (Object.hasOwn(value, key)) objectsAt(state, value[key], steps, i + 1, down(path, step.field), out);
  }
}

/**
 * A representation from the plan's `requires`: true when built, false while a value is missing,
 * or the partner error held in place of a needed value (it becomes the dependent fields' error,
 * never a value sent on to the next partner).
 */
function pick(state: State, obj: Obj, needs: readonly Need[], out: Obj): boolean | Error {
  for (const need of needs) {
    if (need.kind === 'fragment') {
      if (!typeMatches(state, need.typeCondition, obj.__typename)) continue;
      const inner = pick(state, obj, need.selections, out);
      if (inner !== true) return inner;
    } else if (need.kind === 'typename') {
      if (obj.__typename === undefined) return false;
      out[need.as] = obj.__typename;
    } else {
      // Every key in `from` holds this field: the first from which the value can be built.
      let done: boolean | Error = false;
      for (const key of need.from) if (done === false && Object.hasOwn(obj, key)) done = pickValue(state, obj[key], need, out);
      if (done !== true) return done;
    }
  }
  return true;
}

function pickValue(state: State, value: unknown, need: Need & { kind: 'field' }, out: Obj): boolean | Error {
  if (value === undefined) return false;
  if (value instanceof Error) return value;
  const selections = need.selections;
  if (!selections || value === null) {
    out[need.as] = value;
    return true;
  }
  const items = Array.isArray(value) ? value.map((item) => pickNested(state, item, selections)) : [pickNested(state, value, selections)];
  const failed = items.find((item) => !isObj(item));
  if (failed !== undefined) return failed as boolean | Error;
  out[need.as] = Array.isArray(value) ? items : items[0];
  return true;
}

/** The representation of one object below a needed field: built, false while a value is missing, or the error in its place. */
function pickNested(state: State, item: unknown, selections: readonly Need[]): Obj | boolean | Error {
  if (!isObj(item)) return false;
  // Objects selected by type keep their __typename, so the partner can tell them apart.
  const o: Obj = selections.some((s) => s.kind === 'fragment') && typeof item.__typename === 'string' ? { __typename: item.__typename } : {};
  const done = pick(state, item, selections, o);
  return done === true ? o : done;
}

/** Whether an object of type `typename` satisfies `condition` (the type itself or one of its possible types). */
function typeMatches(state: State, condition: string, typename: unknown): boolean {
  return typeof typename === 'string' && conditionApplies(state.options.supergraph.schema, condition, typename);
}

function setValue(state: State, rep: Obj, setter: ValueSetter): void {
  let holder: unknown = rep;
  const { path } = setter;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (!isObj(holder)) return;
    if ('TypenameEquals' in segment) {
      if (!segment.TypenameEquals.some((t) => typeMatches(state, t, holder && (holder as Obj).__typename))) return;
      continue;
    }
    if (i === path.length - 1) holder[segment.Key] = setter.setValueTo;
    else holder = holder[segment.Key];
  }
}

/** Whether one of the entity type's keys in the partner has all its top-level fields set. */
function hasKey(state: State, graph: string, rep: Obj): boolean {
  const keys = state.options.supergraph.types.get(rep.__typename as string)?.graphs.get(graph)?.keys ?? [];
  if (keys.length === 0) return true;
  return keys.some((key) => key.selectionSet.selections.every((s) => s.kind !== Kind.FIELD || (rep[s.name.value] !== null && rep[s.name.value] !== undefined)));
}

interface Prepared {
  batch: EntityBatch;
  /** The batch's fragments, or (an entry point's) those the policy allowed for these objects. */
  fragments: InlineFragmentNode[];
  reps: Obj[];
  targets: { at: Located; rep: number }[];
  keysOf: (obj: Obj) => string[];
}

/** The objects a batch's paths reach from the run's starts. */
function locate(state: State, batch: EntityBatch, run: Run): Located[] {
  const located: Located[] = [];
  for (const path of batch.paths) for (const start of run.starts) objectsAt(state, start.obj, path, 0, start.path, located);
  return located;
}

/** The batch's de-duplicated representations for `located` and which object each answer goes to. */
function prepare(state: State, graph: string, batch: EntityBatch, fragments: InlineFragmentNode[], located: readonly Located[]): Prepared {
  const schema = state.options.supergraph.schema;
  const keysOf = (obj: Obj) => fragments.flatMap((f) => (conditionApplies(schema, f.typeCondition?.name.value, obj.__typename as string) ? fieldKeys(f.selectionSet.selections) : []));
  const prepared: Prepared = { batch, fragments, reps: [], targets: [], keysOf };
  const index = new Map<string, number>();
  for (const at of located) {
    const rep: Obj = {};
    const built = pick(state, at.obj, batch.requires, rep);
    if (built instanceof Error) for (const key of keysOf(at.obj)) if (!(key in at.obj)) at.obj[key] = built;
    if (built !== true || rep.__typename === undefined) continue;
    for (const setter of batch.inputRewrites) setValue(state, rep, setter);
    // A representation whose key is null is not sent: that entity's fields are null, as its partner would answer.
    if (!hasKey(state, graph, rep)) {
      for (const key of keysOf(at.obj)) if (!(key in at.obj)) at.obj[key] = null;
      continue;
    }
    const json = JSON.stringify(rep);
    let n = index.get(json);
    if (n === undefined) {
      index.set(json, (n = prepared.reps.length));
      prepared.reps.push(rep);
    }
    prepared.targets.push({ at, rep: n });
  }
  return prepared;
}

function failAll(prepared: Prepared[], error: GraphQLError): void {
  for (const { targets, keysOf } of prepared) for (const { at } of targets) for (const key of keysOf(at.obj)) if (!(key in at.obj)) at.obj[key] = error;
}

async function entityFetch(state: State, step: EntityFetchStep, run: Run): Promise<void> {
  const prepared = step.batches
    .flatMap((batch) => {
      const located = locate(state, batch, run);
      if (!batch.entry) return [prepare(state, step.graph, batch, batch.fragments, located)];
      return allowedGroups(state, step.graph, batch.fragments, located).map((g) => prepare(state, step.graph, batch, g.fragments, g.located));
    })
    .filter((p) => p.reps.length > 0);
  if (prepared.length === 0) return;
  const entry = prepared.some((p) => p.batch.entry);
  const late = outOfTime(state);
  if (late) return failAll(prepared, late);
  const variables: Record<string, unknown> = {};
  const fields: FieldNode[] = prepared.map(({ fragments, reps }, i) => {
    variables[`r${i}`] = reps;
    return {
      kind: Kind.FIELD,
      alias: { kind: Kind.NAME, value: `e${i}` },
      name: { kind: Kind.NAME, value: '_entities' },
      arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'representations' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `r${i}` } } }],
      selectionSet: { kind: Kind.SELECTION_SET, selections: fragments },
    };
  });
  // A call for subjects' fields is the round's call to this partner: the decisions' records point to it.
  const coordinates = entry ? allowedCoordinates(prepared) : step.coordinates;
  const round = entry ? (run.round ?? state.round) : undefined;
  const response =
    round !== undefined && run.shared
      ? await roundCall(state, step.graph, fields, variables, coordinates, round)
      : await call(state, step.graph, 'query', fields, variables, coordinates, round);
  if (response.failure) return failAll(prepared, partnerError(step.graph, response.failure.message, response.failure.code));
  const schema = state.options.supergraph.schema;
  prepared.forEach(({ targets }, i) => {
    const list = response.data?.[`e${i}`];
    for (const { at, rep } of targets) {
      const result = Array.isArray(list) ? list[rep] : undefined;
      if (isObj(result)) merge(schema, at.obj, (step.renamed ? unrenameAll(result) : result) as Obj);
      // An entity the partner does not know: its fields are null (an answer that is not a list leaves them unset: an error).
      else if (result === null) for (const key of prepared[i]!.keysOf(at.obj)) if (!(key in at.obj)) at.obj[key] = null;
    }
  });
  if (entry) for (const p of prepared) if (p.batch.entry) minimiseAllowed(state, step.graph, p);
  for (const err of response.errors ?? []) {
    const [alias, n, ...rest] = err.path ?? [];
    const batch = typeof alias === 'string' && alias.startsWith('e') ? prepared[Number(alias.slice(1))] : undefined;
    const error = partnerError(step.graph, err.message, 'SUBGRAPH_ERROR', err.extensions);
    if (!batch || typeof n !== 'number') {
      state.topErrors.push(error);
      continue;
    }
    for (const { at, rep } of batch.targets) {
      if (rep !== n) continue;
      if (rest.length) placeError(state, at.obj, at.path, rest, error);
      else for (const key of batch.keysOf(at.obj)) if (at.obj[key] === undefined || at.obj[key] === null) at.obj[key] = error;
    }
  }
}

/** An entity fetch never made (its @requires reads a subject through another type): the fields it would give are unresolvable. */
function unsentFetch(state: State, step: UnsentFetchStep, run: Run): void {
  const why = `the partner ${step.graph} cannot be given the key or @requires fields it needs`;
  const fail = (obj: Obj, type: string, selections: readonly SelectionNode[]): void => {
    for (const sel of selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) fail(obj, type, sel.selectionSet.selections);
      else if (sel.kind === Kind.FIELD && sel.name.value !== '__typename') {
        const key = unrenamed(sel.alias?.value ?? sel.name.value);
        if (obj[key] === undefined) obj[key] = unresolvableError(`${type}.${sel.name.value}`, why);
      }
    }
  };
  for (const batch of step.batches) {
    for (const { obj } of locate(state, batch, run)) {
      for (const fragment of batch.fragments) {
        const type = fragment.typeCondition!.name.value;
        if (typeMatches(state, type, obj.__typename)) fail(obj, type, fragment.selectionSet.selections);
      }
    }
  }
}

/**
 * The persons and addresses the plan reached (keys only), with the client's selection on each: the
 * next round's work. Plan paths are followed from the run's starts, after `skip` plan keys (an entry
 * point's field), through the client's keys only: a subject the client selected is held under the
 * client's key all the way down (plan-compile.ts), and one the plan fetched for itself is not the client's.
 */
export function subjectWork(starts: readonly Located[], places: readonly SubjectPlace[], skip = 0): WorkItem[] {
  const items: WorkItem[] = [];
  for (const place of places) {
    const keys = place.planPath.split('.').slice(1 + skip);
    const visit = (value: unknown, i: number, path: Path): void => {
      if (Array.isArray(value)) return value.forEach((item, n) => visit(item, i, down(path, n)));
      if (!isObj(value)) return;
      if (i === keys.length) {
        if (place.type === undefined || value.__typename === place.type) items.push({ obj: value, selections: place.selections, path });
        return;
      }
      const key = keys[i]!;
      const tree = treeKey(key);
      visit(Object.hasOwn(value, tree) ? value[tree] : undefined, i + 1, down(path, key));
    };
    for (const start of starts) visit(start.obj, 0, start.path);
  }
  return items;
}
