/**
 * The query limits, checked on the parsed and validated operation before any partner is asked.
 * Every limit that is exceeded gives one error naming the limit, the query's value and what to do.
 */
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import type { LimitsConfig } from '../config/schema.ts';
import { measureOperation, type FieldWeight, type OperationMeasure } from './measure.ts';

export type LimitCode = 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_ROOT_FIELDS' | 'TOO_MANY_FIELDS' | 'QUERY_TOO_COSTLY';

export interface QueryLimits extends Pick<LimitsConfig, 'maxDepth' | 'maxAliases' | 'maxRootFields' | 'maxFields' | 'maxCost'> {
  /** Items assumed for a list field without a `first`/`eerste` argument; 10 when not set. */
  defaultListSize?: number;
  /** Weight of one resolved field; 1 for every field when not set. */
  fieldWeight?: FieldWeight;
  /** The subjects the policy decides on (persons, addresses): their record lists count once (measure.ts). */
  isSubject?: (typeName: string) => boolean;
}

export const DEFAULT_LIST_SIZE = 10;

/** A field weight by the type the field is selected on (e.g. `{ Persoon: 5, Adres: 3 }`); other types weigh 1. */
export function weightByType(weights: Readonly<Record<string, number>>): FieldWeight {
  return (typeName) => weights[typeName] ?? 1;
}

/**
 * The cost model of a served gateway: a field of a person weighs 5, of an address 3, any other 1;
 * persons and addresses are the subjects whose record lists count once.
 */
export const SUBJECT_WEIGHTS: Readonly<Record<string, number>> = { Persoon: 5, Adres: 3 };

export const subjectCost: Pick<QueryLimits, 'fieldWeight' | 'isSubject'> = {
  fieldWeight: weightByType(SUBJECT_WEIGHTS),
  isSubject: (typeName) => Object.hasOwn(SUBJECT_WEIGHTS, typeName),
};

interface LimitRule {
  code: LimitCode;
  limit: (limits: QueryLimits) => number;
  value: (measure: OperationMeasure) => number;
  message: (value: string, limit: number) => string;
}

const RULES: readonly LimitRule[] = [
  {
    code: 'QUERY_TOO_DEEP',
    limit: (l) => l.maxDepth,
    value: (m) => m.depth,
    message: (value, limit) => `The query is ${value} levels deep; the limit is ${limit}. Split it into smaller queries.`,
  },
  {
    code: 'TOO_MANY_ALIASES',
    limit: (l) => l.maxAliases,
    value: (m) => m.aliases,
    message: (value, limit) => `The query uses ${value} aliases (fragments expanded); the limit is ${limit}. Ask for each field once, or split the query.`,
  },
  {
    code: 'TOO_MANY_ROOT_FIELDS',
    limit: (l) => l.maxRootFields,
    value: (m) => m.rootFields,
    message: (value, limit) => `The query asks for ${value} root fields; the limit is ${limit}. Split it into smaller queries.`,
  },
  {
    code: 'TOO_MANY_FIELDS',
    limit: (l) => l.maxFields,
    value: (m) => m.fields,
    message: (value, limit) => `The query selects ${value} fields (fragments expanded); the limit is ${limit}. Select fewer fields, or split the query.`,
  },
  {
    code: 'QUERY_TOO_COSTLY',
    limit: (l) => l.maxCost,
    value: (m) => m.cost,
    message: (value, limit) =>
      `The query's estimated cost is ${value}; the limit is ${limit}. Ask for fewer items with first/eerste, or fewer fields about persons and addresses.`,
  },
];

/**
 * The limits the operation exceeds, as errors with `extensions.code`, `limit` and `value`.
 * An operation that cannot be found (no such name) exceeds nothing here: execution reports that.
 */
export function checkLimits(
  document: DocumentNode,
  schema: GraphQLSchema,
  operationName: string | null,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): GraphQLError[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const measure = measureOperation(schema, operation, fragments, variables ?? {}, {
    defaultListSize: limits.defaultListSize ?? DEFAULT_LIST_SIZE,
    fieldWeight: limits.fieldWeight ?? (() => 1),
    ...(limits.isSubject ? { isSubject: limits.isSubject } : {}),
  });
  return RULES.flatMap((rule) => {
    const value = rule.value(measure);
    const limit = rule.limit(limits);
    if (value <= limit) return [];
    const shown = Number.isFinite(value) ? String(Math.ceil(value)) : 'beyond counting';
    return [new GraphQLError(rule.message(shown, limit), { extensions: { code: rule.code, limit, value: Number.isFinite(value) ? Math.ceil(value) : null } })];
  });
}
