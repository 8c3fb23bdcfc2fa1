/**
 * The places of a query plan in the executor's tree: a Flatten path as tree steps (with the client's
 * selection where it ends, and the subject types it stops for past an interface or union a person or
 * an address belongs to), whether a step lies below a subject, and the client's field nodes a plan
 * key names at a place.
 */
import { getNamedType, isAbstractType, type FieldNode, type SelectionNode } from 'graphql';
import type { FlattenNodePathSegment } from '@graphql-hive/router-query-planner';
import { collectFields, subSelections } from './collect.ts';
import { otherTypesOf, subjectTypesOf } from './plan-abstract.ts';
import type { Compiler } from './plan-compile.ts';
import { Unsupported, argumentsText } from './plan-fetch.ts';
import type { PathStep } from './plan-steps.ts';
import { fieldDef } from './project.ts';

/**
 * A Flatten path as tree steps, with where it ends in the plan's answer and the client's selection
 * there. Past an interface or union a subject implements or belongs to, the path goes on for the
 * other types only; `excluded` holds the subject types it stops for at its end.
 */
export function compilePath(c: Compiler, flattenPath: readonly FlattenNodePathSegment[]): { steps: PathStep[]; planPath: string; client: readonly SelectionNode[] | null; excluded: readonly string[] } {
  const steps: PathStep[] = [];
  let planPath = '';
  let typeName = c.rootType;
  let client: readonly SelectionNode[] | null = c.operation.selectionSet.selections;
  let fromEntry = false;
  // The abstract type of a subject boundary just passed: its objects not yet filtered by type.
  let abstract: string | undefined;
  let excluded: readonly string[] = [];
  // The object types a path goes on for past a type condition naming several (`product|[Book, Magazine]`).
  let conditions: readonly string[] | undefined;
  for (const segment of flattenPath) {
    if (abstract && segment !== '@') {
      const types = 'TypeCondition' in segment ? segment.TypeCondition : [abstract];
      steps.push({ types: otherTypesOf(c.pc, types) });
      excluded = subjectTypesOf(c.pc, abstract);
      abstract = undefined;
      if ('TypeCondition' in segment) {
        if (segment.TypeCondition.length === 1) typeName = segment.TypeCondition[0]!;
        continue;
      }
    }
    if (c.entry && planPath === '' && segment !== '@' && 'Field' in segment && segment.Field === c.entry.field) {
      // Paths start at the entry point's objects: its field and list are not steps.
      planPath = `.${segment.Field}`;
      typeName = c.entry.type;
      client = c.entry.selections;
      fromEntry = true;
      continue;
    }
    if (fromEntry && segment === '@') {
      fromEntry = false;
      continue;
    }
    if (segment === '@') {
      steps.push({ each: true });
      continue;
    }
    excluded = [];
    if ('TypeCondition' in segment) {
      steps.push({ types: segment.TypeCondition });
      if (segment.TypeCondition.length === 1) typeName = segment.TypeCondition[0]!;
      else conditions = segment.TypeCondition;
    } else {
      const key = segment.Field;
      planPath += `.${key}`;
      const step = { field: key, keys: [] as readonly string[] };
      const at = planPath;
      const reads = conditions ? new Set(conditions.flatMap((t) => [...c.held.typesOf(t)])) : c.held.typesOf(typeName);
      c.reads.push(() => (step.keys = c.held.pathKeys(at, reads)));
      steps.push(step);
      const held = c.held.named(planPath, reads);
      // The client's selection continues below only where the client's key holds the plan's field.
      const found: FieldNode[] | undefined = client && c.held.client(planPath, reads) ? clientNodes(c, typeName, client, key) : undefined;
      const nodes: FieldNode[] | undefined = found && held && found[0]!.name.value === held.field && argumentsText(found[0]!.arguments) === held.args ? found : undefined;
      const next = fieldTypeOn(c, conditions ?? [typeName], held?.field ?? key);
      client = nodes ? subSelections(c.pc, nodes) : null;
      if (!next) throw new Unsupported(`path ${planPath}`);
      typeName = next;
      conditions = undefined;
      abstract = c.abstract.get(planPath);
    }
  }
  if (abstract) {
    steps.push({ types: otherTypesOf(c.pc, [abstract]) });
    excluded = subjectTypesOf(c.pc, abstract);
  }
  return { steps, planPath, client, excluded };
}

/**
 * Whether all paths lie below a person or an address (the step is dropped): below a subject's
 * place, or past an interface or union one implements or belongs to for subject types only. Some
 * but not all cannot be split.
 */
export function belowSubject(c: Compiler, flattenPaths: readonly FlattenNodePathSegment[][]): boolean {
  const below = flattenPaths.map((path) => {
    let planPath = '';
    let abstract: string | undefined;
    for (const segment of path) {
      if (segment === '@') continue;
      if ('TypeCondition' in segment) {
        if (abstract && otherTypesOf(c.pc, segment.TypeCondition).length === 0) return true;
        abstract = undefined;
        continue;
      }
      planPath += `.${segment.Field}`;
      if (c.subjectPaths.has(planPath)) return true;
      abstract = c.abstract.get(planPath);
    }
    return false;
  });
  if (below.every(Boolean)) return true;
  if (below.some(Boolean)) throw new Unsupported('a batch partly below a subject');
  return false;
}

/**
 * The client's field nodes of response key `key` on objects of `typeName`. On an abstract type (an
 * interface object's entities, a field of interface type) every possible type's selection counts;
 * a key that names different fields on different types is refused.
 */
export function clientNodes(c: Compiler, typeName: string, client: readonly SelectionNode[], key: string): FieldNode[] | undefined {
  const type = c.pc.supergraph.schema.getType(typeName);
  // The abstract type itself too: an interface only an @interfaceObject serves may have no implementation.
  const types = type && isAbstractType(type) ? [typeName, ...c.pc.supergraph.schema.getPossibleTypes(type).map((t) => t.name)] : [typeName];
  let nodes: FieldNode[] | undefined;
  for (const possible of types) {
    const found = collectFields(c.pc, possible, client).get(key);
    if (found) nodes = nodes ? [...nodes, ...found.filter((n) => !nodes!.includes(n))] : found;
  }
  const first = nodes?.[0];
  if (first && nodes!.some((n) => n.name.value !== first.name.value || argumentsText(n.arguments) !== argumentsText(first.arguments))) {
    throw new Unsupported(`${key} names different fields on the types or at the paths of ${typeName}`);
  }
  return nodes;
}

/**
 * The named type of field `name` on objects of `types`: on the type itself, or (a field only some
 * possible types declare, reached through a type condition) on every type that declares it, when
 * they agree.
 */
function fieldTypeOn(c: Compiler, types: readonly string[], name: string): string | undefined {
  const named = new Set<string>();
  for (const typeName of types) {
    const own = fieldDef(c.pc, typeName, name);
    if (own) {
      named.add(getNamedType(own.type).name);
      continue;
    }
    const type = c.pc.supergraph.schema.getType(typeName);
    const possible = type && isAbstractType(type) ? c.pc.supergraph.schema.getPossibleTypes(type) : [];
    for (const p of possible) {
      const def = fieldDef(c.pc, p.name, name);
      if (def) named.add(getNamedType(def.type).name);
    }
  }
  return named.size === 1 ? [...named][0] : undefined;
}
