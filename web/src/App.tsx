/** The app: sign-in, then the pages of the signed-in role, chosen by the address's #fragment (no data in it). */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { whenUnauthenticated, type QueryContext } from './api.ts';
import { completeSignIn, isSignInResponse } from './oidc.ts';
import { appRole, sessionFromToken, type AppConfig, type Session } from './session.ts';
import { SignIn } from './SignIn.tsx';
import { ContextBar } from './analyst/ContextBar.tsx';
import { Dossier } from './analyst/Dossier.tsx';
import { QueryEditor } from './analyst/QueryEditor.tsx';
import { Overview } from './coordinator/Overview.tsx';
import { Results } from './coordinator/Results.tsx';
import { PersonAccess } from './officer/PersonAccess.tsx';
import { SubjectAccessReport } from './officer/SubjectAccessReport.tsx';
import { Review } from './officer/Review.tsx';
import { Statistics } from './officer/Statistics.tsx';
import { Chain } from './officer/Chain.tsx';
import { Explain } from './officer/Explain.tsx';

interface PageDef {
  id: string;
  title: string;
  render: (props: { session: Session; config: AppConfig; context: QueryContext }) => ReactNode;
}

const PAGES: Record<ReturnType<typeof appRole>, PageDef[]> = {
  analyst: [
    { id: 'dossier', title: 'Dossier', render: (p) => <Dossier session={p.session} config={p.config} context={p.context} /> },
    { id: 'query', title: 'Query editor', render: (p) => <QueryEditor session={p.session} context={p.context} /> },
  ],
  coordinator: [
    { id: 'overview', title: 'Project overview', render: (p) => <Overview session={p.session} context={p.context} /> },
    { id: 'results', title: 'Results', render: (p) => <Results session={p.session} context={p.context} /> },
    { id: 'query', title: 'Query editor', render: (p) => <QueryEditor session={p.session} context={p.context} /> },
  ],
  officer: [
    { id: 'person', title: 'Person look-up', render: (p) => <PersonAccess session={p.session} /> },
    { id: 'report', title: 'Subject-access report', render: (p) => <SubjectAccessReport session={p.session} /> },
    { id: 'review', title: 'Review', render: (p) => <Review session={p.session} config={p.config} /> },
    { id: 'statistics', title: 'Statistics', render: (p) => <Statistics session={p.session} config={p.config} /> },
    { id: 'chain', title: 'Audit chain', render: (p) => <Chain session={p.session} /> },
    { id: 'explain', title: 'Explain', render: (p) => <Explain session={p.session} config={p.config} /> },
  ],
};

function useHash(): string {
  const [hash, setHash] = useState(() => location.hash.replace(/^#\/?/, ''));
  useEffect(() => {
    const update = () => setHash(location.hash.replace(/^#\/?/, ''));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return hash;
}

function defaultContext(session: Session, config: AppConfig): QueryContext {
  const project = session.projects[0] ?? '';
  const rolePurposes = config.roles.find((r) => session.roles.includes(r.id))?.purposes ?? [];
  const projectPurposes = config.projects.find((p) => p.id === project)?.purposes ?? [];
  return { project, purpose: rolePurposes.find((p) => projectPurposes.includes(p)) ?? '', caseId: '', justification: '' };
}

const time = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

export function App() {
  const [config, setConfig] = useState<AppConfig>();
  const [configError, setConfigError] = useState<string>();
  const [session, setSession] = useState<Session>();
  const [notice, setNotice] = useState<string>();
  const [context, setContext] = useState<QueryContext>({ project: '', purpose: '', caseId: '', justification: '' });
  const hash = useHash();

  const signedIn = useCallback(
    (s: Session, appConfig: AppConfig) => {
      setNotice(undefined);
      setContext(defaultContext(s, appConfig));
      setSession(s);
    },
    [],
  );

  useEffect(() => {
    fetch('/app/config')
      .then((r) => (r.ok ? (r.json() as Promise<AppConfig>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(
        (appConfig) => {
          setConfig(appConfig);
          // Back from the identity provider: exchange the code (once; the address bar is cleaned first).
          const oidc = appConfig.signIn.mode === 'oidc' ? appConfig.signIn : undefined;
          if (oidc && isSignInResponse()) {
            setNotice('Completing your sign-in…');
            completeSignIn(oidc).then(
              (token) => signedIn(sessionFromToken(token, oidc.claims), appConfig),
              (err: Error) => setNotice(err.message),
            );
          }
        },
        (err: Error) => setConfigError(`The gateway's app configuration could not be read (${err.message}).`),
      );
  }, [signedIn]);

  const end = useCallback((message: string) => {
    setSession(undefined);
    setNotice(message);
    location.hash = '';
  }, []);

  useEffect(() => {
    whenUnauthenticated(() => end('The gateway no longer accepts your session. Sign in again.'));
    if (!session) return;
    const timer = setTimeout(() => end(`Your session ended at ${time(session.expiresAt)}. Sign in again.`), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, end]);

  const pages = session ? PAGES[appRole(session)] : [];
  const page = pages.find((p) => p.id === hash) ?? pages[0];
  useEffect(() => {
    document.title = page ? `${page.title} · Doelpoort` : 'Sign in · Doelpoort';
  }, [page]);

  if (configError) return <Alert type="error">{configError}</Alert>;
  if (!config) return <Paragraph>Loading…</Paragraph>;
  if (!session || !page) {
    return (
      <SignIn
        config={config}
        notice={notice}
        onSignedIn={(s) => signedIn(s, config)}
      />
    );
  }
  const role = appRole(session);
  return (
    <>
      <SkipLink href="#main">Skip to main content</SkipLink>
      <header className="app-header no-print">
        <span className="app-name">Doelpoort</span>
        <span>
          Signed in as <strong>{session.user}</strong> ({session.roles.join(', ')}, {session.organisation}) · session until {time(session.expiresAt)}
        </span>
        <Button appearance="secondary-action-button" onClick={() => end('You signed out.')}>
          Sign out
        </Button>
      </header>
      <nav aria-label="Pages" className="app-nav no-print">
        <ul>
          {pages.map((p) => (
            <li key={p.id}>
              <a href={`#/${p.id}`} aria-current={p === page ? 'page' : undefined}>
                {p.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {role === 'officer' ? null : <ContextBar session={session} config={config} context={context} onChange={setContext} />}
      <main id="main" tabIndex={-1}>
        {page.render({ session, config, context })}
      </main>
    </>
  );
}
