/**
 * Measures one operation before anything is fetched: its depth, field selections, aliases and root
 * fields with every fragment spread expanded, and an estimate of what it costs the partners.
 * Each fragment is measured once and reused, so a document that spreads fragments many times
 * costs the gateway little to measure however large its expansion is; a fragment that spreads
 * itself (which validation refuses anyway) counts as empty on its second visit.
 *
 * A list field is resolved as many times as its `first`/`eerste` argument says. A page field
 * (one that is not a list but takes `first`/`eerste`, such as `projectAdressen(eerste: 50)`
 * returning `{ items: [...] }`) hands its size to the lists selected directly inside it.
 *
 * Inside a subject (a person or an address) no list multiplies: records about one subject (its
 * allowances, its jobs) come in that subject's one fetch from their owner, and lists of subjects
 * (the residents of an address) are bounded by the policy at run time, which is where persons are
 * counted (at most `maxPersonsPerRequest` per request, and personal data only about the
 * addresses selected in a case). Lists outside subjects (a page of project addresses, a root
 * list) count as many times as their size: a query can only reach many subjects through them.
 */
import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** How heavy one resolved field is: `typeName` is the type the field is selected on. */
export type FieldWeight = (typeName: string, fieldName: string) => number;

export interface CostOptions {
  /**
   * Items assumed for a list field when neither it nor the page field around it has a
   * `first`/`eerste` argument (given in the query or defaulted by the schema).
   */
  defaultListSize: number;
  fieldWeight: FieldWeight;
  /** Whether a type is a subject the policy decides on (a person, an address); none when not set. */
  isSubject?: (typeName: string) => boolean;
}

export interface OperationMeasure {
  /** Levels of nested fields; a root field is level 1. */
  depth: number;
  /** Field selections, every spread expanded. */
  fields: number;
  /** Aliased field selections, every spread expanded. */
  aliases: number;
  /** Fields selected on the root type, through fragments too. */
  rootFields: number;
  /** Σ over fields of (estimated times resolved × weight); fields the gateway answers itself (`__*`) cost nothing. */
  cost: number;
}

const LIST_SIZE_ARGUMENTS = ['first', 'eerste'];

const EMPTY: OperationMeasure = { depth: 0, fields: 0, aliases: 0, rootFields: 0, cost: 0 };

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, ValueNode>;
  cost: CostOptions;
  /** Fragment measures by name, the page size, subject and object type they were measured under. */
  measured: Map<string, OperationMeasure>;
  fieldMeasures: WeakMap<FieldNode, Map<string, OperationMeasure>>;
  visiting: Set<string>;
}

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  cost: CostOptions,
): OperationMeasure {
  const walk: Walk = {
    schema,
    fragments: new Map(fragments.map((f) => [f.name.value, f])),
    variables,
    variableDefaults: new Map(
      (operation.variableDefinitions ?? []).flatMap((d) => (d.defaultValue ? [[d.variable.name.value, d.defaultValue] as const] : [])),
    ),
    cost,
    measured: new Map(),
    fieldMeasures: new WeakMap(),
    visiting: new Set(),
  };
  return measureSelectionSet(walk, operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined, false);
}

function combine(a: OperationMeasure, b: OperationMeasure): OperationMeasure {
  return {
    depth: Math.max(a.depth, b.depth),
    fields: a.fields + b.fields,
    aliases: a.aliases + b.aliases,
    rootFields: a.rootFields + b.rootFields,
    cost: a.cost + b.cost,
  };
}

/**
 * The syntactic measures count every selection; the cost counts what an item can be asked: on an
 * abstract type, each item is one of its object types, so the most expensive type's selection counts
 * (`... on User { … } ... on Admin { … }` costs one of the two per item, not both).
 */
function measureSelectionSet(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType | undefined,
  pageSize: number | undefined,
  insideSubject: boolean,
): OperationMeasure {
  const all = measureSelections(walk, selectionSet, parentType, pageSize, insideSubject, undefined);
  if (!parentType) return all;
  const types = isAbstractType(parentType) ? walk.schema.getPossibleTypes(parentType) : [parentType];
  let cost = 0;
  for (const type of types) cost = Math.max(cost, measureSelections(walk, selectionSet, parentType, pageSize, insideSubject, type).cost);
  return { ...all, cost };
}

/** `only`: the object type the items are; fragments that do not apply to it are left out. */
function measureSelections(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType | undefined,
  pageSize: number | undefined,
  insideSubject: boolean,
  only: GraphQLObjectType | undefined,
): OperationMeasure {
  let total = EMPTY;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total = combine(total, measureField(walk, selection, parentType, pageSize, insideSubject));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? compositeType(walk.schema, selection.typeCondition.name.value) : parentType;
      if (only && type && !appliesTo(walk.schema, type, only)) continue;
      total = combine(total, measureSelections(walk, selection.selectionSet, type, pageSize, insideSubject, only));
    } else {
      total = combine(total, measureFragment(walk, selection.name.value, pageSize, insideSubject, only));
    }
  }
  return total;
}

function appliesTo(schema: GraphQLSchema, condition: GraphQLCompositeType, type: GraphQLObjectType): boolean {
  return condition === type || (isAbstractType(condition) && schema.isSubType(condition, type));
}

function measureFragment(walk: Walk, name: string, pageSize: number | undefined, insideSubject: boolean, only: GraphQLObjectType | undefined): OperationMeasure {
  const key = `${name}/${pageSize ?? ''}/${insideSubject}/${only?.name ?? ''}`;
  const known = walk.measured.get(key);
  if (known) return known;
  const fragment = walk.fragments.get(name);
  if (!fragment || walk.visiting.has(name)) return EMPTY;
  const type = compositeType(walk.schema, fragment.typeCondition.name.value);
  if (only && type && !appliesTo(walk.schema, type, only)) return EMPTY;
  walk.visiting.add(name);
  const measure = measureSelections(walk, fragment.selectionSet, type, pageSize, insideSubject, only);
  walk.visiting.delete(name);
  walk.measured.set(key, measure);
  return measure;
}

/** A field is measured once per place it can be met (its parent type, page size and subject); the cost pass per type meets it again. */
function measureField(
  walk: Walk,
  node: FieldNode,
  parentType: GraphQLCompositeType | undefined,
  pageSize: number | undefined,
  insideSubject: boolean,
): OperationMeasure {
  let byPlace = walk.fieldMeasures.get(node);
  if (!byPlace) walk.fieldMeasures.set(node, (byPlace = new Map()));
  const key = `${parentType?.name ?? ''}/${pageSize ?? ''}/${insideSubject}`;
  let measure = byPlace.get(key);
  if (!measure) byPlace.set(key, (measure = measureFieldOnce(walk, node, parentType, pageSize, insideSubject)));
  return measure;
}

function measureFieldOnce(
  walk: Walk,
  node: FieldNode,
  parentType: GraphQLCompositeType | undefined,
  pageSize: number | undefined,
  insideSubject: boolean,
): OperationMeasure {
  const name = node.name.value;
  const definition = parentType ? fieldDefinition(walk.schema, parentType, name) : undefined;
  const returnType = definition ? getNamedType(definition.type) : undefined;
  const ownSize = definition ? sizeArgument(walk, node, definition) : undefined;
  const isList = definition !== undefined && isListType(getNullableType(definition.type));
  const inSubject = insideSubject || (returnType !== undefined && (walk.cost.isSubject?.(returnType.name) ?? false));
  const children = node.selectionSet
    ? measureSelectionSet(walk, node.selectionSet, returnType && isCompositeType(returnType) ? returnType : undefined, isList ? undefined : ownSize, inSubject)
    : EMPTY;
  const resolvedTimes = isList && !insideSubject ? (ownSize ?? pageSize ?? walk.cost.defaultListSize) : 1;
  const weight = name.startsWith('__') ? 0 : walk.cost.fieldWeight(parentType?.name ?? '', name);
  return {
    depth: 1 + children.depth,
    fields: 1 + children.fields,
    aliases: (node.alias ? 1 : 0) + children.aliases,
    rootFields: 1,
    cost: name.startsWith('__') ? 0 : resolvedTimes * (weight + children.cost),
  };
}

function fieldDefinition(schema: GraphQLSchema, parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parentType === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parentType === schema.getQueryType()) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return 'getFields' in parentType ? parentType.getFields()[name] : undefined;
}

function compositeType(schema: GraphQLSchema, name: string): GraphQLCompositeType | undefined {
  const type = schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

/** The field's `first`/`eerste` argument as given in the query, else as defaulted by the schema. */
function sizeArgument(walk: Walk, node: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
  for (const argumentName of LIST_SIZE_ARGUMENTS) {
    const given = node.arguments?.find((a) => a.name.value === argumentName);
    const fromQuery = given ? intValue(walk, given.value) : undefined;
    if (fromQuery !== undefined) return fromQuery;
    const schemaDefault = definition.args.find((a) => a.name === argumentName)?.defaultValue;
    if (!given && isCount(schemaDefault)) return schemaDefault;
  }
  return undefined;
}

function intValue(walk: Walk, value: ValueNode): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  const given = walk.variables[name];
  if (isCount(given)) return given;
  const fallback = given === undefined ? walk.variableDefaults.get(name) : undefined;
  return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
