/**
 * The subject boundary on an interface or a union a person or an address implements or belongs to
 * (plan-compile.ts builds it): the selections of one possible type, the subject types among the
 * possible types, and the other types a plan step at such a place is run for.
 */
import { Kind, isAbstractType, type FieldNode, type FragmentDefinitionNode, type SelectionNode } from 'graphql';
import type { RequiresSelection } from '@graphql-hive/router-query-planner';
import { collectFields, conditionApplies } from './collect.ts';
import { Unsupported } from './plan-fetch.ts';
import type { SubjectPlace } from './plan-steps.ts';
import { internalSelections, type ProjectContext } from './project.ts';
import { possibleTypesInGraph } from './supergraph.ts';

/** What the boundary reads and records of the plan compiler. */
export interface BoundaryContext {
  pc: ProjectContext;
  /** The partner of the fetch being compiled. */
  graph: string;
  subjects: SubjectPlace[];
  /** Plan path → the interface or union there that a subject implements or belongs to. */
  abstract: Map<string, string>;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * The subject boundary at an interface or a union a person or an address implements or belongs
 * to (at `planPaths`), per possible type in the partner: a subject type's keys only, and only when
 * the client selects its fields (`client`: its selection at that place); there its objects are the
 * next round's subjects, with the client's selection for that type. For another type, what the plan
 * selects of it (`rewrite`, in tree keys).
 */
export function abstractBoundary(
  c: BoundaryContext,
  typeName: string,
  client: readonly SelectionNode[] | null,
  planPaths: readonly string[],
  rewrite: (possible: string) => SelectionNode[],
): SelectionNode[] {
  // A partner that holds the interface as an @interfaceObject knows none of its types.
  if (c.pc.supergraph.types.get(typeName)?.graphs.get(c.graph)?.isInterfaceObject) throw new Unsupported('an interface object a subject implements');
  for (const planPath of planPaths) c.abstract.set(planPath, typeName);
  const out: SelectionNode[] = [TYPENAME];
  for (const possible of possibleTypesInGraph(c.pc.supergraph, typeName, c.graph)) {
    let inner: SelectionNode[];
    if (possible in c.pc.subjectIdFields) {
      const own = client ? clientSelectionFor(c.pc, client, possible) : [];
      if (![...collectFields(c.pc, possible, own).values()].some((nodes) => !nodes[0]!.name.value.startsWith('__'))) continue;
      for (const planPath of planPaths) {
        if (!c.subjects.some((s) => s.planPath === planPath && s.type === possible)) c.subjects.push({ planPath, selections: own, type: possible });
      }
      inner = internalSelections(c.pc, c.graph, possible);
    } else {
      // The top-level __typename asks it of every object already.
      inner = rewrite(possible).filter((s) => s.kind !== Kind.FIELD || s.name.value !== '__typename' || s.alias);
      if (inner.length === 0) continue;
    }
    out.push({
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: possible } },
      selectionSet: { kind: Kind.SELECTION_SET, selections: [TYPENAME, ...inner] },
    });
  }
  return out;
}

/** A requirement without its fragments on `types` (subject types a plan step does not run for). */
export function withoutTypes(requires: RequiresSelection[], types: ReadonlySet<string>): RequiresSelection[] {
  if (types.size === 0) return requires;
  return requires.filter((sel) => sel.kind !== 'InlineFragment' || !sel.typeCondition || !types.has(sel.typeCondition));
}

/** The concrete types of `typeName` (itself when it is an object type). */
function concreteTypes(pc: ProjectContext, typeName: string): string[] {
  const type = pc.supergraph.schema.getType(typeName);
  if (!type) return [];
  return isAbstractType(type) ? pc.supergraph.schema.getPossibleTypes(type).map((t) => t.name) : [typeName];
}

/** The person and address types among the possible types of `typeName`. */
export function subjectTypesOf(pc: ProjectContext, typeName: string): string[] {
  return concreteTypes(pc, typeName).filter((t) => t in pc.subjectIdFields);
}

/** The concrete types of `typeNames` that are no person or address: those a plan step at an abstract place runs for. */
export function otherTypesOf(pc: ProjectContext, typeNames: readonly string[]): string[] {
  return [...new Set(typeNames.flatMap((t) => concreteTypes(pc, t)))].filter((t) => !(t in pc.subjectIdFields));
}

/**
 * The plan's selection on an abstract type as it applies to objects of the possible type
 * `typeName`: fragments of other types left out, the others' fields in place (a fragment with
 * @skip or @include stays one, without its type condition), named fragments of the fetch inlined.
 */
export function planSelectionFor(
  pc: ProjectContext,
  selections: readonly SelectionNode[],
  typeName: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): SelectionNode[] {
  return selections.flatMap((sel): SelectionNode[] => {
    if (sel.kind === Kind.FIELD) return [sel];
    const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
    // An unknown fragment stays as it is: the compiler refuses it.
    if (!fragment) return [sel];
    if (!conditionApplies(pc.supergraph.schema, fragment.typeCondition?.name.value, typeName)) return [];
    const inner = planSelectionFor(pc, fragment.selectionSet.selections, typeName, fragments);
    if (!sel.directives?.length) return inner;
    return [{ kind: Kind.INLINE_FRAGMENT, directives: sel.directives, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } }];
  });
}

/**
 * The client's selection on an abstract type for the subjects of `typeName` at that place (the
 * next round plans it as a selection on that type): fragments and named fragments of other types
 * left out, the rest as the client wrote it.
 */
export function clientSelectionFor(pc: ProjectContext, selections: readonly SelectionNode[], typeName: string): SelectionNode[] {
  return selections.filter((sel) => {
    if (sel.kind === Kind.FIELD) return true;
    const condition = sel.kind === Kind.FRAGMENT_SPREAD ? pc.fragments[sel.name.value]?.typeCondition.name.value : sel.typeCondition?.name.value;
    return conditionApplies(pc.supergraph.schema, condition, typeName);
  });
}
