/**
 * What the policy allowed of each decided subject, per partner (decisions.ts fills it), and how an
 * entry point's fetches (plan-compile.ts `EntryPoint`) ask only that: per entity, the plan's fields
 * for its subjects are cut to the allowed ones (a count or an existence to its items' type names), the
 * subject's key fields stay, and nothing else of it is asked. Minimised fields are transformed as soon
 * as their partner answered, before any plan step below them could read them.
 */
import { Kind, type FieldNode, type InlineFragmentNode, type SelectionNode } from 'graphql';
import type { Minimisation } from '../../schema/classification.ts';
import { minimised } from './decisions.ts';
import { INTERNAL, unrenamed } from './keys.ts';
import { down } from './path.ts';
import type { Located } from './plan-run.ts';
import { keyFieldNames } from './project.ts';
import type { Obj, State } from './types.ts';

export interface AllowedField {
  /** The client's response key. */
  key: string;
  name: string;
  coordinate: string;
  /** A count or an existence: only the items' type names are asked. */
  bare: boolean;
  transform: Minimisation | undefined;
}

/** Per subject object: partner → tree key → what was allowed of it. */
export type AllowedFields = WeakMap<Obj, Map<string, Map<string, AllowedField>>>;

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

export function allowField(state: State, obj: Obj, graph: string, treeKey: string, field: AllowedField): void {
  let byGraph = state.allowed.get(obj);
  if (!byGraph) state.allowed.set(obj, (byGraph = new Map()));
  let fields = byGraph.get(graph);
  if (!fields) byGraph.set(graph, (fields = new Map()));
  fields.set(treeKey, field);
}

function signature(fields: ReadonlyMap<string, AllowedField> | undefined): string {
  if (!fields) return '';
  let out = '';
  for (const [key, f] of fields) out += `${key}${f.bare ? '!' : ''},`;
  return out;
}

/** The located subjects grouped by what they may be asked of `graph`, each group with its cut fragments; a subject with nothing to ask is left out. */
export function allowedGroups(state: State, graph: string, fragments: readonly InlineFragmentNode[], located: readonly Located[]): { fragments: InlineFragmentNode[]; located: Located[] }[] {
  const groups = new Map<string, { fragments: InlineFragmentNode[]; located: Located[] } | null>();
  for (const at of located) {
    const fields = state.allowed.get(at.obj)?.get(graph);
    const sig = signature(fields);
    let group = groups.get(sig);
    if (group === undefined) {
      const cut = fragments.map((f) => ({ ...f, selectionSet: { kind: Kind.SELECTION_SET, selections: cutSelections(state, f.typeCondition?.name.value ?? '', f.selectionSet.selections, fields) } }) as InlineFragmentNode);
      const asks = cut.some((f) => f.selectionSet.selections.some((s) => s !== TYPENAME && !(s.kind === Kind.FIELD && s.name.value === '__typename')));
      groups.set(sig, (group = asks ? { fragments: cut, located: [] } : null));
    }
    group?.located.push(at);
  }
  return [...groups.values()].filter((g): g is { fragments: InlineFragmentNode[]; located: Located[] } => g !== null);
}

function cutSelections(state: State, typeName: string, selections: readonly SelectionNode[], fields: ReadonlyMap<string, AllowedField> | undefined): SelectionNode[] {
  const out: SelectionNode[] = [];
  for (const sel of selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      out.push({ ...sel, selectionSet: { kind: Kind.SELECTION_SET, selections: cutSelections(state, sel.typeCondition?.name.value ?? typeName, sel.selectionSet.selections, fields) } });
      continue;
    }
    if (sel.kind !== Kind.FIELD) continue;
    const key = unrenamed(sel.alias?.value ?? sel.name.value);
    if (sel.name.value === '__typename') out.push(sel);
    else if (key.startsWith(INTERNAL)) {
      // The subject's key fields (for a later fetch of another partner); no other field of it.
      if (keyFieldNames(state.pc, typeName).has(sel.name.value)) out.push(sel);
    } else {
      const allowed = fields?.get(key);
      if (allowed) out.push(allowed.bare && sel.selectionSet ? { ...sel, selectionSet: { kind: Kind.SELECTION_SET, selections: [TYPENAME] } } : sel);
    }
  }
  return out;
}

/** The minimisations of the fields `graph` just answered for these subjects. */
export function minimiseAllowed(state: State, graph: string, prepared: { targets: readonly { at: Located }[]; keysOf: (obj: Obj) => string[] }): void {
  for (const { at } of prepared.targets) {
    const fields = state.allowed.get(at.obj)?.get(graph);
    if (!fields) continue;
    let asked: string[] | undefined;
    for (const [slot, f] of fields) {
      if (!f.transform || at.obj[slot] instanceof Error || !(asked ??= prepared.keysOf(at.obj)).includes(slot)) continue;
      at.obj[slot] = minimised(state, down(at.path, f.key), f.coordinate, f.transform, at.obj[slot] ?? null, at.obj.__typename as string, f.name);
    }
  }
}

/** The "Type.field" coordinates a call for subjects asks (the call's record), in the order of its fragments. */
export function allowedCoordinates(prepared: readonly { fragments: readonly InlineFragmentNode[] }[]): string[] {
  const out = new Set<string>();
  const add = (typeName: string, selections: readonly SelectionNode[]) => {
    for (const sel of selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) add(sel.typeCondition?.name.value ?? typeName, sel.selectionSet.selections);
      else if (sel.kind === Kind.FIELD && sel.name.value !== '__typename' && !unrenamed(sel.alias?.value ?? sel.name.value).startsWith(INTERNAL)) out.add(`${typeName}.${sel.name.value}`);
    }
  };
  for (const p of prepared) for (const f of p.fragments) add(f.typeCondition?.name.value ?? '', f.selectionSet.selections);
  return [...out];
}
