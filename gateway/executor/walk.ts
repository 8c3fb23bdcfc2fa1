/**
 * One round's walk over the data fetched so far: which fields are still missing, from which partner,
 * and which of them are about a person or an address (they wait for their decisions).
 */
import { GraphQLError, Kind, getNamedType, isCompositeType, isLeafType, isObjectType, type FieldNode, type SelectionNode } from 'graphql';
import { collectFields, subSelections } from './collect.ts';
import { down, pathArray, type Path } from './path.ts';
import { unresolvableError } from './errors.ts';
import { internalName, treeKey } from './keys.ts';
import { buildRepresentation, dependencyError, dependencyNames, dependencyTargets, topKeyNames } from './dependencies.ts';
import { fieldDef, resolvesInternal, targetFor, type Target } from './project.ts';
import { resolvingGraphs } from './supergraph.ts';
import type { FetchEntry, Obj, Round, State, SubjectEntry, WorkItem } from './types.ts';

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

export function walk(state: State, item: WorkItem, plan: Round, next: WorkItem[]): void {
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
export function failMissing(state: State, obj: Obj, selections: readonly SelectionNode[], error: GraphQLError): void {
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

export function entryFor(plan: Round, obj: Obj, typename: string, target: Target, path: Path): FetchEntry {
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
    // A partner that holds a nested field of it as @external cannot give it (it would answer null).
    if (!resolvesInternal(state.pc, candidate.target.graph, typename, name)) continue;
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
