/**
 * The project's results for its steering group: per partner and kind of outcome, the cases and the
 * total amount. A cell of too few cases is suppressed by the gateway (its figures are not given), and
 * shown here as such; the CSV is the same report, for the steering group's spreadsheet.
 */
import { useEffect, useState } from 'react';
import { Alert, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { ApiError, graphql, type QueryContext } from '../api.ts';
import type { Session } from '../session.ts';
import { RESULTS_QUERY, type ResultsReport } from './queries.ts';

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function Results({ session, context }: { session: Session; context: QueryContext }) {
  const [report, setReport] = useState<ResultsReport | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    setReport(undefined);
    setError(undefined);
    graphql<{ projectResultaten: ResultsReport | null }>(session, context, RESULTS_QUERY, { project: context.project })
      .then((answer) => {
        if (!current) return;
        setReport(answer.data?.projectResultaten ?? null);
        if (answer.errors?.length) setError(answer.errors.map((e) => e.message).join(' '));
      })
      .catch((err: unknown) => {
        if (!current) return;
        setReport(null);
        setError(err instanceof ApiError ? err.message : (err as Error).message);
      });
    return () => {
      current = false;
    };
  }, [session, context]);

  return (
    <>
      <Heading2>Results: {context.project}</Heading2>
      <Paragraph>What the partners did as a result of the project’s cases, counted per partner and kind of outcome. No personal data.</Paragraph>
      {error ? (
        <Alert type="error" role="status">
          {error}
        </Alert>
      ) : null}
      {report === undefined ? <Paragraph>Loading…</Paragraph> : null}
      {report ? (
        <>
          <Paragraph>
            Made on {report.opgesteldOp}: {report.aantalZaken} cases opened, {report.aantalHuisbezoeken} home visits. A cell of fewer than {report.minimumCel} cases is
            suppressed, so that no figure can single out a household.
          </Paragraph>
          <Table className="results">
            <caption>Outcomes per partner and kind</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Partner</TableHeaderCell>
                <TableHeaderCell scope="col">Outcome</TableHeaderCell>
                <TableHeaderCell scope="col">Cases</TableHeaderCell>
                <TableHeaderCell scope="col">Total amount</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.regels.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={4}>No outcomes recorded yet.</TableCell>
                </TableRow>
              ) : null}
              {report.regels.map((row) => (
                <TableRow key={`${row.organisatie}|${row.soort}`} data-cell={`${row.organisatie}|${row.soort}`}>
                  <TableCell>{row.organisatie}</TableCell>
                  <TableCell>{row.soort}</TableCell>
                  {row.onderdrukt ? (
                    <TableCell colSpan={2}>suppressed (fewer than {report.minimumCel} cases)</TableCell>
                  ) : (
                    <>
                      <TableCell>{row.aantalZaken}</TableCell>
                      <TableCell>{row.totaalBedragEuro === null ? 'no amount' : euro.format(row.totaalBedragEuro)}</TableCell>
                    </>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Paragraph>
            <a download={`resultaten-${report.project}.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(report.csv)}`}>
              Download as CSV
            </a>
          </Paragraph>
        </>
      ) : null}
    </>
  );
}
