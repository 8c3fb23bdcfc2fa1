/**
 * The project's results report for its steering group: per partner and kind of outcome, the cases
 * and the sum of the amounts. A cell of fewer than MIN_CELL cases is suppressed (its figures are
 * null), so that no figure can single out a household; the CSV carries the same rows.
 */
import type { ProjectTotals } from '../store/outcomes.ts';

/** The smallest number of cases a published cell may count. */
export const MIN_CELL = 3;

export const OUTCOME_KINDS = [
  'uitkering-gestopt',
  'uitkering-aangepast',
  'teruggevorderd',
  'inschrijving-gecorrigeerd',
  'boete',
  'herhuisvest',
  'zorg-verwijzing',
  'niets-gevonden',
] as const;

/** The kinds that carry an amount (per year stopped or adjusted, recovered, fined). */
export const KINDS_WITH_AMOUNT: readonly string[] = ['uitkering-gestopt', 'uitkering-aangepast', 'teruggevorderd', 'boete'];

export interface ReportRow {
  organisatie: string;
  soort: string;
  aantalZaken: number | null;
  totaalBedragEuro: number | null;
  onderdrukt: boolean;
}

export interface ResultsReport {
  project: string;
  opgesteldOp: string;
  minimumCel: number;
  aantalZaken: number;
  aantalHuisbezoeken: number;
  regels: ReportRow[];
  csv: string;
}

export function resultsReport(project: string, day: string, totals: ProjectTotals): ResultsReport {
  const regels = totals.outcomes.map((cell): ReportRow => {
    const onderdrukt = cell.cases < MIN_CELL;
    return {
      organisatie: cell.organisation,
      soort: cell.kind,
      aantalZaken: onderdrukt ? null : cell.cases,
      totaalBedragEuro: onderdrukt || cell.amountCents === null ? null : Math.round(cell.amountCents / 100),
      onderdrukt,
    };
  });
  return { project, opgesteldOp: day, minimumCel: MIN_CELL, aantalZaken: totals.cases, aantalHuisbezoeken: totals.visits, regels, csv: csvOf(regels) };
}

function csvOf(rows: readonly ReportRow[]): string {
  const cell = (value: string | number | boolean | null) => (value === null ? '' : String(value));
  const lines = rows.map((r) => [r.organisatie, r.soort, cell(r.aantalZaken), cell(r.totaalBedragEuro), r.onderdrukt ? 'ja' : 'nee'].join(','));
  return ['organisatie,soort,aantal_zaken,totaal_bedrag_euro,onderdrukt', ...lines].join('\n') + '\n';
}
