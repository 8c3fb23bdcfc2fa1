/**
 * What the plan compiler and the subject plans read of the supergraph about fields and subjects: a
 * field's definition, a type's key fields, whether a value is or could be a person or an address,
 * whether a @requires may be sent, and the key fields (under internal aliases) a partner is asked
 * for at the subject boundary. Fields of subject types (a person, an address) are never fetched
 * beyond those keys before the policy decided on them for that entity.
 */
import { Kind, getNamedType, isAbstractType, isObjectType, type FieldNode, type GraphQLField, type SelectionNode, type SelectionSetNode } from 'graphql';
import type { CollectContext } from './collect.ts';
import { internalName } from './keys.ts';
import { resolvingGraphs, type Supergraph } from './supergraph.ts';

/** What depends on the supergraph only: one set per executor, shared by all its requests. */
export interface PlanCaches {
  /** Type name → the top-level field nodes of its key and @requires field sets. */
  internalFields: Map<string, Map<string, FieldNode[]>>;
}

export interface ProjectContext extends CollectContext, PlanCaches {
  supergraph: Supergraph;
  /** Subject type name → the field that holds the subject's id. */
  subjectIdFields: Record<string, string>;
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
export function internalSelections(pc: ProjectContext, graph: string, typeName: string): FieldNode[] {
  const out: FieldNode[] = [];
  for (const [name, nodes] of internalFieldsOf(pc, typeName)) {
    // A nested field this partner holds as @external would come back null (wrong data): not asked here.
    if (!resolvingGraphs(pc.supergraph, typeName, name).includes(graph) || !resolvesInternal(pc, graph, typeName, name)) continue;
    const subs = nodes.flatMap((n) => n.selectionSet?.selections ?? []);
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
function resolvesInternal(pc: ProjectContext, graph: string, typeName: string, name: string): boolean {
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
