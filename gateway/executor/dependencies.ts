/**
 * What an `_entities` call needs from an object: the partners that could give a key or @requires
 * field as a dependency, the top-level names those need, and the representation built from the
 * values the executor holds under internal keys (a missing one or a partner's error holds it back).
 */
import { Kind, type SelectionSetNode } from 'graphql';
import { internalName } from './keys.ts';
import { requiresIsSafe, type DependencyTarget, type ProjectContext, type Target } from './project.ts';
import { resolvingGraphs } from './supergraph.ts';

type Obj = Record<string, unknown>;

function pick(obj: Obj, set: SelectionSetNode, top: boolean, out: Obj): boolean {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      const value = obj[top ? internalName(name) : name];
      if (value === undefined || value instanceof Error) return false;
      if (sel.selectionSet && value !== null) {
        const sub = sel.selectionSet;
        if (Array.isArray(value)) {
          const items: unknown[] = [];
          for (const item of value) {
            const o: Obj = typenameFor(item, sub);
            if (item === null || !pick(item as Obj, sub, false, o)) return false;
            items.push(o);
          }
          out[name] = items;
        } else {
          const o: Obj = typenameFor(value, sub);
          if (!pick(value as Obj, sub, false, o)) return false;
          out[name] = o;
        }
      } else {
        out[name] = value;
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition?.name.value;
      if (!cond || cond === obj.__typename) {
        if (!pick(obj, sel.selectionSet, top, out)) return false;
      }
    }
  }
  return true;
}

/** Nested objects selected by type (inline fragments) keep their __typename, so a partner can tell them apart. */
function typenameFor(value: unknown, set: SelectionSetNode): Obj {
  if (!set.selections.some((s) => s.kind === Kind.INLINE_FRAGMENT)) return {};
  const typename = value && typeof value === 'object' ? (value as Obj).__typename : undefined;
  return typeof typename === 'string' ? { __typename: typename } : {};
}

/** The representation for an `_entities` call to `target`, or undefined while a value is missing. */
export function buildRepresentation(obj: Obj, target: Target): Obj | undefined {
  for (const key of target.keys) {
    const rep: Obj = { __typename: target.repTypename };
    if (!pick(obj, key.selectionSet, true, rep)) continue;
    if (target.requires && !pick(obj, target.requires, true, rep)) return undefined;
    return rep;
  }
  return undefined;
}

/** The partners that could give `typeName.fieldName` as a dependency, in the supergraph's order (cached). */
export function dependencyTargets(pc: ProjectContext, typeName: string, fieldName: string): DependencyTarget[] {
  const coordinate = `${typeName}.${fieldName}`;
  let candidates = pc.dependencyTargets.get(coordinate);
  if (candidates) return candidates;
  candidates = [];
  for (const graph of resolvingGraphs(pc.supergraph, typeName, fieldName)) {
    const keys = pc.supergraph.types.get(typeName)?.graphs.get(graph)?.keys.filter((k) => k.resolvable) ?? [];
    if (!keys.length) continue;
    const requires = pc.supergraph.types.get(typeName)?.fields.get(fieldName)?.get(graph)?.requires;
    if (requires && !requiresIsSafe(pc, typeName, requires)) continue;
    const target: Target = { graph, repTypename: typeName, keys, ...(requires ? { requires } : {}) };
    candidates.push({
      mark: `${graph}:${fieldName}`,
      keysOnly: { graph, repTypename: typeName, keys },
      target,
      requiresNames: [...dependencyNames({ ...target, keys: [] })],
    });
  }
  pc.dependencyTargets.set(coordinate, candidates);
  return candidates;
}

const keyNamesCache = new WeakMap<Target, Set<string>>();

/** The top-level field names of a target's keys (cached per target). */
export function topKeyNames(target: Target): Set<string> {
  let names = keyNamesCache.get(target);
  if (!names) {
    names = new Set(target.keys.flatMap((k) => k.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''))));
    keyNamesCache.set(target, names);
  }
  return names;
}

/** The partner error held in place of a value the target needs, if any: it is the dependent field's error too. */
export function dependencyError(obj: Obj, target: Target): Error | undefined {
  for (const name of dependencyNames(target)) {
    const value = obj[internalName(name)];
    if (value instanceof Error) return value;
  }
  return undefined;
}

/** Top-level names of the fields a target's keys and @requires need from the object. */
const dependencyNamesCache = new WeakMap<Target, Set<string>>();

export function dependencyNames(target: Target): Set<string> {
  const cached = dependencyNamesCache.get(target);
  if (cached) return cached;
  const names = new Set<string>();
  const add = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) add(sel.selectionSet);
    }
  };
  for (const key of target.keys) add(key.selectionSet);
  if (target.requires) add(target.requires);
  dependencyNamesCache.set(target, names);
  return names;
}
