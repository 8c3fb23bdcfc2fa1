/**
 * Reads a Federation v2 supergraph (join spec v0.3+) into what the executor needs to know: which
 * partner (graph) can resolve which field of which type, by which keys entities are fetched, and
 * the @requires / @provides / @override / @interfaceObject facts of every field.
 */
import {
  Kind,
  buildASTSchema,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  parse,
  print,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

export interface Graph {
  /** The enum value in the supergraph (e.g. "BRP"). */
  id: string;
  /** The subgraph's name (e.g. "brp"). */
  name: string;
  url: string;
}

export interface KeyInfo {
  selectionSet: SelectionSetNode;
  fields: string;
  resolvable: boolean;
}

export interface TypeInGraph {
  keys: KeyInfo[];
  isInterfaceObject: boolean;
}

export interface FieldInGraph {
  external: boolean;
  requires?: SelectionSetNode;
  provides?: SelectionSetNode;
  usedOverridden: boolean;
}

export interface TypeInfo {
  name: string;
  /** Graph name → how this type appears there. */
  graphs: Map<string, TypeInGraph>;
  /** Field name → graph name → facts. A field without @join__field is in every graph of its type. */
  fields: Map<string, Map<string, FieldInGraph>>;
  /** Graph name → interfaces this type implements in that graph. */
  implementsIn: Map<string, Set<string>>;
  /** Graph name → members of this union in that graph. */
  membersIn: Map<string, Set<string>>;
}

export interface Supergraph {
  /** The supergraph as composed (the query planner reads it). */
  sdl: string;
  schema: GraphQLSchema;
  graphs: Map<string, Graph>;
  types: Map<string, TypeInfo>;
}

function argValue(directive: ConstDirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const v = arg.value;
  switch (v.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return v.value;
    case Kind.BOOLEAN:
      return v.value;
    default:
      return undefined;
  }
}

export function parseFieldSet(fields: string): SelectionSetNode {
  const doc = parse(`{ ${fields} }`, { noLocation: true });
  const op = doc.definitions[0];
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) throw new Error(`Invalid field set: ${fields}`);
  return op.selectionSet;
}

export function loadSupergraph(supergraphSdl: string | DocumentNode): Supergraph {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl, { noLocation: true }) : supergraphSdl;
  const schema = buildASTSchema(document, { assumeValid: true, assumeValidSDL: true });
  const graphs = new Map<string, Graph>();
  const graphNameById = new Map<string, string>();

  for (const def of document.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      for (const value of def.values ?? []) {
        const d = value.directives?.find((x) => x.name.value === 'join__graph');
        if (!d) continue;
        const graph = { id: value.name.value, name: String(argValue(d, 'name')), url: String(argValue(d, 'url') ?? '') };
        graphs.set(graph.name, graph);
        graphNameById.set(graph.id, graph.name);
      }
    }
  }
  const graphOf = (d: ConstDirectiveNode): string | undefined => {
    const id = argValue(d, 'graph');
    return typeof id === 'string' ? graphNameById.get(id) : undefined;
  };

  const types = new Map<string, TypeInfo>();
  for (const def of document.definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.UNION_TYPE_DEFINITION
    ) {
      continue;
    }
    const info: TypeInfo = {
      name: def.name.value,
      graphs: new Map(),
      fields: new Map(),
      implementsIn: new Map(),
      membersIn: new Map(),
    };
    for (const d of def.directives ?? []) {
      const graph = graphOf(d);
      if (!graph) continue;
      if (d.name.value === 'join__type') {
        const entry = info.graphs.get(graph) ?? { keys: [], isInterfaceObject: false };
        const key = argValue(d, 'key');
        if (typeof key === 'string') {
          entry.keys.push({ selectionSet: parseFieldSet(key), fields: key, resolvable: argValue(d, 'resolvable') !== false });
        }
        if (argValue(d, 'isInterfaceObject') === true) entry.isInterfaceObject = true;
        info.graphs.set(graph, entry);
      } else if (d.name.value === 'join__implements') {
        const set = info.implementsIn.get(graph) ?? new Set();
        set.add(String(argValue(d, 'interface')));
        info.implementsIn.set(graph, set);
      } else if (d.name.value === 'join__unionMember') {
        const set = info.membersIn.get(graph) ?? new Set();
        set.add(String(argValue(d, 'member')));
        info.membersIn.set(graph, set);
      }
    }
    if (def.kind !== Kind.UNION_TYPE_DEFINITION) {
      for (const field of def.fields ?? []) {
        const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
        const byGraph = new Map<string, FieldInGraph>();
        if (joins.length === 0) {
          for (const graph of info.graphs.keys()) byGraph.set(graph, { external: false, usedOverridden: false });
        }
        for (const d of joins) {
          const graph = graphOf(d);
          if (!graph) continue; // @join__field without a graph: resolved through an @interfaceObject
          const requires = argValue(d, 'requires');
          const provides = argValue(d, 'provides');
          byGraph.set(graph, {
            external: argValue(d, 'external') === true,
            usedOverridden: argValue(d, 'usedOverridden') === true,
            ...(typeof requires === 'string' ? { requires: parseFieldSet(requires) } : {}),
            ...(typeof provides === 'string' ? { provides: parseFieldSet(provides) } : {}),
          });
        }
        info.fields.set(field.name.value, byGraph);
      }
    }
    types.set(info.name, info);
  }
  return { sdl: typeof supergraphSdl === 'string' ? supergraphSdl : print(document), schema, graphs, types };
}

/** Graphs that can resolve `typeName.fieldName` themselves (not external, not overridden away). */
export function resolvingGraphs(supergraph: Supergraph, typeName: string, fieldName: string): string[] {
  const byGraph = supergraph.types.get(typeName)?.fields.get(fieldName);
  if (!byGraph) return [];
  const result: string[] = [];
  for (const [graph, f] of byGraph) if (!f.external && !f.usedOverridden) result.push(graph);
  return result;
}

/**
 * Graphs that hold `fieldName` for objects of `typeName` only through an interface they model as an
 * @interfaceObject; such a graph is asked with the interface's name as __typename.
 */
export function interfaceObjectGraphs(supergraph: Supergraph, typeName: string, fieldName: string): { graph: string; iface: string }[] {
  const type = supergraph.schema.getType(typeName);
  if (!isObjectType(type)) return [];
  const result: { graph: string; iface: string }[] = [];
  for (const iface of type.getInterfaces()) {
    const info = supergraph.types.get(iface.name);
    if (!info) continue;
    for (const [graph, inGraph] of info.graphs) {
      if (!inGraph.isInterfaceObject) continue;
      const f = info.fields.get(fieldName)?.get(graph);
      if (f && !f.external) result.push({ graph, iface: iface.name });
    }
  }
  return result;
}

/** Concrete types a graph can return for an abstract type, as that graph knows them. */
export function possibleTypesInGraph(supergraph: Supergraph, abstractName: string, graph: string): string[] {
  const abstract = supergraph.schema.getType(abstractName);
  if (!abstract || !isAbstractType(abstract)) return [];
  const info = supergraph.types.get(abstractName);
  if (isInterfaceType(abstract)) {
    return supergraph.schema
      .getPossibleTypes(abstract)
      .map((t) => t.name)
      .filter((name) => {
        const t = supergraph.types.get(name);
        if (!t?.graphs.has(graph)) return false;
        const impl = t.implementsIn.get(graph);
        // Types without join__implements (older supergraphs) implement what the schema says.
        return impl ? impl.has(abstractName) : t.implementsIn.size === 0;
      });
  }
  const members = info?.membersIn.get(graph);
  return supergraph.schema
    .getPossibleTypes(abstract)
    .map((t) => t.name)
    .filter((name) => (members ? members.has(name) : supergraph.types.get(name)?.graphs.has(graph)));
}
