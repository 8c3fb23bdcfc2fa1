/**
 * A small hand-made World with a few records of every kind, shaped after BRIEF §6 scenario 1
 * (the rented-out family home). Every BSN is synthetic (9999 range) and passes the 11-check.
 */
import type { World } from '../../subgraphs/world/index.ts';

/** Anna: mother of Cas and Dewi, registered at Kerkstraat 12, lives together with Bram. */
export const ANNA = '999901011';
/** Bram: Anna's partner, owns the employer Van Dalen Uitzend. */
export const BRAM = '999901023';
export const CAS = '999901035';
export const DEWI = '999901047';
/** Emil: a labour migrant living at Kerkstraat 12 without being registered. */
export const EMIL = '999901059';
/** Fenna: secrecy flag, lived at Molenweg 7B-2, now abroad; owns Dorpsplein 1. */
export const FENNA = '999901060';
/** A valid BSN nobody in the fixture has. */
export const NIEMAND = '999901072';

export const KERKSTRAAT_12 = '9999200000000001';
export const MOLENWEG_7B_2 = '9999200000000002';
export const DORPSPLEIN_1 = '9999200000000003';
/** A well-formed BAG id no address has. */
export const GEEN_ADRES = '9999200000000999';

export const W_VAN_DALEN = '812345678L01';
export const W_DE_HOEK = '823456789L01';

export const fixtureWorld: World = {
  seed: 1,
  peildatum: '2026-11-01',
  gemeente: { code: '9999', naam: 'Doelstad' },
  wijken: [
    { code: 'WK999901', naam: 'Klingerveld', postcodeGebieden: ['9991'] },
    { code: 'WK999902', naam: 'Oude Haven', postcodeGebieden: ['9992'] },
  ],
  adressen: [
    {
      adresId: KERKSTRAAT_12,
      straat: 'Kerkstraat',
      huisnummer: 12,
      huisletter: null,
      huisnummertoevoeging: null,
      postcode: '9991AB',
      woonplaats: 'Doelstad',
      wijkCode: 'WK999901',
      oppervlakte: 95,
      gebruiksdoel: 'woonfunctie',
      aantalWooneenheden: 1,
      bouwjaar: 1964,
      eigenaarBsn: null,
    },
    {
      adresId: MOLENWEG_7B_2,
      straat: 'Molenweg',
      huisnummer: 7,
      huisletter: 'B',
      huisnummertoevoeging: '2',
      postcode: '9991CD',
      woonplaats: 'Doelstad',
      wijkCode: 'WK999901',
      oppervlakte: 48,
      gebruiksdoel: 'woonfunctie',
      aantalWooneenheden: 4,
      bouwjaar: 1931,
      eigenaarBsn: null,
    },
    {
      adresId: DORPSPLEIN_1,
      straat: 'Dorpsplein',
      huisnummer: 1,
      huisletter: null,
      huisnummertoevoeging: null,
      postcode: '9992EF',
      woonplaats: 'Doelstad',
      wijkCode: 'WK999902',
      oppervlakte: 140,
      gebruiksdoel: 'winkelfunctie',
      aantalWooneenheden: 1,
      bouwjaar: 1898,
      eigenaarBsn: FENNA,
    },
  ],
  personen: [
    {
      bsn: ANNA,
      voornamen: 'Anna Maria',
      voorvoegsel: 'van der',
      geslachtsnaam: 'Berg',
      geboortedatum: '1991-04-17',
      geslacht: 'V',
      geheimhouding: false,
      verblijfplaatsen: [
        { adresId: DORPSPLEIN_1, datumAanvang: '2015-03-01', datumEinde: '2020-06-30' },
        { adresId: KERKSTRAAT_12, datumAanvang: '2020-07-01', datumEinde: null },
      ],
      werkelijkAdresId: KERKSTRAAT_12,
      partnerBsn: BRAM,
      ouderBsns: [],
    },
    {
      bsn: BRAM,
      voornamen: 'Bram',
      voorvoegsel: null,
      geslachtsnaam: 'Dalen',
      geboortedatum: '1985-09-02',
      geslacht: 'M',
      geheimhouding: false,
      verblijfplaatsen: [{ adresId: MOLENWEG_7B_2, datumAanvang: '2018-01-01', datumEinde: null }],
      werkelijkAdresId: KERKSTRAAT_12,
      partnerBsn: ANNA,
      ouderBsns: [],
    },
    {
      bsn: CAS,
      voornamen: 'Cas',
      voorvoegsel: 'van der',
      geslachtsnaam: 'Berg',
      geboortedatum: '2019-02-11',
      geslacht: 'M',
      geheimhouding: false,
      verblijfplaatsen: [{ adresId: KERKSTRAAT_12, datumAanvang: '2020-07-01', datumEinde: null }],
      werkelijkAdresId: KERKSTRAAT_12,
      partnerBsn: null,
      ouderBsns: [ANNA],
    },
    {
      bsn: DEWI,
      voornamen: 'Dewi',
      voorvoegsel: 'van der',
      geslachtsnaam: 'Berg',
      geboortedatum: '2022-05-10',
      geslacht: 'V',
      geheimhouding: false,
      verblijfplaatsen: [{ adresId: KERKSTRAAT_12, datumAanvang: '2022-05-10', datumEinde: null }],
      werkelijkAdresId: KERKSTRAAT_12,
      partnerBsn: null,
      ouderBsns: [ANNA],
    },
    {
      bsn: EMIL,
      voornamen: 'Emil',
      voorvoegsel: null,
      geslachtsnaam: 'Nowak',
      geboortedatum: '1996-12-30',
      geslacht: 'M',
      geheimhouding: false,
      verblijfplaatsen: [],
      werkelijkAdresId: KERKSTRAAT_12,
      partnerBsn: null,
      ouderBsns: [],
    },
    {
      bsn: FENNA,
      voornamen: 'Fenna',
      voorvoegsel: null,
      geslachtsnaam: 'Hoekstra',
      geboortedatum: '1958-07-23',
      geslacht: 'V',
      geheimhouding: true,
      verblijfplaatsen: [{ adresId: MOLENWEG_7B_2, datumAanvang: '2010-01-01', datumEinde: '2017-12-31' }],
      werkelijkAdresId: null,
      partnerBsn: null,
      ouderBsns: [],
    },
  ],
  bijstand: [
    {
      bsn: ANNA,
      regeling: 'Participatiewet',
      bedragPerMaand: 1104,
      normType: 'alleenstaande-ouder',
      aantalKostendelers: 1,
      ingangsdatum: '2021-01-01',
      einddatum: null,
    },
  ],
  risicoscores: [
    { bsn: ANNA, kleur: 'groen', berekendOp: '2025-01-15' },
    { bsn: ANNA, kleur: 'rood', berekendOp: '2026-03-01' },
  ],
  burgermeldingen: [
    { id: 'SD-M-0001', adresId: KERKSTRAAT_12, datum: '2026-05-02', omschrijving: 'Several men seen leaving the house early every morning.' },
  ],
  zorgtrajecten: [
    { bsn: ANNA, soort: 'schuldhulp', ondersteuningsbehoefte: 'Overview of debts and a payment plan.', startdatum: '2026-02-01', einddatum: null },
    { bsn: DEWI, soort: 'jeugdhulp', ondersteuningsbehoefte: 'Support with speech development.', startdatum: '2023-01-01', einddatum: '2024-01-01' },
  ],
  dienstverbanden: [
    {
      bsn: ANNA,
      werkgeverId: W_DE_HOEK,
      werkgeverNaam: 'Supermarkt De Hoek B.V.',
      startdatum: '2016-04-01',
      einddatum: '2019-06-30',
      loonPerMaand: 1850,
      urenPerWeek: 24,
    },
    {
      bsn: EMIL,
      werkgeverId: W_VAN_DALEN,
      werkgeverNaam: 'Van Dalen Uitzend B.V.',
      startdatum: '2022-09-01',
      einddatum: null,
      loonPerMaand: 1600,
      urenPerWeek: 40,
    },
  ],
  uwvUitkeringen: [{ bsn: ANNA, soort: 'WW', bedragPerMaand: 905, ingangsdatum: '2019-07-01', einddatum: '2020-01-01' }],
  toeslagen: [
    { bsn: ANNA, soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1500 },
    { bsn: ANNA, soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4082 },
    { bsn: ANNA, soort: 'huurtoeslag', jaar: 2026, jaarbedrag: 2842 },
  ],
  inkomens: [
    { bsn: ANNA, jaar: 2025, verzamelinkomen: 14200, vermogen: 3000 },
    { bsn: BRAM, jaar: 2025, verzamelinkomen: 62000, vermogen: 120000 },
  ],
  aow: [{ bsn: FENNA, bedragPerMaand: 1450, leefsituatie: 'alleenstaand', ingangsdatum: '2025-10-23' }],
  kinderbijslag: [
    { bsn: ANNA, kindBsn: CAS, kwartaalbedrag: 307 },
    { bsn: ANNA, kindBsn: DEWI, kwartaalbedrag: 307 },
  ],
  leefsituaties: [
    { bsn: ANNA, samenwonend: false, partnerBsn: null, vastgesteldOp: '2021-01-01' },
    { bsn: ANNA, samenwonend: true, partnerBsn: BRAM, vastgesteldOp: '2026-06-01' },
  ],
  werkgevers: [
    { werkgeverId: W_VAN_DALEN, naam: 'Van Dalen Uitzend B.V.', kvkNummer: '12345678', eigenaarBsn: BRAM },
    { werkgeverId: W_DE_HOEK, naam: 'Supermarkt De Hoek B.V.', kvkNummer: '23456789', eigenaarBsn: null },
  ],
  huisvesting: [{ adresId: KERKSTRAAT_12, werkgeverId: W_VAN_DALEN, aantalPersonen: 6, vastgesteldOp: '2026-06-15' }],
  loonbevindingen: [
    { id: 'LB-0001', bsn: EMIL, werkgeverId: W_VAN_DALEN, datum: '2026-06-15', betaaldUurloonCent: 900, minimumUurloonCent: 1440 },
  ],
  verblijfsstatussen: [
    { bsn: ANNA, soort: 'nederlander', geldigTot: null },
    { bsn: EMIL, soort: 'eu-burger', geldigTot: null },
  ],
  politieRegistraties: [
    { id: 'PR-0001', adresId: KERKSTRAAT_12, bsn: null, datum: '2026-04-20', soort: 'overlast', omschrijving: 'Noise at night reported by neighbours.' },
    { id: 'PR-0002', adresId: MOLENWEG_7B_2, bsn: BRAM, datum: '2025-11-03', soort: 'incident', omschrijving: 'Dispute between an employer and workers.' },
  ],
  huurcontracten: [
    { adresId: KERKSTRAAT_12, corporatie: 'Woonstichting Doelstad', huurderBsn: ANNA, ingangsdatum: '2020-07-01', kaleHuurPerMaand: 780 },
  ],
  corporatieMeldingen: [
    { id: 'CM-0001', adresId: KERKSTRAAT_12, datum: '2026-04-28', soort: 'overlast', omschrijving: 'Neighbours report many people coming and going.' },
  ],
  voertuigen: [
    {
      kenteken: 'VX-123-B',
      bsn: BRAM,
      merk: 'Volkswagen',
      handelsbenaming: 'Transporter',
      datumTenaamstelling: '2024-02-01',
      cataloguswaarde: 42000,
    },
  ],
  ibSignalen: [
    { id: 'IB-0001', bsn: ANNA, type: 'kostendelers', datum: '2026-05-01', omschrijving: 'More adults at the address than the benefit accounts for.' },
    { id: 'IB-0002', bsn: BRAM, type: 'detentie', datum: '2025-01-01', omschrijving: 'Detention reported.' },
    { id: 'IB-0003', bsn: BRAM, type: 'voertuigbezit', datum: '2026-02-10', omschrijving: 'Vehicle registered.' },
  ],
  signalen: [
    { id: 'SIG-01', adresId: KERKSTRAAT_12, partner: 'brp', soort: 'adresonderzoek', datum: '2026-05-10' },
    { id: 'SIG-02', adresId: KERKSTRAAT_12, partner: 'bag', soort: 'overbewoning', datum: '2026-05-11' },
    { id: 'SIG-03', adresId: KERKSTRAAT_12, partner: 'sociale-dienst', soort: 'burgermelding', datum: '2026-05-02' },
    { id: 'SIG-04', adresId: KERKSTRAAT_12, partner: 'uwv', soort: 'ww-controle', datum: '2026-05-12' },
    { id: 'SIG-05', adresId: KERKSTRAAT_12, partner: 'belastingdienst', soort: 'toeslagen-afwijkend', datum: '2026-05-13' },
    { id: 'SIG-06', adresId: KERKSTRAAT_12, partner: 'svb', soort: 'leefsituatie-onduidelijk', datum: '2026-05-14' },
    { id: 'SIG-07', adresId: KERKSTRAAT_12, partner: 'arbeidsinspectie', soort: 'onderbetaling', datum: '2026-06-15' },
    { id: 'SIG-08', adresId: KERKSTRAAT_12, partner: 'ind', soort: 'verblijf-onduidelijk', datum: '2026-05-16' },
    { id: 'SIG-09', adresId: KERKSTRAAT_12, partner: 'politie', soort: 'overlast', datum: '2026-04-20' },
    { id: 'SIG-10', adresId: KERKSTRAAT_12, partner: 'woningcorporatie', soort: 'overlast', datum: '2026-04-28' },
    { id: 'SIG-11', adresId: KERKSTRAAT_12, partner: 'rdw', soort: 'bedrijfsvoertuigen', datum: '2026-05-18' },
    { id: 'SIG-12', adresId: KERKSTRAAT_12, partner: 'inlichtingenbureau', soort: 'kostendelers', datum: '2026-05-01' },
    { id: 'SIG-13', adresId: MOLENWEG_7B_2, partner: 'woningcorporatie', soort: 'onderverhuur', datum: '2026-03-03' },
  ],
  scenarios: [
    {
      nummer: 1,
      titel: 'The rented-out family home',
      beschrijving: 'A mother with two children is registered; six workers of her partner live there.',
      adresIds: [KERKSTRAAT_12],
      bsns: [ANNA, BRAM, EMIL],
    },
  ],
};
