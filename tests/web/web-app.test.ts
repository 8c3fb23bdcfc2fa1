/** The web app's serving (strict CSP, no path out of the build) and the development sign-in. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { appChoices, createDevSignIn, DEV_SESSION_SECONDS } from '../../gateway/server/dev-sign-in.ts';
import { appSignIn, connectOrigins } from '../../gateway/server/app-sign-in.ts';
import { contentSecurityPolicy, createWebApp, fileWithin } from '../../gateway/server/web-app.ts';
import type { AuthConfig } from '../../gateway/config/schema.ts';

const policy = loadPolicyData(new URL('../../policies', import.meta.url).pathname);
let server: Server;
let origin: string;
let issuer: LocalIssuer;

beforeAll(async () => {
  const dist = join(mkdtempSync(join(tmpdir(), 'doelpoort-web-')), 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Doelpoort</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'notes.txt'), 'not a served kind');
  writeFileSync(join(dist, '..', 'secret.json'), '{"secret":true}');
  issuer = await ensureLocalIssuer(mkdtempSync(join(tmpdir(), 'doelpoort-web-keys-')));
  const handlers = [createWebApp({ distDir: dist, config: { signIn: { mode: 'development' }, ...appChoices(policy) } }), createDevSignIn(issuer, policy)];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void (async () => {
      for (const handle of handlers) if (await handle(req, res, url)) return;
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the web app', () => {
  it('serves the page with a strict Content-Security-Policy: scripts from this origin only, none inline', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval'|data:|https?:)/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const script = await fetch(`${origin}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
  });

  it('serves nothing outside the build and no file of an unknown kind', async () => {
    expect(fileWithin('/srv/dist/', '/assets/../../secret.json')).toBeUndefined();
    expect(fileWithin('/srv/dist/', '/assets/%2e%2e/%2e%2e/secret.json')).toBeUndefined();
    expect((await fetch(`${origin}/assets/..%2f..%2fsecret.json`)).status).toBe(404);
    expect((await fetch(`${origin}/assets/notes.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
  });

  it('tells the app how to sign in and the policy’s choices, the active project first', async () => {
    const config = (await (await fetch(`${origin}/app/config`)).json()) as ReturnType<typeof appChoices> & { signIn: { mode: string } };
    expect(config.signIn).toEqual({ mode: 'development' });
    expect(config.projects.map((p) => p.id)).toEqual(['wijkaanpak-2026', 'wijkaanpak-2025']);
    expect(config.roles.map((r) => r.id)).toContain('privacy-officer');
    expect(config.organisations.map((o) => o.id)).toContain('belastingdienst');
  });

  it('answers 503 with what to do when the app is not built', async () => {
    const handler = createWebApp({ distDir: mkdtempSync(join(tmpdir(), 'doelpoort-empty-')), config: { signIn: { mode: 'development' }, ...appChoices(policy) } });
    const local = createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const page = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm ci');
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});

describe('the sign-in the app is told about', () => {
  const auth: AuthConfig = {
    issuer: 'https://login.gemeente.example/realms/lsi',
    audience: 'doelpoort',
    jwksUrl: 'https://login.gemeente.example/realms/lsi/protocol/openid-connect/certs',
    clockSkewSeconds: 30,
    algorithms: ['RS256'],
    claims: { subject: 'sub', organisation: 'org', roles: 'realm_access.roles', projects: 'lsi_projects' },
  };

  it('is the development sign-in without auth, OpenID Connect with a web app client, and none with auth alone', () => {
    expect(appSignIn(undefined)).toEqual({ mode: 'development' });
    expect(appSignIn(auth)).toEqual({ mode: 'unavailable' });
    expect(appSignIn({ ...auth, webApp: { clientId: 'doelpoort-web', scopes: 'openid lsi' } })).toEqual({
      mode: 'oidc',
      issuer: 'https://login.gemeente.example/realms/lsi',
      clientId: 'doelpoort-web',
      scopes: 'openid lsi',
      claims: auth.claims,
    });
  });

  it('lets the page call the issuer’s origin only with OpenID Connect', () => {
    const oidc = appSignIn({ ...auth, webApp: { clientId: 'doelpoort-web', scopes: 'openid' } });
    expect(connectOrigins(oidc)).toEqual(['https://login.gemeente.example']);
    expect(contentSecurityPolicy(connectOrigins(oidc))).toContain("connect-src 'self' https://login.gemeente.example;");
    expect(connectOrigins({ mode: 'development' })).toEqual([]);
    expect(connectOrigins({ ...oidc, issuer: 'not a url' } as typeof oidc)).toEqual([]);
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
  });
});

describe('the development sign-in', () => {
  const signIn = (body: unknown) => fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('gives a half-hour token of the local issuer for the chosen user, role, organisation and project', async () => {
    const response = await signIn({ user: 'emp-042', role: 'analist', organisation: 'uwv', project: 'wijkaanpak-2026' });
    expect(response.status).toBe(200);
    const { token, expiresIn } = (await response.json()) as { token: string; expiresIn: number };
    expect(expiresIn).toBe(DEV_SESSION_SECONDS);
    const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 0, algorithms: ['ES256'] });
    expect(await verifier.verify(`Bearer ${token}`)).toMatchObject({ id: 'emp-042', organisation: 'uwv', roles: ['analist'], projects: ['wijkaanpak-2026'] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(DEV_SESSION_SECONDS);
  });

  it('refuses what the policy does not define, naming the field', async () => {
    const unknownRole = await signIn({ user: 'emp-1', role: 'admin', organisation: 'uwv' });
    expect(unknownRole.status).toBe(400);
    expect(((await unknownRole.json()) as { error: { message: string } }).error.message).toMatch(/^POST \/dev\/sign-in: role: /);
    const badUser = await signIn({ user: '999990007 x', role: 'analist', organisation: 'uwv' });
    expect(((await badUser.json()) as { error: { message: string } }).error.message).toMatch(/user: /);
    expect((await fetch(`${origin}/dev/sign-in`)).status).toBe(405);
  });

  it.each(['999990007', '9999.90.007', 'emp-999990007'])('issues no token for a user id that looks like a BSN (%j), which the gateway would refuse', async (user) => {
    const response = await signIn({ user, role: 'analist', organisation: 'uwv', project: 'wijkaanpak-2026' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'BAD_REQUEST', message: 'POST /dev/sign-in: user: looks like a BSN; a caller is an employee, named by their employee id (e.g. emp-017)' },
    });
  });
});
