/**
 * Two repairs of the supergraph `@theguild/federation-composition` (0.27.0) writes, each where it
 * departs from what the subgraphs declare in a way the gateway would turn into wrong answers. Both
 * are decided from the subgraphs' own SDL only (issue #13):
 *
 * 1. A field an @interfaceObject subgraph declares @external is written without its
 *    `@join__field(graph: G, external: true)` (often with no @join__field at all, which by the join
 *    spec means "resolvable in every subgraph of the type"): the planner asks G for a value it only
 *    knows as a requirement, and G answers null without an error. The join spec's `external`
 *    argument says exactly that G holds the field as @external; Apollo's composition writes it.
 * 2. A field subgraphs declare with different named types (`Book` in one, `ViewerMedia`, a union
 *    with Book as member, in another) is typed by the first subgraph's declaration, so a client's
 *    `... on Song` is refused, or a value of another member is out of its type. Federation's
 *    composition types such a field by the type all declarations are subtypes of: Apollo's
 *    composition hint INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE ("2 types are compatible if one is a
 *    non-nullable version of the other, a list version, a subtype, or a combination of the former";
 *    for a field, "will use type <the supertype> in supergraph but <coordinate> has subtype ..."),
 *    with subtype as in the GraphQL spec's IsSubType/IsValidImplementationFieldType (a member of a
 *    union, an implementation of an interface, non-null of nullable). Each subgraph's own type is
 *    kept in `@join__field(graph: G, type: "...")`, as the join spec provides, so the planner asks
 *    each subgraph within its own type.
 */
import { Kind, parseType, print, visit } from 'graphql';
import type { ConstArgumentNode, ConstDirectiveNode, DocumentNode, FieldDefinitionNode, TypeNode } from 'graphql';
import { problemAt } from './problems.ts';
import type { SchemaProblem } from './problems.ts';
import type { DeclaredField, SubgraphFields } from './subgraph-fields.ts';

export interface RepairedSupergraph {
  supergraph: DocumentNode;
  api: DocumentNode;
  /** "Type.field" of every field repaired, for the log. */
  repaired: string[];
  problems: SchemaProblem[];
}

/** `subgraphs` by name, as given to the composition. */
export function repairSupergraph(supergraph: DocumentNode, api: DocumentNode, subgraphs: ReadonlyMap<string, SubgraphFields>): RepairedSupergraph {
  const graphs = graphEnum(supergraph);
  const subtypes = subtypeRelation(supergraph);
  const problems: SchemaProblem[] = [];
  const retyped = new Map<string, TypeNode>();
  const repairedFields: string[] = [];

  const repairField = (typeName: string, field: FieldDefinitionNode): FieldDefinitionNode => {
    const coordinate = `${typeName}.${field.name.value}`;
    const declared = [...graphs].flatMap(([name, value]) => {
      const declaration = subgraphs.get(name)?.fields.get(coordinate);
      return declaration === undefined ? [] : [{ name, value, declaration, interfaceObject: subgraphs.get(name)?.interfaceObjects.has(typeName) === true }];
    });
    const externalIn = new Set(declared.filter((d) => d.interfaceObject && d.declaration.external).map((d) => d.value));
    const typed = typeOf(coordinate, declared.map((d) => ({ subgraph: d.name, ...d.declaration })), subtypes, problems);
    if (externalIn.size === 0 && typed === undefined) return field;

    const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
    // No @join__field means every subgraph of the type resolves the field: say which ones declare it.
    const written = joins.length > 0 ? joins : declared.map((d) => joinField(d.value));
    const repaired = written.map((join) => {
      const graph = argument(join, 'graph');
      const declaration = declared.find((d) => d.value === graph)?.declaration;
      let next = join;
      if (graph !== undefined && externalIn.has(graph)) next = withArgument(next, 'external', { kind: Kind.BOOLEAN, value: true });
      if (typed !== undefined && declaration !== undefined) next = withArgument(next, 'type', { kind: Kind.STRING, value: declaration.type });
      return next;
    });
    if (typed !== undefined && print(typed) !== print(field.type)) retyped.set(coordinate, typed);
    repairedFields.push(coordinate);
    return {
      ...field,
      type: typed ?? field.type,
      directives: [...(field.directives ?? []).filter((d) => d.name.value !== 'join__field'), ...repaired],
    };
  };

  const repaired = visit(supergraph, {
    ObjectTypeDefinition: (node) => ({ ...node, fields: node.fields?.map((f) => repairField(node.name.value, f)) }),
    InterfaceTypeDefinition: (node) => ({ ...node, fields: node.fields?.map((f) => repairField(node.name.value, f)) }),
  });
  const retype = (typeName: string, field: FieldDefinitionNode) => ({ ...field, type: retyped.get(`${typeName}.${field.name.value}`) ?? field.type });
  const repairedApi = visit(api, {
    ObjectTypeDefinition: (node) => ({ ...node, fields: node.fields?.map((f) => retype(node.name.value, f)) }),
    InterfaceTypeDefinition: (node) => ({ ...node, fields: node.fields?.map((f) => retype(node.name.value, f)) }),
  });
  return { supergraph: repaired, api: repairedApi, repaired: repairedFields, problems };
}

/**
 * The type for a field whose subgraphs declare different named types: the declaration every other
 * one is a subtype of (@external declarations left out, as they follow the owner's type). Undefined
 * when the named types agree (nullability is the library's, and right); a problem when no
 * declaration is a supertype of all.
 */
function typeOf(
  coordinate: string,
  declared: readonly (DeclaredField & { subgraph: string })[],
  subtypes: Subtypes,
  problems: SchemaProblem[],
): TypeNode | undefined {
  const owned = declared.some((d) => !d.external) ? declared.filter((d) => !d.external) : declared;
  const types = owned.map((d) => parseType(d.type));
  if (new Set(types.map((t) => namedType(t))).size <= 1) return undefined;
  const supertype = types.find((candidate) => types.every((t) => isSubtype(candidate, t, subtypes)));
  if (supertype === undefined) {
    const listed = owned.map((d) => `"${d.type}" in subgraph ${d.subgraph}`).join(', ');
    problems.push(
      problemAt('composition', coordinate, null, `composition: ${coordinate} has type ${listed}, and none is a type the others are subtypes of (a union they are members of, an interface they implement), so one type cannot serve them all. Give the field the same type in every subgraph, or the union or interface the others' types belong to in one of them.`),
    );
    return undefined;
  }
  return supertype;
}

/** Keyed by an abstract type's name: the types that are its members or implement it. */
type Subtypes = Map<string, Set<string>>;

function subtypeRelation(supergraph: DocumentNode): Subtypes {
  const subtypes: Subtypes = new Map();
  const add = (abstract: string, member: string) => subtypes.set(abstract, (subtypes.get(abstract) ?? new Set()).add(member));
  for (const definition of supergraph.definitions) {
    if (definition.kind === Kind.UNION_TYPE_DEFINITION) for (const member of definition.types ?? []) add(definition.name.value, member.name.value);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const implemented of definition.interfaces ?? []) add(implemented.name.value, definition.name.value);
    }
  }
  return subtypes;
}

/** The GraphQL spec's subtyping of output types (IsValidImplementationFieldType). */
function isSubtype(supertype: TypeNode, type: TypeNode, subtypes: Subtypes): boolean {
  if (type.kind === Kind.NON_NULL_TYPE) return isSubtype(supertype.kind === Kind.NON_NULL_TYPE ? supertype.type : supertype, type.type, subtypes);
  if (supertype.kind === Kind.NON_NULL_TYPE) return false;
  if (type.kind === Kind.LIST_TYPE) return supertype.kind === Kind.LIST_TYPE && isSubtype(supertype.type, type.type, subtypes);
  if (supertype.kind === Kind.LIST_TYPE) return false;
  return supertype.name.value === type.name.value || subtypes.get(supertype.name.value)?.has(type.name.value) === true;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Subgraph name → its value of the supergraph's `join__Graph` enum. */
function graphEnum(supergraph: DocumentNode): Map<string, string> {
  const graphs = new Map<string, string>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name')?.value;
      if (name?.kind === Kind.STRING) graphs.set(name.value, value.name.value);
    }
  }
  return graphs;
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
}

function withArgument(directive: ConstDirectiveNode, name: string, value: ConstArgumentNode['value']): ConstDirectiveNode {
  const replacement: ConstArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value };
  return { ...directive, arguments: [...(directive.arguments ?? []).filter((a) => a.name.value !== name), replacement] };
}

function joinField(graph: string): ConstDirectiveNode {
  return withArgument({ kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'join__field' }, arguments: [] }, 'graph', { kind: Kind.ENUM, value: graph });
}
