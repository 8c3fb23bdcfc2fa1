/**
 * OpenID Connect sign-in (auth.webApp): the authorisation code flow with PKCE against the
 * configured issuer, as a public client, with oauth4webapi. The access token stays in memory.
 *
 * Only what the redirect strictly needs survives the page change: the PKCE code verifier and the
 * state, in sessionStorage (this tab only), removed as soon as the provider sends the browser back.
 * The code and state in the address bar are removed from it (history.replaceState) before the code
 * is exchanged, so they are in no bookmark or later history entry; no token is ever in a URL.
 */
import * as oauth from 'oauth4webapi';
import type { OidcSignIn } from './session.ts';

const PENDING = 'doelpoort.oidc.pending';

interface Pending {
  codeVerifier: string;
  state: string;
}

/** The app's own address, as registered with the provider. */
const redirectUri = () => `${location.origin}/`;

/** Plain http is allowed only to an issuer on this machine (loopback), as for development and tests. */
function requestOptions(issuer: URL): { [oauth.allowInsecureRequests]?: boolean } {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  return issuer.protocol === 'http:' && loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(config: OidcSignIn): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(issuer) }));
}

/** Sends the browser to the provider's sign-in page. */
export async function beginSignIn(config: OidcSignIn): Promise<void> {
  const as = await discover(config);
  if (!as.authorization_endpoint) throw new Error('The identity provider names no authorisation endpoint.');
  const pending: Pending = { codeVerifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState() };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scopes);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(url.href);
}

/** Whether this page load is the provider sending the browser back. */
export function isSignInResponse(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** Finishes the sign-in the provider sent the browser back from: the access token, or an error to show. */
export async function completeSignIn(config: OidcSignIn): Promise<string> {
  const response = new URL(location.href);
  history.replaceState(null, '', '/');
  const stored = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!stored) throw new Error('This sign-in was not started here (or was already used). Sign in again.');
  const pending = JSON.parse(stored) as Pending;
  const as = await discover(config);
  const client: oauth.Client = { client_id: config.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, response, pending.state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) throw new Error(`The identity provider did not sign you in: ${err.error_description ?? err.error}.`);
    throw err;
  }
  const grant = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.codeVerifier, requestOptions(new URL(config.issuer)));
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, grant);
  return tokens.access_token;
}
