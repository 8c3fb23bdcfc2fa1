/**
 * A RegisterLookup over the synthetic world itself: the policy's facts (where a person is
 * registered, an address's postcode) without the BRP and BAG look-ups, so that tests which record
 * the partners' calls see only the calls the executor made.
 */
import type { RegisterLookup } from '../../gateway/facts/registers.ts';
import { defaultWorldIndex } from '../../subgraphs/world/index.ts';

export function worldRegisters(): RegisterLookup {
  const index = defaultWorldIndex();
  return {
    async addresses(ids) {
      return new Map(ids.flatMap((id) => {
        const adres = index.adresById.get(id);
        return adres ? [[id, { postcode: adres.postcode }] as const] : [];
      }));
    },
    async links(bsns) {
      return new Map(bsns.map((bsn) => [
        bsn,
        [
          ...(index.byBsn.adressen.get(bsn) ?? []).map((adres) => ({ kind: 'eigenaar' as const, addressId: adres.adresId, partner: 'bag', record: 'eigendom (WOZ) van het adres' })),
          ...(index.byBsn.werkgevers.get(bsn) ?? []).flatMap((werkgever) =>
            [...new Set((index.byWerkgever.huisvesting.get(werkgever.werkgeverId) ?? []).map((h) => h.adresId))].map((adresId) => ({
              kind: 'werkgever-van-bewoners' as const,
              addressId: adresId,
              partner: 'arbeidsinspectie',
              record: `huisvesting door werkgever ${werkgever.werkgeverId}`,
            })),
          ),
        ],
      ]));
    },
    async persons(bsns) {
      return new Map(bsns.flatMap((bsn) => {
        const persoon = index.persoonByBsn.get(bsn);
        return persoon ? [[bsn, { secrecy: persoon.geheimhouding, registrations: persoon.verblijfplaatsen.map((v) => ({ ...v })) }] as const] : [];
      }));
    },
  };
}
