/** The random part of the BAG: streets, buildings and addresses per neighbourhood. */
import { bagAdresId, PLANTED_POSTCODE_LETTER, WIJKEN, WOONPLAATS } from './gemeente.ts';
import { STRAATNAMEN } from './names.ts';
import type { Rng } from './random.ts';
import type { Adres } from './types.ts';

/** Who owns the dwelling; decides the owner BSN and whether there is a corporation tenancy. */
export type Eigendom = 'corporatie' | 'eigenaar-bewoner' | 'particuliere-verhuur' | 'bedrijf';

export interface GeneratedAdres {
  adres: Adres;
  eigendom: Eigendom;
}

/** Random addresses get serials from here; planted ones from 900001. */
const RANDOM_SERIAL_START = 100_001;
const BUILDINGS_PER_WIJK = [490, 400, 450, 370] as const;
const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRSTVWX'.split('').filter((l) => l !== PLANTED_POSTCODE_LETTER);
const FORBIDDEN_PAIRS = new Set(['SA', 'SD', 'SS']);
const NUMBERS_PER_POSTCODE = 14;

export function generateAdressen(rng: Rng): GeneratedAdres[] {
  const streetNames = rng.shuffle(STRAATNAMEN);
  const out: GeneratedAdres[] = [];
  let serial = RANDOM_SERIAL_START;
  WIJKEN.forEach((wijk, w) => {
    const pairsPerArea = new Map(wijk.postcodeGebieden.map((area) => [area, rng.shuffle(letterPairs())]));
    let buildingsLeft: number = BUILDINGS_PER_WIJK[w] ?? 0;
    while (buildingsLeft > 0) {
      const straat = streetNames.pop();
      if (straat === undefined) throw new Error('ran out of street names');
      const area = rng.pick(wijk.postcodeGebieden);
      const pairs = pairsPerArea.get(area) ?? [];
      const count = Math.min(buildingsLeft, rng.int(18, 60));
      buildingsLeft -= count;
      const baseYear = rng.int(1905, 2015);
      const postcodeByBlock = new Map<string, string>();
      for (let huisnummer = 1; huisnummer <= count; huisnummer++) {
        const block = `${huisnummer % 2}-${Math.floor((huisnummer - 1) / (2 * NUMBERS_PER_POSTCODE))}`;
        if (!postcodeByBlock.has(block)) {
          const pair = pairs.pop();
          if (pair === undefined) throw new Error(`ran out of postcodes in ${area}`);
          postcodeByBlock.set(block, `${area}${pair}`);
        }
        const base = {
          straat,
          huisnummer,
          postcode: postcodeByBlock.get(block) as string,
          woonplaats: WOONPLAATS,
          wijkCode: wijk.code,
          bouwjaar: Math.min(2025, baseYear + rng.int(0, 6)),
        };
        for (const made of building(rng, base)) {
          out.push({ ...made, adres: { adresId: bagAdresId(serial++), ...made.adres } });
        }
      }
    }
  });
  return out;
}

type AdresBase = Pick<Adres, 'straat' | 'huisnummer' | 'postcode' | 'woonplaats' | 'wijkCode' | 'bouwjaar'>;
type Unnumbered = { adres: Omit<Adres, 'adresId'>; eigendom: Eigendom };

/** One building: a house, a house with a lettered neighbour, a block of flats or a non-dwelling. */
function building(rng: Rng, base: AdresBase): Unnumbered[] {
  const kind = rng.next();
  if (kind < 0.03) {
    const gebruiksdoel = rng.pick(['winkelfunctie', 'kantoorfunctie', 'bijeenkomstfunctie'] as const);
    return [unit(base, null, null, rng.int(60, 400), gebruiksdoel, 0, 'bedrijf')];
  }
  if (kind < 0.15) {
    const units = rng.int(2, 8);
    const eigendom: Eigendom = rng.chance(0.6) ? 'corporatie' : 'particuliere-verhuur';
    return Array.from({ length: units }, (_, i) =>
      unit(base, null, String(i + 1), rng.int(40, 85), 'woonfunctie', units, eigendom),
    );
  }
  if (kind < 0.19) {
    return [null, 'A'].map((letter) => unit(base, letter, null, rng.int(55, 110), 'woonfunctie', 1, houseOwnership(rng)));
  }
  return [unit(base, null, null, rng.int(70, 180), 'woonfunctie', 1, houseOwnership(rng))];
}

function unit(
  base: AdresBase,
  huisletter: string | null,
  huisnummertoevoeging: string | null,
  oppervlakte: number,
  gebruiksdoel: Adres['gebruiksdoel'],
  aantalWooneenheden: number,
  eigendom: Eigendom,
): Unnumbered {
  return {
    adres: { ...base, huisletter, huisnummertoevoeging, oppervlakte, gebruiksdoel, aantalWooneenheden, eigenaarBsn: null },
    eigendom,
  };
}

function houseOwnership(rng: Rng): Eigendom {
  const r = rng.next();
  return r < 0.6 ? 'eigenaar-bewoner' : r < 0.85 ? 'corporatie' : 'particuliere-verhuur';
}

function letterPairs(): string[] {
  return POSTCODE_LETTERS.flatMap((a) => POSTCODE_LETTERS.map((b) => `${a}${b}`)).filter((p) => !FORBIDDEN_PAIRS.has(p));
}
