/**
 * The planner's fetch nodes as the plan compiler reads them (plan-compile.ts): each fetch's operation
 * parsed once, its output key renames and input value setters, and the comparison of arguments.
 */
import { Kind, parse, print, type ArgumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { BatchFetchNode, FetchNode, InputRewrite, OutputRewrite, ValueSetter } from '@graphql-hive/router-query-planner';

/** Why the executor cannot run a plan: the operation is refused (QUERY_PLANNING_FAILED). */
export class Unsupported extends Error {}

export interface FetchDocument {
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/** Parsed fetch operations, by the plan's (cached, so lasting) fetch node: parsed once, not per request. */
const parsed = new WeakMap<object, FetchDocument>();

export function documentOf(node: FetchNode | BatchFetchNode): FetchDocument {
  let doc = parsed.get(node);
  if (!doc) parsed.set(node, (doc = parseFetch(node.operation)));
  return doc;
}

function parseFetch(operation: string): FetchDocument {
  const definitions = parse(operation, { noLocation: true }).definitions;
  const op = definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Unsupported('no operation');
  const fragments = new Map(definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  return { operation: op, fragments };
}

/** Output key renames (`_internal_qp_alias_N` back to a response key), by the path of keys in the fetch's answer. */
export function renamesOf(rewrites: readonly OutputRewrite[] | undefined): Map<string, string> {
  const renames = new Map<string, string>();
  for (const rewrite of rewrites ?? []) {
    if (!('KeyRenamer' in rewrite)) throw new Unsupported('output value setter');
    const keys = rewrite.KeyRenamer.path.flatMap((s) => ('Key' in s ? [s.Key] : []));
    renames.set(keys.map((k) => `.${k}`).join(''), rewrite.KeyRenamer.renameKeyTo);
  }
  return renames;
}

export function valueSetters(rewrites: readonly InputRewrite[] | undefined): ValueSetter[] {
  const setters: ValueSetter[] = [];
  for (const rewrite of rewrites ?? []) {
    if ('ValueSetter' in rewrite) setters.push(rewrite.ValueSetter);
    else if ('KeyRenamer' in rewrite) throw new Unsupported('input key renamer');
    else setters.push({ path: rewrite.path, setValueTo: rewrite.setValueTo });
  }
  return setters;
}

/** A field's arguments as text, in name order (the planner may reorder them). */
export function argumentsText(args: readonly ArgumentNode[] | undefined): string {
  return args?.length ? args.map((a) => print(a)).sort().join(',') : '';
}
