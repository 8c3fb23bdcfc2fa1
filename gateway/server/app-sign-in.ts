/**
 * How the web app signs people in, told to the app in GET /app/config (no inline script):
 * - `development`: the embedded default without `auth`, through POST /dev/sign-in;
 * - `oidc`: `auth` with a web app client (`auth.webApp`): the authorisation code flow with PKCE in
 *   the browser, against the issuer's discovery document. The app reads the access token's claims
 *   with the gateway's own claim names, to show who is signed in (the gateway checks the token);
 * - `unavailable`: `auth` without a web app client.
 */
import type { AuthConfig } from '../config/schema.ts';

export interface OidcSignIn {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  scopes: string;
  claims: AuthConfig['claims'];
}

export type AppSignIn = { mode: 'development' } | OidcSignIn | { mode: 'unavailable' };

export function appSignIn(auth: AuthConfig | undefined): AppSignIn {
  if (auth === undefined) return { mode: 'development' };
  if (auth.webApp === undefined) return { mode: 'unavailable' };
  return { mode: 'oidc', issuer: auth.issuer, clientId: auth.webApp.clientId, scopes: auth.webApp.scopes, claims: auth.claims };
}

/**
 * The origins the app's script may call besides its own: the issuer's, for its discovery document
 * and token endpoint (the Content-Security-Policy's connect-src). An issuer that is not a URL
 * cannot be discovered, and adds nothing.
 */
export function connectOrigins(signIn: AppSignIn): string[] {
  if (signIn.mode !== 'oidc') return [];
  try {
    const { protocol, origin } = new URL(signIn.issuer);
    return protocol === 'https:' || protocol === 'http:' ? [origin] : [];
  } catch {
    return [];
  }
}
