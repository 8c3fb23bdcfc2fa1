/**
 * The combined views of the other scenario addresses (docs/scenarios.md), written out: scenario 2's
 * split dwelling, one of the three empty buildings and the hidden couple's address, one Lindelaan
 * address of scenario 3, and scenario 4's Meidoornweg 27.
 */
import { adres, persoon } from './expected.ts';
import { combinedView } from './queries.ts';

export const VLIERBESSTRAAT_22 = {
  query: combinedView('9999200000900002'),
  data: {
    adres: adres({
      adresId: '9999200000900002',
      straat: 'Vlierbesstraat',
      huisnummer: 22,
      postcode: '5971ZB',
      verblijfsobject: { oppervlakte: 140, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1931 },
      eigenaar: persoon({
        bsn: '999990184',
        naam: { voornamen: 'Marco', voorvoegsel: 'de', geslachtsnaam: 'Wit' },
        geboortedatum: '1969-03-14',
        geslacht: 'M',
        datumAanvangAdreshouding: '2002-06-01',
        verblijfplaatsen: [{ adres: { adresId: '9999200000900018' }, datumAanvang: '2002-06-01', datumEinde: null }],
        adressenInEigendom: [{ adresId: '9999200000900002' }, { adresId: '9999200000900018' }],
        inkomens: [{ jaar: 2025, verzamelinkomen: 74000, vermogen: 310000 }],
        verblijfsstatus: { soort: 'nederlander', geldigTot: null },
      }),
      aantalBewoners: 6,
      bewoners: [
        persoon({
          bsn: '999990123',
          naam: { voornamen: 'Kevin', voorvoegsel: null, geslachtsnaam: 'Bakker' },
          geboortedatum: '1991-02-17',
          geslacht: 'M',
          datumAanvangAdreshouding: '2023-05-01',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900002' }, datumAanvang: '2023-05-01', datumEinde: null }],
          dienstverbanden: [
            {
              werkgeverNaam: 'Bouwbedrijf Lindeboom B.V.',
              startdatum: '2023-06-01',
              einddatum: null,
              loonPerMaand: 3100,
              urenPerWeek: 40,
            },
          ],
          inkomens: [{ jaar: 2025, verzamelinkomen: 40176, vermogen: 9500 }],
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
        }),
        persoon({
          bsn: '999990135',
          naam: { voornamen: 'Radu', voorvoegsel: null, geslachtsnaam: 'Moraru' },
          geboortedatum: '1989-07-08',
          geslacht: 'M',
          datumAanvangAdreshouding: '2024-02-15',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900002' }, datumAanvang: '2024-02-15', datumEinde: null }],
          partner: { bsn: '999990147' },
          dienstverbanden: [
            {
              werkgeverNaam: 'Flexwerk Maasland B.V.',
              startdatum: '2024-02-01',
              einddatum: null,
              loonPerMaand: 2300,
              urenPerWeek: 40,
            },
          ],
          inkomens: [{ jaar: 2025, verzamelinkomen: 29808, vermogen: 2000 }],
          verblijfsstatus: { soort: 'eu-burger', geldigTot: null },
        }),
        persoon({
          bsn: '999990147',
          naam: { voornamen: 'Daniela', voorvoegsel: null, geslachtsnaam: 'Moraru' },
          geboortedatum: '1992-01-25',
          geslacht: 'V',
          datumAanvangAdreshouding: '2024-02-15',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900002' }, datumAanvang: '2024-02-15', datumEinde: null }],
          partner: { bsn: '999990135' },
          inkomens: [{ jaar: 2025, verzamelinkomen: 0, vermogen: 0 }],
          verblijfsstatus: { soort: 'eu-burger', geldigTot: null },
        }),
        persoon({
          bsn: '999990159',
          naam: { voornamen: 'Jeroen', voorvoegsel: null, geslachtsnaam: 'Smit' },
          geboortedatum: '1975-10-30',
          geslacht: 'M',
          datumAanvangAdreshouding: '2022-09-01',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900002' }, datumAanvang: '2022-09-01', datumEinde: null }],
          bijstand: [
            {
              bedragPerMaand: 1401,
              normType: 'alleenstaande',
              aantalKostendelers: 1,
              ingangsdatum: '2022-10-01',
              einddatum: null,
            },
          ],
          risicoscore: { kleur: 'groen', berekendOp: '2026-01-15' },
          inkomens: [{ jaar: 2025, verzamelinkomen: 16812, vermogen: 800 }],
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
        }),
        persoon({
          bsn: '999990160',
          naam: { voornamen: 'Fatma', voorvoegsel: null, geslachtsnaam: 'Yilmaz' },
          geboortedatum: '1984-06-21',
          geslacht: 'V',
          geheimhouding: true,
          datumAanvangAdreshouding: '2025-01-20',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900002' }, datumAanvang: '2025-01-20', datumEinde: null }],
          dienstverbanden: [
            {
              werkgeverNaam: 'Schoonmaakbedrijf Helder B.V.',
              startdatum: '2023-09-01',
              einddatum: null,
              loonPerMaand: 1650,
              urenPerWeek: 24,
            },
          ],
          toeslagen: [
            { soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1380 },
            { soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4700 },
          ],
          inkomens: [{ jaar: 2025, verzamelinkomen: 21384, vermogen: 1500 }],
          kinderbijslag: [{ kind: { bsn: '999990172', naam: { voornamen: 'Emre' } }, kwartaalbedrag: 406 }],
          leefsituatie: { samenwonend: false, partner: null, vastgesteldOp: '2025-02-03' },
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
        }),
        persoon({
          bsn: '999990172',
          naam: { voornamen: 'Emre', voorvoegsel: null, geslachtsnaam: 'Yilmaz' },
          geboortedatum: '2012-12-03',
          geslacht: 'M',
          datumAanvangAdreshouding: '2025-01-20',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900002' }, datumAanvang: '2025-01-20', datumEinde: null }],
          ouders: [{ bsn: '999990160' }],
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
        }),
      ],
      burgermeldingen: [{ id: 'SD-M-9001', datum: '2026-04-07' }],
      politieRegistraties: [{ id: 'POL-9001', soort: 'overlast', datum: '2026-02-18' }],
      bagSignalen: [{ id: 'SIG-9005', soort: 'woningsplitsing', datum: '2026-05-12', partner: 'bag' }],
      socialeDienstSignalen: [{ id: 'SIG-9004', soort: 'burgermelding', datum: '2026-04-07', partner: 'sociale-dienst' }],
      politieSignalen: [{ id: 'SIG-9003', soort: 'overlast', datum: '2026-02-18', partner: 'politie' }],
    }),
  },
};

export const VLIERBESSTRAAT_30 = {
  query: combinedView('9999200000900003'),
  data: {
    adres: adres({
      adresId: '9999200000900003',
      straat: 'Vlierbesstraat',
      huisnummer: 30,
      postcode: '5971ZB',
      verblijfsobject: { oppervlakte: 115, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1929 },
      eigenaar: persoon({
        bsn: '999990196',
        naam: { voornamen: 'Hendrik', voorvoegsel: null, geslachtsnaam: 'Schouten' },
        geboortedatum: '1961-09-02',
        geslacht: 'M',
        datumAanvangAdreshouding: '1999-03-01',
        verblijfplaatsen: [{ adres: { adresId: '9999200000900017' }, datumAanvang: '1999-03-01', datumEinde: null }],
        adressenInEigendom: [
          { adresId: '9999200000900003' },
          { adresId: '9999200000900004' },
          { adresId: '9999200000900005' },
          { adresId: '9999200000900017' },
        ],
        inkomens: [{ jaar: 2025, verzamelinkomen: 96000, vermogen: 1250000 }],
        verblijfsstatus: { soort: 'nederlander', geldigTot: null },
      }),
      huisvestingArbeidsmigranten: [
        {
          aantalPersonen: 8,
          vastgesteldOp: '2026-04-20',
          werkgever: { werkgeverId: '899990002L01', naam: 'Flexwerk Maasland B.V.', kvkNummer: '99990002', eigenaar: null },
        },
      ],
      brpSignalen: [{ id: 'SIG-9007', soort: 'adresonderzoek', datum: '2026-05-12', partner: 'brp' }],
      arbeidsinspectieSignalen: [{ id: 'SIG-9006', soort: 'huisvesting-arbeidsmigranten', datum: '2026-04-20', partner: 'arbeidsinspectie' }],
    }),
  },
};

/** Nobody is registered at Meidoornweg 12; the couple living there is reached by BSN. */
export const MEIDOORNWEG_12 = {
  query: combinedView('9999200000900006', { andrei: '999990202', elena: '999990214' }),
  data: {
    adres: adres({
      adresId: '9999200000900006',
      straat: 'Meidoornweg',
      huisnummer: 12,
      postcode: '5971ZC',
      verblijfsobject: { oppervlakte: 62, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1954 },
      huisvestingArbeidsmigranten: [
        {
          aantalPersonen: 2,
          vastgesteldOp: '2026-04-20',
          werkgever: { werkgeverId: '899990002L01', naam: 'Flexwerk Maasland B.V.', kvkNummer: '99990002', eigenaar: null },
        },
      ],
      uwvSignalen: [{ id: 'SIG-9012', soort: 'woonadres-onbekend', datum: '2026-03-09', partner: 'uwv' }],
      arbeidsinspectieSignalen: [{ id: 'SIG-9013', soort: 'huisvesting-arbeidsmigranten', datum: '2026-04-20', partner: 'arbeidsinspectie' }],
    }),
    andrei: persoon({
      bsn: '999990202',
      naam: { voornamen: 'Andrei', voorvoegsel: null, geslachtsnaam: 'Ionescu' },
      geboortedatum: '1986-03-09',
      geslacht: 'M',
      partner: { bsn: '999990214' },
      dienstverbanden: [
        {
          werkgeverNaam: 'Flexwerk Maasland B.V.',
          startdatum: '2022-05-16',
          einddatum: null,
          loonPerMaand: 2350,
          urenPerWeek: 40,
        },
      ],
      inkomens: [{ jaar: 2025, verzamelinkomen: 30456, vermogen: 3000 }],
      verblijfsstatus: { soort: 'eu-burger', geldigTot: null },
    }),
    elena: persoon({
      bsn: '999990214',
      naam: { voornamen: 'Elena', voorvoegsel: null, geslachtsnaam: 'Ionescu' },
      geboortedatum: '1988-08-14',
      geslacht: 'V',
      partner: { bsn: '999990202' },
      dienstverbanden: [
        {
          werkgeverNaam: 'Flexwerk Maasland B.V.',
          startdatum: '2022-05-16',
          einddatum: null,
          loonPerMaand: 2350,
          urenPerWeek: 40,
        },
      ],
      inkomens: [{ jaar: 2025, verzamelinkomen: 30456, vermogen: 3000 }],
      verblijfsstatus: { soort: 'eu-burger', geldigTot: null },
    }),
  },
};

export const LINDELAAN_3 = {
  query: combinedView('9999200000900009'),
  data: {
    adres: adres({
      adresId: '9999200000900009',
      straat: 'Lindelaan',
      huisnummer: 3,
      postcode: '5971ZE',
      verblijfsobject: { oppervlakte: 68, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1972 },
      aantalBewoners: 1,
      bewoners: [
        persoon({
          bsn: '999990263',
          naam: { voornamen: 'Patrick', voorvoegsel: null, geslachtsnaam: 'Visser' },
          geboortedatum: '1982-04-16',
          geslacht: 'M',
          datumAanvangAdreshouding: '2018-11-01',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900009' }, datumAanvang: '2018-11-01', datumEinde: null }],
          bijstand: [
            {
              bedragPerMaand: 1401,
              normType: 'alleenstaande',
              aantalKostendelers: 1,
              ingangsdatum: '2023-03-01',
              einddatum: null,
            },
          ],
          risicoscore: { kleur: 'rood', berekendOp: '2026-01-15' },
          dienstverbanden: [
            {
              werkgeverNaam: 'Bouwbedrijf Lindeboom B.V.',
              startdatum: '2025-09-01',
              einddatum: null,
              loonPerMaand: 2650,
              urenPerWeek: 40,
            },
          ],
          inkomens: [{ jaar: 2025, verzamelinkomen: 22656, vermogen: 1000 }],
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
        }),
      ],
      huurcontract: {
        corporatie: 'Woonstichting Doelstad',
        ingangsdatum: '2018-11-01',
        kaleHuurPerMaand: 590,
        huurder: { bsn: '999990263', naam: { voornamen: 'Patrick', geslachtsnaam: 'Visser' } },
      },
      socialeDienstSignalen: [{ id: 'SIG-9018', soort: 'risicoscore-rood', datum: '2026-01-15', partner: 'sociale-dienst' }],
      uwvSignalen: [{ id: 'SIG-9019', soort: 'dienstverband-naast-uitkering', datum: '2026-03-16', partner: 'uwv' }],
    }),
  },
};

export const MEIDOORNWEG_27 = {
  query: combinedView('9999200000900013'),
  data: {
    adres: adres({
      adresId: '9999200000900013',
      straat: 'Meidoornweg',
      huisnummer: 27,
      postcode: '5971ZD',
      verblijfsobject: { oppervlakte: 96, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1962 },
      eigenaar: persoon({
        bsn: '999990317',
        naam: { voornamen: 'Gerda', voorvoegsel: null, geslachtsnaam: 'Wouters' },
        geboortedatum: '1951-08-30',
        geslacht: 'V',
        datumAanvangAdreshouding: '1979-05-01',
        verblijfplaatsen: [{ adres: { adresId: '9999200000900013' }, datumAanvang: '1979-05-01', datumEinde: null }],
        adressenInEigendom: [{ adresId: '9999200000900013' }],
        heeftZorgverwijzing: true,
        zorgtrajecten: [{ soort: 'wmo-begeleiding', startdatum: '2026-07-01', einddatum: null }],
        toeslagen: [{ soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1320 }],
        inkomens: [{ jaar: 2025, verzamelinkomen: 22560, vermogen: 18000 }],
        aow: { bedragPerMaand: 1580, leefsituatie: 'alleenstaand', ingangsdatum: '2017-12-30' },
        leefsituatie: { samenwonend: false, partner: null, vastgesteldOp: '2017-12-30' },
        verblijfsstatus: { soort: 'nederlander', geldigTot: null },
      }),
      aantalBewoners: 2,
      bewoners: [
        persoon({
          bsn: '999990317',
          naam: { voornamen: 'Gerda', voorvoegsel: null, geslachtsnaam: 'Wouters' },
          geboortedatum: '1951-08-30',
          geslacht: 'V',
          datumAanvangAdreshouding: '1979-05-01',
          verblijfplaatsen: [{ adres: { adresId: '9999200000900013' }, datumAanvang: '1979-05-01', datumEinde: null }],
          adressenInEigendom: [{ adresId: '9999200000900013' }],
          heeftZorgverwijzing: true,
          zorgtrajecten: [{ soort: 'wmo-begeleiding', startdatum: '2026-07-01', einddatum: null }],
          toeslagen: [{ soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1320 }],
          inkomens: [{ jaar: 2025, verzamelinkomen: 22560, vermogen: 18000 }],
          aow: { bedragPerMaand: 1580, leefsituatie: 'alleenstaand', ingangsdatum: '2017-12-30' },
          leefsituatie: { samenwonend: false, partner: null, vastgesteldOp: '2017-12-30' },
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
        }),
        persoon({
          bsn: '999990329',
          naam: { voornamen: 'Ronald', voorvoegsel: null, geslachtsnaam: 'Wouters' },
          geboortedatum: '1978-11-11',
          geslacht: 'M',
          datumAanvangAdreshouding: '2026-02-01',
          verblijfplaatsen: [
            { adres: { adresId: '9999200000900013' }, datumAanvang: '1979-05-01', datumEinde: '1999-06-30' },
            { adres: { adresId: '9999200000900013' }, datumAanvang: '2026-02-01', datumEinde: null },
          ],
          ouders: [{ bsn: '999990317' }],
          bijstand: [
            {
              bedragPerMaand: 1401,
              normType: 'alleenstaande',
              aantalKostendelers: 1,
              ingangsdatum: '2024-11-01',
              einddatum: null,
            },
          ],
          risicoscore: { kleur: 'groen', berekendOp: '2026-01-15' },
          heeftZorgverwijzing: true,
          zorgtrajecten: [{ soort: 'schuldhulp', startdatum: '2026-07-15', einddatum: null }],
          inkomens: [{ jaar: 2025, verzamelinkomen: 16812, vermogen: 0 }],
          verblijfsstatus: { soort: 'nederlander', geldigTot: null },
          ibSignalen: [{ id: 'IB-9003', type: 'kostendelers', datum: '2026-03-05' }],
        }),
      ],
      politieRegistraties: [{ id: 'POL-9003', soort: 'overlast', datum: '2026-03-21' }],
      politieSignalen: [{ id: 'SIG-9027', soort: 'overlast', datum: '2026-03-21', partner: 'politie' }],
      inlichtingenbureauSignalen: [{ id: 'SIG-9026', soort: 'kostendelers', datum: '2026-03-05', partner: 'inlichtingenbureau' }],
    }),
  },
};
