/**
 * What every partner holds about the planted scenarios, and the signals they lay side by side.
 * Amounts are exact so that tests and docs/scenarios.md can name them.
 */
import { MINIMUM_UURLOON_CENT } from './gemeente.ts';
import { ADRES, BSN, WERKGEVER, ZES_MANNEN } from './planted-ids.ts';
import { BEDRAGEN, bijstandAlleenstaande, type Registers } from './registers.ts';
import type { Dienstverband, Inkomen, Signaal, Werkgever } from './types.ts';

const WERKGEVERS: Werkgever[] = [
  { werkgeverId: WERKGEVER.kraaijeveldLogistiek, naam: 'Kraaijeveld Logistiek B.V.', kvkNummer: '99990001', eigenaarBsn: BSN.dennisKraaijeveld },
  { werkgeverId: WERKGEVER.flexwerkMaasland, naam: 'Flexwerk Maasland B.V.', kvkNummer: '99990002', eigenaarBsn: null },
  { werkgeverId: WERKGEVER.bouwbedrijfLindeboom, naam: 'Bouwbedrijf Lindeboom B.V.', kvkNummer: '99990003', eigenaarBsn: null },
  { werkgeverId: WERKGEVER.schoonmaakbedrijfHelder, naam: 'Schoonmaakbedrijf Helder B.V.', kvkNummer: '99990004', eigenaarBsn: null },
];

/** The wage the six men are paid: EUR 8.50 an hour for 40 hours a week. */
export const ZES_MANNEN_UURLOON_CENT = 850;

function dienstverband(bsn: string, werkgeverId: string, startdatum: string, einddatum: string | null, loonPerMaand: number, urenPerWeek: number): Dienstverband {
  const werkgever = WERKGEVERS.find((w) => w.werkgeverId === werkgeverId) as Werkgever;
  return { bsn, werkgeverId, werkgeverNaam: werkgever.naam, startdatum, einddatum, loonPerMaand, urenPerWeek };
}

const inkomen = (bsn: string, verzamelinkomen: number, vermogen: number): Inkomen => ({ bsn, jaar: 2025, verzamelinkomen, vermogen });

export function plantRecords(r: Registers): void {
  const alleenstaande = bijstandAlleenstaande(1);
  r.werkgevers.push(...WERKGEVERS);

  r.dienstverbanden.push(
    ...ZES_MANNEN.map((bsn) => dienstverband(bsn, WERKGEVER.kraaijeveldLogistiek, '2026-02-02', null, 1473, 40)),
    dienstverband(BSN.esmeeVerhoeven, WERKGEVER.schoonmaakbedrijfHelder, '2021-03-01', null, 1100, 20),
    dienstverband(BSN.kevinBakker, WERKGEVER.bouwbedrijfLindeboom, '2023-06-01', null, 3100, 40),
    dienstverband(BSN.raduMoraru, WERKGEVER.flexwerkMaasland, '2024-02-01', null, 2300, 40),
    dienstverband(BSN.fatmaYilmaz, WERKGEVER.schoonmaakbedrijfHelder, '2023-09-01', null, 1650, 24),
    dienstverband(BSN.andreiIonescu, WERKGEVER.flexwerkMaasland, '2022-05-16', null, 2350, 40),
    dienstverband(BSN.elenaIonescu, WERKGEVER.flexwerkMaasland, '2022-05-16', null, 2350, 40),
    dienstverband(BSN.markDeGroot, WERKGEVER.bouwbedrijfLindeboom, '2012-04-01', null, 3900, 38),
    dienstverband(BSN.sanneJansen, WERKGEVER.schoonmaakbedrijfHelder, '2019-01-07', null, 1000, 16),
    dienstverband(BSN.patrickVisser, WERKGEVER.bouwbedrijfLindeboom, '2025-09-01', null, 2650, 40),
    dienstverband(BSN.zeynepKaya, WERKGEVER.schoonmaakbedrijfHelder, '2026-01-15', null, 1850, 24),
    dienstverband(BSN.ingridHendriks, WERKGEVER.bouwbedrijfLindeboom, '2014-03-01', '2024-05-31', 2400, 32),
  );

  r.bijstand.push(
    { bsn: BSN.jeroenSmit, regeling: 'Participatiewet', bedragPerMaand: alleenstaande, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2022-10-01', einddatum: null },
    { bsn: BSN.patrickVisser, regeling: 'Participatiewet', bedragPerMaand: alleenstaande, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2023-03-01', einddatum: null },
    { bsn: BSN.yvonneKok, regeling: 'Participatiewet', bedragPerMaand: alleenstaande, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2021-10-01', einddatum: null },
    { bsn: BSN.ahmetKaya, regeling: 'Participatiewet', bedragPerMaand: BEDRAGEN.bijstandGehuwden, normType: 'gehuwden', aantalKostendelers: 2, ingangsdatum: '2020-02-01', einddatum: null },
    { bsn: BSN.ingridHendriks, regeling: 'Participatiewet', bedragPerMaand: alleenstaande, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2024-06-01', einddatum: null },
    { bsn: BSN.ronaldWouters, regeling: 'Participatiewet', bedragPerMaand: alleenstaande, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2024-11-01', einddatum: null },
  );
  r.risicoscores.push(
    ...[BSN.jeroenSmit, BSN.yvonneKok, BSN.ahmetKaya, BSN.ingridHendriks, BSN.ronaldWouters].map((bsn) => ({ bsn, kleur: 'groen' as const, berekendOp: '2026-01-15' })),
    { bsn: BSN.patrickVisser, kleur: 'rood', berekendOp: '2026-01-15' },
  );

  r.inkomens.push(
    ...ZES_MANNEN.map((bsn) => inkomen(bsn, 0, 0)),
    inkomen(BSN.esmeeVerhoeven, 14_256, 1_200),
    inkomen(BSN.dennisKraaijeveld, 58_000, 85_000),
    inkomen(BSN.kevinBakker, 40_176, 9_500),
    inkomen(BSN.raduMoraru, 29_808, 2_000),
    inkomen(BSN.danielaMoraru, 0, 0),
    inkomen(BSN.jeroenSmit, alleenstaande * 12, 800),
    inkomen(BSN.fatmaYilmaz, 21_384, 1_500),
    inkomen(BSN.marcoDeWit, 74_000, 310_000),
    inkomen(BSN.hendrikSchouten, 96_000, 1_250_000),
    inkomen(BSN.andreiIonescu, 30_456, 3_000),
    inkomen(BSN.elenaIonescu, 30_456, 3_000),
    inkomen(BSN.markDeGroot, 50_544, 12_000),
    inkomen(BSN.sanneJansen, 12_960, 2_500),
    inkomen(BSN.patrickVisser, 22_656, 1_000),
    inkomen(BSN.yvonneKok, 31_712, 4_000),
    inkomen(BSN.ahmetKaya, BEDRAGEN.bijstandGehuwden * 12, 3_000),
    inkomen(BSN.zeynepKaya, 0, 0),
    inkomen(BSN.ingridHendriks, alleenstaande * 12, 2_000),
    inkomen(BSN.gerdaWouters, BEDRAGEN.aowAlleenstaand * 12 + 3_600, 18_000),
    inkomen(BSN.ronaldWouters, alleenstaande * 12, 0),
  );

  r.toeslagen.push(
    { bsn: BSN.esmeeVerhoeven, soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1_500 },
    { bsn: BSN.esmeeVerhoeven, soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4_082 },
    { bsn: BSN.esmeeVerhoeven, soort: 'huurtoeslag', jaar: 2026, jaarbedrag: 2_842 },
    { bsn: BSN.fatmaYilmaz, soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1_380 },
    { bsn: BSN.fatmaYilmaz, soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4_700 },
    { bsn: BSN.sanneJansen, soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1_500 },
    { bsn: BSN.sanneJansen, soort: 'huurtoeslag', jaar: 2026, jaarbedrag: 3_120 },
    { bsn: BSN.sanneJansen, soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4_250 },
    { bsn: BSN.gerdaWouters, soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1_320 },
  );

  r.aow.push({ bsn: BSN.gerdaWouters, bedragPerMaand: BEDRAGEN.aowAlleenstaand, leefsituatie: 'alleenstaand', ingangsdatum: '2017-12-30' });
  r.kinderbijslag.push(
    { bsn: BSN.esmeeVerhoeven, kindBsn: BSN.noahVerhoeven, kwartaalbedrag: BEDRAGEN.kinderbijslag[1] },
    { bsn: BSN.esmeeVerhoeven, kindBsn: BSN.lotteVerhoeven, kwartaalbedrag: BEDRAGEN.kinderbijslag[0] },
    { bsn: BSN.fatmaYilmaz, kindBsn: BSN.emreYilmaz, kwartaalbedrag: BEDRAGEN.kinderbijslag[2] },
    { bsn: BSN.sanneJansen, kindBsn: BSN.milaDeGroot, kwartaalbedrag: BEDRAGEN.kinderbijslag[1] },
  );
  r.leefsituaties.push(
    { bsn: BSN.esmeeVerhoeven, samenwonend: false, partnerBsn: null, vastgesteldOp: '2024-01-10' },
    { bsn: BSN.fatmaYilmaz, samenwonend: false, partnerBsn: null, vastgesteldOp: '2025-02-03' },
    { bsn: BSN.sanneJansen, samenwonend: true, partnerBsn: BSN.markDeGroot, vastgesteldOp: '2026-05-19' },
    { bsn: BSN.gerdaWouters, samenwonend: false, partnerBsn: null, vastgesteldOp: '2017-12-30' },
  );

  r.huisvesting.push(
    { adresId: ADRES.gezinswoning, werkgeverId: WERKGEVER.kraaijeveldLogistiek, aantalPersonen: 6, vastgesteldOp: '2026-09-22' },
    { adresId: ADRES.spookpand1, werkgeverId: WERKGEVER.flexwerkMaasland, aantalPersonen: 8, vastgesteldOp: '2026-04-20' },
    { adresId: ADRES.spookpand2, werkgeverId: WERKGEVER.flexwerkMaasland, aantalPersonen: 5, vastgesteldOp: '2026-04-20' },
    { adresId: ADRES.spookpand3, werkgeverId: WERKGEVER.flexwerkMaasland, aantalPersonen: 6, vastgesteldOp: '2026-04-20' },
    { adresId: ADRES.verborgenPaar, werkgeverId: WERKGEVER.flexwerkMaasland, aantalPersonen: 2, vastgesteldOp: '2026-04-20' },
  );
  r.loonbevindingen.push(
    ...ZES_MANNEN.map((bsn, i) => ({
      id: `NLA-L-${9001 + i}`,
      bsn,
      werkgeverId: WERKGEVER.kraaijeveldLogistiek,
      datum: '2026-09-22',
      betaaldUurloonCent: ZES_MANNEN_UURLOON_CENT,
      minimumUurloonCent: MINIMUM_UURLOON_CENT,
    })),
  );

  const nl = (bsn: string) => ({ bsn, soort: 'nederlander' as const, geldigTot: null });
  const eu = (bsn: string) => ({ bsn, soort: 'eu-burger' as const, geldigTot: null });
  r.verblijfsstatussen.push(
    ...[BSN.esmeeVerhoeven, BSN.noahVerhoeven, BSN.lotteVerhoeven, BSN.dennisKraaijeveld, BSN.kevinBakker, BSN.jeroenSmit, BSN.fatmaYilmaz, BSN.emreYilmaz,
      BSN.marcoDeWit, BSN.hendrikSchouten, BSN.markDeGroot, BSN.sanneJansen, BSN.milaDeGroot, BSN.patrickVisser, BSN.yvonneKok, BSN.ahmetKaya,
      BSN.zeynepKaya, BSN.ingridHendriks, BSN.gerdaWouters, BSN.ronaldWouters].map(nl),
    ...[...ZES_MANNEN, BSN.raduMoraru, BSN.danielaMoraru, BSN.andreiIonescu, BSN.elenaIonescu].map(eu),
  );

  r.huurcontracten.push(
    { adresId: ADRES.gezinswoning, corporatie: 'Woonstichting Doelstad', huurderBsn: BSN.esmeeVerhoeven, ingangsdatum: '2019-08-01', kaleHuurPerMaand: 640 },
    { adresId: ADRES.gezinJansen, corporatie: 'Maasoever Wonen', huurderBsn: BSN.sanneJansen, ingangsdatum: '2016-03-01', kaleHuurPerMaand: 705 },
    { adresId: ADRES.bureauVisser, corporatie: 'Woonstichting Doelstad', huurderBsn: BSN.patrickVisser, ingangsdatum: '2018-11-01', kaleHuurPerMaand: 590 },
    { adresId: ADRES.bureauKaya, corporatie: 'Maasoever Wonen', huurderBsn: BSN.ahmetKaya, ingangsdatum: '2010-07-01', kaleHuurPerMaand: 670 },
    { adresId: ADRES.bureauHendriks, corporatie: 'Woonstichting Doelstad', huurderBsn: BSN.ingridHendriks, ingangsdatum: '2005-09-01', kaleHuurPerMaand: 560 },
  );
  r.corporatieMeldingen.push({
    id: 'WC-M-9001',
    adresId: ADRES.gezinswoning,
    datum: '2026-03-02',
    soort: 'overlast',
    omschrijving: 'Neighbours report noise and many different men entering and leaving the dwelling.',
  });
  r.burgermeldingen.push(
    { id: 'SD-M-9001', adresId: ADRES.gesplitsteWoning, datum: '2026-04-07', omschrijving: 'A citizen reports that the house has been split into four flats with separate doorbells.' },
    { id: 'SD-M-9002', adresId: ADRES.bureauKok, datum: '2026-04-02', omschrijving: 'A citizen reports that a resident on benefits runs a business from home.' },
    { id: 'SD-M-9003', adresId: ADRES.bureauHendriks, datum: '2026-04-14', omschrijving: 'A citizen reports that an unregistered adult seems to live at the address.' },
  );
  r.politieRegistraties.push(
    { id: 'POL-9001', adresId: ADRES.gesplitsteWoning, bsn: null, datum: '2026-02-18', soort: 'overlast', omschrijving: 'Neighbours report noise and an overloaded power strip seen through a window.' },
    { id: 'POL-9002', adresId: ADRES.bureauHendriks, bsn: null, datum: '2026-05-06', soort: 'overlast', omschrijving: 'Noise nuisance reported by neighbours at night.' },
    { id: 'POL-9003', adresId: ADRES.zorgWouters, bsn: null, datum: '2026-03-21', soort: 'overlast', omschrijving: 'Shouting at night; a neighbour is worried about the elderly resident.' },
  );
  r.ibSignalen.push(
    { id: 'IB-9001', bsn: BSN.yvonneKok, type: 'box1-box3', datum: '2026-02-24', omschrijving: 'Box 1 income or box 3 assets reported.' },
    { id: 'IB-9002', bsn: BSN.zeynepKaya, type: 'inkomen', datum: '2026-03-30', omschrijving: 'Income from employment reported for a member of a household on benefits.' },
    { id: 'IB-9003', bsn: BSN.ronaldWouters, type: 'kostendelers', datum: '2026-03-05', omschrijving: 'Other adults registered at the address.' },
  );
  r.zorgtrajecten.push(
    {
      bsn: BSN.gerdaWouters,
      soort: 'wmo-begeleiding',
      ondersteuningsbehoefte: 'Support with daily living, medication and finances; early signs of dementia.',
      startdatum: '2026-07-01',
      einddatum: null,
    },
    { bsn: BSN.ronaldWouters, soort: 'schuldhulp', ondersteuningsbehoefte: 'Help with rent arrears and debts.', startdatum: '2026-07-15', einddatum: null },
  );
  r.voertuigen.push(
    { kenteken: 'ZB-017-K', bsn: BSN.dennisKraaijeveld, merk: 'MERCEDES-BENZ', handelsbenaming: 'C 200', datumTenaamstelling: '2025-03-14', cataloguswaarde: 55_000 },
    { kenteken: 'HX-042-N', bsn: BSN.markDeGroot, merk: 'VOLKSWAGEN', handelsbenaming: 'GOLF', datumTenaamstelling: '2021-09-02', cataloguswaarde: 28_000 },
  );
  r.signalen.push(...PLANTED_SIGNALEN);
}

const signaal = (n: number, adresId: string, partner: Signaal['partner'], soort: string, datum: string): Signaal => ({ id: `SIG-${9000 + n}`, adresId, partner, soort, datum });

/** The planted signals, as documented in docs/scenarios.md. */
export const PLANTED_SIGNALEN: readonly Signaal[] = [
  signaal(1, ADRES.gezinswoning, 'woningcorporatie', 'overlast', '2026-03-02'),
  signaal(2, ADRES.gezinswoning, 'belastingdienst', 'toeslagen-afwijkend', '2026-06-15'),
  signaal(3, ADRES.gesplitsteWoning, 'politie', 'overlast', '2026-02-18'),
  signaal(4, ADRES.gesplitsteWoning, 'sociale-dienst', 'burgermelding', '2026-04-07'),
  signaal(5, ADRES.gesplitsteWoning, 'bag', 'woningsplitsing', '2026-05-12'),
  signaal(6, ADRES.spookpand1, 'arbeidsinspectie', 'huisvesting-arbeidsmigranten', '2026-04-20'),
  signaal(7, ADRES.spookpand1, 'brp', 'adresonderzoek', '2026-05-12'),
  signaal(8, ADRES.spookpand2, 'arbeidsinspectie', 'huisvesting-arbeidsmigranten', '2026-04-20'),
  signaal(9, ADRES.spookpand2, 'brp', 'adresonderzoek', '2026-05-12'),
  signaal(10, ADRES.spookpand3, 'arbeidsinspectie', 'huisvesting-arbeidsmigranten', '2026-04-20'),
  signaal(11, ADRES.spookpand3, 'brp', 'adresonderzoek', '2026-05-12'),
  signaal(12, ADRES.verborgenPaar, 'uwv', 'woonadres-onbekend', '2026-03-09'),
  signaal(13, ADRES.verborgenPaar, 'arbeidsinspectie', 'huisvesting-arbeidsmigranten', '2026-04-20'),
  signaal(14, ADRES.gezinJansen, 'svb', 'leefsituatie-afwijkend', '2026-05-19'),
  signaal(15, ADRES.gezinJansen, 'belastingdienst', 'toeslagen-afwijkend', '2026-06-03'),
  signaal(16, ADRES.studioDeGroot, 'svb', 'leefsituatie-afwijkend', '2026-05-19'),
  signaal(17, ADRES.studioDeGroot, 'brp', 'adresonderzoek', '2026-06-20'),
  signaal(18, ADRES.bureauVisser, 'sociale-dienst', 'risicoscore-rood', '2026-01-15'),
  signaal(19, ADRES.bureauVisser, 'uwv', 'dienstverband-naast-uitkering', '2026-03-16'),
  signaal(20, ADRES.bureauKok, 'inlichtingenbureau', 'box1-box3', '2026-02-24'),
  signaal(21, ADRES.bureauKok, 'sociale-dienst', 'burgermelding', '2026-04-02'),
  signaal(22, ADRES.bureauKaya, 'uwv', 'dienstverband-naast-uitkering', '2026-03-16'),
  signaal(23, ADRES.bureauKaya, 'inlichtingenbureau', 'inkomen', '2026-03-30'),
  signaal(24, ADRES.bureauHendriks, 'sociale-dienst', 'burgermelding', '2026-04-14'),
  signaal(25, ADRES.bureauHendriks, 'politie', 'overlast', '2026-05-06'),
  signaal(26, ADRES.zorgWouters, 'inlichtingenbureau', 'kostendelers', '2026-03-05'),
  signaal(27, ADRES.zorgWouters, 'politie', 'overlast', '2026-03-21'),
  signaal(28, ADRES.leegstaand, 'woningcorporatie', 'leegstand', '2026-05-26'),
  signaal(29, ADRES.leegstaand, 'brp', 'adresonderzoek', '2026-06-09'),
];
