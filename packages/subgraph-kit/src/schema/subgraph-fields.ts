/**
 * What each subgraph's own SDL says about its fields, for checking the composed supergraph against
 * it: the declared type, whether the field is @external, and which types are @interfaceObject.
 * Federation directives are recognised under the names the subgraph imports them by.
 */
import { Kind, print } from 'graphql';
import type { ConstDirectiveNode, DocumentNode } from 'graphql';

export interface DeclaredField {
  /** The declared type as written, e.g. "[Book!]". */
  type: string;
  external: boolean;
}

export interface SubgraphFields {
  /** Keyed by "Type.field"; a field declared twice (type and extension) keeps its first declaration. */
  fields: Map<string, DeclaredField>;
  /** Object types the subgraph marks @interfaceObject. */
  interfaceObjects: Set<string>;
}

export function fieldsOf(document: DocumentNode): SubgraphFields {
  const external = federationName(document, 'external');
  const interfaceObject = federationName(document, 'interfaceObject');
  const has = (directives: readonly ConstDirectiveNode[] | undefined, name: string) => (directives ?? []).some((d) => d.name.value === name);
  const fields = new Map<string, DeclaredField>();
  const interfaceObjects = new Set<string>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      if (has(definition.directives, interfaceObject)) interfaceObjects.add(typeName);
    }
    for (const field of definition.fields ?? []) {
      const coordinate = `${typeName}.${field.name.value}`;
      if (!fields.has(coordinate)) fields.set(coordinate, { type: print(field.type), external: has(field.directives, external) });
    }
  }
  return { fields, interfaceObjects };
}

/**
 * The name a federation directive has in the subgraph: as imported by its `@link` (possibly renamed
 * with `as`), else with the link's namespace prefix; a subgraph without a federation link (Federation
 * 1) uses the bare name.
 */
export function federationName(document: DocumentNode, directive: string): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = link.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !url.value.includes('specs.apollo.dev/federation/')) continue;
      const namespace = link.arguments?.find((a) => a.name.value === 'as')?.value;
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        if (entry.kind === Kind.STRING && entry.value === `@${directive}`) return directive;
        if (entry.kind !== Kind.OBJECT) continue;
        const name = entry.fields.find((f) => f.name.value === 'name')?.value;
        const as = entry.fields.find((f) => f.name.value === 'as')?.value;
        if (name?.kind === Kind.STRING && name.value === `@${directive}`) return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : directive;
      }
      return `${namespace?.kind === Kind.STRING ? namespace.value : 'federation'}__${directive}`;
    }
  }
  return directive;
}
