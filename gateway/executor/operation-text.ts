/**
 * What a partner's operation is made of, from the plan's selections: its text, the client's variables
 * it reads, and the "Type.field" coordinates it selects. Each field's and inline fragment's share is
 * worked out once per node and kept: a compiled plan's nodes come again with every request, and the
 * selections cut to what the policy allowed reuse the plan's nodes.
 */
import { Kind, getNamedType, print, visit, type ASTNode, type GraphQLSchema, type SelectionNode } from 'graphql';

interface Printed {
  text: string;
  /** The variables the node and its subtree read. */
  variables: ReadonlySet<string>;
}

const printedNodes = new WeakMap<SelectionNode, Printed>();

/** The selections as one line of GraphQL (`a b: c(x: 1) { d }`) and the variables they read. */
export function printSelections(selections: readonly SelectionNode[]): Printed {
  const parts = selections.map(printNode);
  const variables = new Set<string>();
  for (const part of parts) for (const name of part.variables) variables.add(name);
  return { text: parts.map((p) => p.text).join(' '), variables };
}

function printNode(sel: SelectionNode): Printed {
  let printed = printedNodes.get(sel);
  if (printed) return printed;
  const own = [...(sel.kind === Kind.FIELD ? (sel.arguments ?? []) : []), ...(sel.directives ?? [])];
  const directives = (sel.directives ?? []).map((d) => ` ${print(d)}`).join('');
  let head: string;
  if (sel.kind === Kind.FIELD) {
    const args = sel.arguments?.length ? `(${sel.arguments.map((a) => print(a)).join(', ')})` : '';
    head = `${sel.alias ? `${sel.alias.value}: ` : ''}${sel.name.value}${args}${directives}`;
  } else if (sel.kind === Kind.INLINE_FRAGMENT) {
    head = `...${sel.typeCondition ? ` on ${sel.typeCondition.name.value}` : ''}${directives}`;
  } else {
    head = `...${sel.name.value}${directives}`;
  }
  const variables = new Set(variablesIn(own));
  let text = head;
  if (sel.kind !== Kind.FRAGMENT_SPREAD && sel.selectionSet) {
    const inner = printSelections(sel.selectionSet.selections);
    for (const name of inner.variables) variables.add(name);
    // An empty selection set is left out, as graphql-js prints it.
    if (inner.text !== '') text = `${head} { ${inner.text} }`;
  }
  printed = { text, variables };
  printedNodes.set(sel, printed);
  return printed;
}

function variablesIn(nodes: readonly ASTNode[]): string[] {
  const names: string[] = [];
  for (const node of nodes) visit(node, { Variable: (v) => void names.push(v.name.value) });
  return names;
}

/** Per schema (a supergraph's), per node, per parent type: the coordinates of the node's subtree. */
const coordinatesBySchema = new WeakMap<GraphQLSchema, WeakMap<SelectionNode, Map<string, readonly string[]>>>();

/** All "Type.field" coordinates the selections select on `typeName`, sorted; `_entities` fragments count as their type. */
export function selectedCoordinates(schema: GraphQLSchema, typeName: string, selections: readonly SelectionNode[]): string[] {
  const out = new Set<string>();
  for (const sel of selections) for (const coordinate of nodeCoordinates(schema, typeName, sel)) out.add(coordinate);
  return [...out].sort();
}

function nodeCoordinates(schema: GraphQLSchema, typeName: string, sel: SelectionNode): readonly string[] {
  let byNode = coordinatesBySchema.get(schema);
  if (!byNode) coordinatesBySchema.set(schema, (byNode = new WeakMap()));
  let byType = byNode.get(sel);
  if (!byType) byNode.set(sel, (byType = new Map()));
  let coordinates = byType.get(typeName);
  if (!coordinates) byType.set(typeName, (coordinates = coordinatesOf(schema, typeName, sel)));
  return coordinates;
}

function coordinatesOf(schema: GraphQLSchema, typeName: string, sel: SelectionNode): readonly string[] {
  if (sel.kind === Kind.INLINE_FRAGMENT) return selectedCoordinates(schema, sel.typeCondition?.name.value ?? typeName, sel.selectionSet.selections);
  if (sel.kind !== Kind.FIELD) return [];
  const name = sel.name.value;
  if (name === '__typename') return [];
  if (name === '_entities') return sel.selectionSet ? selectedCoordinates(schema, typeName, sel.selectionSet.selections) : [];
  const type = schema.getType(typeName);
  const field = type && 'getFields' in type ? (type.getFields() as Record<string, { type: Parameters<typeof getNamedType>[0] }>)[name] : undefined;
  const below = field && sel.selectionSet ? selectedCoordinates(schema, getNamedType(field.type)!.name, sel.selectionSet.selections) : [];
  return [`${typeName}.${name}`, ...below];
}
