/**
 * The planning supergraph for completing persons and addresses (subject-plan.ts): the supergraph
 * with one synthetic subgraph, `_dp_entry`, that serves a root field `_dp_<Type>: [Type]` per subject
 * type and holds the subject's id field as its key. Planning `{ _dp_Persoon { … } }` then gives the
 * planner's plan for completing persons the gateway already holds (by key): the synthetic fetch is
 * never made (its answer is the decided persons themselves), every other step is a real partner's.
 *
 * Adding a graph to a type changes what its fields without `@join__field` mean ("in every graph of
 * the type"), so such fields of the changed types get an explicit `@join__field` per original graph.
 */
import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';

/** The synthetic graph's name (as the planner's fetches name it) and its `join__Graph` value. */
export const ENTRY_GRAPH = '_dp_entry';
const ENTRY_ENUM = '_DP_ENTRY';

/** The root field through which the planner is given the subjects of `typeName`. */
export function entryField(typeName: string): string {
  return `_dp_${typeName}`;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

function directive(directiveName: string, args: Record<string, string | { enum: string }>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: name(directiveName),
    arguments: Object.entries(args).map(([arg, value]) => ({
      kind: Kind.ARGUMENT,
      name: name(arg),
      value: typeof value === 'string' ? { kind: Kind.STRING, value } : { kind: Kind.ENUM, value: value.enum },
    })),
  };
}

const joinType = (graph: string, key?: string) => directive('join__type', key ? { graph: { enum: graph }, key } : { graph: { enum: graph } });
const joinField = (graph: string) => directive('join__field', { graph: { enum: graph } });

function graphsOf(def: ObjectTypeDefinitionNode): string[] {
  return (def.directives ?? []).flatMap((d) => {
    if (d.name.value !== 'join__type') return [];
    const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
    return graph?.kind === Kind.ENUM ? [graph.value] : [];
  });
}

/** Fields without `@join__field` named in every original graph of the type, so the new graph gets none of them. */
function pinned(fields: readonly FieldDefinitionNode[], graphs: readonly string[]): FieldDefinitionNode[] {
  return fields.map((f) =>
    (f.directives ?? []).some((d) => d.name.value === 'join__field') ? f : { ...f, directives: [...(f.directives ?? []), ...graphs.map(joinField)] },
  );
}

/** The planning supergraph's SDL, or undefined when the supergraph has none of the subject types or no query type. */
export function entrySupergraphSdl(sdl: string, subjectIdFields: Readonly<Record<string, string>>): string | undefined {
  const doc = parse(sdl, { noLocation: true });
  const objects = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION ? [[d.name.value, d] as const] : [])));
  const subjects = Object.entries(subjectIdFields).filter(([type, id]) => objects.get(type)?.fields?.some((f) => f.name.value === id));
  const query = objects.get('Query');
  if (subjects.length === 0 || !query) return undefined;
  const definitions = doc.definitions.map((def) => {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      const value = { kind: Kind.ENUM_VALUE_DEFINITION, name: name(ENTRY_ENUM), directives: [directive('join__graph', { name: ENTRY_GRAPH, url: '' })] } as const;
      return { ...def, values: [...(def.values ?? []), value] } satisfies EnumTypeDefinitionNode;
    }
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) return def;
    if (def === query) {
      const entries: FieldDefinitionNode[] = subjects.map(([type]) => ({
        kind: Kind.FIELD_DEFINITION,
        name: name(entryField(type)),
        type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NAMED_TYPE, name: name(type) } },
        directives: [joinField(ENTRY_ENUM)],
      }));
      return { ...def, directives: [...(def.directives ?? []), joinType(ENTRY_ENUM)], fields: [...pinned(def.fields ?? [], graphsOf(def)), ...entries] };
    }
    const id = subjectIdFields[def.name.value];
    if (id === undefined || !subjects.some(([type]) => type === def.name.value)) return def;
    const fields = pinned(def.fields ?? [], graphsOf(def)).map((f) => (f.name.value === id ? { ...f, directives: [...(f.directives ?? []), joinField(ENTRY_ENUM)] } : f));
    return { ...def, directives: [...(def.directives ?? []), joinType(ENTRY_ENUM, id)], fields };
  });
  return print({ ...doc, definitions } satisfies DocumentNode);
}
