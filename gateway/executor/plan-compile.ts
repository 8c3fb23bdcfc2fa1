/**
 * Turns a planner's QueryPlan into the executor's steps for one request. Every fetch's selection is
 * rewritten into the keys of the executor's object tree (keys.ts): a field the client selected at
 * that place (same field, same arguments) keeps the client's response key (escaped by `treeKey`);
 * every other field is the plan's own and goes under an internal `_dp_` key, where no alias a client
 * writes can reach it or be mistaken for it.
 *
 * The subject boundary: a fetch that reaches a person or an address asks for its key fields only
 * (internal keys), and every plan step below it is dropped; those places are the next round's
 * subjects, on which the policy decides per entity and field before anything else of them is
 * fetched; their completion is planned from an entry point (`EntryPoint`, subject-plan.ts), whose
 * fetches of the subjects' own fields carry only their keys. At an interface or a union a subject
 * implements or belongs to, the fetch asks the subject types' keys only and the other possible types
 * what the plan selects of them; the plan steps below that place run for the other types only.
 * An entity fetch whose @requires reads a subject's fields (or keys) through another type is never
 * made: the fields it would give are unresolvable (plan-unsent.ts). A plan that uses a feature not
 * executed here is refused (`Unsatisfiable`): the operation is not run at all.
 */
import {
  Kind,
  getNamedType,
  isAbstractType,
  type FieldNode,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type {
  BatchFetchNode,
  FetchNode,
  FlattenNodePathSegment,
  InputRewrite,
  OutputRewrite,
  PlanNode,
  QueryPlan,
  RequiresSelection,
} from '@graphql-hive/router-query-planner';
import { collectFields, subSelections } from './collect.ts';
import { internalName, renamedKey, treeKey } from './keys.ts';
import { Unsupported, argumentsText, documentOf, renamesOf, valueSetters, type FetchDocument } from './plan-fetch.ts';
import { Holdings } from './plan-held.ts';
import { couldBeSubject, fieldDef, internalSelections, type ProjectContext } from './project.ts';
import type { Unsatisfiable } from './plan-source.ts';
import { abstractBoundary, planSelectionFor, withoutTypes } from './plan-abstract.ts';
import type { CompiledPlan, EntityBatch, EntryPoint, Step, SubjectPlace } from './plan-steps.ts';
import { belowSubject, clientNodes, compilePath } from './plan-paths.ts';
import { keyThroughSubject, splitUnsent, subjectReads, unsentReads, withoutSubjects } from './plan-unsent.ts';

export interface Compiler {
  pc: ProjectContext;
  operation: OperationDefinitionNode;
  rootType: string;
  /** Per plan path ("." + plan keys), the fields the tree holds for it and under which keys (plan-held.ts). */
  held: Holdings;
  /** Plan paths of persons and addresses: the plan asks their keys only, nothing below them. */
  subjectPaths: Set<string>;
  /** Resolve, once every fetch is compiled, the tree keys each path and representation reads. */
  reads: (() => void)[];
  /** The partner of the fetch being compiled, and whether that fetch sends a renamed key. */
  graph: string;
  renamed: boolean;
  subjects: SubjectPlace[];
  entry: EntryPoint | undefined;
  /** Plan paths read only by entity fetches that are never made (plan-unsent.ts): not fetched for the plan's own use. */
  unsent: ReadonlySet<string>;
  /** Plan path → the interface or union there that a subject implements or belongs to. */
  abstract: Map<string, string>;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
const NOTHING: Step = { kind: 'sequence', steps: [] };

export function compilePlan(pc: ProjectContext, operation: OperationDefinitionNode, rootType: string, plan: QueryPlan, entry?: EntryPoint): CompiledPlan | Unsatisfiable {
  const unsent = unsentReads(pc, plan.node, entry ? `.${entry.field}` : undefined);
  const compiler: Compiler = { pc, operation, rootType, held: new Holdings(pc.supergraph.schema), subjectPaths: new Set(), reads: [], graph: '', renamed: false, subjects: [], entry, unsent, abstract: new Map() };
  try {
    const steps: Step = plan.node ? compileNode(compiler, plan.node) : NOTHING;
    for (const read of compiler.reads) read();
    if (entry) return { steps, subjects: compiler.subjects };
    // In the client's order of root fields.
    const order = [...collectFields(pc, rootType, operation.selectionSet.selections).keys()];
    const rank = (place: SubjectPlace) => order.indexOf(place.planPath.split('.')[1]!);
    return { steps, subjects: compiler.subjects.sort((a, b) => rank(a) - rank(b)) };
  } catch (error) {
    if (error instanceof Unsupported) return { unsatisfiable: `the gateway cannot run the plan: ${error.message}` };
    throw error;
  }
}

function compileNode(c: Compiler, node: PlanNode): Step {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind === 'Sequence' ? 'sequence' : 'parallel', steps: node.nodes.map((n) => compileNode(c, n)) };
    case 'Condition':
      return {
        kind: 'condition',
        variable: node.condition,
        then: node.ifClause ? compileNode(c, node.ifClause) : undefined,
        otherwise: node.elseClause ? compileNode(c, node.elseClause) : undefined,
      };
    case 'Fetch':
      return compileRootFetch(c, node);
    case 'Flatten':
      if (node.node.kind !== 'Fetch') throw new Unsupported(node.node.kind);
      return compileEntityFetch(c, node.path, node.node);
    case 'BatchFetch':
      return compileBatchFetch(c, node);
    default:
      throw new Unsupported(node.kind);
  }
}

function compileRootFetch(c: Compiler, fetch: FetchNode): Step {
  if (c.entry) return entryFetch(c, c.entry, fetch);
  c.graph = fetch.serviceName;
  c.renamed = false;
  const doc = documentOf(fetch);
  const selections = rewrite(c, doc, doc.operation.selectionSet.selections, c.rootType, c.operation.selectionSet.selections, [''], '', renamesOf(fetch.outputRewrites));
  // The gateway answers a root __typename itself: no partner is called for it.
  if (selections.every((s) => s === TYPENAME)) return NOTHING;
  const coordinates = selections.flatMap((s) => (s.kind === Kind.FIELD && s.name.value !== '__typename' ? [`${c.rootType}.${s.name.value}`] : []));
  return { kind: 'fetch', graph: fetch.serviceName, operation: doc.operation.operation === 'mutation' ? 'mutation' : 'query', selections, coordinates, renamed: c.renamed };
}

/** The synthetic fetch of an entry point is not made: what it selects, the executor holds under internal keys. */
function entryFetch(c: Compiler, entry: EntryPoint, fetch: FetchNode): Step {
  const field = documentOf(fetch).operation.selectionSet.selections[0];
  if (fetch.serviceName !== entry.graph || field?.kind !== Kind.FIELD || field.name.value !== entry.field) throw new Unsupported('a root fetch from an entry point');
  const at = `.${entry.field}`;
  for (const sel of field.selectionSet?.selections ?? []) {
    // The subjects' type names the executor holds; a client's alias of it is answered from them.
    if (sel.kind === Kind.FIELD && sel.name.value === '__typename') continue;
    if (sel.kind !== Kind.FIELD || sel.selectionSet || !entry.keys.has(sel.name.value)) throw new Unsupported('an entry point selecting more than its keys');
    // The subjects' keys, held under their internal keys whatever the plan calls them.
    c.held.hold(`${at}.${sel.alias?.value ?? sel.name.value}`, { tree: internalName(sel.name.value), field: sel.name.value, args: '', client: false }, entry.type);
  }
  return NOTHING;
}

function compileEntityFetch(c: Compiler, flattenPath: FlattenNodePathSegment[], fetch: FetchNode): Step {
  if (belowSubject(c, [flattenPath])) return NOTHING;
  c.graph = fetch.serviceName;
  c.renamed = false;
  const doc = documentOf(fetch);
  const entities = doc.operation.selectionSet.selections[0];
  if (entities?.kind !== Kind.FIELD || entities.name.value !== '_entities' || !entities.selectionSet) throw new Unsupported('not an _entities fetch');
  const coordinates = new Set<string>();
  const batch = compileBatch(c, doc, [flattenPath], fetch.requires ?? [], fetch.inputRewrites, fetch.outputRewrites, entities.selectionSet.selections, coordinates);
  return steps(c, fetch.serviceName, batch?.sent ? [batch.sent] : [], batch?.unsent ? [batch.unsent] : [], coordinates);
}

/** A BatchFetch: one call with an `_entities` field per alias, each for the objects at several paths. */
function compileBatchFetch(c: Compiler, fetch: BatchFetchNode): Step {
  const aliases = fetch.entityBatch.aliases.filter((alias) => !belowSubject(c, alias.paths));
  if (aliases.length === 0) return NOTHING;
  c.graph = fetch.serviceName;
  c.renamed = false;
  const doc = documentOf(fetch);
  const coordinates = new Set<string>();
  const batches = aliases.map((alias) => {
    const field = doc.operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === alias.alias);
    if (field?.name.value !== '_entities' || !field.selectionSet) throw new Unsupported('not an _entities batch');
    return compileBatch(c, doc, alias.paths, alias.requires, alias.inputRewrites, alias.outputRewrites, field.selectionSet.selections, coordinates);
  });
  const sent = batches.flatMap((b) => (b?.sent ? [b.sent] : []));
  const unsent = batches.flatMap((b) => (b?.unsent ? [b.unsent] : []));
  return steps(c, fetch.serviceName, sent, unsent, coordinates);
}

/** An entity fetch's steps: the fields never sent are unresolvable first, then the call for the others. */
function steps(c: Compiler, graph: string, sent: EntityBatch[], unsent: EntityBatch[], coordinates: Set<string>): Step {
  const call: Step | undefined = sent.length ? { kind: 'entities', graph, batches: sent, coordinates: [...coordinates], renamed: c.renamed } : undefined;
  const never: Step | undefined = unsent.length ? { kind: 'unsent', graph, batches: unsent } : undefined;
  return call && never ? { kind: 'sequence', steps: [never, call] } : (call ?? never ?? NOTHING);
}

function compileBatch(
  c: Compiler,
  doc: FetchDocument,
  flattenPaths: readonly FlattenNodePathSegment[][],
  requires: RequiresSelection[],
  inputRewrites: readonly InputRewrite[] | undefined,
  outputRewrites: readonly OutputRewrite[] | undefined,
  selections: readonly SelectionNode[],
  coordinates: Set<string>,
): { sent?: EntityBatch; unsent?: EntityBatch } | undefined {
  const paths = flattenPaths.map((p) => compilePath(c, p));
  const planPaths = paths.map((p) => p.planPath);
  const entry = atEntry(c, planPaths);
  // The subject types all paths stop for (past an interface or union they implement or belong to): not asked here.
  const excluded = new Set(paths[0]!.excluded.filter((t) => paths.every((p) => p.excluded.includes(t))));
  requires = withoutTypes(requires, excluded);
  // A subject's representation carries its keys only: no field of it is sent to another partner without a decision.
  if (entry) requires = keysOnly(requires, entry.keys);
  // Nor is a subject's field, or its key, sent for another type's @requires: the fields that need it are never fetched.
  const through = !entry && subjectReads(c.pc, requires).length > 0;
  // A key that holds a subject cannot be left out of a representation: not compiled here.
  if (through && keyThroughSubject(c.pc, c.graph, requires)) throw new Unsupported('a key through a subject');
  if (!through) for (const planPath of planPaths) checkFetched(c, requires, planPath);
  // The client's selections at all the batch's paths: a key must name one field at all of them.
  const clients = paths.flatMap((p) => (p.client ? [p.client] : []));
  const client = clients.length === 0 ? null : clients.length === 1 ? clients[0]! : clients.flat();
  const renames = renamesOf(outputRewrites);
  const fragments: InlineFragmentNode[] = [];
  for (const sel of selections) {
    if (sel.kind !== Kind.INLINE_FRAGMENT || !sel.typeCondition) throw new Unsupported('entity selection without a type');
    const type = sel.typeCondition.name.value;
    if (excluded.has(type)) continue;
    if (couldBeSubject(c.pc, type) && type !== entry?.type) throw new Unsupported('subject entity');
    const inner = rewrite(c, doc, sel.selectionSet.selections, type, client, planPaths, '', renames);
    fragments.push({ ...sel, selectionSet: { kind: Kind.SELECTION_SET, selections: [TYPENAME, ...inner.filter((s) => s !== TYPENAME)] } });
  }
  if (fragments.length === 0) return undefined;
  const split = through ? splitUnsent(c.pc, c.graph, fragments) : { sent: fragments, unsent: [] };
  // The other fields of the fetch are sent the requirement without the subjects.
  const sentRequires = through ? withoutSubjects(c.pc, requires) : requires;
  if (through && split.sent.length > 0) for (const planPath of planPaths) checkFetched(c, sentRequires, planPath);
  for (const fragment of split.sent) {
    for (const s of fragment.selectionSet.selections) if (s.kind === Kind.FIELD && s.name.value !== '__typename') coordinates.add(`${fragment.typeCondition!.name.value}.${s.name.value}`);
  }
  const batch = (parts: InlineFragmentNode[], reads: RequiresSelection[]): EntityBatch | undefined => {
    if (parts.length === 0) return undefined;
    const out: EntityBatch = { paths: paths.map((p) => p.steps), requires: [], inputRewrites: valueSetters(inputRewrites), fragments: parts, entry: entry !== undefined };
    if (reads.length > 0) c.reads.push(() => (out.requires = c.held.needs(reads, planPaths)));
    return out;
  };
  // A batch never sent reads nothing: what it would need is never fetched.
  return { sent: batch(split.sent, sentRequires), unsent: batch(split.unsent, []) };
}

/** The entry point when every path is the entry point's objects themselves; a batch partly there cannot be split. */
function atEntry(c: Compiler, planPaths: readonly string[]): EntryPoint | undefined {
  if (!c.entry) return undefined;
  const at = `.${c.entry.field}`;
  const count = planPaths.filter((p) => p === at).length;
  if (count > 0 && count < planPaths.length) throw new Unsupported('a batch partly at the entry point');
  return count > 0 ? c.entry : undefined;
}

function keysOnly(requires: RequiresSelection[], keys: ReadonlySet<string>): RequiresSelection[] {
  return requires.flatMap((sel): RequiresSelection[] => {
    if (sel.kind === 'InlineFragment') return [{ ...sel, selections: keysOnly(sel.selections, keys) }];
    return sel.kind === 'Field' && (sel.name === '__typename' || keys.has(sel.name)) ? [sel] : [];
  });
}

/**
 * Every field a representation needs must have been fetched by an earlier step. A plan that needs
 * a value it never fetches (the planner does so for a @requires on an @interfaceObject field whose
 * required field lives with the interface's owner, from a supergraph without the repair of
 * supergraph-repair.ts) is refused.
 */
function checkFetched(c: Compiler, requires: readonly RequiresSelection[], planPath: string): void {
  for (const sel of requires) {
    if (sel.kind === 'InlineFragment') checkFetched(c, sel.selections, planPath);
    else if (sel.kind !== 'Field') throw new Unsupported('fragment spread in requires');
    else if (sel.name !== '__typename') {
      const at = `${planPath}.${sel.name}`;
      if (!c.held.has(at)) throw new Unsupported(`requires ${at}, never fetched`);
      if (sel.selections) checkFetched(c, sel.selections, at);
    }
  }
}

/**
 * The plan's selection in tree keys. `client` is the client's selection at this place (null below a
 * field only the plan selects); `planPath` is where this selection sits in the plan's answer tree,
 * `fetchPath` where it sits in this fetch's answer (for the fetch's key renames).
 */
function rewrite(
  c: Compiler,
  doc: FetchDocument,
  selections: readonly SelectionNode[],
  typeName: string,
  client: readonly SelectionNode[] | null,
  planPaths: readonly string[],
  fetchPath: string,
  renames: ReadonlyMap<string, string>,
): SelectionNode[] {
  const out: SelectionNode[] = [];
  for (const sel of selections) {
    if (sel.kind !== Kind.FIELD) {
      // A fragment of the plan's operation is inlined: its fields may sit under other keys at each place.
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? doc.fragments.get(sel.name.value) : sel;
      if (!fragment) throw new Unsupported('unknown fragment');
      const type = fragment.typeCondition?.name.value ?? typeName;
      if (couldBeSubject(c.pc, type) && !(type === c.entry?.type && atEntry(c, planPaths))) throw new Unsupported('subject fragment');
      out.push({
        kind: Kind.INLINE_FRAGMENT,
        ...(fragment.typeCondition ? { typeCondition: fragment.typeCondition } : {}),
        ...(sel.directives?.length ? { directives: sel.directives } : {}),
        selectionSet: { kind: Kind.SELECTION_SET, selections: rewrite(c, doc, fragment.selectionSet.selections, type, client, planPaths, fetchPath, renames) },
      });
      continue;
    }
    const name = sel.name.value;
    if (name === '__typename' && !sel.alias) {
      out.push(TYPENAME);
      continue;
    }
    const planKey = sel.alias?.value ?? name;
    const key = renames.get(`${fetchPath}.${planKey}`) ?? planKey;
    const nodes = client ? clientNodes(c, typeName, client, key) : undefined;
    const first = nodes?.[0];
    const sameField = first?.name.value === name;
    // The same field under the client's key with other arguments would be invalid GraphQL: the two
    // are read differently here, and a client field must never silently become an internal one.
    if (sameField && argumentsText(first.arguments) !== argumentsText(sel.arguments)) throw new Unsupported(`the arguments of ${key}`);
    const at = planPaths.map((p) => `${p}.${key}`);
    // Selected for the plan only for fetches that are never made (plan-unsent.ts): not fetched.
    if (!sameField && at.every((p) => c.unsent.has(p))) continue;
    // Under the client's key only the client's own field; the plan's field beside it (the same plan key) under an internal key.
    const tree = sameField ? treeKey(key) : internalName(key);
    for (const path of at) c.held.hold(path, { tree, field: name, args: argumentsText(sel.arguments), client: sameField }, typeName);
    // A key the planner renamed conflicts with a sibling fragment's field: sent renamed, merged under `tree`.
    const alias = key !== planKey ? renamedKey(tree) : tree;
    if (key !== planKey) c.renamed = true;
    let selectionSet = sel.selectionSet;
    if (selectionSet) {
      const def = fieldDef(c.pc, typeName, name);
      if (!def) throw new Unsupported(`${typeName}.${name}`);
      const named = getNamedType(def.type).name;
      if (named in c.pc.subjectIdFields) {
        // The subject boundary: its key fields only; the rest waits for the policy's decisions.
        const inner = sameField ? subSelections(c.pc, nodes!) : undefined;
        for (const planPath of at) {
          c.subjectPaths.add(planPath);
          if (inner && !c.subjects.some((s) => s.planPath === planPath)) c.subjects.push({ planPath, selections: inner });
        }
        out.push({ ...sel, alias: alias !== name ? { kind: Kind.NAME, value: alias } : undefined, selectionSet: { kind: Kind.SELECTION_SET, selections: [TYPENAME, ...internalSelections(c.pc, c.graph, named)] } });
        continue;
      }
      if (couldBeSubject(c.pc, named)) {
        const inner = sameField ? subSelections(c.pc, nodes!) : null;
        const plan = selectionSet.selections;
        const selections = abstractBoundary(c, named, inner, at, (possible) =>
          rewrite(c, doc, planSelectionFor(c.pc, plan, possible, doc.fragments), possible, inner, at, `${fetchPath}.${planKey}`, renames),
        );
        out.push({ ...sel, alias: alias !== name ? { kind: Kind.NAME, value: alias } : undefined, selectionSet: { kind: Kind.SELECTION_SET, selections } });
        continue;
      }
      const inner = sameField ? subSelections(c.pc, nodes!) : null;
      const selections = rewrite(c, doc, selectionSet.selections, named, inner, at, `${fetchPath}.${planKey}`, renames);
      // The response is shaped by each object's __typename: an abstract type's values always carry it.
      const abstract = isAbstractType(getNamedType(def.type)) && !selections.includes(TYPENAME);
      selectionSet = { kind: Kind.SELECTION_SET, selections: abstract ? [TYPENAME, ...selections] : selections };
    } else {
      const def = fieldDef(c.pc, typeName, name);
      if (def && couldBeSubject(c.pc, getNamedType(def.type).name)) throw new Unsupported('subject field');
    }
    out.push({ ...sel, ...(alias !== name ? { alias: { kind: Kind.NAME, value: alias } } : { alias: undefined }), ...(selectionSet ? { selectionSet } : {}) });
  }
  return out;
}
