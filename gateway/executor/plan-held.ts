/**
 * What the executor's object tree holds at each place of a query plan (plan-compile.ts). One plan
 * key can name two fields at one place: the client's `{ id: name }` beside the `id` the next partner
 * needs as key (the planner renames the client's field to send both). The tree holds the first
 * under the client's key `id` and the second under the internal `_dp_id`; a value of one field may
 * also be held under both keys (on some types of a union the client selected it, on others the plan
 * fetched it for itself). So a plan path alone does not say where its value is: each read of the
 * plan (a Flatten path, a representation's field) is resolved to the tree keys that hold that very
 * field, and a tree key that holds another field at the same place (on objects of the types read:
 * `... on Book { id } ... on Movie { id: director }`) is never read for it; no alias a client writes
 * can reach a value the plan fetched for itself or stand in for it.
 */
import { isAbstractType, type GraphQLSchema } from 'graphql';
import type { RequiresSelection } from '@graphql-hive/router-query-planner';
import { INTERNAL } from './keys.ts';
import { Unsupported } from './plan-fetch.ts';
import type { Need } from './plan-steps.ts';

/** A field the tree holds for a plan path: under which tree key, which field with which arguments, whether it is the client's, and on objects of which types. */
export interface Held {
  tree: string;
  field: string;
  args: string;
  client: boolean;
  /** The object types (and abstract types, for an interface object's values) whose objects may hold it there. */
  types: Set<string>;
}

/** Types of the objects a read is for; undefined: any. */
type Reads = ReadonlySet<string> | undefined;

const identity = (held: Omit<Held, 'types'>) => `${held.field}(${held.args})`;
const parentOf = (planPath: string) => planPath.slice(0, planPath.lastIndexOf('.'));
const overlaps = (types: ReadonlySet<string>, reads: Reads) => reads === undefined || [...types].some((t) => reads.has(t));

export class Holdings {
  /** Plan path ("." + plan keys) → what the tree holds for it. */
  private readonly byPath = new Map<string, Held[]>();
  /** Parent plan path and tree key → what the tree holds under that key there (for any plan key). */
  private readonly byTree = new Map<string, Held[]>();
  private readonly expanded = new Map<string, ReadonlySet<string>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** A type's objects: the type itself and, for an abstract one, every possible type. */
  typesOf(typeName: string): ReadonlySet<string> {
    let types = this.expanded.get(typeName);
    if (!types) {
      const type = this.schema.getType(typeName);
      types = new Set([typeName, ...(type && isAbstractType(type) ? this.schema.getPossibleTypes(type).map((t) => t.name) : [])]);
      this.expanded.set(typeName, types);
    }
    return types;
  }

  /** The tree holds `value` for `planPath` on objects of `typeName`. */
  hold(planPath: string, value: Omit<Held, 'types'>, typeName: string): void {
    const list = this.byPath.get(planPath) ?? [];
    this.byPath.set(planPath, list);
    const known = list.find((h) => h.tree === value.tree && identity(h) === identity(value));
    if (known) {
      for (const t of this.typesOf(typeName)) known.types.add(t);
      return;
    }
    const held: Held = { ...value, types: new Set(this.typesOf(typeName)) };
    list.push(held);
    const slot = `${parentOf(planPath)} ${held.tree}`;
    this.byTree.set(slot, [...(this.byTree.get(slot) ?? []), held]);
  }

  has(planPath: string): boolean {
    return this.byPath.has(planPath);
  }

  /** Whether the client's key holds the path's field on objects of `reads` (the client's selection continues below it). */
  client(planPath: string, reads: Reads): boolean {
    return this.at(planPath, reads).some((h) => h.client);
  }

  /** The one field a path through the plan's answer names on objects of `reads` (undefined where nothing was fetched). */
  named(planPath: string, reads: Reads): Held | undefined {
    const held = this.at(planPath, reads);
    if (new Set(held.map(identity)).size > 1) throw new Unsupported(`path ${planPath} names more than one field`);
    return held[0];
  }

  /** The tree keys a Flatten path follows at `planPath` from objects of `reads`: every key that holds its field, internal ones first. */
  pathKeys(planPath: string, reads: Reads): string[] {
    if (this.named(planPath, reads) === undefined) throw new Unsupported(`path ${planPath}, never fetched`);
    return this.clean(planPath, this.at(planPath, reads), reads);
  }

  /** The representation's fields in tree keys, for the objects at `planPaths` (of the types `reads`). */
  needs(requires: readonly RequiresSelection[], planPaths: readonly string[], reads?: Reads): Need[] {
    return requires.map((sel): Need => {
      if (sel.kind === 'InlineFragment') return { kind: 'fragment', typeCondition: sel.typeCondition, selections: this.needs(sel.selections, planPaths, this.typesOf(sel.typeCondition)) };
      if (sel.kind !== 'Field') throw new Unsupported('fragment spread in requires');
      if (sel.name === '__typename') return { kind: 'typename', as: sel.alias ?? sel.name };
      // `name` is the plan key the value is read from; the representation names the field itself (`alias`, when the planner aliased it).
      const field = sel.alias ?? sel.name;
      const at = planPaths.map((p) => `${p}.${sel.name}`);
      const from = new Set<string>();
      const args = new Set<string>();
      for (const planPath of at) {
        const held = this.at(planPath, reads).filter((h) => h.field === field);
        if (held.length === 0) throw new Unsupported(`requires ${planPath}, never fetched`);
        for (const tree of this.clean(planPath, held, reads)) from.add(tree);
        for (const h of held) args.add(h.args);
      }
      if (args.size > 1) throw new Unsupported(`requires ${at[0]} with more than one set of arguments`);
      // Below the field, objects of any type (strict: a key holding another field on any type is not read).
      const selections = sel.selections?.length ? this.needs(sel.selections, at) : undefined;
      return { kind: 'field', from: [...from].sort(internalFirst), as: field, ...(selections ? { selections } : {}) };
    });
  }

  private at(planPath: string, reads: Reads): Held[] {
    return (this.byPath.get(planPath) ?? []).filter((h) => overlaps(h.types, reads));
  }

  /**
   * The tree keys of `held` (one field at `planPath`); a key that holds another field there too, on
   * objects of the types read, cannot be read for it.
   */
  private clean(planPath: string, held: readonly Held[], reads: Reads): string[] {
    const trees = [...new Set(held.map((h) => h.tree))];
    const field = identity(held[0]!);
    for (const tree of trees) {
      const others = this.byTree.get(`${parentOf(planPath)} ${tree}`)!.filter((h) => identity(h) !== field && overlaps(h.types, reads));
      if (others.length > 0) throw new Unsupported(`${planPath} under a key that holds another field`);
    }
    return trees.sort(internalFirst);
  }
}

/** The plan's own (internal) keys first: where both hold a field, it was fetched for the plan's use there. */
function internalFirst(a: string, b: string): number {
  return Number(!a.startsWith(INTERNAL)) - Number(!b.startsWith(INTERNAL));
}
