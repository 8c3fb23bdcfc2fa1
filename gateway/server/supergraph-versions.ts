/**
 * The supergraph the gateway serves, as versions that are swapped atomically. A version is built
 * whole (client schema, supergraph reading, executor with its caches) before it replaces the one
 * serving; a version that cannot be built throws and the one serving stays. A request runs on the
 * version whose schema it was validated against, so requests in flight during a swap finish on the
 * supergraph they started with.
 */
import { createHash } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Executor } from '../executor/execute.ts';
import type { ComposedGateway } from './gateway.ts';

export interface SupergraphVersion {
  /** The first 16 hex digits of the supergraph SDL's SHA-256, in groups of four (a log masks no run of them). */
  id: string;
  composed: ComposedGateway;
  /** The client schema Apollo Server validates requests against. */
  servedSchema: GraphQLSchema;
  /** Plans and caches of this version only. */
  executor: Executor;
}

export interface BuiltVersion {
  servedSchema: GraphQLSchema;
  executor: Executor;
}

export interface SupergraphVersions {
  current(): SupergraphVersion;
  /** The version a request validated against `schema` runs on; undefined for a schema of no version. */
  forSchema(schema: GraphQLSchema): SupergraphVersion | undefined;
  /** Builds the new version, then swaps; throws, keeping the old one, when it cannot be built. */
  swap(composed: ComposedGateway): SupergraphVersion;
  /** Called after every swap; returns the unsubscribe function. */
  onSwap(listener: (version: SupergraphVersion) => void): () => void;
}

export function supergraphVersionId(supergraphSdl: string): string {
  return createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 16).match(/.{4}/g)!.join('-');
}

export function createSupergraphVersions(initial: ComposedGateway, build: (composed: ComposedGateway) => BuiltVersion): SupergraphVersions {
  const bySchema = new WeakMap<GraphQLSchema, SupergraphVersion>();
  const listeners = new Set<(version: SupergraphVersion) => void>();
  const make = (composed: ComposedGateway): SupergraphVersion => {
    const version = { id: supergraphVersionId(composed.supergraphSdl), composed, ...build(composed) };
    bySchema.set(version.servedSchema, version);
    return version;
  };
  let current = make(initial);
  return {
    current: () => current,
    forSchema: (schema) => bySchema.get(schema),
    swap(composed) {
      const next = make(composed);
      current = next;
      for (const listener of listeners) listener(next);
      return next;
    },
    onSwap(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
