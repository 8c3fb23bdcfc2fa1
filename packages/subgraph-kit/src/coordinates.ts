/** What an operation selects, as "Type.field" coordinates: what a gateway token must allow. */
import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);
const SCHEMA_ROOT_FIELDS = new Set(['_service', '__schema', '__type', '__typename']);

/**
 * The "Type.field" coordinates an operation selects, sorted and unique: every field of every
 * operation and fragment in the document, including those inside `_entities(...) { ... on T }`.
 * `__typename`, introspection and the federation root fields `Query._service` and `Query._entities`
 * are left out.
 * A field whose parent type the schema does not know is reported as "?.field".
 */
export function requestedFieldCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        const parent = typeInfo.getParentType();
        if (name.startsWith('__')) return;
        if (parent === schema.getQueryType() && FEDERATION_ROOT_FIELDS.has(name)) return;
        coordinates.add(`${parent?.name ?? '?'}.${name}`);
      },
    }),
  );
  return [...coordinates].sort();
}

/**
 * True when every operation in the document is a query for the schema alone (`_service { sdl }`,
 * introspection, `__typename`): no data about anyone, so the gateway may read it without a token.
 * Fragments are not followed: a document with fragment spreads at the root is not schema-only.
 */
export function asksSchemaOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === 'query' &&
      definition.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && SCHEMA_ROOT_FIELDS.has(selection.name.value)),
  );
}

/**
 * requestedFieldCoordinates remembered per query text, for a partner that is asked the same
 * operations again and again: the coordinates depend on the schema and the text alone. `document`
 * must be the parse of `query`. Holds at most maxEntries texts; when full, it starts over.
 */
export function fieldCoordinatesByQuery(schema: GraphQLSchema, maxEntries = 1000): (query: string, document: DocumentNode) => string[] {
  const known = new Map<string, readonly string[]>();
  return (query, document) => {
    let coordinates = known.get(query);
    if (coordinates === undefined) {
      if (known.size >= maxEntries) known.clear();
      known.set(query, (coordinates = requestedFieldCoordinates(schema, document)));
    }
    return [...coordinates];
  };
}
