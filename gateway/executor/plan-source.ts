/**
 * Query plans from Hive Router's planner (`@graphql-hive/router-query-planner`, a native addon):
 * one planner per supergraph, one plan per document and operation name, kept while the supergraph
 * serves. A supergraph or an operation the planner refuses gives no plan; the executor then plans
 * itself (fail closed: never a partial plan). An operation for which the planner finds no path through
 * the subgraphs at all is unsatisfiable: it is refused whole, as the reference gateways do.
 */
import { QueryPlanner, type QueryPlan } from '@graphql-hive/router-query-planner';
import { print, type DocumentNode } from 'graphql';

/** The planner found no way for the subgraphs to resolve the operation: it cannot be executed at all. */
export interface Unsatisfiable {
  unsatisfiable: string;
}

export interface PlanSource {
  plan(document: DocumentNode, operationName: string | null | undefined): QueryPlan | Unsatisfiable | undefined;
  /** The plan of an operation's text (the only operation in it). */
  planText(text: string): QueryPlan | Unsatisfiable | undefined;
}

/** The planner's words for an operation no path through the subgraphs can resolve (its other failures are its own limits). */
const NO_PATH = /walker failed to locate path: (.*)$/;

const NO_LABELS: Set<string> = new Set();
/** Plans kept per supergraph; the oldest goes first (a client sending ever new documents cannot grow it). */
const MAX_PLANS = 1000;

export function createPlanSource(supergraphSdl: string): PlanSource {
  let planner: QueryPlanner | undefined;
  try {
    planner = new QueryPlanner(supergraphSdl);
  } catch {
    planner = undefined;
  }
  // By document text: clients send the same operations again, parsed anew each time.
  const texts = new WeakMap<DocumentNode, string>();
  const plans = new Map<string, QueryPlan | Unsatisfiable | undefined>();
  const planOf = (text: string, operationName: string | null | undefined): QueryPlan | Unsatisfiable | undefined => {
    if (!planner) return undefined;
    const key = `${operationName ?? ''}\n${text}`;
    if (plans.has(key)) return plans.get(key);
    let plan: QueryPlan | Unsatisfiable | undefined;
    try {
      plan = planner.plan(text, operationName ?? null, NO_LABELS, 0);
    } catch (error) {
      const noPath = NO_PATH.exec(String(error instanceof Error ? error.message : error));
      plan = noPath ? { unsatisfiable: noPath[1]! } : undefined;
    }
    if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
    return plan;
  };
  return {
    plan(document, operationName) {
      if (!planner) return undefined;
      let text = texts.get(document);
      if (text === undefined) texts.set(document, (text = print(document)));
      return planOf(text, operationName);
    },
    planText: (text) => planOf(text, null),
  };
}
