/**
 * Query plans from Hive Router's planner (`@graphql-hive/router-query-planner`, a native addon):
 * one planner per supergraph, one plan per document and operation name, kept while the supergraph
 * serves. An operation the planner finds no path for through the subgraphs, or cannot plan at all, is
 * refused whole (fail closed: never a partial or guessed plan), as the reference gateways do.
 */
import { QueryPlanner, type QueryPlan } from '@graphql-hive/router-query-planner';
import { Kind, print, type DefinitionNode, type DocumentNode, type FieldNode, type SelectionNode, type SelectionSetNode } from 'graphql';

/** The planner found no way for the subgraphs to resolve the operation: it cannot be executed at all. */
export interface Unsatisfiable {
  unsatisfiable: string;
}

export interface PlanSource {
  plan(document: DocumentNode, operationName: string | null | undefined): QueryPlan | Unsatisfiable;
  /** The plan of an operation's text (the only operation in it). */
  planText(text: string): QueryPlan | Unsatisfiable;
}

/** The planner's words for an operation no path through the subgraphs can resolve. */
const NO_PATH = /walker failed to locate path: (.*)$/;

const NO_LABELS: Set<string> = new Set();
/** Plans kept per supergraph; the oldest goes first (a client sending ever new documents cannot grow it). */
const MAX_PLANS = 1000;

/** Throws when the planner cannot load the supergraph: such a supergraph is not served. */
export function createPlanSource(supergraphSdl: string): PlanSource {
  let planner: QueryPlanner;
  try {
    planner = new QueryPlanner(supergraphSdl);
  } catch (error) {
    throw new Error(`The query planner cannot load this supergraph: ${plannerMessage(error)}`);
  }
  // By document text: clients send the same operations again, parsed anew each time.
  const texts = new WeakMap<DocumentNode, string>();
  const plans = new Map<string, QueryPlan | Unsatisfiable>();
  const planOf = (text: string, operationName: string | null | undefined): QueryPlan | Unsatisfiable => {
    const key = `${operationName ?? ''}\n${text}`;
    const known = plans.get(key);
    if (known) return known;
    let plan: QueryPlan | Unsatisfiable;
    try {
      plan = planner.plan(text, operationName ?? null, NO_LABELS, 0);
    } catch (error) {
      // No path: the subgraphs cannot resolve it. Any other failure is the planner's own limit; either
      // way the operation is refused whole (fail closed: never a partial or guessed plan).
      const noPath = NO_PATH.exec(plannerMessage(error));
      plan = { unsatisfiable: noPath ? noPath[1]! : `the query planner failed: ${plannerMessage(error)}` };
    }
    if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
    return plan;
  };
  return {
    plan(document, operationName) {
      let text = texts.get(document);
      if (text === undefined) texts.set(document, (text = print(withoutIntrospection(document))));
      return planOf(text, operationName);
    },
    planText: (text) => planOf(text, null),
  };
}

/** The planner's message without its prefix ("Failed to plan query: …"), on one line. */
function plannerMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Failed to plan query: /, '').split('\n')[0]!;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** `__schema` and `__type` exist on the root query type only (GraphQL spec, "Schema Introspection"). */
const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * The document without its introspection fields: the gateway answers those from the API schema
 * (shape.ts), the partners are never asked, and the planner knows no path for them. A fragment or
 * inline fragment left empty goes too; an operation left with no field is planned as `{ __typename }`.
 */
export function withoutIntrospection(document: DocumentNode): DocumentNode {
  let found = false;
  const emptied = new Set<string>();
  const strip = (set: SelectionSetNode): SelectionSetNode => {
    const selections = set.selections.flatMap((sel): SelectionNode[] => {
      if (sel.kind === Kind.FIELD) {
        if (INTROSPECTION.has(sel.name.value)) {
          found = true;
          return [];
        }
        if (!sel.selectionSet) return [sel];
        // A field of the query type itself (`viewer { query { __schema … } }`) keeps a selection.
        const inner = strip(sel.selectionSet);
        return [{ ...sel, selectionSet: inner.selections.length ? inner : { ...inner, selections: [TYPENAME] } }];
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) return emptied.has(sel.name.value) ? [] : [sel];
      const inner = strip(sel.selectionSet);
      return inner.selections.length ? [{ ...sel, selectionSet: inner }] : [];
    });
    return { ...set, selections };
  };
  // Fragments first (a fragment spreads only fragments defined apart from it; validation refuses cycles),
  // until no fragment empties any more.
  let definitions: DefinitionNode[] = [...document.definitions];
  for (let size = -1; size !== emptied.size; ) {
    size = emptied.size;
    definitions = definitions.flatMap((def): DefinitionNode[] => {
      if (def.kind !== Kind.FRAGMENT_DEFINITION) return [def];
      const selectionSet = strip(def.selectionSet);
      if (selectionSet.selections.length === 0) {
        emptied.add(def.name.value);
        return [];
      }
      return [{ ...def, selectionSet }];
    });
  }
  definitions = definitions.map((def) => {
    if (def.kind !== Kind.OPERATION_DEFINITION) return def;
    const selectionSet = strip(def.selectionSet);
    // An operation of introspection alone: `{ __typename }` plans to nothing a partner is asked.
    return { ...def, selectionSet: selectionSet.selections.length ? selectionSet : { ...selectionSet, selections: [TYPENAME] } };
  });
  return found ? { ...document, definitions } : document;
}
