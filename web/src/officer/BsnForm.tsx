/** A BSN entry form: the BSN goes only into a POST body (the page's address never holds it). */
import { useState, type FormEvent } from 'react';
import { Button, FormField, FormFieldDescription, FormLabel, Textbox } from '@utrecht/component-library-react';

export function BsnForm({ id, action, busy, onSubmit }: { id: string; action: string; busy: boolean; onSubmit: (bsn: string) => void }) {
  const [bsn, setBsn] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(bsn.replace(/\s/g, ''));
  };
  return (
    <form onSubmit={submit} className="inline-form" method="post" action="#">
      <FormField>
        <FormLabel htmlFor={id}>BSN</FormLabel>
        <FormFieldDescription id={`${id}-description`}>Nine digits. It is sent in the request body only and is not kept in this browser.</FormFieldDescription>
        <Textbox id={id} value={bsn} onChange={(e) => setBsn(e.target.value)} required inputMode="numeric" autoComplete="off" pattern="\s*(\d\s*){9}" aria-describedby={`${id}-description`} />
      </FormField>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {action}
      </Button>
    </form>
  );
}
