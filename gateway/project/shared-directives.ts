/**
 * Executable directives (used in operations, such as an `@access` on FIELD) that every partner
 * defines, and the project subgraph's part in them.
 *
 * Composition keeps an executable directive in the API schema only when every subgraph defines it
 * (Federation's rule for executable directives). The project subgraph is the gateway's own, so it
 * must not take from clients a directive that all the partners define: it adds their definitions,
 * with the input types their arguments use, to the SDL it is composed with
 * (sharedExecutableDirectives), and it ignores them in what it is sent (withoutForeignDirectives),
 * as a subgraph ignores an executable directive it does not implement.
 */
import {
  DirectiveLocation,
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DirectiveDefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';

const EXECUTABLE_LOCATIONS = new Set<string>([
  DirectiveLocation.QUERY,
  DirectiveLocation.MUTATION,
  DirectiveLocation.SUBSCRIPTION,
  DirectiveLocation.FIELD,
  DirectiveLocation.FRAGMENT_DEFINITION,
  DirectiveLocation.FRAGMENT_SPREAD,
  DirectiveLocation.INLINE_FRAGMENT,
  DirectiveLocation.VARIABLE_DEFINITION,
]);
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** A definition that has a name (a directive's or a type's). */
type NamedDefinition = DefinitionNode & { name: { value: string } };

function namedDefinitions(sdl: string): Map<string, NamedDefinition> {
  const byName = new Map<string, NamedDefinition>();
  if (sdl.trim() === '') return byName;
  for (const definition of parse(sdl).definitions) {
    if ('name' in definition && definition.name) {
      const key = definition.kind === Kind.DIRECTIVE_DEFINITION ? `@${definition.name.value}` : definition.name.value;
      if (!byName.has(key)) byName.set(key, definition as NamedDefinition);
    }
  }
  return byName;
}

function isExecutable(definition: NamedDefinition): definition is DirectiveDefinitionNode {
  return definition.kind === Kind.DIRECTIVE_DEFINITION && definition.locations.every((location) => EXECUTABLE_LOCATIONS.has(location.value));
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * The definitions of the input types (enums, input objects, scalars) a directive's arguments use,
 * transitively, from `definitions`; null when one is missing there or is already defined by `own`.
 */
function argumentTypes(directive: DirectiveDefinitionNode, definitions: Map<string, NamedDefinition>, own: Map<string, NamedDefinition>): NamedDefinition[] | null {
  const found = new Map<string, NamedDefinition>();
  const pending = (directive.arguments ?? []).map((argument) => namedType(argument.type));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (BUILT_IN_SCALARS.has(name) || found.has(name)) continue;
    const definition = definitions.get(name);
    if (!definition || own.has(name)) return null;
    found.set(name, definition);
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) pending.push(...(definition.fields ?? []).map((field) => namedType(field.type)));
    else if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.SCALAR_TYPE_DEFINITION) return null;
  }
  return [...found.values()];
}

/**
 * The SDL of the executable directives every partner defines and `ownSdl` does not, each as the
 * first partner wrote it, with the input types of its arguments; empty when none.
 * A directive whose argument types `ownSdl` defines too is left out (composition refuses nothing
 * for it: it stays out of the API schema, as before).
 */
export function sharedExecutableDirectives(partnerSdls: readonly string[], ownSdl: string): string {
  if (partnerSdls.length === 0) return '';
  const own = namedDefinitions(ownSdl);
  const partners = partnerSdls.map(namedDefinitions);
  const added: NamedDefinition[] = [];
  const addedTypes = new Set<string>();
  for (const [key, definition] of partners[0]!) {
    if (!isExecutable(definition) || own.has(key)) continue;
    if (!partners.every((definitions) => definitions.has(key) && isExecutable(definitions.get(key)!))) continue;
    const types = argumentTypes(definition, partners[0]!, own);
    if (types === null) continue;
    added.push(definition, ...types.filter((type) => !addedTypes.has(type.name.value)));
    for (const type of types) addedTypes.add(type.name.value);
  }
  return added.length === 0 ? '' : print({ kind: Kind.DOCUMENT, definitions: added });
}

/** The document without the directives `schema` does not define (the partners' executable directives). */
export function withoutForeignDirectives(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  return visit(document, { Directive: (node) => (schema.getDirective(node.name.value) ? undefined : null) });
}
