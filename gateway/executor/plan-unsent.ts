/**
 * A @requires on another type that reads a person's or an address's fields (even its keys), or a
 * type one could be: no partner is sent them without a decision, so such an entity fetch is never
 * made (plan-compile.ts compiles it into an `unsent` step, whose fields are unresolvable errors),
 * and what a fetch selects only for such fetches is not fetched either.
 */
import { Kind, getNamedType, type InlineFragmentNode, type SelectionNode } from 'graphql';
import type { FlattenNodePathSegment, PlanNode, RequiresSelection } from '@graphql-hive/router-query-planner';
import { couldBeSubject, fieldDef, requiresIsSafe, type ProjectContext } from './project.ts';

/** The paths (".field…", from the entity) of a requirement's fields on the way to a person or an address; none when it reads none. */
export function subjectReads(pc: ProjectContext, requires: readonly RequiresSelection[]): string[] {
  const out: string[] = [];
  const walk = (selections: readonly RequiresSelection[], typeName: string | undefined, at: string): boolean => {
    let through = false;
    for (const sel of selections) {
      if (sel.kind === 'InlineFragment') {
        if (walk(sel.selections, sel.typeCondition ?? typeName, at)) through = true;
        continue;
      }
      if (sel.kind !== 'Field' || sel.name === '__typename') continue;
      const def = typeName ? fieldDef(pc, typeName, sel.name) : undefined;
      const named = def ? getNamedType(def.type).name : undefined;
      const path = `${at}.${sel.name}`;
      const here = named !== undefined && (couldBeSubject(pc, named) || (!!sel.selections?.length && walk(sel.selections, named, path)));
      if (here) {
        out.push(path);
        through = true;
      }
    }
    return through;
  };
  walk(requires, undefined, '');
  return out;
}

/** Every path (".field…", from the entity) a requirement reads. */
function readPaths(requires: readonly RequiresSelection[], at = '', out: string[] = []): string[] {
  for (const sel of requires) {
    if (sel.kind === 'InlineFragment') readPaths(sel.selections, at, out);
    else if (sel.kind === 'Field') {
      out.push(`${at}.${sel.name}`);
      if (sel.selections) readPaths(sel.selections, `${at}.${sel.name}`, out);
    }
  }
  return out;
}

/** A Flatten path's place in the plan's answer: "." + each field's plan key. */
export function planPathOf(path: readonly FlattenNodePathSegment[]): string {
  return path.map((s) => (s !== '@' && 'Field' in s ? `.${s.Field}` : '')).join('');
}

/**
 * The plan paths a plan reads only for requirements that go through a person or an address (none
 * at `entryAt`, the subjects an entry point's plan starts from: their representations are cut to
 * their keys). A fetch does not select them for the plan's own use: they would be fetched for no one.
 */
export function unsentReads(pc: ProjectContext, node: PlanNode | undefined, entryAt?: string): Set<string> {
  const unsent = new Set<string>();
  const read = new Set<string>();
  const add = (paths: readonly FlattenNodePathSegment[][], requires: readonly RequiresSelection[]): void => {
    const through = subjectReads(pc, requires);
    for (const path of paths) {
      const at = planPathOf(path);
      if (through.length > 0 && at !== entryAt) {
        for (const p of through) unsent.add(at + p);
        // The fetch's fields that do not need the subjects are sent the rest of the requirement.
        for (const p of readPaths(withoutSubjects(pc, requires))) read.add(at + p);
      } else {
        for (const p of readPaths(requires)) read.add(at + p);
      }
    }
  };
  const visit = (n: PlanNode | undefined): void => {
    if (!n) return;
    if (n.kind === 'Sequence' || n.kind === 'Parallel') n.nodes.forEach(visit);
    else if (n.kind === 'Condition') [n.ifClause, n.elseClause].forEach(visit);
    else if (n.kind === 'Flatten' && n.node.kind === 'Fetch') add([n.path], n.node.requires ?? []);
    else if (n.kind === 'BatchFetch') for (const alias of n.entityBatch.aliases) add(alias.paths, alias.requires);
  };
  visit(node);
  for (const p of read) unsent.delete(p);
  return unsent;
}

/**
 * The fields of an entity fetch whose requirement reads a subject through another type, split:
 * `unsent` the fields whose own @requires in `graph` does so (or that cannot be told apart), `sent`
 * the others, which need only what remains of the requirement without the subjects (`withoutSubjects`).
 */
export function splitUnsent(pc: ProjectContext, graph: string, fragments: readonly InlineFragmentNode[]): { unsent: InlineFragmentNode[]; sent: InlineFragmentNode[] } {
  const unsent: InlineFragmentNode[] = [];
  const sent: InlineFragmentNode[] = [];
  for (const fragment of fragments) {
    const type = fragment.typeCondition!.name.value;
    const parts: { unsent: SelectionNode[]; sent: SelectionNode[] } = { unsent: [], sent: [] };
    for (const sel of fragment.selectionSet.selections) {
      if (sel.kind === Kind.FIELD && sel.name.value === '__typename') continue;
      const requires = sel.kind === Kind.FIELD ? pc.supergraph.types.get(type)?.fields.get(sel.name.value)?.get(graph)?.requires : undefined;
      const safe = sel.kind === Kind.FIELD && (requires === undefined || requiresIsSafe(pc, type, requires));
      parts[safe ? 'sent' : 'unsent'].push(sel);
    }
    for (const part of ['unsent', 'sent'] as const) {
      if (parts[part].length === 0) continue;
      const typename = fragment.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias);
      (part === 'unsent' ? unsent : sent).push({ ...fragment, selectionSet: { kind: Kind.SELECTION_SET, selections: [...typename, ...parts[part]] } });
    }
  }
  return { unsent, sent };
}

/** A requirement without its fields that reach a subject (or a type one could be), and without objects left with nothing but their type name. */
export function withoutSubjects(pc: ProjectContext, requires: readonly RequiresSelection[], typeName?: string): RequiresSelection[] {
  return requires.flatMap((sel): RequiresSelection[] => {
    if (sel.kind === 'InlineFragment') {
      const inner = withoutSubjects(pc, sel.selections, sel.typeCondition ?? typeName);
      return inner.some((s) => s.kind !== 'Field' || s.name !== '__typename') ? [{ ...sel, selections: inner }] : [];
    }
    if (sel.kind !== 'Field' || !sel.selections?.length) return [sel];
    const def = typeName ? fieldDef(pc, typeName, sel.name) : undefined;
    const named = def ? getNamedType(def.type).name : undefined;
    if (named === undefined || couldBeSubject(pc, named)) return [];
    const inner = withoutSubjects(pc, sel.selections, named);
    return inner.some((s) => s.kind !== 'Field' || s.name !== '__typename') ? [{ ...sel, selections: inner }] : [];
  });
}

/** Whether a requirement reaches a subject through a key field of its entity type in `graph` (a key that holds a person's or an address's). */
export function keyThroughSubject(pc: ProjectContext, graph: string, requires: readonly RequiresSelection[]): boolean {
  const tops = new Set(subjectReads(pc, requires).map((path) => path.split('.')[1]!));
  return requires.some(
    (sel) =>
      sel.kind === 'InlineFragment' &&
      !!sel.typeCondition &&
      (pc.supergraph.types.get(sel.typeCondition)?.graphs.get(graph)?.keys ?? []).some((key) =>
        key.selectionSet.selections.some((k) => k.kind === Kind.FIELD && tops.has(k.name.value)),
      ),
  );
}
