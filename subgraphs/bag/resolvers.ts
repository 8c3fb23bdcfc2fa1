import { adresKey } from '../world/index.ts';
import type { Adres } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { adresRef, entityReferences, persoonRef } from '../shared/world.ts';
import type { AdresRef, PersoonRef, WorldIndex } from '../shared/world.ts';

interface AdresOpPostcodeArgs {
  postcode: string;
  huisnummer: number;
  huisletter?: string | null;
  huisnummertoevoeging?: string | null;
}

export function bagResolvers(index: WorldIndex): Resolvers {
  const adres = (ref: AdresRef): Adres | undefined => index.adresById.get(ref.adresId);
  const field =
    <K extends keyof Adres>(name: K) =>
    (ref: AdresRef): Adres[K] | null =>
      adres(ref)?.[name] ?? null;

  return {
    Query: {
      adres: (_: unknown, args: { adresId: string }) => (index.adresById.has(args.adresId) ? adresRef(args.adresId) : null),
      adresOpPostcode: (_: unknown, args: AdresOpPostcodeArgs) => {
        const found = index.adresByKey.get(adresKey(args.postcode, args.huisnummer, args.huisletter, args.huisnummertoevoeging));
        return found === undefined ? null : adresRef(found.adresId);
      },
    },
    Adres: {
      ...entityReferences.Adres,
      straat: field('straat'),
      huisnummer: field('huisnummer'),
      huisletter: field('huisletter'),
      huisnummertoevoeging: field('huisnummertoevoeging'),
      postcode: field('postcode'),
      woonplaats: field('woonplaats'),
      wijk: (ref: AdresRef) => {
        const wijk = index.wijkByCode.get(adres(ref)?.wijkCode ?? '');
        return wijk === undefined ? null : { code: wijk.code, naam: wijk.naam };
      },
      verblijfsobject: (ref: AdresRef) => {
        const a = adres(ref);
        return a === undefined ? null : { oppervlakte: a.oppervlakte, gebruiksdoel: a.gebruiksdoel, aantalWooneenheden: a.aantalWooneenheden, bouwjaar: a.bouwjaar };
      },
      eigenaar: (ref: AdresRef) => {
        const eigenaarBsn = adres(ref)?.eigenaarBsn ?? null;
        return eigenaarBsn === null ? null : persoonRef(eigenaarBsn);
      },
      bagSignalen: signalenOf(index, 'bag'),
    },
    Persoon: {
      ...entityReferences.Persoon,
      adressenInEigendom: (ref: PersoonRef) => (index.byBsn.adressen.get(ref.bsn) ?? []).map((a) => adresRef(a.adresId)),
    },
  };
}
