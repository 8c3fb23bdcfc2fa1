/**
 * Building a partner's subgraph: the partner writes its own types and resolvers; the kit adds the
 * Federation v2 link and the `@classified` directive, builds the schema with Apollo's subgraph
 * library and reads back the SDL the subgraph serves in `_service { sdl }`.
 */
import { Source, executeSync, parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { CLASSIFIED_DIRECTIVE_SDL, FEDERATION_LINK_SDL } from './directive.ts';

/** A resolver of any shape: (parent, args, context, info) => value, each parameter typed by its author. */
export type FieldResolver = (parent: never, args: never, context: never, info: never) => unknown;
export type Resolvers = Record<string, Record<string, FieldResolver>>;

export interface PartnerSubgraphDefinition {
  /** The partner's id, e.g. "brp". */
  name: string;
  /** The partner's own types, without the federation link or the @classified definition. */
  typeDefs: string;
  resolvers: Resolvers;
}

export interface PartnerSubgraph {
  name: string;
  /** The SDL the subgraph serves in `_service { sdl }`. */
  sdl: string;
  schema: GraphQLSchema;
}

const NAME = /^[a-z][a-z0-9-]*$/;

export function buildPartnerSubgraph({ name, typeDefs, resolvers }: PartnerSubgraphDefinition): PartnerSubgraph {
  if (!NAME.test(name)) throw new Error(`Subgraph name "${name}" must be lower-case letters, digits and hyphens.`);
  rejectKitDeclarations(name, typeDefs);
  const document = parse(new Source(partnerSdl(typeDefs), name));
  // Apollo types every resolver's parent as `any`; ours are typed per resolver (see FieldResolver).
  const schema = buildSubgraphSchema({ typeDefs: document, resolvers: resolvers as never });
  return { name, sdl: servedSdl(schema), schema };
}

/** The whole SDL of a partner: the federation link, the @classified directive, the partner's types. */
export function partnerSdl(typeDefs: string): string {
  return `${FEDERATION_LINK_SDL}\n${CLASSIFIED_DIRECTIVE_SDL}\n${typeDefs}`;
}

function rejectKitDeclarations(name: string, typeDefs: string): void {
  if (/\bextend\s+schema\b/.test(typeDefs)) {
    throw new Error(`${name}: remove the "extend schema @link(...)" from the type definitions; the kit adds the federation link.`);
  }
  if (/\bdirective\s+@classified\b/.test(typeDefs)) {
    throw new Error(`${name}: remove the @classified directive definition from the type definitions; the kit adds it.`);
  }
}

function servedSdl(schema: GraphQLSchema): string {
  const result = executeSync({ schema, document: parse('{ _service { sdl } }') });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error('The built subgraph does not serve _service { sdl }.');
  return sdl;
}
