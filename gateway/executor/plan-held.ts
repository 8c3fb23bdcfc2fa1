/**
 * What the executor's object tree holds at each place of a query plan (plan-compile.ts). One plan
 * key can name two fields at one place: the client's `{ id: name }` beside the `id` the next partner
 * needs as key (the planner renames the client's field to send both). The tree holds the first
 * under the client's key `id` and the second under the internal `_dp_id`; a value of one field may
 * also be held under both keys (on some types of a union the client selected it, on others the plan
 * fetched it for itself). So a plan path alone does not say where its value is: each read of the
 * plan (a Flatten path, a representation's field) is resolved to the tree keys that hold that very
 * field, and a tree key that holds another field at the same place is never read for it; no alias a
 * client writes can reach a value the plan fetched for itself or stand in for it.
 */
import type { RequiresSelection } from '@graphql-hive/router-query-planner';
import { INTERNAL } from './keys.ts';
import { Unsupported } from './plan-fetch.ts';
import type { Need } from './plan-steps.ts';

/** A field the tree holds for a plan path: under which tree key, which field with which arguments, and whether it is the client's. */
export interface Held {
  tree: string;
  field: string;
  args: string;
  client: boolean;
}

const identity = (held: Held) => `${held.field}(${held.args})`;
const parentOf = (planPath: string) => planPath.slice(0, planPath.lastIndexOf('.'));

export class Holdings {
  /** Plan path ("." + plan keys) → what the tree holds for it. */
  private readonly byPath = new Map<string, Held[]>();
  /** Parent plan path and tree key → the fields (identities) held under that key there. */
  private readonly byTree = new Map<string, Set<string>>();

  hold(planPath: string, held: Held): void {
    const list = this.byPath.get(planPath) ?? [];
    if (!list.some((h) => h.tree === held.tree && identity(h) === identity(held))) list.push(held);
    this.byPath.set(planPath, list);
    const slot = `${parentOf(planPath)} ${held.tree}`;
    const fields = this.byTree.get(slot) ?? new Set();
    this.byTree.set(slot, fields.add(identity(held)));
  }

  has(planPath: string): boolean {
    return this.byPath.has(planPath);
  }

  /** Whether the client's key holds the path's field (the client's selection continues below it). */
  client(planPath: string): boolean {
    return (this.byPath.get(planPath) ?? []).some((h) => h.client);
  }

  /** The one field a path through the plan's answer names (undefined where nothing was fetched). */
  named(planPath: string): Held | undefined {
    const held = this.byPath.get(planPath) ?? [];
    if (new Set(held.map(identity)).size > 1) throw new Unsupported(`path ${planPath} names more than one field`);
    return held[0];
  }

  /** The tree keys a Flatten path follows at `planPath`: every key that holds its field, internal ones first. */
  pathKeys(planPath: string): string[] {
    if (this.named(planPath) === undefined) throw new Unsupported(`path ${planPath}, never fetched`);
    return this.clean(planPath, this.byPath.get(planPath)!);
  }

  /** The representation's fields in tree keys, for the objects at `planPaths`. */
  needs(requires: readonly RequiresSelection[], planPaths: readonly string[]): Need[] {
    return requires.map((sel): Need => {
      if (sel.kind === 'InlineFragment') return { kind: 'fragment', typeCondition: sel.typeCondition, selections: this.needs(sel.selections, planPaths) };
      if (sel.kind !== 'Field') throw new Unsupported('fragment spread in requires');
      if (sel.name === '__typename') return { kind: 'typename', as: sel.alias ?? sel.name };
      // `name` is the plan key the value is read from; the representation names the field itself (`alias`, when the planner aliased it).
      const field = sel.alias ?? sel.name;
      const at = planPaths.map((p) => `${p}.${sel.name}`);
      const from = new Set<string>();
      for (const planPath of at) {
        const held = (this.byPath.get(planPath) ?? []).filter((h) => h.field === field);
        if (held.length === 0) throw new Unsupported(`requires ${planPath}, never fetched`);
        for (const tree of this.clean(planPath, held)) from.add(tree);
      }
      const args = new Set(at.flatMap((p) => (this.byPath.get(p) ?? []).filter((h) => h.field === field).map((h) => h.args)));
      if (args.size > 1) throw new Unsupported(`requires ${at[0]} with more than one set of arguments`);
      const selections = sel.selections?.length ? this.needs(sel.selections, at) : undefined;
      return { kind: 'field', from: [...from].sort(internalFirst), as: field, ...(selections ? { selections } : {}) };
    });
  }

  /** The tree keys of `held` (one field at `planPath`); a key that holds another field there too cannot be read for it. */
  private clean(planPath: string, held: readonly Held[]): string[] {
    const trees = [...new Set(held.map((h) => h.tree))];
    for (const tree of trees) {
      if (this.byTree.get(`${parentOf(planPath)} ${tree}`)!.size > 1) throw new Unsupported(`${planPath} under a key that holds another field`);
    }
    return trees.sort(internalFirst);
  }
}

/** The plan's own (internal) keys first: where both hold a field, it was fetched for the plan's use there. */
function internalFirst(a: string, b: string): number {
  return Number(!a.startsWith(INTERNAL)) - Number(!b.startsWith(INTERNAL));
}
