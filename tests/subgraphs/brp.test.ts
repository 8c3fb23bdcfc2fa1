import { describe, expect, it } from 'vitest';
import { createBrpSubgraph } from '../../subgraphs/brp/index.ts';
import { ANNA, BRAM, CAS, DEWI, DORPSPLEIN_1, EMIL, FENNA, KERKSTRAAT_12, MOLENWEG_7B_2, NIEMAND, fixtureWorld } from './fixture.ts';
import { entities, run } from './run.ts';

const brp = createBrpSubgraph(fixtureWorld);

describe('brp subgraph', () => {
  it('persoon(bsn) returns a reference without checking that the person exists', async () => {
    const result = await run(brp, 'query ($a: ID!, $b: ID!) { a: persoon(bsn: $a) { bsn } b: persoon(bsn: $b) { bsn naam { geslachtsnaam } } }', {
      a: ANNA,
      b: NIEMAND,
    });
    expect(result).toEqual({ data: { a: { bsn: ANNA }, b: { bsn: NIEMAND, naam: null } } });
  });

  it("resolves a person's register data, household and registration history", async () => {
    const selection = `bsn naam { voornamen voorvoegsel geslachtsnaam } geboortedatum geslacht geheimhouding
      verblijfplaats { adresId } datumAanvangAdreshouding
      verblijfplaatsen { adres { adresId } datumAanvang datumEinde }
      partner { bsn } kinderen { bsn } ouders { bsn }`;
    expect(await entities(brp, 'Persoon', [ANNA, CAS], selection)).toEqual([
      {
        bsn: ANNA,
        naam: { voornamen: 'Anna Maria', voorvoegsel: 'van der', geslachtsnaam: 'Berg' },
        geboortedatum: '1991-04-17',
        geslacht: 'V',
        geheimhouding: false,
        verblijfplaats: { adresId: KERKSTRAAT_12 },
        datumAanvangAdreshouding: '2020-07-01',
        verblijfplaatsen: [
          { adres: { adresId: DORPSPLEIN_1 }, datumAanvang: '2015-03-01', datumEinde: '2020-06-30' },
          { adres: { adresId: KERKSTRAAT_12 }, datumAanvang: '2020-07-01', datumEinde: null },
        ],
        partner: { bsn: BRAM },
        kinderen: [{ bsn: CAS }, { bsn: DEWI }],
        ouders: [],
      },
      {
        bsn: CAS,
        naam: { voornamen: 'Cas', voorvoegsel: 'van der', geslachtsnaam: 'Berg' },
        geboortedatum: '2019-02-11',
        geslacht: 'M',
        geheimhouding: false,
        verblijfplaats: { adresId: KERKSTRAAT_12 },
        datumAanvangAdreshouding: '2020-07-01',
        verblijfplaatsen: [{ adres: { adresId: KERKSTRAAT_12 }, datumAanvang: '2020-07-01', datumEinde: null }],
        partner: null,
        kinderen: [],
        ouders: [{ bsn: ANNA }],
      },
    ]);
  });

  it('gives no current address to a person registered nowhere on the reference date', async () => {
    expect(await entities(brp, 'Persoon', [EMIL, FENNA], 'bsn geheimhouding verblijfplaats { adresId } datumAanvangAdreshouding')).toEqual([
      { bsn: EMIL, geheimhouding: false, verblijfplaats: null, datumAanvangAdreshouding: null },
      { bsn: FENNA, geheimhouding: true, verblijfplaats: null, datumAanvangAdreshouding: null },
    ]);
  });

  it('resolves an unknown BSN to empty fields, without an error', async () => {
    expect(await entities(brp, 'Persoon', [NIEMAND], 'bsn naam { voornamen } geboortedatum verblijfplaatsen { datumAanvang } partner { bsn } kinderen { bsn } ouders { bsn }')).toEqual([
      { bsn: NIEMAND, naam: null, geboortedatum: null, verblijfplaatsen: [], partner: null, kinderen: [], ouders: [] },
    ]);
  });

  it('lists the people registered at an address on the reference date, not the ones who left or live there unregistered', async () => {
    expect(await entities(brp, 'Adres', [KERKSTRAAT_12, MOLENWEG_7B_2, DORPSPLEIN_1], 'adresId bewoners { bsn } aantalBewoners brpSignalen { id soort datum partner }')).toEqual([
      {
        adresId: KERKSTRAAT_12,
        bewoners: [{ bsn: ANNA }, { bsn: CAS }, { bsn: DEWI }],
        aantalBewoners: 3,
        brpSignalen: [{ id: 'SIG-01', soort: 'adresonderzoek', datum: '2026-05-10', partner: 'brp' }],
      },
      { adresId: MOLENWEG_7B_2, bewoners: [{ bsn: BRAM }], aantalBewoners: 1, brpSignalen: [] },
      { adresId: DORPSPLEIN_1, bewoners: [], aantalBewoners: 0, brpSignalen: [] },
    ]);
  });
});
