/**
 * The executor's steps of a compiled query plan (plan-compile.ts makes them, plan-run.ts runs them):
 * fetches in tree keys, the objects each `_entities` field is for, and the places where the plan
 * reaches a person or an address.
 */
import type { InlineFragmentNode, SelectionNode } from 'graphql';
import type { ValueSetter } from '@graphql-hive/router-query-planner';

/**
 * A step along a Flatten path: a field's plan key with the tree keys that hold that field there (an
 * object may hold it under the client's key and under an internal key; every one is followed), each
 * item of a list, or objects of some types.
 */
export type PathStep = { field: string; keys: readonly string[] } | { each: true } | { types: readonly string[] };

/**
 * A field of a representation (the plan's `requires`) in tree keys: read from the first of `from`
 * that holds it (every one holds this field and no other), sent as `as`.
 */
export type Need =
  | { kind: 'typename'; as: string }
  | { kind: 'field'; from: readonly string[]; as: string; selections?: readonly Need[] }
  | { kind: 'fragment'; typeCondition: string; selections: readonly Need[] };

export interface RootFetchStep {
  kind: 'fetch';
  graph: string;
  operation: 'query' | 'mutation';
  selections: SelectionNode[];
  coordinates: string[];
  /** Whether the selections send a renamed key (keys.ts): the answer is then unrenamed before it is merged. */
  renamed: boolean;
}

/** One `_entities` field of an entity fetch: the objects at its paths, and what is asked of them. */
export interface EntityBatch {
  paths: PathStep[][];
  requires: readonly Need[];
  inputRewrites: ValueSetter[];
  /** `... on Type { __typename … }` per entity type, in tree keys. */
  fragments: InlineFragmentNode[];
  /** The batch fetches fields of the subjects the plan starts from (an entry point's): per entity, only what the policy allowed is asked. */
  entry: boolean;
}

export interface EntityFetchStep {
  kind: 'entities';
  graph: string;
  batches: EntityBatch[];
  coordinates: string[];
  renamed: boolean;
}

/**
 * The batches of an entity fetch that is never made: its @requires reads a person's or an address's
 * fields (or their keys) through another type, which no partner is sent without a decision. The
 * fields it would give are unresolvable errors on the objects at its paths.
 */
export interface UnsentFetchStep {
  kind: 'unsent';
  graph: string;
  batches: EntityBatch[];
}

export type Step =
  | RootFetchStep
  | EntityFetchStep
  | UnsentFetchStep
  | { kind: 'sequence' | 'parallel'; steps: Step[] }
  | { kind: 'condition'; variable: string; then: Step | undefined; otherwise: Step | undefined };

/** A place where the plan reaches a person or an address, and the client's selection on it. */
export interface SubjectPlace {
  /** The plan keys from the root ("." + key each); lists are walked through. */
  planPath: string;
  selections: readonly SelectionNode[];
  /** At an interface or union a subject implements or belongs to: the objects of this subject type there, with `selections` for it. */
  type?: string;
}

export interface CompiledPlan {
  steps: Step;
  subjects: SubjectPlace[];
}

/**
 * A plan from the planning supergraph's entry field (entry-supergraph.ts): its synthetic fetch is not
 * made, the objects at `field` are decided subjects of `type` the executor holds (their keys under
 * internal keys), and the client's selection on them is `selections`. Paths start at those objects.
 */
export interface EntryPoint {
  graph: string;
  field: string;
  type: string;
  selections: readonly SelectionNode[];
  /** The type's key fields: the only fields of these subjects a representation may carry. */
  keys: ReadonlySet<string>;
}
