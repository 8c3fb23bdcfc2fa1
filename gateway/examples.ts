/** The scenario queries the web app's query editor offers as examples (ids from docs/scenarios.md). */

export interface Example {
  title: string;
  query: string;
  headers?: Record<string, string>;
}

const project = 'wijkaanpak-2026';
const headers = (purpose: string, caseId?: string): Record<string, string> => ({
  'x-doelpoort-project': project,
  'x-doelpoort-purpose': purpose,
  ...(caseId ? { 'x-doelpoort-case': caseId } : {}),
});

export const SCENARIO_EXAMPLES: Example[] = [
  {
    title: 'Signals side by side (no personal data)',
    query: `{
  projectAdressen(project: "${project}", minimaalPartners: 2) {
    items { adres { adresId } aantalPartners partners signaalSoorten geselecteerd }
    volgende
  }
}`,
    headers: headers('uitkeringsfraude'),
  },
  {
    title: 'Scenario 1: the rented-out family home',
    query: `{
  adres(adresId: "9999200000900001") {
    straat huisnummer postcode
    verblijfsobject { oppervlakte aantalWooneenheden }
    aantalBewoners
    bewoners { bsn naam { voornamen geslachtsnaam } geboortedatum toeslagen { soort jaar jaarbedrag } }
    huisvestingArbeidsmigranten { aantalPersonen vastgesteldOp }
  }
}`,
    headers: headers('uitkeringsfraude'),
  },
  {
    title: 'Scenario 2: a split dwelling and buildings empty in the BRP',
    query: `{
  gesplitst: adres(adresId: "9999200000900002") { straat huisnummer verblijfsobject { aantalWooneenheden } aantalBewoners }
  leeg: adres(adresId: "9999200000900003") { straat huisnummer aantalBewoners huisvestingArbeidsmigranten { aantalPersonen } }
}`,
    headers: headers('woonfraude'),
  },
  {
    title: 'Scenario 3: desk research (social assistance, employment, income)',
    query: `{
  adres(adresId: "9999200000900009") {
    bewoners { bijstand { bedragPerMaand ingangsdatum einddatum } dienstverbanden { werkgeverNaam startdatum einddatum loonPerMaand } inkomens { jaar verzamelinkomen } }
  }
}`,
    headers: headers('uitkeringsfraude'),
  },
  {
    title: 'Scenario 4: help, not only enforcement (care role, help purpose)',
    query: `{
  adres(adresId: "9999200000900013") { bewoners { heeftZorgverwijzing zorgtrajecten { soort ondersteuningsbehoefte } } }
}`,
    headers: headers('hulpverlening'),
  },
];
