/**
 * A real OpenID Connect provider for the web app's sign-in tests: panva's oidc-provider on
 * loopback http, with its development login and consent pages (any login, any password), one
 * public client (PKCE, no secret) and JWT access tokens for the gateway (audience "doelpoort")
 * that carry the claims the gateway's identity reads: org, realm_access.roles and projects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'doelpoort-web';
export const AUDIENCE = 'doelpoort';
export const SCOPES = 'openid doelpoort';
/** The roles claim sits where Keycloak puts realm roles, to show that the claim names are followed. */
export const ROLES_CLAIM = 'realm_access.roles';

/** What the provider knows about each test account, by login. */
export interface Account {
  org: string;
  roles: string[];
  projects: string[];
}

export interface TestProvider {
  issuer: string;
  /** The provider's public keys, for the gateway's auth.jwksFile. */
  jwks: { keys: Record<string, unknown>[] };
  /** Registers the web app's client, whose redirect URI is the gateway's origin, and starts answering. */
  register(gatewayOrigin: string): void;
  close(): Promise<void>;
}

export async function startTestProvider(accounts: Record<string, Account>): Promise<TestProvider> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => (handle ? handle(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = 'test-provider-1';
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };

  return {
    issuer,
    jwks: { keys: [publicJwk] },
    register(gatewayOrigin) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            token_endpoint_auth_method: 'none',
            redirect_uris: [`${gatewayOrigin}/`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            id_token_signed_response_alg: 'ES256',
          },
        ],
        jwks: { keys: [privateJwk] },
        cookies: { keys: ['a test provider cookie key'] },
        scopes: ['openid', 'doelpoort'],
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: async () => 'urn:doelpoort:gateway',
            useGrantedResource: async () => true,
            getResourceServerInfo: async () => ({
              scope: 'doelpoort',
              audience: AUDIENCE,
              accessTokenTTL: 15 * 60,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'ES256' } },
            }),
          },
        },
        // The token endpoint answers the web app's own origin only.
        clientBasedCORS: (_ctx, origin) => origin === gatewayOrigin,
        ttl: { AccessToken: 15 * 60, IdToken: 15 * 60, Interaction: 10 * 60, Session: 60 * 60, Grant: 60 * 60 },
        findAccount: async (_ctx, id) => (accounts[id] ? { accountId: id, claims: async () => ({ sub: id }) } : undefined),
        extraTokenClaims: async (_ctx, token) => {
          const account = accounts[(token as { accountId?: string }).accountId ?? ''];
          if (!account || token.kind !== 'AccessToken') return undefined;
          return { org: account.org, realm_access: { roles: account.roles }, projects: account.projects };
        },
      });
      handle = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
