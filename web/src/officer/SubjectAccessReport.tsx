/** The subject-access report (AVG art. 15) for a resident, as a printable page (POST /audit/subject-access-report). */
import { useState } from 'react';
import { Alert, Button, Heading2, Heading3, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { auditApi } from '../api.ts';
import type { Session } from '../session.ts';
import { useRequest } from '../use-request.ts';
import { BsnForm } from './BsnForm.tsx';
import { text, when } from './records.ts';

interface Report {
  entries: { when: string; organisation: string; project: string | null; purpose: string | null; processing_activities: { id: string; version: string }[]; data: { owner: string; fields: string[] }[] }[];
}

export function SubjectAccessReport({ session }: { session: Session }) {
  const [report, setReport] = useState<{ bsn: string; made: Date; body: Report }>();
  const { busy, error, run } = useRequest();
  const make = (bsn: string) =>
    run(async () => {
      setReport(undefined);
      setReport({ bsn, made: new Date(), body: await auditApi<Report>(session, 'POST', '/audit/subject-access-report', { bsn }) });
    });
  return (
    <>
      <div className="no-print">
        <Heading2>Subject-access report</Heading2>
        <Paragraph>The report a resident is given on request (AVG art. 15): which organisations processed their data, when, in which project, for which purpose, and which kinds of data.</Paragraph>
        <BsnForm id="report-bsn" action="Make the report" busy={busy} onSubmit={(bsn) => void make(bsn)} />
        {error ? <Alert type="error">{error}</Alert> : null}
      </div>
      {report ? (
        <article className="report" aria-labelledby="report-title">
          <Heading2 id="report-title">Overview of the processing of your personal data (AVG article 15)</Heading2>
          <Paragraph>
            Concerning the person with BSN {report.bsn}. Made on {when(report.made.toISOString())}.
          </Paragraph>
          <Button appearance="secondary-action-button" className="no-print" onClick={() => print()}>
            Print
          </Button>
          {report.body.entries.length === 0 ? <Paragraph>No organisation processed data about this person in the period.</Paragraph> : null}
          <Table>
            <caption>{report.body.entries.length} processings</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">When</TableHeaderCell>
                <TableHeaderCell scope="col">Organisation</TableHeaderCell>
                <TableHeaderCell scope="col">Project</TableHeaderCell>
                <TableHeaderCell scope="col">Purpose</TableHeaderCell>
                <TableHeaderCell scope="col">Kinds of data</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.body.entries.map((e, i) => (
                <TableRow key={i}>
                  <TableCell>{when(e.when)}</TableCell>
                  <TableCell>{e.organisation}</TableCell>
                  <TableCell>{text(e.project)}</TableCell>
                  <TableCell>{text(e.purpose ?? e.processing_activities.map((a) => a.id).join(', '))}</TableCell>
                  <TableCell>{e.data.length === 0 ? '—' : e.data.map((d) => `${d.owner}: ${d.fields.join(', ')}`).join('; ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Heading3>Your rights</Heading3>
          <Paragraph>You may ask for your data to be corrected or deleted, and you may complain to the Autoriteit Persoonsgegevens.</Paragraph>
        </article>
      ) : null}
    </>
  );
}
