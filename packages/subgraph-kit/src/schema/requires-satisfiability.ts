/**
 * A false refusal of `@theguild/federation-composition` (0.27.0), and how composition gets past it
 * without skipping the check (issue #13).
 *
 * Its satisfiability check follows an inline fragment of a @requires only from an abstract type to
 * one of its object types: `data { ... on Bar { bar } }` with `data: Foo` and `interface Bar
 * implements Foo` is refused ("cannot satisfy @require conditions"), though every object the
 * fragment applies to can be fetched. A fragment on an abstract type applies to exactly the objects
 * of its possible types (GraphQL spec, DoesFragmentTypeApply), so the same requirement written with
 * one fragment per possible object type asks for the same values of the same objects; the library
 * checks that form. When the subgraphs with their requirements so written compose, the original
 * subgraphs are composed without the satisfiability rule: the supergraph keeps the requirements as
 * the partners wrote them. Anything else the library refuses stays refused.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import type { CompositionResult } from '@theguild/federation-composition';
import { Kind, getNamedType, isAbstractType, isObjectType, isUnionType, parse, print, visit } from 'graphql';
import type {
  DocumentNode,
  FieldDefinitionNode,
  FieldNode,
  GraphQLCompositeType,
  GraphQLObjectType,
  GraphQLSchema,
  InlineFragmentNode,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';
import { federationName } from './subgraph-fields.ts';

interface Service {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/**
 * The composition of `services` when the library refused it for satisfiability only, and accepts
 * it with every @requires fragment on an abstract type written per object type; else `refused`.
 */
export function composeDespiteAbstractRequires(services: readonly Service[], refused: CompositionResult): CompositionResult {
  if (refused.errors === undefined || !refused.errors.every((e) => e.extensions['code'] === 'SATISFIABILITY_ERROR')) return refused;
  const rewritten = services.map((s) => ({ ...s, typeDefs: requiresPerObjectType(s.typeDefs) }));
  if (rewritten.every((s, i) => s.typeDefs === services[i]?.typeDefs)) return refused;
  if (composeServices(rewritten).errors !== undefined) return refused;
  // The library's name for the rule; if it ever changes, nothing is skipped and the refusal stands.
  const composed = composeServices([...services], { disableValidationRules: ['SatisfiabilityRule'] });
  return composed.errors === undefined ? composed : refused;
}

/** The subgraph with each @requires that has a fragment on an abstract type written per object type; the same document when none has. */
function requiresPerObjectType(document: DocumentNode): DocumentNode {
  const requires = federationName(document, 'requires');
  let schema: GraphQLSchema;
  try {
    schema = buildSubgraphSchema(document);
  } catch {
    return document;
  }
  let changed = false;
  const rewriteField = (typeName: string, field: FieldDefinitionNode): FieldDefinitionNode => ({
    ...field,
    directives: field.directives?.map((directive) => {
      if (directive.name.value !== requires) return directive;
      return {
        ...directive,
        arguments: directive.arguments?.map((argument) => {
          const parent = schema.getType(typeName);
          if (argument.name.value !== 'fields' || argument.value.kind !== Kind.STRING || !isObjectType(parent)) return argument;
          const selection = (parse(`{ ${argument.value.value} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;
          const expanded = expand(schema, selection, parent);
          if (print(expanded) === print(selection)) return argument;
          changed = true;
          return { ...argument, value: { kind: Kind.STRING, value: print(expanded).slice(1, -1).trim() } };
        }),
      };
    }),
  });
  const visitType = (node: { name: { value: string }; fields?: readonly FieldDefinitionNode[] }) => ({ ...node, fields: node.fields?.map((f) => rewriteField(node.name.value, f)) });
  const result = visit(document, { ObjectTypeDefinition: visitType, ObjectTypeExtension: visitType });
  return changed ? result : document;
}

/** The selection with every fragment on an abstract type replaced by one fragment per possible object type. */
function expand(schema: GraphQLSchema, selectionSet: SelectionSetNode, parent: GraphQLCompositeType): SelectionSetNode {
  const fields = selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD).map((f) => expandField(schema, f, parent));
  const fragments = selectionSet.selections.filter((s): s is InlineFragmentNode => s.kind === Kind.INLINE_FRAGMENT);
  if (fragments.length === 0 || !isAbstractType(parent)) {
    const kept = fragments.map((f) => ({ ...f, selectionSet: expand(schema, f.selectionSet, conditionOf(schema, f, parent)) }));
    return { ...selectionSet, selections: [...fields, ...kept] };
  }
  const perObject = schema.getPossibleTypes(parent).flatMap((object): InlineFragmentNode[] => {
    const selections = flatten(schema, fragments, parent, object);
    if (selections.length === 0) return [];
    const typeCondition = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: object.name } } as const;
    return [{ kind: Kind.INLINE_FRAGMENT, typeCondition, selectionSet: expand(schema, { kind: Kind.SELECTION_SET, selections }, object) }];
  });
  return { ...selectionSet, selections: [...fields, ...perObject] };
}

/** What `fragments` select of an object of type `object` (fragments that do not apply to it select nothing). */
function flatten(schema: GraphQLSchema, fragments: readonly InlineFragmentNode[], parent: GraphQLCompositeType, object: GraphQLObjectType): SelectionNode[] {
  return fragments.flatMap((fragment) => {
    const condition = conditionOf(schema, fragment, parent);
    if (condition !== object && !(isAbstractType(condition) && schema.isSubType(condition, object))) return [];
    const nested = fragment.selectionSet.selections.filter((s): s is InlineFragmentNode => s.kind === Kind.INLINE_FRAGMENT);
    return [...fragment.selectionSet.selections.filter((s) => s.kind === Kind.FIELD), ...flatten(schema, nested, condition, object)];
  });
}

function expandField(schema: GraphQLSchema, field: FieldNode, parent: GraphQLCompositeType): FieldNode {
  if (field.selectionSet === undefined || isUnionType(parent)) return field;
  const definition = parent.getFields()[field.name.value];
  const type = definition === undefined ? undefined : getNamedType(definition.type);
  if (type === undefined || !(isObjectType(type) || isAbstractType(type))) return field;
  return { ...field, selectionSet: expand(schema, field.selectionSet, type) };
}

function conditionOf(schema: GraphQLSchema, fragment: InlineFragmentNode, parent: GraphQLCompositeType): GraphQLCompositeType {
  const condition = fragment.typeCondition === undefined ? undefined : schema.getType(fragment.typeCondition.name.value);
  return condition !== undefined && (isObjectType(condition) || isAbstractType(condition)) ? condition : parent;
}
