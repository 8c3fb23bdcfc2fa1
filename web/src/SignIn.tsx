/**
 * Signing in: with an identity provider, OpenID Connect (oidc.ts); on the embedded default, the
 * development sign-in (POST /dev/sign-in), which exists only there.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, FormField, FormLabel, Heading1, Heading2, Paragraph, Textbox } from '@utrecht/component-library-react';
import { named, SelectField } from './fields.tsx';
import { beginSignIn } from './oidc.ts';
import { sessionFromToken, type AppConfig, type OidcSignIn, type Session } from './session.ts';

function OidcSignInButton({ signIn }: { signIn: OidcSignIn }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    setError(undefined);
    beginSignIn(signIn).catch((err: Error) => {
      setError(`The identity provider could not be reached (${err.message}).`);
      setBusy(false);
    });
  };
  return (
    <section aria-labelledby="oidc-sign-in">
      <Heading2 id="oidc-sign-in">Sign in with your organisation's account</Heading2>
      <Paragraph>You sign in at your organisation's identity provider, {new URL(signIn.issuer).host}, and come back here.</Paragraph>
      {error ? <Alert type="error">{error}</Alert> : null}
      <Button appearance="primary-action-button" onClick={start} disabled={busy}>
        Sign in
      </Button>
    </section>
  );
}

export function SignIn({ config, notice, onSignedIn }: { config: AppConfig; notice: string | undefined; onSignedIn: (session: Session) => void }) {
  const [user, setUser] = useState('emp-001');
  const [role, setRole] = useState('analist');
  const [organisation, setOrganisation] = useState('sociale-dienst');
  const [project, setProject] = useState(config.projects[0]?.id ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch('/dev/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, role, organisation, ...(role === 'privacy-officer' ? {} : { project }) }),
      });
      const body = (await response.json()) as { token?: string; error?: { message: string } };
      if (!body.token) throw new Error(body.error?.message ?? `Sign-in failed (HTTP ${response.status}).`);
      onSignedIn(sessionFromToken(body.token));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="narrow">
      <Heading1>Sign in to Doelpoort</Heading1>
      {notice ? <Alert type="info">{notice}</Alert> : null}
      {config.signIn.mode === 'oidc' ? (
        <OidcSignInButton signIn={config.signIn} />
      ) : config.signIn.mode === 'development' ? (
        <form onSubmit={submit} aria-labelledby="dev-sign-in">
          <Heading2 id="dev-sign-in">Development sign-in</Heading2>
          <Alert type="warning">
            <Paragraph>
              This gateway runs on the embedded default with its local token issuer. Choose who you are; a real deployment signs in
              with the organisation's identity provider instead.
            </Paragraph>
          </Alert>
          <FormField>
            <FormLabel htmlFor="sign-in-user">User (employee id)</FormLabel>
            <Textbox id="sign-in-user" value={user} onChange={(e) => setUser(e.target.value)} required autoComplete="off" />
          </FormField>
          <SelectField id="sign-in-role" label="Role" value={role} onChange={setRole} options={named(config.roles)} />
          <SelectField id="sign-in-organisation" label="Organisation" value={organisation} onChange={setOrganisation} options={named(config.organisations)} />
          {role === 'privacy-officer' ? null : (
            <SelectField id="sign-in-project" label="Project" value={project} onChange={setProject} options={named(config.projects)} />
          )}
          {error ? <Alert type="error">{error}</Alert> : null}
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            Sign in
          </Button>
        </form>
      ) : (
        <Alert type="error">
          <Paragraph>Sign-in is not available on this gateway: no identity provider client is configured for the web app.</Paragraph>
        </Alert>
      )}
    </main>
  );
}
