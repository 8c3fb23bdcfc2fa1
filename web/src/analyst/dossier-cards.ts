/**
 * The dossier of an address or a person: one card per partner, each with the fields that partner
 * holds. The dossier's GraphQL queries are made from these cards, so a card shows exactly what
 * was asked (tests/web/queries.test.ts validates them against the served schema).
 */
export interface CardField {
  name: string;
  label: string;
  /** The sub-selection of an object or list field. */
  selection?: string;
}

export interface Card {
  /** The partner (an organisation id in the covenant) that holds these fields. */
  partner: string;
  fields: CardField[];
}

export const ADDRESS_CARDS: Card[] = [
  {
    partner: 'bag',
    fields: [
      { name: 'straat', label: 'Street' },
      { name: 'huisnummer', label: 'House number' },
      { name: 'postcode', label: 'Postcode' },
      { name: 'woonplaats', label: 'Town' },
      { name: 'verblijfsobject', label: 'Dwelling', selection: 'oppervlakte gebruiksdoel aantalWooneenheden' },
    ],
  },
  { partner: 'brp', fields: [{ name: 'aantalBewoners', label: 'Registered residents' }] },
  {
    partner: 'woningcorporatie',
    fields: [
      { name: 'huurcontract', label: 'Tenancy', selection: 'corporatie ingangsdatum kaleHuurPerMaand' },
      { name: 'corporatieMeldingen', label: 'Reports to the corporation', selection: 'soort datum omschrijving' },
    ],
  },
  { partner: 'arbeidsinspectie', fields: [{ name: 'huisvestingArbeidsmigranten', label: 'Labour migrants housed', selection: 'werkgever { naam } aantalPersonen vastgesteldOp' }] },
];

export const PERSON_CARDS: Card[] = [
  {
    partner: 'brp',
    fields: [
      { name: 'bsn', label: 'BSN' },
      { name: 'naam', label: 'Name', selection: 'voornamen voorvoegsel geslachtsnaam' },
      { name: 'geboortedatum', label: 'Date of birth' },
    ],
  },
  {
    partner: 'belastingdienst',
    fields: [
      { name: 'toeslagen', label: 'Allowances', selection: 'soort jaar jaarbedrag' },
      { name: 'inkomens', label: 'Income', selection: 'jaar verzamelinkomen' },
    ],
  },
  { partner: 'sociale-dienst', fields: [{ name: 'bijstand', label: 'Social assistance', selection: 'regeling bedragPerMaand' }] },
  { partner: 'uwv', fields: [{ name: 'dienstverbanden', label: 'Employment', selection: 'werkgeverNaam startdatum einddatum loonPerMaand' }] },
  { partner: 'arbeidsinspectie', fields: [{ name: 'loonbevindingen', label: 'Wage findings', selection: 'werkgever { naam } datum betaaldUurloonCent minimumUurloonCent' }] },
  { partner: 'wijkteam', fields: [{ name: 'heeftZorgverwijzing', label: 'Referred to care' }] },
];

const selectionOf = (cards: Card[]): string =>
  cards
    .flatMap((c) => c.fields)
    .map((f) => (f.selection ? `${f.name} { ${f.selection} }` : f.name))
    .join(' ');

export const ADDRESS_DOSSIER_QUERY = `query AddressDossier($adresId: ID!) {
  adres(adresId: $adresId) { adresId ${selectionOf(ADDRESS_CARDS)} bewoners { ${selectionOf(PERSON_CARDS)} } }
}`;

export const PERSON_DOSSIER_QUERY = `query PersonDossier($bsn: ID!) {
  persoon(bsn: $bsn) { ${selectionOf(PERSON_CARDS)} }
}`;
