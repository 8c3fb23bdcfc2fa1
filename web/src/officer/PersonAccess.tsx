/** The access timeline of one person: every processing and decision about them (POST /audit/person-access). */
import { useState } from 'react';
import { Alert, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { auditApi } from '../api.ts';
import type { Session } from '../session.ts';
import { useRequest } from '../use-request.ts';
import { BsnForm } from './BsnForm.tsx';
import { decisionId, text, when, type AuditEntry, type PageOf } from './records.ts';

export function PersonAccess({ session }: { session: Session }) {
  const [entries, setEntries] = useState<AuditEntry[]>();
  const { busy, error, run } = useRequest();
  const look = (bsn: string) =>
    run(async () => {
      setEntries(undefined);
      setEntries((await auditApi<PageOf<AuditEntry>>(session, 'POST', '/audit/person-access', { bsn, limit: 1000 })).items);
    });
  return (
    <>
      <Heading2>Person look-up</Heading2>
      <Paragraph>Every access to one person: when, which organisation, role, project and purpose, which fields were released, minimised or refused, and why. Your look-up is itself recorded.</Paragraph>
      <BsnForm id="person-bsn" action="Show access" busy={busy} onSubmit={(bsn) => void look(bsn)} />
      {error ? <Alert type="error">{error}</Alert> : null}
      {entries ? (
        <Table className="timeline">
          <caption>{entries.length} records, oldest first</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">When</TableHeaderCell>
              <TableHeaderCell scope="col">Organisation</TableHeaderCell>
              <TableHeaderCell scope="col">Role</TableHeaderCell>
              <TableHeaderCell scope="col">Project · purpose</TableHeaderCell>
              <TableHeaderCell scope="col">What</TableHeaderCell>
              <TableHeaderCell scope="col">Outcome</TableHeaderCell>
              <TableHeaderCell scope="col">Why</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((e) => {
              const b = e.body;
              const decision = e.kind === 'decision';
              return (
                <TableRow key={decisionId(e)} data-kind={e.kind} data-outcome={decision ? String(b.outcome) : undefined}>
                  <TableCell>{when(decision ? b.decided_at : (b.started_at ?? e.recorded_at))}</TableCell>
                  <TableCell>{text(b.organisation)}</TableCell>
                  <TableCell>{text(b.role)}</TableCell>
                  <TableCell>
                    {text(b.project)} · {text(b.purpose)}
                  </TableCell>
                  <TableCell>{decision ? <code>{String(b.resource)}</code> : text(b.name)}</TableCell>
                  <TableCell>{decision ? `${String(b.outcome)}${b.transform ? ` (${String(b.transform)})` : ''}` : `processing: ${text(b.status)}`}</TableCell>
                  <TableCell>{decision ? `${text(b.principle)}: ${text(b.reason ?? b.rule)}` : text(b.processing_activity_id)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
