/**
 * Where an operation would touch persons and addresses, found without running it: every field of a
 * subject type (Persoon, Adres) it selects, by response path, with the partner the executor would
 * ask for it, that partner's classification, and whether the field's subject is named in the
 * operation's arguments (`adres(adresId: …)`, `persoon(bsn: …)`) or only known from a partner's
 * answer (the residents of an address). Field collection and the choice of partner are the
 * executor's own functions, so the paths and owners are the ones a real request has.
 */
import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { Classification, SubjectKind } from '../../schema/classification.ts';
import { collectFields, subSelections } from '../executor/collect.ts';
import type { SubjectType } from '../executor/execute.ts';
import { fieldDef, requiresIsSafe, type ProjectContext } from '../executor/project.ts';
import { interfaceObjectGraphs, resolvingGraphs, type Supergraph } from '../executor/supergraph.ts';

/** The subject of a field: named in the operation's arguments, or known only from a partner's answer. */
export type SubjectRef =
  | { kind: SubjectKind; typename: string; named: string }
  | { kind: SubjectKind; typename: string; answeredBy: { partner: string; path: string } };

export interface FieldSlot {
  /** Response path, dot-separated; `*` stands for every item of a list. */
  path: string;
  coordinate: string;
  /** The partner the executor would ask for the field. */
  owner: string;
  /** The owner's classification; undefined when the owner has not classified the field. */
  classification: Classification | undefined;
  subject: SubjectRef;
  /** The nearest enclosing field of a subject type: this field is only asked when that one is released. */
  parent: FieldSlot | undefined;
}

export interface SlotSchema {
  supergraph: Supergraph;
  /** "<graph>:<Type.field>" → the owner's classification. */
  classifications: ReadonlyMap<string, Classification>;
  subjectTypes: Record<string, SubjectType>;
}

export function findSlots(
  schema: SlotSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): FieldSlot[] {
  const pc: ProjectContext = {
    schema: schema.supergraph.schema,
    supergraph: schema.supergraph,
    fragments,
    variables,
    cache: new WeakMap(),
    subSelectionCache: new WeakMap(),
    subjectIdFields: Object.fromEntries(Object.entries(schema.subjectTypes).map(([t, s]) => [t, s.idField])),
    internalFields: new Map(),
  };
  const slots: FieldSlot[] = [];
  const root = operation.operation === 'mutation' ? pc.schema.getMutationType() : pc.schema.getQueryType();
  if (!root) return slots;

  const walk = (typename: string, selections: readonly SelectionNode[], path: string[], subject: SubjectRef | undefined, parent: FieldSlot | undefined) => {
    const subjectType = schema.subjectTypes[typename];
    for (const [key, nodes] of collectFields(pc, typename, selections)) {
      const name = nodes[0]!.name.value;
      if (name.startsWith('__')) continue;
      const def = fieldDef(pc, typename, name);
      if (!def) continue;
      const fieldPath = [...path, key];
      let slot: FieldSlot | undefined;
      if (subjectType && subject) {
        const owner = ownerOf(pc, schema.supergraph, subjectType, typename, name, nodes);
        if (owner === undefined) continue;
        slot = {
          path: fieldPath.join('.'),
          coordinate: `${typename}.${name}`,
          owner,
          classification: schema.classifications.get(`${owner}:${typename}.${name}`),
          subject,
          parent,
        };
        slots.push(slot);
      }
      const named = getNamedType(def.type);
      if (!isCompositeType(named)) continue;
      const itemPath = [...fieldPath, ...Array.from({ length: listDepth(def.type) }, () => '*')];
      const types = isAbstractType(named) ? pc.schema.getPossibleTypes(named).map((t) => t.name) : [named.name];
      for (const child of types) {
        const childType = schema.subjectTypes[child];
        const childSubject: SubjectRef | undefined = childType
          ? subjectOf(childType, child, typename === root.name ? namedId(def, nodes[0]!, childType, variables) : undefined, {
              partner: slot?.owner ?? resolvingGraphs(schema.supergraph, typename, name)[0] ?? '',
              path: fieldPath.join('.'),
            })
          : undefined;
        walk(child, subSelections(pc, nodes), itemPath, childSubject, slot ?? parent);
      }
    }
  };
  walk(root.name, operation.selectionSet.selections, [], undefined, undefined);
  return slots;
}

function subjectOf(type: SubjectType, typename: string, named: string | undefined, answeredBy: { partner: string; path: string }): SubjectRef {
  return named === undefined ? { kind: type.kind, typename, answeredBy } : { kind: type.kind, typename, named };
}

/** The subject id a root field names in its arguments (`adres(adresId: …)`), for a field that returns one subject. */
function namedId(def: GraphQLField<unknown, unknown>, node: FieldNode, type: SubjectType, variables: Record<string, unknown>): string | undefined {
  if (listDepth(def.type) > 0 || !def.args.some((arg) => arg.name === type.idField)) return undefined;
  const value = getArgumentValues(def, node, variables)[type.idField];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * The partner asked for the field: the registry for the key the gateway already holds; else the first
 * partner that resolves it by a key with a @requires that may be sent, or an @interfaceObject's partner.
 */
function ownerOf(pc: ProjectContext, supergraph: Supergraph, subject: SubjectType, typename: string, name: string, nodes: FieldNode[]): string | undefined {
  const graphs = resolvingGraphs(supergraph, typename, name);
  if (name === subject.idField && !nodes[0]!.arguments?.length) return graphs.includes(subject.registry) ? subject.registry : (graphs[0] ?? subject.registry);
  const reachable = (type: string, graph: string) => {
    const keys = supergraph.types.get(type)?.graphs.get(graph)?.keys.some((k) => k.resolvable);
    const requires = supergraph.types.get(type)?.fields.get(name)?.get(graph)?.requires;
    return !!keys && (!requires || requiresIsSafe(pc, type, requires));
  };
  return graphs.find((graph) => reachable(typename, graph)) ?? interfaceObjectGraphs(supergraph, typename, name).find(({ graph, iface }) => reachable(iface, graph))?.graph;
}

function listDepth(type: GraphQLOutputType): number {
  let depth = 0;
  for (let t = type; isListType(t) || isNonNullType(t); t = t.ofType) if (isListType(t)) depth++;
  return depth;
}
