/** The audit chain's status and a verify action (GET /audit/chain, as `npm run audit:verify`). */
import { useEffect, useState } from 'react';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { auditApi } from '../api.ts';
import type { Session } from '../session.ts';
import { useRequest } from '../use-request.ts';

type Verdict = { ok: true; records: number; first: number | null; head: { seq: number; hash: string } | null; checkpoints: number } | { ok: false; break: { seq: number; kind: string; detail: string } };

export function Chain({ session }: { session: Session }) {
  const [verdict, setVerdict] = useState<{ at: Date; v: Verdict }>();
  const { busy, error, run } = useRequest();
  const verify = () => run(async () => setVerdict({ at: new Date(), v: await auditApi<Verdict>(session, 'GET', '/audit/chain') }));
  useEffect(() => {
    void verify();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const v = verdict?.v;
  return (
    <>
      <Heading2>Audit chain</Heading2>
      <Paragraph>Every record is chained by hash to the one before it and the chain’s head is signed at checkpoints, so a removed or changed record shows.</Paragraph>
      <Button appearance="primary-action-button" onClick={() => void verify()} disabled={busy}>
        Verify the chain now
      </Button>
      <div aria-live="polite">
        {error ? <Alert type="error">{error}</Alert> : null}
        {v?.ok ? (
          <Alert type="ok">
            <Paragraph>
              The chain is intact: {v.records} records (from seq {v.first ?? '—'} to {v.head?.seq ?? '—'}), {v.checkpoints} signed checkpoints. Head hash <code>{v.head?.hash.slice(0, 16)}…</code>. Verified at{' '}
              {verdict!.at.toLocaleTimeString('en-GB')}.
            </Paragraph>
          </Alert>
        ) : null}
        {v && !v.ok ? (
          <Alert type="error">
            <Paragraph>
              The chain is BROKEN at seq {v.break.seq}: {v.break.kind}: {v.break.detail}
            </Paragraph>
          </Alert>
        ) : null}
      </div>
    </>
  );
}
