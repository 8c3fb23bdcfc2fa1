/**
 * Completes the persons and addresses of a round on Hive Router's query plan. The subjects of one
 * type reached with one selection are planned as `{ _dp_<Type> { <the client's selection> } }` on the
 * planning supergraph (entry-supergraph.ts): the plan says which partner fetches each field of them
 * (the policy's owner), and, once the policy decided, it is run from the subjects themselves; its
 * fetches of subject fields ask per entity only what was allowed of that partner (plan-allowed.ts).
 * Persons and addresses the plan reaches in turn are cut at the subject boundary (plan-compile.ts)
 * and are the next round's work. A selection the planner or the plan compiler cannot serve is refused
 * for those subjects (every field they select is an error).
 */
import { Kind, getNamedType, isLeafType, isObjectType, print, type ASTNode, type GraphQLError, type SelectionNode } from 'graphql';
import { collectFields } from './collect.ts';
import { planningError, unresolvableError } from './errors.ts';
import { ENTRY_GRAPH, entryField, entrySupergraphSdl } from './entry-supergraph.ts';
import { internalName, treeKey, unrenamed } from './keys.ts';
import { compilePlan } from './plan-compile.ts';
import type { CompiledPlan, EntryPoint, Step } from './plan-steps.ts';
import { runSteps, subjectWork } from './plan-run.ts';
import { createPlanSource, type PlanSource, type Unsatisfiable } from './plan-source.ts';
import { fieldDef, keyFieldNames, requiresIsSafe } from './project.ts';
import { resolvingGraphs, type Supergraph } from './supergraph.ts';
import type { Round, State, SubjectEntry, SubjectField, WorkItem } from './types.ts';

/** The planner of the planning supergraph, and its compiled plans (or why there is none) by operation text. */
export interface SubjectPlans {
  source: PlanSource;
  compiled: Map<string, Compiled | Unsatisfiable>;
}

interface Compiled {
  plan: CompiledPlan;
  /** Tree key of a field of the subjects → the partners whose fetches ask it. */
  owners: Map<string, string[]>;
}

/** Compiled plans kept per supergraph; the oldest goes first. */
const MAX_COMPILED = 1000;

/** The planner of the planning supergraph, or undefined when the supergraph has no subject types to plan. */
export function createSubjectPlans(supergraph: Supergraph, subjectIdFields: Readonly<Record<string, string>>): SubjectPlans | undefined {
  const sdl = entrySupergraphSdl(supergraph.sdl, subjectIdFields);
  return sdl === undefined ? undefined : { source: createPlanSource(sdl), compiled: new Map() };
}

export interface PlannedGroup {
  compiled: CompiledPlan;
  items: WorkItem[];
}

/** The operation text that plans the completion of subjects of `typeName` with `selections` (per selection list, for this request). */
const texts = new WeakMap<readonly SelectionNode[], Map<string, string>>();

/** A node's text as the client wrote it (printed when the document was built without locations). */
function source(node: ASTNode): string {
  return node.loc ? node.loc.source.body.slice(node.loc.start, node.loc.end) : print(node);
}

function operationText(state: State, typeName: string, selections: readonly SelectionNode[]): string {
  let byType = texts.get(selections);
  if (!byType) texts.set(selections, (byType = new Map()));
  let text = byType.get(typeName);
  if (text === undefined) {
    const variables = state.operation.variableDefinitions?.length ? `(${state.operation.variableDefinitions.map(source).join(' ')})` : '';
    const fragments = Object.values(state.pc.fragments).map(source).join('\n');
    text = `query${variables} { ${entryField(typeName)} { ${selections.map(source).join(' ')} } }\n${fragments}`;
    byType.set(typeName, text);
  }
  return text;
}

/**
 * The round's subjects grouped by plan: their fields go into `round.subjects` for the policy, each with
 * the partner the plan asks as owner. A subject whose selection cannot be planned gets an error in
 * every field it selects (fail closed: nothing of it is fetched).
 */
export function planSubjects(state: State, queue: readonly WorkItem[], round: Round): PlannedGroup[] {
  // Subjects of one type with the same selection text share one plan run, wherever they were reached
  // (the residents of two addresses, a person as owner and as resident): one call per partner and
  // distinct allowed field set, each subject once in it.
  const byPlace = new Map<string, Map<string, { selections: readonly SelectionNode[]; items: WorkItem[] }>>();
  for (const item of queue) {
    const typename = item.obj.__typename as string;
    let bySelections = byPlace.get(typename);
    if (!bySelections) byPlace.set(typename, (bySelections = new Map()));
    const text = operationText(state, typename, item.selections);
    const group = bySelections.get(text);
    if (group) group.items.push(item);
    else bySelections.set(text, { selections: item.selections, items: [item] });
  }
  const groups: PlannedGroup[] = [];
  for (const [typename, bySelections] of byPlace) {
    for (const { selections, items } of bySelections.values()) {
      const compiled = state.subjectPlans && typename in state.subjectTypes ? compiledFor(state, state.subjectPlans, typename, selections) : { unsatisfiable: `${typename} is not a subject type` };
      if ('unsatisfiable' in compiled) {
        for (const item of items) failFields(state, item, (coordinate) => planningError(coordinate, compiled.unsatisfiable));
        continue;
      }
      for (const item of items) {
        const entry = subjectEntry(state, item, compiled.owners);
        if (entry.fields.length > 0) round.subjects.push(entry);
      }
      groups.push({ compiled: compiled.plan, items });
    }
  }
  return groups;
}

/** Puts an error in every field a subject's selection asks that the gateway does not hold (it holds the keys only). */
export function failFields(state: State, item: WorkItem, error: (coordinate: string) => GraphQLError): void {
  const typename = item.obj.__typename as string;
  for (const [key, nodes] of collectFields(state.pc, typename, item.selections)) {
    const slot = treeKey(key);
    if (!nodes[0]!.name.value.startsWith('__') && !(slot in item.obj)) item.obj[slot] = error(`${typename}.${nodes[0]!.name.value}`);
  }
}

/**
 * The compiled plan for subjects of `typename` with `selections`, kept by operation text: it depends
 * on the text alone, unless a @skip or @include reads a variable's value (then compiled per request).
 */
function compiledFor(state: State, plans: SubjectPlans, typename: string, selections: readonly SelectionNode[]): Compiled | Unsatisfiable {
  const text = operationText(state, typename, selections);
  const cached = plans.compiled.get(text);
  if (cached !== undefined) return cached;
  const plan = plans.source.planText(text);
  const entry: EntryPoint = { graph: ENTRY_GRAPH, field: entryField(typename), type: typename, selections, keys: keyFieldNames(state.pc, typename) };
  const compiled = 'unsatisfiable' in plan ? plan : compilePlan(state.pc, state.operation, 'Query', plan, entry);
  const result = 'unsatisfiable' in compiled ? compiled : { plan: compiled, owners: entryOwners(compiled.steps) };
  if (!/@(skip|include)\b/.test(text)) {
    if (plans.compiled.size >= MAX_COMPILED) plans.compiled.delete(plans.compiled.keys().next().value!);
    plans.compiled.set(text, result);
  }
  return result;
}

/** Tree key of a field of the entry point's subjects → the partners whose fetches ask it. */
function entryOwners(step: Step, out = new Map<string, string[]>()): Map<string, string[]> {
  if (step.kind === 'sequence' || step.kind === 'parallel') {
    for (const s of step.steps) entryOwners(s, out);
  } else if (step.kind === 'condition') {
    for (const s of [step.then, step.otherwise]) if (s) entryOwners(s, out);
  } else if (step.kind === 'entities') {
    for (const batch of step.batches) {
      if (!batch.entry) continue;
      const add = (selections: readonly SelectionNode[]): void => {
        for (const sel of selections) {
          if (sel.kind === Kind.INLINE_FRAGMENT) add(sel.selectionSet.selections);
          else if (sel.kind === Kind.FIELD && sel.name.value !== '__typename') {
            const key = unrenamed(sel.alias?.value ?? sel.name.value);
            const graphs = out.get(key) ?? [];
            if (!graphs.includes(step.graph)) graphs.push(step.graph);
            out.set(key, graphs);
          }
        }
      };
      for (const fragment of batch.fragments) add(fragment.selectionSet.selections);
    }
  }
  return out;
}

/** The fields of one subject to decide on: each from the partner the plan asks, a key field from what the gateway holds. */
function subjectEntry(state: State, item: WorkItem, owners: ReadonlyMap<string, string[]>): SubjectEntry {
  const { obj, path } = item;
  const typename = obj.__typename as string;
  const registry = state.subjectTypes[typename]!.registry;
  const entry: SubjectEntry = { obj, typename, path, fields: [] };
  const type = state.options.supergraph.schema.getType(typename);
  const declaringTypes = [typename, ...(isObjectType(type) ? type.getInterfaces().map((i) => i.name) : [])];
  for (const [key, nodes] of collectFields(state.pc, typename, item.selections)) {
    const name = nodes[0]!.name.value;
    const slot = treeKey(key);
    if (name.startsWith('__') || slot in obj) continue;
    const def = fieldDef(state.pc, typename, name);
    if (!def) {
      obj[slot] = unresolvableError(`${typename}.${name}`, 'the field is not in the supergraph');
      continue;
    }
    const graphs = owners.get(slot);
    if (!graphs) {
      if (isLeafType(getNamedType(def.type)) && !nodes[0]!.arguments?.length && internalName(name) in obj) {
        const resolving = resolvingGraphs(state.options.supergraph, typename, name);
        entry.fields.push({ key, nodes, name, owner: resolving.includes(registry) ? registry : (resolving[0] ?? registry) });
      } else {
        obj[slot] = unresolvableError(`${typename}.${name}`, 'no partner can fetch it for this object');
      }
      continue;
    }
    // A @requires (on the type, or on an interface it implements for an @interfaceObject) that reads more
    // of a subject than its keys is never sent (plan-compile cuts representations to the keys): fail closed.
    const unsafe = graphs.find((graph) =>
      declaringTypes.some((declaring) => {
        const requires = state.options.supergraph.types.get(declaring)?.fields.get(name)?.get(graph)?.requires;
        return requires !== undefined && !requiresIsSafe(state.pc, typename, requires);
      }),
    );
    if (unsafe) {
      obj[slot] = unresolvableError(`${typename}.${name}`, `the partner ${unsafe} cannot be given the key or @requires fields it needs`);
      continue;
    }
    for (const owner of graphs) entry.fields.push({ key, nodes, name, owner, planned: true } satisfies SubjectField);
  }
  return entry;
}

/** Runs the plans of the round's planned subjects (after the decisions); the subjects they reach are the next round's work. */
export async function completeSubjects(state: State, groups: readonly PlannedGroup[], next: WorkItem[]): Promise<void> {
  const reached = await Promise.all(
    groups.map(async ({ compiled, items }) => {
      await runSteps(state, compiled.steps, { root: {}, starts: items, round: state.round, shared: groups.length > 1 });
      return subjectWork(items, compiled.subjects, 1);
    }),
  );
  // In the groups' order, not in the order their partners answered: the same query makes the same calls.
  for (const work of reached) next.push(...work);
}
