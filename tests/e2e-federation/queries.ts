/** The combined views the end-to-end tests ask: one query per scenario address, across every partner. */

/** Everything every partner holds about a person. */
export const PERSOONSBEELD = /* GraphQL */ `
  fragment Persoonsbeeld on Persoon {
    bsn
    naam { voornamen voorvoegsel geslachtsnaam }
    geboortedatum
    geslacht
    geheimhouding
    datumAanvangAdreshouding
    verblijfplaatsen { adres { adresId } datumAanvang datumEinde }
    partner { bsn }
    ouders { bsn }
    adressenInEigendom { adresId }
    bijstand { bedragPerMaand normType aantalKostendelers ingangsdatum einddatum }
    risicoscore { kleur berekendOp }
    heeftZorgverwijzing
    zorgtrajecten { soort startdatum einddatum }
    dienstverbanden { werkgeverNaam startdatum einddatum loonPerMaand urenPerWeek }
    uwvUitkeringen { soort bedragPerMaand ingangsdatum einddatum }
    toeslagen { soort jaar jaarbedrag }
    inkomens { jaar verzamelinkomen vermogen }
    aow { bedragPerMaand leefsituatie ingangsdatum }
    kinderbijslag { kind { bsn naam { voornamen } } kwartaalbedrag }
    leefsituatie { samenwonend partner { bsn } vastgesteldOp }
    loonbevindingen { id datum betaaldUurloonCent minimumUurloonCent werkgever { werkgeverId naam } }
    werkgevers { werkgeverId naam kvkNummer }
    verblijfsstatus { soort geldigTot }
    politieRegistraties { id soort datum }
    voertuigen { kenteken merk handelsbenaming datumTenaamstelling }
    ibSignalen { id type datum }
  }
`;

/** Everything every partner holds about an address, its registered residents and its owner included. */
export const ADRESBEELD = /* GraphQL */ `
  fragment Adresbeeld on Adres {
    adresId straat huisnummer huisletter huisnummertoevoeging postcode woonplaats
    wijk { code naam }
    verblijfsobject { oppervlakte gebruiksdoel aantalWooneenheden bouwjaar }
    eigenaar { ...Persoonsbeeld }
    aantalBewoners
    bewoners { ...Persoonsbeeld }
    burgermeldingen { id datum }
    huisvestingArbeidsmigranten {
      aantalPersonen vastgesteldOp
      werkgever { werkgeverId naam kvkNummer eigenaar { ...Persoonsbeeld } }
    }
    huurcontract { corporatie ingangsdatum kaleHuurPerMaand huurder { bsn naam { voornamen geslachtsnaam } } }
    corporatieMeldingen { id soort datum omschrijving }
    politieRegistraties { id soort datum }
    bagSignalen { ...Signaal }
    brpSignalen { ...Signaal }
    socialeDienstSignalen { ...Signaal }
    uwvSignalen { ...Signaal }
    belastingdienstSignalen { ...Signaal }
    svbSignalen { ...Signaal }
    arbeidsinspectieSignalen { ...Signaal }
    indSignalen { ...Signaal }
    politieSignalen { ...Signaal }
    woningcorporatieSignalen { ...Signaal }
    rdwSignalen { ...Signaal }
    inlichtingenbureauSignalen { ...Signaal }
  }
  fragment Signaal on Signaal { id soort datum partner }
`;

/**
 * The combined view of an address, plus persons who live there without being registered (they
 * are reached by BSN: no register links them to the address).
 */
export function combinedView(adresId: string, unregistered: Record<string, string> = {}): string {
  const persons = Object.entries(unregistered).map(([alias, bsn]) => `${alias}: persoon(bsn: "${bsn}") { ...Persoonsbeeld }`);
  return `query Gecombineerd {\n  adres(adresId: "${adresId}") { ...Adresbeeld }\n  ${persons.join('\n  ')}\n}\n${ADRESBEELD}\n${PERSOONSBEELD}`;
}
