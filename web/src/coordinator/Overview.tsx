/**
 * The coordinator's project overview: addresses with signals side by side (no personal data),
 * filterable; selecting an address with a reason opens a case; the open cases with their findings.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, FormField, FormLabel, Heading2, Heading3, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from '@utrecht/component-library-react';
import { ApiError, graphql, type QueryContext } from '../api.ts';
import { plain, SelectField } from '../fields.tsx';
import type { Session } from '../session.ts';
import { OVERVIEW_QUERY, SELECT_MUTATION, type ProjectAddress } from './queries.ts';

function SelectForm({ address, onSelect, onCancel }: { address: string; onSelect: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="select-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSelect(reason);
      }}
    >
      <FormField>
        <FormLabel htmlFor="select-reason">Reason for selecting address {address}</FormLabel>
        <Textarea id="select-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} autoFocus />
      </FormField>
      <Button type="submit" appearance="primary-action-button">
        Select and open a case
      </Button>{' '}
      <Button appearance="subtle-button" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}

export function Overview({ session, context }: { session: Session; context: QueryContext }) {
  const [items, setItems] = useState<ProjectAddress[]>();
  const [minimum, setMinimum] = useState('2');
  const [partner, setPartner] = useState('');
  const [kind, setKind] = useState('');
  const [selecting, setSelecting] = useState<string>();
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string }>();

  const load = async () => {
    try {
      const answer = await graphql<{ projectAdressen: { items: ProjectAddress[] } }>(session, context, OVERVIEW_QUERY, { project: context.project, minimaalPartners: Number(minimum) });
      setItems(answer.data?.projectAdressen.items ?? []);
      if (answer.errors?.length) setMessage({ type: 'error', text: answer.errors.map((e) => e.message).join(' ') });
    } catch (err) {
      setItems([]);
      setMessage({ type: 'error', text: err instanceof ApiError ? err.message : (err as Error).message });
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [minimum, context.project, context.purpose]);

  const select = async (adresId: string, reden: string) => {
    try {
      const answer = await graphql<{ selecteerAdres: { id: string } | null }>(session, context, SELECT_MUTATION, { project: context.project, adresId, reden });
      if (answer.data?.selecteerAdres) setMessage({ type: 'ok', text: `Address ${adresId} selected: case ${answer.data.selecteerAdres.id} is open.` });
      else setMessage({ type: 'error', text: (answer.errors ?? []).map((e) => e.message).join(' ') || 'The selection was not made.' });
    } catch (err) {
      setMessage({ type: 'error', text: (err as Error).message });
    }
    setSelecting(undefined);
    await load();
  };

  const all = items ?? [];
  const partners = [...new Set(all.flatMap((i) => i.partners))].sort();
  const kinds = [...new Set(all.flatMap((i) => i.signaalSoorten))].sort();
  const shown = all.filter((i) => (!partner || i.partners.includes(partner)) && (!kind || i.signaalSoorten.includes(kind)));
  const cases = all.filter((i) => i.zaak);

  return (
    <>
      <Heading2>Project overview: {context.project}</Heading2>
      <Paragraph>Signals show where to look, never that someone did wrong. This overview holds no personal data.</Paragraph>
      {message ? (
        <Alert type={message.type === 'ok' ? 'ok' : 'error'} role="status">
          {message.text}
        </Alert>
      ) : null}
      <div className="filters">
        <SelectField id="filter-minimum" label="Partners with signals, at least" value={minimum} onChange={setMinimum} options={plain(['1', '2', '3', '4'])} />
        <SelectField id="filter-partner" label="Partner" value={partner} onChange={setPartner} options={[['', 'any'], ...plain(partners)]} />
        <SelectField id="filter-kind" label="Signal kind" value={kind} onChange={setKind} options={[['', 'any'], ...plain(kinds)]} />
      </div>
      {items === undefined ? <Paragraph>Loading…</Paragraph> : null}
      <Table className="overview">
        <caption>
          {shown.length} of {all.length} addresses (the 50 with the most partners)
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Address id</TableHeaderCell>
            <TableHeaderCell scope="col">Partners</TableHeaderCell>
            <TableHeaderCell scope="col">Signal kinds</TableHeaderCell>
            <TableHeaderCell scope="col">Signals from – to</TableHeaderCell>
            <TableHeaderCell scope="col">Selection</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((item) => {
            const id = item.adres?.adresId ?? '';
            return (
              <TableRow key={id} data-address={id}>
                <TableCell>{id}</TableCell>
                <TableCell>
                  {item.aantalPartners}: {item.partners.join(', ')}
                </TableCell>
                <TableCell>{item.signaalSoorten.join(', ')}</TableCell>
                <TableCell>
                  {item.eersteSignaal} – {item.laatsteSignaal}
                </TableCell>
                <TableCell>
                  {item.geselecteerd ? (
                    <span>selected (case {item.zaak?.id})</span>
                  ) : selecting === id ? (
                    <SelectForm address={id} onSelect={(reason) => void select(id, reason)} onCancel={() => setSelecting(undefined)} />
                  ) : (
                    <Button appearance="secondary-action-button" onClick={() => setSelecting(id)} aria-label={`Select address ${id}`}>
                      Select
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Heading3>Open cases</Heading3>
      {cases.length === 0 ? <Paragraph>No open cases among these addresses.</Paragraph> : null}
      {cases.map((item) => (
        <section key={item.zaak!.id} className="card" aria-label={`Case ${item.zaak!.id}`}>
          <Paragraph>
            <strong>Case {item.zaak!.id}</strong> on address {item.adres?.adresId}, opened {new Date(item.zaak!.geopendOp).toLocaleString('en-GB')}
          </Paragraph>
          <Paragraph>Reason: {item.zaak!.adres?.zaakReden ?? 'withheld'}</Paragraph>
          {!item.zaak!.adres?.bevindingen ? (
            <Paragraph>Findings: withheld</Paragraph>
          ) : item.zaak!.adres.bevindingen.length === 0 ? (
            <Paragraph>No findings recorded yet.</Paragraph>
          ) : (
            <ul>
              {item.zaak!.adres.bevindingen.map((b, i) => (
                <li key={i}>
                  {b.soort}: {b.toelichting} ({b.vastgelegdOp.slice(0, 10)})
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
