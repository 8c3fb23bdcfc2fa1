/**
 * The dossier view: an address (with its residents) or a person, one card per partner. A withheld
 * field shows its principle, the gateway's reason and what would make it allowed, and can be asked
 * again, with a justification, in one step; a minimised value is marked with its form.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, FormField, FormLabel, Heading2, Heading3, Heading4, Paragraph, Textarea, Textbox } from '@utrecht/component-library-react';
import { ApiError, graphql, type GraphQLAnswer, type GraphQLError, type Minimised, type QueryContext } from '../api.ts';
import type { AppConfig, Session } from '../session.ts';
import { ADDRESS_CARDS, ADDRESS_DOSSIER_QUERY, PERSON_CARDS, PERSON_DOSSIER_QUERY, type Card } from './dossier-cards.ts';
import { pathKey, remedyFor } from './withheld.ts';

type Subject = { kind: 'address'; id: string } | { kind: 'person'; id: string };

interface Shown {
  answer: GraphQLAnswer;
  subject: Subject;
  justified: boolean;
}

function format(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${v === null ? 'none' : typeof v === 'object' ? format(v) : String(v)}`).join(', ');
  return String(value);
}

function Value({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>none recorded</span>;
    return (
      <ul className="values">
        {value.map((item, i) => (
          <li key={i}>{format(item)}</li>
        ))}
      </ul>
    );
  }
  return <span>{format(value)}</span>;
}

function Withheld({ error, onAskAgain }: { error: GraphQLError; onAskAgain: (justification: string) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const x = error.extensions ?? {};
  const id = `why-${pathKey(error.path).replace(/\W/g, '-')}`;
  return (
    <div className="withheld" role="group" aria-labelledby={id}>
      <p id={id} className="withheld-title">
        Withheld <span className="principle">({x.principle ?? 'unknown principle'})</span>
      </p>
      <dl>
        <dt>Reason</dt>
        <dd>{x.reason ?? error.message}</dd>
        <dt>What would make it allowed</dt>
        <dd>{remedyFor(x.principle)}</dd>
        <dt>Rule</dt>
        <dd>
          <code>{x.rule ?? 'none given'}</code>
        </dd>
      </dl>
      {open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onAskAgain(text);
          }}
        >
          <FormField>
            <FormLabel htmlFor={`${id}-justification`}>Justification: why the less intrusive sources cannot serve</FormLabel>
            <Textarea id={`${id}-justification`} value={text} onChange={(e) => setText(e.target.value)} required minLength={20} maxLength={2000} />
          </FormField>
          <Button type="submit" appearance="primary-action-button">
            Ask again with this justification
          </Button>
        </form>
      ) : (
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
          Ask again with a justification
        </Button>
      )}
    </div>
  );
}

function PartnerCard({ card, base, data, answer, partnerName, onAskAgain }: { card: Card; base: (string | number)[]; data: Record<string, unknown> | null; answer: GraphQLAnswer; partnerName: string; onAskAgain: (j: string) => void }) {
  return (
    <section className="card" aria-label={`${partnerName}`}>
      <Heading4>{partnerName}</Heading4>
      <dl className="fields">
        {card.fields.map((field) => {
          const key = pathKey([...base, field.name]);
          const errors = (answer.errors ?? []).filter((e) => pathKey(e.path) === key || pathKey(e.path).startsWith(`${key}.`));
          const minimised = (answer.extensions?.doelpoort?.minimised ?? []).filter((m: Minimised) => pathKey(m.path) === key || pathKey(m.path).startsWith(`${key}.`));
          return (
            <div key={field.name} className="field" data-field={field.name}>
              <dt>{field.label}</dt>
              <dd>
                {errors.length > 0 && errors.every((e) => pathKey(e.path) === key) ? null : <Value value={data?.[field.name]} />}
                {minimised.length > 0 ? (
                  <span className="minimised"> minimised: {[...new Set(minimised.map((m) => m.transform))].join(', ')}</span>
                ) : null}
                {errors.map((e, i) => (e.extensions?.code === 'FIELD_DENIED' ? <Withheld key={i} error={e} onAskAgain={onAskAgain} /> : <Alert key={i} type="error">{e.message}</Alert>))}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

export function Dossier({ session, config, context }: { session: Session; config: AppConfig; context: QueryContext }) {
  const [kind, setKind] = useState<Subject['kind']>('address');
  const [id, setId] = useState('');
  const [shown, setShown] = useState<Shown>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = async (subject: Subject, justification?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const asked = justification ? { ...context, justification } : context;
      const answer =
        subject.kind === 'address'
          ? await graphql(session, asked, ADDRESS_DOSSIER_QUERY, { adresId: subject.id })
          : await graphql(session, asked, PERSON_DOSSIER_QUERY, { bsn: subject.id });
      setShown({ answer, subject, justified: Boolean(asked.justification.trim()) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `The gateway could not be reached (${(err as Error).message}).`);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load({ kind, id: id.trim() });
  };

  const root = shown?.answer.data?.[shown.subject.kind === 'address' ? 'adres' : 'persoon'] as Record<string, unknown> | null | undefined;
  const askAgain = (justification: string) => shown && void load(shown.subject, justification || undefined);
  const name = (partner: string) => config.organisations.find((o) => o.id === partner)?.name ?? partner;

  return (
    <>
      <Heading2>Dossier</Heading2>
      <form onSubmit={submit} className="inline-form">
        <fieldset>
          <legend>Look up</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'address'} onChange={() => setKind('address')} /> an address (BAG id)
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'person'} onChange={() => setKind('person')} /> a person (BSN)
          </label>
        </fieldset>
        <FormField>
          <FormLabel htmlFor="dossier-id">{kind === 'address' ? 'Address id' : 'BSN'}</FormLabel>
          <Textbox id="dossier-id" value={id} onChange={(e) => setId(e.target.value)} required autoComplete="off" inputMode="numeric" />
        </FormField>
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          Show dossier
        </Button>
      </form>
      {error ? <Alert type="error">{error}</Alert> : null}
      {busy ? <Paragraph aria-live="polite">Asking the partners…</Paragraph> : null}
      {shown && !busy ? (
        <div aria-live="polite">
          {shown.justified ? <Alert type="info">Asked with a written justification: it is recorded and flagged for the privacy officer’s review.</Alert> : null}
          {root === null && !(shown.answer.errors ?? []).some((e) => e.path?.length === 1) ? <Alert type="warning">Nothing found for this {shown.subject.kind}.</Alert> : null}
          {(shown.answer.errors ?? [])
            .filter((e) => (e.path?.length ?? 0) <= 1)
            .map((e, i) => (
              <Alert key={i} type="error">
                {e.message}
              </Alert>
            ))}
          {root ? (
            <Button appearance="secondary-action-button" onClick={() => void load(shown.subject)}>
              Ask again
            </Button>
          ) : null}
          {root && shown.subject.kind === 'address' ? (
            <>
              <Heading3>The address</Heading3>
              <div className="cards">
                {ADDRESS_CARDS.map((card) => (
                  <PartnerCard key={card.partner} card={card} base={['adres']} data={root} answer={shown.answer} partnerName={name(card.partner)} onAskAgain={askAgain} />
                ))}
              </div>
              <section aria-labelledby="residents-heading">
              <Heading3 id="residents-heading">Residents</Heading3>
              {(shown.answer.errors ?? []).filter((e) => pathKey(e.path) === 'adres.bewoners' && e.extensions?.code === 'FIELD_DENIED').map((e, i) => (
                <Withheld key={i} error={e} onAskAgain={askAgain} />
              ))}
              {(shown.answer.extensions?.doelpoort?.minimised ?? [])
                .filter((m: Minimised) => pathKey(m.path) === 'adres.bewoners')
                .map((m: Minimised, i: number) => (
                  <Paragraph key={i} className="minimised">
                    Given only in minimised form ({m.transform}): {String(m.value)}. The residents themselves need a selected address.
                  </Paragraph>
                ))}
              {((root.bewoners as Record<string, unknown>[] | null) ?? []).map((resident, i) => (
                <section key={i} className="resident" aria-label={`Resident ${i + 1}`}>
                  <Heading4>Resident {i + 1}</Heading4>
                  <div className="cards">
                    {PERSON_CARDS.map((card) => (
                      <PartnerCard key={card.partner} card={card} base={['adres', 'bewoners', i]} data={resident} answer={shown.answer} partnerName={name(card.partner)} onAskAgain={askAgain} />
                    ))}
                  </div>
                </section>
              ))}
              </section>
            </>
          ) : null}
          {root && shown.subject.kind === 'person' ? (
            <div className="cards">
              {PERSON_CARDS.map((card) => (
                <PartnerCard key={card.partner} card={card} base={['persoon']} data={root} answer={shown.answer} partnerName={name(card.partner)} onAskAgain={askAgain} />
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
