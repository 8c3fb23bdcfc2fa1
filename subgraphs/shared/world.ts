/**
 * What the partner subgraphs share about the synthetic world: one index per World, references to
 * the entities every partner speaks about.
 */
import { indexWorld } from '../world/index.ts';
import type { World, WorldIndex } from '../world/index.ts';

export type { WorldIndex } from '../world/index.ts';

/** A person as the subgraphs pass it around: only the key. Fields look the person up by it. */
export interface PersoonRef {
  bsn: string;
}

/** An address as the subgraphs pass it around: only the key. */
export interface AdresRef {
  adresId: string;
}

const indexes = new WeakMap<World, WorldIndex>();

/** indexWorld(world), built once per World and shared by every subgraph that reads it. */
export function worldIndex(world: World): WorldIndex {
  let index = indexes.get(world);
  if (index === undefined) {
    index = indexWorld(world);
    indexes.set(world, index);
  }
  return index;
}

export function persoonRef(bsn: string): PersoonRef {
  return { bsn };
}

export function adresRef(adresId: string): AdresRef {
  return { adresId };
}

/**
 * The entity resolvers every partner declares for Persoon and Adres: a representation becomes a
 * reference; existence is never checked here, so an unknown key resolves to empty fields.
 */
export const entityReferences = {
  Persoon: { __resolveReference: (representation: { bsn?: unknown }) => keyReference(representation.bsn, persoonRef) },
  Adres: { __resolveReference: (representation: { adresId?: unknown }) => keyReference(representation.adresId, adresRef) },
};

function keyReference<T>(key: unknown, toReference: (key: string) => T): T | null {
  return typeof key === 'string' ? toReference(key) : null;
}

/** The most recent record by a date field, or null for none. */
export function latest<T>(records: readonly T[] | undefined, date: (record: T) => string): T | null {
  let best: T | null = null;
  for (const record of records ?? []) if (best === null || date(record) > date(best)) best = record;
  return best;
}
