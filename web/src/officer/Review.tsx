/**
 * What a privacy officer reviews: releases made on a written justification (GET /audit/reviews)
 * and the refused fields of a project (GET /audit/refusals), each marked as reviewed with an
 * optional note (POST /audit/reviews/<seq>, with the field's index for a record of several fields,
 * itself a record in the audit chain); and what has been
 * reviewed, by whom and when (GET /audit/reviews?status=reviewed).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, FormField, FormLabel, Heading2, Heading3, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from '@utrecht/component-library-react';
import { auditApi } from '../api.ts';
import { named, SelectField } from '../fields.tsx';
import type { AppConfig, Session } from '../session.ts';
import { decisionId, text, when, type AuditEntry, type PageOf, type ReviewedEntry, type ReviewMark } from './records.ts';

function MarkReviewed({ id, onDone }: { id: string; onDone: (note: string) => void }) {
  const [note, setNote] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onDone(note);
      }}
    >
      <FormField>
        <FormLabel htmlFor={`note-${id}`}>Review note for decision {id} (optional)</FormLabel>
        <Textarea id={`note-${id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </FormField>
      <Button type="submit" appearance="secondary-action-button">
        Mark decision {id} as reviewed
      </Button>
    </form>
  );
}

const reviewedBy = (review: ReviewMark) => `Reviewed by ${review.reviewed_by} on ${when(review.reviewed_at)}`;
const outcome = (e: AuditEntry) => (e.body.outcome === 'deny' ? 'refused' : 'released on a written justification');

export function Review({ session, config }: { session: Session; config: AppConfig }) {
  const [pending, setPending] = useState<AuditEntry[]>();
  const [refused, setRefused] = useState<ReviewedEntry[]>();
  const [done, setDone] = useState<ReviewedEntry[]>();
  const [project, setProject] = useState(config.projects[0]?.id ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const load = useCallback(async () => {
    const [awaiting, refusals, reviewed] = await Promise.all([
      auditApi<PageOf<AuditEntry>>(session, 'GET', '/audit/reviews?limit=200'),
      auditApi<PageOf<ReviewedEntry>>(session, 'GET', `/audit/refusals?project=${encodeURIComponent(project)}&limit=200`),
      auditApi<PageOf<ReviewedEntry>>(session, 'GET', '/audit/reviews?status=reviewed&limit=200'),
    ]);
    setPending(awaiting.items);
    setRefused(refusals.items);
    setDone(reviewed.items);
  }, [session, project]);
  useEffect(() => {
    load().catch((err: Error) => setMessage({ ok: false, text: err.message }));
  }, [load]);

  const mark = async (e: AuditEntry, note: string) => {
    try {
      await auditApi(session, 'POST', `/audit/reviews/${e.seq}`, { ...(e.field !== undefined ? { field: e.field } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setMessage({ ok: true, text: `Decision ${decisionId(e)} is marked as reviewed; the review is recorded in the audit trail.` });
      await load();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };

  return (
    <>
      <Heading2>Review</Heading2>
      {message ? (
        <Alert type={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </Alert>
      ) : null}
      <Heading3>Released on a written justification, awaiting review</Heading3>
      {pending?.length === 0 ? <Paragraph>Nothing awaits review.</Paragraph> : null}
      {(pending ?? []).map((e) => (
        <section key={decisionId(e)} className="card" aria-label={`Decision ${decisionId(e)}`}>
          <Paragraph>
            <strong>{String(e.body.resource)}</strong> released to {text(e.body.organisation)} ({text(e.body.role)}, {text(e.body.caller_id)}) on {when(e.body.decided_at)}; project {text(e.body.project)},
            purpose {text(e.body.purpose)}, case {text(e.body.case_id)}.
          </Paragraph>
          <Paragraph>Justification: “{text(e.body.justification)}”</Paragraph>
          <MarkReviewed id={decisionId(e)} onDone={(note) => void mark(e, note)} />
        </section>
      ))}
      <Heading3>Refused fields</Heading3>
      <SelectField id="refusals-project" label="Project" value={project} onChange={setProject} options={named(config.projects)} />
      <Table className="refusals">
        <caption>{refused?.length ?? 0} refusals (the latest 200)</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">When</TableHeaderCell>
            <TableHeaderCell scope="col">Who</TableHeaderCell>
            <TableHeaderCell scope="col">Field</TableHeaderCell>
            <TableHeaderCell scope="col">Purpose</TableHeaderCell>
            <TableHeaderCell scope="col">Principle</TableHeaderCell>
            <TableHeaderCell scope="col">Reason</TableHeaderCell>
            <TableHeaderCell scope="col">Review</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {(refused ?? []).map((e) => (
            <TableRow key={decisionId(e)} data-seq={decisionId(e)}>
              <TableCell>{when(e.body.decided_at)}</TableCell>
              <TableCell>
                {text(e.body.organisation)} ({text(e.body.role)})
              </TableCell>
              <TableCell>
                <code>{String(e.body.resource)}</code>
              </TableCell>
              <TableCell>{text(e.body.purpose)}</TableCell>
              <TableCell>{text(e.body.principle)}</TableCell>
              <TableCell>{text(e.body.reason)}</TableCell>
              <TableCell>
                {e.review ? (
                  reviewedBy(e.review)
                ) : (
                  <details>
                    <summary>Review decision {decisionId(e)}</summary>
                    <MarkReviewed id={decisionId(e)} onDone={(note) => void mark(e, note)} />
                  </details>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Heading3>Reviewed</Heading3>
      <Table className="reviewed">
        <caption>{done?.length ?? 0} reviewed refusals and justified releases (the first 200)</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Decision</TableHeaderCell>
            <TableHeaderCell scope="col">Field</TableHeaderCell>
            <TableHeaderCell scope="col">Outcome</TableHeaderCell>
            <TableHeaderCell scope="col">Who asked</TableHeaderCell>
            <TableHeaderCell scope="col">Reviewed by</TableHeaderCell>
            <TableHeaderCell scope="col">Reviewed on</TableHeaderCell>
            <TableHeaderCell scope="col">Note</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {(done ?? []).map((e) => (
            <TableRow key={decisionId(e)} data-seq={decisionId(e)}>
              <TableCell>{decisionId(e)}</TableCell>
              <TableCell>
                <code>{String(e.body.resource)}</code>
              </TableCell>
              <TableCell>{outcome(e)}</TableCell>
              <TableCell>
                {text(e.body.organisation)} ({text(e.body.role)}) on {when(e.body.decided_at)}
              </TableCell>
              <TableCell>{e.review?.reviewed_by}</TableCell>
              <TableCell>{when(e.review?.reviewed_at)}</TableCell>
              <TableCell>{text(e.review?.note)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
