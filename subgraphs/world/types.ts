/**
 * The synthetic world: one fictional municipality and every record each LSI partner holds about
 * its addresses and residents. Generated from a seed (see generate.ts); the same seed gives the same
 * world. Every partner subgraph reads from one World, so all partners speak about the same people
 * and the same addresses.
 *
 * Dates are ISO strings (YYYY-MM-DD). Amounts are whole euros unless the name says otherwise.
 * Field names follow the registers' Dutch vocabulary, as the subgraph schemas do.
 */

/** A partner organisation: also the name of its subgraph. */
export type PartnerId =
  | 'brp'
  | 'bag'
  | 'sociale-dienst'
  | 'wijkteam'
  | 'uwv'
  | 'belastingdienst'
  | 'svb'
  | 'arbeidsinspectie'
  | 'ind'
  | 'politie'
  | 'woningcorporatie'
  | 'rdw'
  | 'inlichtingenbureau';

export const PARTNERS: readonly PartnerId[] = [
  'brp',
  'bag',
  'sociale-dienst',
  'wijkteam',
  'uwv',
  'belastingdienst',
  'svb',
  'arbeidsinspectie',
  'ind',
  'politie',
  'woningcorporatie',
  'rdw',
  'inlichtingenbureau',
];

export interface Wijk {
  /** CBS-style neighbourhood code, e.g. "WK098301". */
  code: string;
  naam: string;
  /** The 4-digit postcode areas (e.g. "5914") inside this neighbourhood. */
  postcodeGebieden: string[];
}

/** BAG: an address (nummeraanduiding) with its dwelling (verblijfsobject). */
export interface Adres {
  /** 16-digit BAG nummeraanduiding id: municipality code (4) + "20" + 10-digit serial. */
  adresId: string;
  straat: string;
  huisnummer: number;
  huisletter: string | null;
  huisnummertoevoeging: string | null;
  /** "1234AB" (no space). */
  postcode: string;
  woonplaats: string;
  wijkCode: string;
  /** Verblijfsobject data. */
  oppervlakte: number;
  gebruiksdoel: 'woonfunctie' | 'winkelfunctie' | 'kantoorfunctie' | 'bijeenkomstfunctie';
  /** Registered number of dwelling units in the building (illegal splitting shows as a mismatch). */
  aantalWooneenheden: number;
  bouwjaar: number;
  /** BSN of the owner (from the municipal WOZ administration), null for corporation or company. */
  eigenaarBsn: string | null;
}

/** One period of registration at an address in the BRP. */
export interface Verblijfplaats {
  adresId: string;
  datumAanvang: string;
  /** null: still registered there. */
  datumEinde: string | null;
}

/** BRP: a person. */
export interface Persoon {
  /** 9 digits passing the 11-check; from a synthetic range, never a real person's. */
  bsn: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  geslacht: 'M' | 'V' | 'X';
  /** The BRP secrecy flag (geheimhouding persoonsgegevens). */
  geheimhouding: boolean;
  /** Registration history, newest last. Empty for people living somewhere unregistered. */
  verblijfplaatsen: Verblijfplaats[];
  /** Where the person actually lives (ground truth; NOT known to any register). null = abroad. */
  werkelijkAdresId: string | null;
  partnerBsn: string | null;
  ouderBsns: string[];
}

export interface Bijstand {
  bsn: string;
  /** Always "Participatiewet" for now; kept as a field because other regulations exist. */
  regeling: 'Participatiewet';
  /** Monthly net amount. */
  bedragPerMaand: number;
  normType: 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';
  /** Number of cost-sharers the benefit accounts for (kostendelersnorm). */
  aantalKostendelers: number;
  ingangsdatum: string;
  einddatum: string | null;
}

/** A risk score is a signal to look, never a suspicion. */
export interface Risicoscore {
  bsn: string;
  kleur: 'rood' | 'groen';
  berekendOp: string;
}

export interface Melding {
  /** Stable id, e.g. "SD-M-0001". */
  id: string;
  adresId: string;
  datum: string;
  /** Free text without names or BSNs. */
  omschrijving: string;
}

export interface Zorgtraject {
  bsn: string;
  soort: 'schuldhulp' | 'jeugdhulp' | 'wmo-begeleiding' | 'ggz' | 'mantelzorgondersteuning';
  ondersteuningsbehoefte: string;
  startdatum: string;
  einddatum: string | null;
}

export interface Dienstverband {
  bsn: string;
  werkgeverId: string;
  werkgeverNaam: string;
  startdatum: string;
  einddatum: string | null;
  /** Gross monthly wage. */
  loonPerMaand: number;
  urenPerWeek: number;
}

export interface UwvUitkering {
  bsn: string;
  soort: 'WW' | 'WIA' | 'WAO' | 'ZW' | 'Wajong';
  bedragPerMaand: number;
  ingangsdatum: string;
  einddatum: string | null;
}

export interface Toeslag {
  bsn: string;
  soort: 'huurtoeslag' | 'zorgtoeslag' | 'kindgebonden-budget' | 'kinderopvangtoeslag';
  jaar: number;
  jaarbedrag: number;
}

export interface Inkomen {
  bsn: string;
  jaar: number;
  /** Box 1 taxable income for the year. */
  verzamelinkomen: number;
  /** Box 3 assets on 1 January. */
  vermogen: number;
}

export interface Aow {
  bsn: string;
  bedragPerMaand: number;
  leefsituatie: 'alleenstaand' | 'samenwonend';
  ingangsdatum: string;
}

export interface Kinderbijslag {
  /** The parent who receives it. */
  bsn: string;
  kindBsn: string;
  kwartaalbedrag: number;
}

/** SVB's view of whether a person lives together with someone (for AOW and child benefit). */
export interface Leefsituatie {
  bsn: string;
  samenwonend: boolean;
  partnerBsn: string | null;
  vastgesteldOp: string;
}

export interface Werkgever {
  /** Loonheffingennummer-like id, e.g. "812345678L01". */
  werkgeverId: string;
  naam: string;
  kvkNummer: string;
  /** BSN of the natural person who owns it, if any. */
  eigenaarBsn: string | null;
}

/** Labour migrants an employer houses at an address (Arbeidsinspectie). */
export interface Huisvesting {
  adresId: string;
  werkgeverId: string;
  aantalPersonen: number;
  vastgesteldOp: string;
}

export interface Loonbevinding {
  id: string;
  bsn: string;
  werkgeverId: string;
  datum: string;
  /** Hourly wage paid, in euro cents, against the legal minimum. */
  betaaldUurloonCent: number;
  minimumUurloonCent: number;
}

export interface Verblijfsstatus {
  bsn: string;
  soort: 'nederlander' | 'eu-burger' | 'verblijfsvergunning-regulier' | 'verblijfsvergunning-asiel' | 'geen';
  geldigTot: string | null;
}

export interface PolitieRegistratie {
  id: string;
  adresId: string;
  /** null for an incident not tied to a person. */
  bsn: string | null;
  datum: string;
  soort: 'overlast' | 'incident' | 'hennep' | 'arrestatiebevel';
  omschrijving: string;
}

export interface Huurcontract {
  adresId: string;
  corporatie: string;
  huurderBsn: string;
  ingangsdatum: string;
  kaleHuurPerMaand: number;
}

export interface CorporatieMelding {
  id: string;
  adresId: string;
  datum: string;
  soort: 'overlast' | 'onderverhuur' | 'woonfraude';
  omschrijving: string;
}

export interface Voertuig {
  kenteken: string;
  bsn: string;
  merk: string;
  handelsbenaming: string;
  datumTenaamstelling: string;
  cataloguswaarde: number;
}

/** The 12 signal types the Inlichtingenbureau distributes to municipalities. */
export type IbSignaalType =
  | 'inkomen'
  | 'studiefinanciering'
  | 'inschrijving-onderwijs'
  | 'heffingskortingen'
  | 'voertuigbezit'
  | 'vermogen'
  | 'bankrekeningen'
  | 'detentie'
  | 'voortvluchtig'
  | 'uitkering-andere-gemeente'
  | 'kostendelers'
  | 'box1-box3';

export interface IbSignaal {
  id: string;
  bsn: string;
  type: IbSignaalType;
  datum: string;
  omschrijving: string;
}

/**
 * A partner's signal about an address, laid side by side with the others' in the preparation phase
 * (voortraject). A signal indicates where to look, never that someone did wrong.
 */
export interface Signaal {
  id: string;
  adresId: string;
  partner: PartnerId;
  soort: string;
  datum: string;
}

/** A planted scenario of BRIEF §6, with the stable identifiers a newcomer can try. */
export interface Scenario {
  /** 1..5, the BRIEF's numbering. */
  nummer: number;
  titel: string;
  beschrijving: string;
  adresIds: string[];
  bsns: string[];
}

export interface World {
  seed: number;
  /** The day the world describes (registrations are read "on" this date). */
  peildatum: string;
  gemeente: { code: string; naam: string };
  wijken: Wijk[];
  adressen: Adres[];
  personen: Persoon[];
  bijstand: Bijstand[];
  risicoscores: Risicoscore[];
  burgermeldingen: Melding[];
  zorgtrajecten: Zorgtraject[];
  dienstverbanden: Dienstverband[];
  uwvUitkeringen: UwvUitkering[];
  toeslagen: Toeslag[];
  inkomens: Inkomen[];
  aow: Aow[];
  kinderbijslag: Kinderbijslag[];
  leefsituaties: Leefsituatie[];
  werkgevers: Werkgever[];
  huisvesting: Huisvesting[];
  loonbevindingen: Loonbevinding[];
  verblijfsstatussen: Verblijfsstatus[];
  politieRegistraties: PolitieRegistratie[];
  huurcontracten: Huurcontract[];
  corporatieMeldingen: CorporatieMelding[];
  voertuigen: Voertuig[];
  ibSignalen: IbSignaal[];
  signalen: Signaal[];
  scenarios: Scenario[];
}
