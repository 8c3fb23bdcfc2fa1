/** The synthetic world every partner subgraph reads from. */
import { generateWorld } from './generate.ts';
import { indexWorld, type WorldIndex } from './lookup.ts';
import type { World } from './types.ts';

export { generateWorld } from './generate.ts';
export { adresKey, coversDate, indexWorld } from './lookup.ts';
export type { Registratie, WorldIndex } from './lookup.ts';
export { isValidBsn } from './bsn.ts';
export { GEMEENTE, PEILDATUM, SCENARIO_WIJK_CODE } from './gemeente.ts';
export { ADRES as SCENARIO_ADRES, BSN as SCENARIO_BSN, WERKGEVER as SCENARIO_WERKGEVER } from './planted-ids.ts';
export * from './types.ts';

export const DEFAULT_SEED = 2026;

let memoWorld: World | undefined;
let memoIndex: WorldIndex | undefined;

/** The world for DEFAULT_SEED, generated once per process. Treat it as read-only. */
export function defaultWorld(): World {
  memoWorld ??= generateWorld(DEFAULT_SEED);
  return memoWorld;
}

/** indexWorld(defaultWorld()), built once per process. */
export function defaultWorldIndex(): WorldIndex {
  memoIndex ??= indexWorld(defaultWorld());
  return memoIndex;
}
