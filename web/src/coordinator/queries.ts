/** The coordinator's GraphQL operations (tests/web/queries.test.ts validates them against the served schema). */
export const OVERVIEW_QUERY = `query ProjectOverview($project: ID!, $minimaalPartners: Int, $na: String) {
  projectAdressen(project: $project, eerste: 50, na: $na, minimaalPartners: $minimaalPartners) {
    items {
      adres { adresId }
      aantalPartners partners signaalSoorten eersteSignaal laatsteSignaal geselecteerd
      zaak { id geopendOp adres { zaakReden bevindingen { soort toelichting vastgelegdOp } } }
    }
    volgende
  }
}`;

export const SELECT_MUTATION = `mutation SelectAddress($project: ID!, $adresId: ID!, $reden: String!) {
  selecteerAdres(project: $project, adresId: $adresId, reden: $reden) { id geopendOp }
}`;

export interface ProjectAddress {
  adres: { adresId: string | null } | null;
  aantalPartners: number;
  partners: string[];
  signaalSoorten: string[];
  eersteSignaal: string;
  laatsteSignaal: string;
  geselecteerd: boolean;
  /** The case's reason and findings are fields of the address, decided on like its others (null: withheld); asked only where there is a case. */
  zaak: { id: string; geopendOp: string; adres: { zaakReden: string | null; bevindingen: { soort: string; toelichting: string; vastgelegdOp: string }[] | null } | null } | null;
}

export const RESULTS_QUERY = `query ProjectResults($project: ID!) {
  projectResultaten(project: $project) {
    project opgesteldOp minimumCel aantalZaken aantalHuisbezoeken
    regels { organisatie soort aantalZaken totaalBedragEuro onderdrukt }
    csv
  }
}`;

export interface ResultsReport {
  project: string;
  opgesteldOp: string;
  minimumCel: number;
  aantalZaken: number;
  aantalHuisbezoeken: number;
  regels: { organisatie: string; soort: string; aantalZaken: number | null; totaalBedragEuro: number | null; onderdrukt: boolean }[];
  csv: string;
}
