/**
 * Scenario 1, the rented-out family home (docs/scenarios.md): the combined view of Hazelaarstraat 14
 * with the six men who live there unregistered, and the data every partner holds, written out.
 */
import { adres, persoon } from './expected.ts';
import { combinedView } from './queries.ts';

export const ESMEE = '999990007';

/** The six men: registered nowhere, living at the address, reached by BSN. */
export const ZES_MANNEN = {
  piotr: '999990044',
  marek: '999990056',
  tomasz: '999990068',
  andrzej: '999990081',
  ionut: '999990093',
  florin: '999990111',
} as const;

export const SCENARIO_1_QUERY = combinedView('9999200000900001', ZES_MANNEN);

/** One of the six men: a job at Kraaijeveld Logistiek, no 2025 income, an underpayment finding. */
function man(bsn: string, voornamen: string, geslachtsnaam: string, geboortedatum: string, loonbevinding: string): Record<string, unknown> {
  return persoon({
    bsn,
    naam: { voornamen, voorvoegsel: null, geslachtsnaam },
    geboortedatum,
    geslacht: 'M',
    dienstverbanden: [{ werkgeverNaam: 'Kraaijeveld Logistiek B.V.', startdatum: '2026-02-02', einddatum: null, loonPerMaand: 1473, urenPerWeek: 40 }],
    inkomens: [{ jaar: 2025, verzamelinkomen: 0, vermogen: 0 }],
    loonbevindingen: [
      {
        id: loonbevinding,
        datum: '2026-09-22',
        betaaldUurloonCent: 850,
        minimumUurloonCent: 1440,
        werkgever: { werkgeverId: '899990001L01', naam: 'Kraaijeveld Logistiek B.V.' },
      },
    ],
    verblijfsstatus: { soort: 'eu-burger', geldigTot: null },
  });
}

export const SCENARIO_1_DATA = {
  adres: adres({
    adresId: '9999200000900001',
    straat: 'Hazelaarstraat',
    huisnummer: 14,
    postcode: '5971ZA',
    verblijfsobject: { oppervlakte: 85, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1968 },
    aantalBewoners: 3,
    bewoners: [
      persoon({
        bsn: '999990007',
        naam: { voornamen: 'Esmee', voorvoegsel: null, geslachtsnaam: 'Verhoeven' },
        geboortedatum: '1994-05-12',
        geslacht: 'V',
        datumAanvangAdreshouding: '2019-08-01',
        verblijfplaatsen: [{ adres: { adresId: '9999200000900001' }, datumAanvang: '2019-08-01', datumEinde: null }],
        dienstverbanden: [
          {
            werkgeverNaam: 'Schoonmaakbedrijf Helder B.V.',
            startdatum: '2021-03-01',
            einddatum: null,
            loonPerMaand: 1100,
            urenPerWeek: 20,
          },
        ],
        toeslagen: [
          { soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1500 },
          { soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4082 },
          { soort: 'huurtoeslag', jaar: 2026, jaarbedrag: 2842 },
        ],
        inkomens: [{ jaar: 2025, verzamelinkomen: 14256, vermogen: 1200 }],
        kinderbijslag: [
          { kind: { bsn: '999990019', naam: { voornamen: 'Noah' } }, kwartaalbedrag: 346 },
          { kind: { bsn: '999990020', naam: { voornamen: 'Lotte' } }, kwartaalbedrag: 285 },
        ],
        leefsituatie: { samenwonend: false, partner: null, vastgesteldOp: '2024-01-10' },
        verblijfsstatus: { soort: 'nederlander', geldigTot: null },
      }),
      persoon({
        bsn: '999990019',
        naam: { voornamen: 'Noah', voorvoegsel: null, geslachtsnaam: 'Verhoeven' },
        geboortedatum: '2020-03-14',
        geslacht: 'M',
        datumAanvangAdreshouding: '2020-03-14',
        verblijfplaatsen: [{ adres: { adresId: '9999200000900001' }, datumAanvang: '2020-03-14', datumEinde: null }],
        ouders: [{ bsn: '999990007' }],
        verblijfsstatus: { soort: 'nederlander', geldigTot: null },
      }),
      persoon({
        bsn: '999990020',
        naam: { voornamen: 'Lotte', voorvoegsel: null, geslachtsnaam: 'Verhoeven' },
        geboortedatum: '2022-09-30',
        geslacht: 'V',
        datumAanvangAdreshouding: '2022-09-30',
        verblijfplaatsen: [{ adres: { adresId: '9999200000900001' }, datumAanvang: '2022-09-30', datumEinde: null }],
        ouders: [{ bsn: '999990007' }],
        verblijfsstatus: { soort: 'nederlander', geldigTot: null },
      }),
    ],
    huisvestingArbeidsmigranten: [
      {
        aantalPersonen: 6,
        vastgesteldOp: '2026-09-22',
        werkgever: {
          werkgeverId: '899990001L01',
          naam: 'Kraaijeveld Logistiek B.V.',
          kvkNummer: '99990001',
          eigenaar: persoon({
            bsn: '999990032',
            naam: { voornamen: 'Dennis', voorvoegsel: null, geslachtsnaam: 'Kraaijeveld' },
            geboortedatum: '1987-11-03',
            geslacht: 'M',
            datumAanvangAdreshouding: '2015-04-01',
            verblijfplaatsen: [{ adres: { adresId: '9999200000900016' }, datumAanvang: '2015-04-01', datumEinde: null }],
            adressenInEigendom: [{ adresId: '9999200000900016' }],
            inkomens: [{ jaar: 2025, verzamelinkomen: 58000, vermogen: 85000 }],
            werkgevers: [{ werkgeverId: '899990001L01', naam: 'Kraaijeveld Logistiek B.V.', kvkNummer: '99990001' }],
            verblijfsstatus: { soort: 'nederlander', geldigTot: null },
            voertuigen: [
              { kenteken: 'ZB-017-K', merk: 'MERCEDES-BENZ', handelsbenaming: 'C 200', datumTenaamstelling: '2025-03-14' },
            ],
          }),
        },
      },
    ],
    huurcontract: {
      corporatie: 'Woonstichting Doelstad',
      ingangsdatum: '2019-08-01',
      kaleHuurPerMaand: 640,
      huurder: { bsn: '999990007', naam: { voornamen: 'Esmee', geslachtsnaam: 'Verhoeven' } },
    },
    corporatieMeldingen: [
      {
        id: 'WC-M-9001',
        soort: 'overlast',
        datum: '2026-03-02',
        omschrijving: 'Neighbours report noise and many different men entering and leaving the dwelling.',
      },
    ],
    belastingdienstSignalen: [{ id: 'SIG-9002', soort: 'toeslagen-afwijkend', datum: '2026-06-15', partner: 'belastingdienst' }],
    woningcorporatieSignalen: [{ id: 'SIG-9001', soort: 'overlast', datum: '2026-03-02', partner: 'woningcorporatie' }],
  }),
  piotr: man('999990044', 'Piotr', 'Nowak', '1991-02-11', 'NLA-L-9001'),
  marek: man('999990056', 'Marek', 'Kowalski', '1988-07-23', 'NLA-L-9002'),
  tomasz: man('999990068', 'Tomasz', 'Zielinski', '1995-10-05', 'NLA-L-9003'),
  andrzej: man('999990081', 'Andrzej', 'Wisniewski', '1985-04-30', 'NLA-L-9004'),
  ionut: man('999990093', 'Ionut', 'Popescu', '1993-12-17', 'NLA-L-9005'),
  florin: man('999990111', 'Florin', 'Dumitru', '1990-06-08', 'NLA-L-9006'),
};
