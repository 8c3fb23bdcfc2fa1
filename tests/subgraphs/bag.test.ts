import { describe, expect, it } from 'vitest';
import { createBagSubgraph } from '../../subgraphs/bag/index.ts';
import { ANNA, DORPSPLEIN_1, FENNA, GEEN_ADRES, KERKSTRAAT_12, MOLENWEG_7B_2, fixtureWorld } from './fixture.ts';
import { entities, run } from './run.ts';

const bag = createBagSubgraph(fixtureWorld);

const LOOKUP = /* GraphQL */ `
  query ($postcode: String!, $huisnummer: Int!, $huisletter: String, $toevoeging: String) {
    adresOpPostcode(postcode: $postcode, huisnummer: $huisnummer, huisletter: $huisletter, huisnummertoevoeging: $toevoeging) {
      adresId
    }
  }
`;

async function lookUp(variables: Record<string, unknown>): Promise<unknown> {
  const result = await run(bag, LOOKUP, variables);
  expect(result.errors).toBeUndefined();
  return result.data?.adresOpPostcode;
}

describe('bag subgraph', () => {
  it('looks an address up by postcode and house number', async () => {
    expect(await lookUp({ postcode: '9991AB', huisnummer: 12 })).toEqual({ adresId: KERKSTRAAT_12 });
  });

  it('ignores spaces and case in the postcode', async () => {
    expect(await lookUp({ postcode: '9991 ab', huisnummer: 12 })).toEqual({ adresId: KERKSTRAAT_12 });
  });

  it('needs the house letter and addition when the address has them', async () => {
    expect(await lookUp({ postcode: '9991CD', huisnummer: 7, huisletter: 'b', toevoeging: '2' })).toEqual({ adresId: MOLENWEG_7B_2 });
    expect(await lookUp({ postcode: '9991CD', huisnummer: 7, huisletter: 'B' })).toBeNull();
    expect(await lookUp({ postcode: '9991CD', huisnummer: 7 })).toBeNull();
  });

  it('returns null for an address that does not exist', async () => {
    expect(await lookUp({ postcode: '9991AB', huisnummer: 13 })).toBeNull();
  });

  it('adres(adresId) returns a known address and null for an unknown id', async () => {
    const result = await run(bag, 'query ($a: ID!, $b: ID!) { a: adres(adresId: $a) { adresId straat } b: adres(adresId: $b) { adresId } }', {
      a: DORPSPLEIN_1,
      b: GEEN_ADRES,
    });
    expect(result).toEqual({ data: { a: { adresId: DORPSPLEIN_1, straat: 'Dorpsplein' }, b: null } });
  });

  it('resolves the register data of an address', async () => {
    const selection = `adresId straat huisnummer huisletter huisnummertoevoeging postcode woonplaats wijk { code naam }
      verblijfsobject { oppervlakte gebruiksdoel aantalWooneenheden bouwjaar } eigenaar { bsn } bagSignalen { id soort datum partner }`;
    expect(await entities(bag, 'Adres', [MOLENWEG_7B_2, DORPSPLEIN_1, KERKSTRAAT_12], selection)).toEqual([
      {
        adresId: MOLENWEG_7B_2,
        straat: 'Molenweg',
        huisnummer: 7,
        huisletter: 'B',
        huisnummertoevoeging: '2',
        postcode: '9991CD',
        woonplaats: 'Doelstad',
        wijk: { code: 'WK999901', naam: 'Klingerveld' },
        verblijfsobject: { oppervlakte: 48, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 4, bouwjaar: 1931 },
        eigenaar: null,
        bagSignalen: [],
      },
      {
        adresId: DORPSPLEIN_1,
        straat: 'Dorpsplein',
        huisnummer: 1,
        huisletter: null,
        huisnummertoevoeging: null,
        postcode: '9992EF',
        woonplaats: 'Doelstad',
        wijk: { code: 'WK999902', naam: 'Oude Haven' },
        verblijfsobject: { oppervlakte: 140, gebruiksdoel: 'winkelfunctie', aantalWooneenheden: 1, bouwjaar: 1898 },
        eigenaar: { bsn: FENNA },
        bagSignalen: [],
      },
      {
        adresId: KERKSTRAAT_12,
        straat: 'Kerkstraat',
        huisnummer: 12,
        huisletter: null,
        huisnummertoevoeging: null,
        postcode: '9991AB',
        woonplaats: 'Doelstad',
        wijk: { code: 'WK999901', naam: 'Klingerveld' },
        verblijfsobject: { oppervlakte: 95, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1964 },
        eigenaar: null,
        bagSignalen: [{ id: 'SIG-02', soort: 'overbewoning', datum: '2026-05-11', partner: 'bag' }],
      },
    ]);
  });

  it('resolves an unknown address id to empty fields, without an error', async () => {
    expect(await entities(bag, 'Adres', [GEEN_ADRES], 'adresId straat huisnummer wijk { code } verblijfsobject { bouwjaar } eigenaar { bsn } bagSignalen { id }')).toEqual([
      { adresId: GEEN_ADRES, straat: null, huisnummer: null, wijk: null, verblijfsobject: null, eigenaar: null, bagSignalen: [] },
    ]);
  });

  it('lists the addresses a person owns', async () => {
    expect(await entities(bag, 'Persoon', [FENNA, ANNA], 'bsn adressenInEigendom { adresId }')).toEqual([
      { bsn: FENNA, adressenInEigendom: [{ adresId: DORPSPLEIN_1 }] },
      { bsn: ANNA, adressenInEigendom: [] },
    ]);
  });
});
