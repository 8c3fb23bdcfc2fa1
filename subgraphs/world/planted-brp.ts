/** The planted scenarios' addresses (BAG) and persons (BRP). See planted-ids.ts and docs/scenarios.md. */
import { SCENARIO_WIJK_CODE, WOONPLAATS } from './gemeente.ts';
import { ADRES, BSN } from './planted-ids.ts';
import type { Adres, Persoon, Verblijfplaats } from './types.ts';

const KLINGERHOF = SCENARIO_WIJK_CODE;

function adres(
  adresId: string,
  straat: string,
  huisnummer: number,
  postcode: string,
  wijkCode: string,
  oppervlakte: number,
  bouwjaar: number,
  eigenaarBsn: string | null,
): Adres {
  return {
    adresId,
    straat,
    huisnummer,
    huisletter: null,
    huisnummertoevoeging: null,
    postcode,
    woonplaats: WOONPLAATS,
    wijkCode,
    oppervlakte,
    gebruiksdoel: 'woonfunctie',
    aantalWooneenheden: 1,
    bouwjaar,
    eigenaarBsn,
  };
}

export function plantedAdressen(): Adres[] {
  return [
    adres(ADRES.gezinswoning, 'Hazelaarstraat', 14, '5971ZA', KLINGERHOF, 85, 1968, null),
    adres(ADRES.gesplitsteWoning, 'Vlierbesstraat', 22, '5971ZB', KLINGERHOF, 140, 1931, BSN.marcoDeWit),
    adres(ADRES.spookpand1, 'Vlierbesstraat', 30, '5971ZB', KLINGERHOF, 115, 1929, BSN.hendrikSchouten),
    adres(ADRES.spookpand2, 'Vlierbesstraat', 32, '5971ZB', KLINGERHOF, 105, 1929, BSN.hendrikSchouten),
    adres(ADRES.spookpand3, 'Meidoornweg', 5, '5971ZC', KLINGERHOF, 120, 1936, BSN.hendrikSchouten),
    adres(ADRES.verborgenPaar, 'Meidoornweg', 12, '5971ZC', KLINGERHOF, 62, 1954, null),
    adres(ADRES.gezinJansen, 'Meidoornweg', 20, '5971ZC', KLINGERHOF, 78, 1958, null),
    adres(ADRES.bureauVisser, 'Lindelaan', 3, '5971ZE', KLINGERHOF, 68, 1972, null),
    adres(ADRES.bureauKok, 'Lindelaan', 7, '5971ZE', KLINGERHOF, 74, 1972, null),
    adres(ADRES.bureauKaya, 'Lindelaan', 11, '5971ZE', KLINGERHOF, 82, 1972, null),
    adres(ADRES.bureauHendriks, 'Lindelaan', 15, '5971ZE', KLINGERHOF, 66, 1972, null),
    adres(ADRES.zorgWouters, 'Meidoornweg', 27, '5971ZD', KLINGERHOF, 96, 1962, BSN.gerdaWouters),
    adres(ADRES.leegstaand, 'Meidoornweg', 9, '5971ZC', KLINGERHOF, 72, 1954, null),
    adres(ADRES.studioDeGroot, 'Meidoornweg', 31, '5971ZD', KLINGERHOF, 32, 1962, null),
    adres(ADRES.kraaijeveld, 'Kadewal', 7, '5973ZA', 'WK999902', 164, 2008, BSN.dennisKraaijeveld),
    adres(ADRES.schouten, 'Populierenlaan', 2, '5974ZA', 'WK999903', 210, 1998, BSN.hendrikSchouten),
    adres(ADRES.deWit, 'Esdoornhof', 11, '5976ZA', 'WK999904', 148, 2001, BSN.marcoDeWit),
  ];
}

interface PersoonSpec {
  bsn: string;
  naam: [voornamen: string, voorvoegsel: string | null, geslachtsnaam: string];
  geboren: string;
  geslacht: Persoon['geslacht'];
  /** Current registration [adresId, since]; omit for a person registered nowhere in Doelstad. */
  ingeschreven?: [string, string];
  eerder?: Verblijfplaats[];
  /** Where the person actually lives, when it differs from the registration. */
  woontOp?: string;
  partner?: string;
  ouders?: string[];
  geheim?: boolean;
}

function persoon(s: PersoonSpec): Persoon {
  const [voornamen, voorvoegsel, geslachtsnaam] = s.naam;
  const huidig = s.ingeschreven === undefined ? [] : [{ adresId: s.ingeschreven[0], datumAanvang: s.ingeschreven[1], datumEinde: null }];
  return {
    bsn: s.bsn,
    voornamen,
    voorvoegsel,
    geslachtsnaam,
    geboortedatum: s.geboren,
    geslacht: s.geslacht,
    geheimhouding: s.geheim ?? false,
    verblijfplaatsen: [...(s.eerder ?? []), ...huidig],
    werkelijkAdresId: s.woontOp ?? s.ingeschreven?.[0] ?? null,
    partnerBsn: s.partner ?? null,
    ouderBsns: s.ouders ?? [],
  };
}

const migrant = (bsn: string, voornamen: string, geslachtsnaam: string, geboren: string): Persoon =>
  persoon({ bsn, naam: [voornamen, null, geslachtsnaam], geboren, geslacht: 'M', woontOp: ADRES.gezinswoning });

export function plantedPersonen(): Persoon[] {
  return [
    // Scenario 1: registered at the family home, living with her new partner at Kadewal 7.
    persoon({ bsn: BSN.esmeeVerhoeven, naam: ['Esmee', null, 'Verhoeven'], geboren: '1994-05-12', geslacht: 'V', ingeschreven: [ADRES.gezinswoning, '2019-08-01'], woontOp: ADRES.kraaijeveld }),
    persoon({ bsn: BSN.noahVerhoeven, naam: ['Noah', null, 'Verhoeven'], geboren: '2020-03-14', geslacht: 'M', ingeschreven: [ADRES.gezinswoning, '2020-03-14'], woontOp: ADRES.kraaijeveld, ouders: [BSN.esmeeVerhoeven] }),
    persoon({ bsn: BSN.lotteVerhoeven, naam: ['Lotte', null, 'Verhoeven'], geboren: '2022-09-30', geslacht: 'V', ingeschreven: [ADRES.gezinswoning, '2022-09-30'], woontOp: ADRES.kraaijeveld, ouders: [BSN.esmeeVerhoeven] }),
    persoon({ bsn: BSN.dennisKraaijeveld, naam: ['Dennis', null, 'Kraaijeveld'], geboren: '1987-11-03', geslacht: 'M', ingeschreven: [ADRES.kraaijeveld, '2015-04-01'] }),
    migrant(BSN.piotrNowak, 'Piotr', 'Nowak', '1991-02-11'),
    migrant(BSN.marekKowalski, 'Marek', 'Kowalski', '1988-07-23'),
    migrant(BSN.tomaszZielinski, 'Tomasz', 'Zielinski', '1995-10-05'),
    migrant(BSN.andrzejWisniewski, 'Andrzej', 'Wisniewski', '1985-04-30'),
    migrant(BSN.ionutPopescu, 'Ionut', 'Popescu', '1993-12-17'),
    migrant(BSN.florinDumitru, 'Florin', 'Dumitru', '1990-06-08'),

    // Scenario 2: four households registered in one dwelling.
    persoon({ bsn: BSN.kevinBakker, naam: ['Kevin', null, 'Bakker'], geboren: '1991-02-17', geslacht: 'M', ingeschreven: [ADRES.gesplitsteWoning, '2023-05-01'] }),
    persoon({ bsn: BSN.raduMoraru, naam: ['Radu', null, 'Moraru'], geboren: '1989-07-08', geslacht: 'M', ingeschreven: [ADRES.gesplitsteWoning, '2024-02-15'], partner: BSN.danielaMoraru }),
    persoon({ bsn: BSN.danielaMoraru, naam: ['Daniela', null, 'Moraru'], geboren: '1992-01-25', geslacht: 'V', ingeschreven: [ADRES.gesplitsteWoning, '2024-02-15'], partner: BSN.raduMoraru }),
    persoon({ bsn: BSN.jeroenSmit, naam: ['Jeroen', null, 'Smit'], geboren: '1975-10-30', geslacht: 'M', ingeschreven: [ADRES.gesplitsteWoning, '2022-09-01'] }),
    persoon({ bsn: BSN.fatmaYilmaz, naam: ['Fatma', null, 'Yilmaz'], geboren: '1984-06-21', geslacht: 'V', ingeschreven: [ADRES.gesplitsteWoning, '2025-01-20'], geheim: true }),
    persoon({ bsn: BSN.emreYilmaz, naam: ['Emre', null, 'Yilmaz'], geboren: '2012-12-03', geslacht: 'M', ingeschreven: [ADRES.gesplitsteWoning, '2025-01-20'], ouders: [BSN.fatmaYilmaz] }),
    // Scenario 2: the owners, living outside the project area.
    persoon({ bsn: BSN.marcoDeWit, naam: ['Marco', 'de', 'Wit'], geboren: '1969-03-14', geslacht: 'M', ingeschreven: [ADRES.deWit, '2002-06-01'] }),
    persoon({ bsn: BSN.hendrikSchouten, naam: ['Hendrik', null, 'Schouten'], geboren: '1961-09-02', geslacht: 'M', ingeschreven: [ADRES.schouten, '1999-03-01'] }),
    // Scenario 2: the couple living unregistered since 2022.
    persoon({ bsn: BSN.andreiIonescu, naam: ['Andrei', null, 'Ionescu'], geboren: '1986-03-09', geslacht: 'M', woontOp: ADRES.verborgenPaar, partner: BSN.elenaIonescu }),
    persoon({ bsn: BSN.elenaIonescu, naam: ['Elena', null, 'Ionescu'], geboren: '1988-08-14', geslacht: 'V', woontOp: ADRES.verborgenPaar, partner: BSN.andreiIonescu }),
    // Scenario 2: apart according to the BRP since 2025, together in fact.
    persoon({
      bsn: BSN.markDeGroot,
      naam: ['Mark', 'de', 'Groot'],
      geboren: '1988-01-12',
      geslacht: 'M',
      eerder: [{ adresId: ADRES.gezinJansen, datumAanvang: '2016-03-01', datumEinde: '2025-01-31' }],
      ingeschreven: [ADRES.studioDeGroot, '2025-02-01'],
      woontOp: ADRES.gezinJansen,
    }),
    persoon({ bsn: BSN.sanneJansen, naam: ['Sanne', null, 'Jansen'], geboren: '1990-09-04', geslacht: 'V', ingeschreven: [ADRES.gezinJansen, '2016-03-01'] }),
    persoon({ bsn: BSN.milaDeGroot, naam: ['Mila', 'de', 'Groot'], geboren: '2018-06-22', geslacht: 'V', ingeschreven: [ADRES.gezinJansen, '2018-06-22'], ouders: [BSN.sanneJansen, BSN.markDeGroot] }),

    // Scenario 3: the desk-research addresses.
    persoon({ bsn: BSN.patrickVisser, naam: ['Patrick', null, 'Visser'], geboren: '1982-04-16', geslacht: 'M', ingeschreven: [ADRES.bureauVisser, '2018-11-01'] }),
    persoon({ bsn: BSN.yvonneKok, naam: ['Yvonne', null, 'Kok'], geboren: '1979-12-02', geslacht: 'V', ingeschreven: [ADRES.bureauKok, '2020-06-15'] }),
    persoon({ bsn: BSN.ahmetKaya, naam: ['Ahmet', null, 'Kaya'], geboren: '1970-05-19', geslacht: 'M', ingeschreven: [ADRES.bureauKaya, '2010-07-01'], partner: BSN.zeynepKaya }),
    persoon({ bsn: BSN.zeynepKaya, naam: ['Zeynep', null, 'Kaya'], geboren: '1974-09-27', geslacht: 'V', ingeschreven: [ADRES.bureauKaya, '2010-07-01'], partner: BSN.ahmetKaya }),
    persoon({ bsn: BSN.ingridHendriks, naam: ['Ingrid', null, 'Hendriks'], geboren: '1968-02-08', geslacht: 'V', ingeschreven: [ADRES.bureauHendriks, '2005-09-01'] }),

    // Scenario 4: a mother and her adult son who moved back in.
    persoon({ bsn: BSN.gerdaWouters, naam: ['Gerda', null, 'Wouters'], geboren: '1951-08-30', geslacht: 'V', ingeschreven: [ADRES.zorgWouters, '1979-05-01'] }),
    persoon({
      bsn: BSN.ronaldWouters,
      naam: ['Ronald', null, 'Wouters'],
      geboren: '1978-11-11',
      geslacht: 'M',
      eerder: [{ adresId: ADRES.zorgWouters, datumAanvang: '1979-05-01', datumEinde: '1999-06-30' }],
      ingeschreven: [ADRES.zorgWouters, '2026-02-01'],
      ouders: [BSN.gerdaWouters],
    }),
  ];
}
