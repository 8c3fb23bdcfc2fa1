/**
 * Collects the fields an operation selects on an object of a given runtime type (fragments
 * expanded, @skip/@include applied), as graphql-js does during execution. Results are cached per
 * selection list and type, so list items of one field share one collection.
 */
import {
  Kind,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionNode,
  type ValueNode,
} from 'graphql';

export type CollectedFields = Map<string, FieldNode[]>;

export interface CollectContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  cache: WeakMap<readonly SelectionNode[], Map<string, CollectedFields>>;
  subSelectionCache: WeakMap<FieldNode[], readonly SelectionNode[]>;
}

function literalBoolean(value: ValueNode, variables: Record<string, unknown>): boolean | undefined {
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'boolean' ? v : undefined;
  }
  return undefined;
}

export function isIncluded(node: SelectionNode, variables: Record<string, unknown>): boolean {
  for (const d of node.directives ?? []) {
    const ifArg = d.arguments?.find((a) => a.name.value === 'if');
    if (!ifArg) continue;
    const value = literalBoolean(ifArg.value, variables);
    if (d.name.value === 'skip' && value === true) return false;
    if (d.name.value === 'include' && value === false) return false;
  }
  return true;
}

/** Whether a fragment with `condition` applies to an object of runtime type `typeName`. */
export function conditionApplies(schema: GraphQLSchema, condition: string | undefined, typeName: string): boolean {
  if (!condition || condition === typeName) return true;
  const cond = schema.getType(condition);
  const type = schema.getType(typeName);
  if (!cond || !type || !isAbstractType(cond)) return false;
  if (isObjectType(type)) return schema.isSubType(cond, type);
  if (isInterfaceType(type)) return type.getInterfaces().some((i) => i.name === condition);
  return false;
}

function collectInto(
  ctx: CollectContext,
  typeName: string,
  selections: readonly SelectionNode[],
  out: CollectedFields,
  visited: Set<string>,
): void {
  for (const sel of selections) {
    if (!isIncluded(sel, ctx.variables)) continue;
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      const list = out.get(key);
      if (list) list.push(sel);
      else out.set(key, [sel]);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (conditionApplies(ctx.schema, sel.typeCondition?.name.value, typeName)) {
        collectInto(ctx, typeName, sel.selectionSet.selections, out, visited);
      }
    } else {
      const name = sel.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      const fragment = ctx.fragments[name];
      if (fragment && conditionApplies(ctx.schema, fragment.typeCondition.name.value, typeName)) {
        collectInto(ctx, typeName, fragment.selectionSet.selections, out, visited);
      }
    }
  }
}

export function collectFields(ctx: CollectContext, typeName: string, selections: readonly SelectionNode[]): CollectedFields {
  let byType = ctx.cache.get(selections);
  if (!byType) {
    byType = new Map();
    ctx.cache.set(selections, byType);
  }
  let fields = byType.get(typeName);
  if (!fields) {
    fields = new Map();
    collectInto(ctx, typeName, selections, fields, new Set());
    byType.set(typeName, fields);
  }
  return fields;
}

/** The merged sub-selections of all nodes of one response key (one array per node list, cached). */
export function subSelections(ctx: CollectContext, nodes: FieldNode[]): readonly SelectionNode[] {
  let merged = ctx.subSelectionCache.get(nodes);
  if (!merged) {
    merged = nodes.length === 1 ? (nodes[0]!.selectionSet?.selections ?? []) : nodes.flatMap((n) => n.selectionSet?.selections ?? []);
    ctx.subSelectionCache.set(nodes, merged);
  }
  return merged;
}
