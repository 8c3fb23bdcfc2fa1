/**
 * Signals: each partner's indications about an address, laid side by side in the preparation phase.
 * A partner with signals adds `Adres.<partner>Signalen: [Signaal!]!` (e.g. `uwvSignalen`); the
 * value type is shared, so every subgraph declares it identically: include SIGNAAL_SDL.
 */
import type { PartnerId, Signaal } from '../world/index.ts';
import type { AdresRef, WorldIndex } from './world.ts';

export const SIGNAAL_SDL = /* GraphQL */ `
"A partner's indication about an address: where to look, never that someone did wrong."
type Signaal @shareable {
  id: ID!
  soort: String!
  "YYYY-MM-DD"
  datum: String!
  "The partner that gave the signal."
  partner: String!
}
`;

/** The resolver of `Adres.<partner>Signalen`: the partner's own signals on the address. */
export function signalenOf(index: WorldIndex, partner: PartnerId): (adres: AdresRef) => Signaal[] {
  return (adres) => (index.byAdres.signalen.get(adres.adresId) ?? []).filter((signaal) => signaal.partner === partner);
}
