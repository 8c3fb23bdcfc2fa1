/**
 * Projects an analyst's selection onto one partner: the part of it that partner can resolve (under
 * the tree keys of keys.ts), plus the key and @requires fields (under internal aliases) that later
 * fetches from other partners need. Fields of subject types (a person, an address) are never projected into a partner's
 * selection here: each is fetched on its own, after the policy decided on it for that entity.
 */
import {
  Kind,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type InlineFragmentNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { collectFields, subSelections, type CollectContext } from './collect.ts';
import { INTERNAL, internalName, treeKey } from './keys.ts';
import {
  interfaceObjectGraphs,
  possibleTypesInGraph,
  resolvingGraphs,
  type KeyInfo,
  type Supergraph,
} from './supergraph.ts';


export interface Target {
  graph: string;
  /** The __typename to send in the representation (an interface's name for an @interfaceObject). */
  repTypename: string;
  keys: KeyInfo[];
  requires?: SelectionSetNode;
}

/** Plans that depend on the supergraph only: one set per executor, shared by all its requests. */
export interface PlanCaches {
  /** Type name → field name → where the field is fetched from (no coordinate strings built per lookup). */
  targets: Map<string, Map<string, Target | null>>;
  internalFields: Map<string, Map<string, FieldNode[]>>;
  dependencyTargets: Map<string, DependencyTarget[]>;
}

export interface ProjectContext extends CollectContext, PlanCaches {
  supergraph: Supergraph;
  /** Subject type name → the field that holds the subject's id. */
  subjectIdFields: Record<string, string>;
}

/** One partner that could give a field the gateway needs as a dependency (a key or a @requires field). */
export interface DependencyTarget {
  /** "<graph>:<field>": marks the attempt on an object, so it is made once. */
  mark: string;
  /** The target without @requires: whether the object's keys can reach this partner at all. */
  keysOnly: Target;
  target: Target;
  /** The top-level names of the field's own @requires. */
  requiresNames: string[];
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

export function fieldDef(pc: ProjectContext, typeName: string, fieldName: string): GraphQLField<unknown, unknown> | undefined {
  const type = pc.supergraph.schema.getType(typeName);
  return type && 'getFields' in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[fieldName] : undefined;
}

/** Key fields of a type, in any graph: the only fields of a person or an address fetched without a decision. */
export function keyFieldNames(pc: ProjectContext, typeName: string): Set<string> {
  const names = new Set<string>();
  const id = pc.subjectIdFields[typeName];
  if (id) names.add(id);
  for (const inGraph of pc.supergraph.types.get(typeName)?.graphs.values() ?? []) {
    for (const key of inGraph.keys) for (const sel of key.selectionSet.selections) if (sel.kind === Kind.FIELD) names.add(sel.name.value);
  }
  return names;
}

/**
 * A @requires may read the entity's own key fields, nothing else of a person or an address: a
 * field set that reads a non-key field of one, or reaches a person or an address (or a type one
 * could be) through a field, would send personal data from one partner to another without a
 * policy decision. Such a field set is never fetched.
 */
export function requiresIsSafe(pc: ProjectContext, typeName: string, set: SelectionSetNode, nested = false): boolean {
  if (nested && couldBeSubject(pc, typeName)) return false;
  const keys = typeName in pc.subjectIdFields ? keyFieldNames(pc, typeName) : undefined;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (!requiresIsSafe(pc, sel.typeCondition?.name.value ?? typeName, sel.selectionSet, nested)) return false;
      continue;
    }
    if (sel.kind !== Kind.FIELD) continue;
    if (keys && !keys.has(sel.name.value)) return false;
    const def = fieldDef(pc, typeName, sel.name.value);
    if (!def) continue;
    const fieldType = getNamedType(def.type).name;
    if (couldBeSubject(pc, fieldType)) return false;
    if (sel.selectionSet && !requiresIsSafe(pc, fieldType, sel.selectionSet, true)) return false;
  }
  return true;
}

/** Whether a value of `typeName` is, or could be, a person or an address. */
export function couldBeSubject(pc: ProjectContext, typeName: string): boolean {
  if (typeName in pc.subjectIdFields) return true;
  const type = pc.supergraph.schema.getType(typeName);
  return !!type && isAbstractType(type) && pc.supergraph.schema.getPossibleTypes(type).some((t) => t.name in pc.subjectIdFields);
}

/** Where `typeName.fieldName` is fetched from when the object at hand does not have it. */
export function targetFor(pc: ProjectContext, typeName: string, fieldName: string): Target | null {
  let ofType = pc.targets.get(typeName);
  if (!ofType) pc.targets.set(typeName, (ofType = new Map()));
  const cached = ofType.get(fieldName);
  if (cached !== undefined) return cached;
  let target: Target | null = null;
  for (const graph of resolvingGraphs(pc.supergraph, typeName, fieldName)) {
    const keys = pc.supergraph.types.get(typeName)?.graphs.get(graph)?.keys.filter((k) => k.resolvable) ?? [];
    if (keys.length === 0) continue;
    const requires = pc.supergraph.types.get(typeName)?.fields.get(fieldName)?.get(graph)?.requires;
    if (requires && !requiresIsSafe(pc, typeName, requires)) continue;
    target = { graph, repTypename: typeName, keys, ...(requires ? { requires } : {}) };
    break;
  }
  if (!target) {
    for (const { graph, iface } of interfaceObjectGraphs(pc.supergraph, typeName, fieldName)) {
      const keys = pc.supergraph.types.get(iface)?.graphs.get(graph)?.keys.filter((k) => k.resolvable) ?? [];
      if (keys.length === 0) continue;
      const requires = pc.supergraph.types.get(iface)?.fields.get(fieldName)?.get(graph)?.requires;
      if (requires && !requiresIsSafe(pc, iface, requires)) continue;
      target = { graph, repTypename: iface, keys, ...(requires ? { requires } : {}) };
      break;
    }
  }
  ofType.set(fieldName, target);
  return target;
}

/** Does a @provides selection name `fieldName` for `typeName`? Returns its sub-selection if so. */
function provided(pc: ProjectContext, set: SelectionSetNode | undefined, typeName: string, fieldName: string): SelectionSetNode | null | undefined {
  if (!set) return undefined;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD && sel.name.value === fieldName) return sel.selectionSet ?? null;
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition?.name.value;
      if (!cond || cond === typeName || pc.supergraph.schema.getType(cond) === undefined) {
        const inner = provided(pc, sel.selectionSet, typeName, fieldName);
        if (inner !== undefined) return inner;
      } else {
        const condType = pc.supergraph.schema.getType(cond);
        const type = pc.supergraph.schema.getType(typeName);
        if (condType && type && isAbstractType(condType) && isObjectType(type) && pc.supergraph.schema.isSubType(condType, type)) {
          const inner = provided(pc, sel.selectionSet, typeName, fieldName);
          if (inner !== undefined) return inner;
        }
      }
    }
  }
  return undefined;
}

function canResolve(pc: ProjectContext, graph: string, typeName: string, fieldName: string, provides: SelectionSetNode | undefined): boolean {
  if (provided(pc, provides, typeName, fieldName) !== undefined) return true;
  return resolvingGraphs(pc.supergraph, typeName, fieldName).includes(graph);
}

/** A field set (key or @requires) as a selection with __typename on every object level. */
function withTypenames(set: SelectionSetNode): SelectionSetNode {
  const selections: SelectionNode[] = [TYPENAME];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      selections.push(sel.selectionSet ? { ...sel, selectionSet: withTypenames(sel.selectionSet) } : sel);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      selections.push({ ...sel, selectionSet: withTypenames(sel.selectionSet) });
    }
  }
  return { kind: Kind.SELECTION_SET, selections };
}

/** Top-level field nodes of the key and @requires field sets the gateway may need for `typeName`. */
function internalFieldsOf(pc: ProjectContext, typeName: string): Map<string, FieldNode[]> {
  let fields = pc.internalFields.get(typeName);
  if (fields) return fields;
  fields = new Map();
  const add = (set: SelectionSetNode | undefined, onType: string) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        const list = fields!.get(sel.name.value) ?? [];
        list.push(sel);
        fields!.set(sel.name.value, list);
      } else if (sel.kind === Kind.INLINE_FRAGMENT && (!sel.typeCondition || sel.typeCondition.name.value === onType)) {
        add(sel.selectionSet, onType);
      }
    }
  };
  const type = pc.supergraph.schema.getType(typeName);
  const infos = [pc.supergraph.types.get(typeName)];
  if (isObjectType(type)) for (const i of type.getInterfaces()) infos.push(pc.supergraph.types.get(i.name));
  for (const info of infos) {
    if (!info) continue;
    for (const inGraph of info.graphs.values()) for (const key of inGraph.keys) add(key.selectionSet, typeName);
    for (const byGraph of info.fields.values()) {
      for (const f of byGraph.values()) if (f.requires && requiresIsSafe(pc, typeName, f.requires)) add(f.requires, typeName);
    }
  }
  const subjectId = pc.subjectIdFields[typeName];
  if (subjectId && !fields.has(subjectId)) {
    fields.set(subjectId, [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: subjectId } }]);
  }
  pc.internalFields.set(typeName, fields);
  return fields;
}

/** The internal-alias selections for the key/@requires fields `graph` can resolve on `typeName`. */
export function internalSelections(
  pc: ProjectContext,
  graph: string,
  typeName: string,
  only?: ReadonlySet<string>,
  provides?: SelectionSetNode,
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const [name, nodes] of internalFieldsOf(pc, typeName)) {
    if (only && !only.has(name)) continue;
    if (!canResolve(pc, graph, typeName, name, provides)) continue;
    const subs = nodes.flatMap((n) => n.selectionSet?.selections ?? []);
    // A nested field this partner holds as @external would come back null (wrong data): not asked here.
    if (!provides && !resolvesInternal(pc, graph, typeName, name)) continue;
    const selectionSet = subs.length ? withTypenames({ kind: Kind.SELECTION_SET, selections: subs }) : undefined;
    out.push({
      kind: Kind.FIELD,
      alias: { kind: Kind.NAME, value: internalName(name) },
      name: { kind: Kind.NAME, value: name },
      ...(nodes[0]?.arguments?.length ? { arguments: nodes[0].arguments } : {}),
      ...(selectionSet ? { selectionSet } : {}),
    });
  }
  return out;
}

/** Whether `graph` resolves the key or @requires field `name` with all its nested fields itself. */
export function resolvesInternal(pc: ProjectContext, graph: string, typeName: string, name: string): boolean {
  const subs = (internalFieldsOf(pc, typeName).get(name) ?? []).flatMap((n) => n.selectionSet?.selections ?? []);
  if (subs.length === 0) return true;
  const def = fieldDef(pc, typeName, name);
  return !!def && resolvesAll(pc, graph, getNamedType(def.type).name, subs);
}

/** Whether `graph` resolves every field of a nested selection on `typeName` itself (none @external there). */
function resolvesAll(pc: ProjectContext, graph: string, typeName: string, selections: readonly SelectionNode[]): boolean {
  return selections.every((sel) => {
    if (sel.kind === Kind.INLINE_FRAGMENT) return resolvesAll(pc, graph, sel.typeCondition?.name.value ?? typeName, sel.selectionSet.selections);
    if (sel.kind !== Kind.FIELD || sel.name.value === '__typename') return true;
    if (!resolvingGraphs(pc.supergraph, typeName, sel.name.value).includes(graph)) return false;
    const def = sel.selectionSet ? fieldDef(pc, typeName, sel.name.value) : undefined;
    return !sel.selectionSet || (!!def && resolvesAll(pc, graph, getNamedType(def.type).name, sel.selectionSet.selections));
  });
}

/** The selection set `graph` is asked for below a field returning `typeName`. */
export function projectSelection(
  pc: ProjectContext,
  graph: string,
  typeName: string,
  selections: readonly SelectionNode[],
  provides: SelectionSetNode | undefined,
): SelectionSetNode | undefined {
  const type = pc.supergraph.schema.getType(typeName);
  if (!type || isLeafType(type)) return undefined;
  const out: SelectionNode[] = [TYPENAME];
  const asObject = isObjectType(type) || pc.supergraph.types.get(typeName)?.graphs.get(graph)?.isInterfaceObject;
  if (asObject) {
    out.push(...projectFields(pc, graph, typeName, collectFields(pc, typeName, selections), provides));
    // An interface object: its concrete type is learned later by key from the interface's owner.
    const hasKeys = out.some((o) => o.kind === Kind.FIELD && o.alias?.value.startsWith(INTERNAL));
    if (!isObjectType(type) && !hasKeys) out.push(...internalSelections(pc, graph, typeName, undefined, provides));
  } else {
    for (const possible of possibleTypesInGraph(pc.supergraph, typeName, graph)) {
      const fields = projectFields(pc, graph, possible, collectFields(pc, possible, selections), provides);
      const fragment: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: possible } },
        selectionSet: { kind: Kind.SELECTION_SET, selections: [TYPENAME, ...fields] },
      };
      out.push(fragment);
    }
  }
  return { kind: Kind.SELECTION_SET, selections: out };
}

/** The fields of an object of `typeName` that `graph` resolves, and the internal fields others need. */
export function projectFields(
  pc: ProjectContext,
  graph: string,
  typeName: string,
  fields: Iterable<[string, FieldNode[]]>,
  provides: SelectionSetNode | undefined,
  /** True for the fields of an `_entities` call the policy has decided on for each entity. */
  decided = false,
): FieldNode[] {
  const out: FieldNode[] = [];
  const isSubject = typeName in pc.subjectIdFields && !decided;
  // A subject's key is asked only when something is to be decided about it: a count or an
  // existence asks its items' type names alone, never who they are.
  let needsInternal = false;
  for (const [key, nodes] of fields) {
    const first = nodes[0]!;
    const name = first.name.value;
    if (name.startsWith('__')) continue;
    // A field with a @requires in this partner reads values only a representation brings: outside
    // the `_entities` call built for it (a root field's or a nested object's selection) it would
    // resolve without them (wrong data, no error), so it is fetched later by key.
    const requiresElsewhere = !decided && pc.supergraph.types.get(typeName)?.fields.get(name)?.get(graph)?.requires !== undefined;
    if (isSubject || requiresElsewhere || !canResolve(pc, graph, typeName, name, provides)) {
      needsInternal = true;
      continue;
    }
    const def = fieldDef(pc, typeName, name);
    if (!def) continue;
    const nested = provided(pc, provides, typeName, name) ?? undefined;
    const ownProvides = pc.supergraph.types.get(typeName)?.fields.get(name)?.get(graph)?.provides;
    const selectionSet = projectSelection(pc, graph, getNamedType(def.type).name, subSelections(pc, nodes), mergeSets(ownProvides, nested));
    const alias = treeKey(key);
    out.push({
      kind: Kind.FIELD,
      ...(alias !== name ? { alias: { kind: Kind.NAME, value: alias } } : {}),
      name: first.name,
      ...(first.arguments?.length ? { arguments: first.arguments } : {}),
      ...(selectionSet ? { selectionSet } : {}),
    });
  }
  if (needsInternal) out.push(...internalSelections(pc, graph, typeName, undefined, provides));
  return out;
}

function mergeSets(a: SelectionSetNode | undefined, b: SelectionSetNode | undefined): SelectionSetNode | undefined {
  if (!a) return b;
  if (!b) return a;
  return { kind: Kind.SELECTION_SET, selections: [...a.selections, ...b.selections] };
}
