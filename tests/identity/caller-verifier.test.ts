import { createLocalJWKSet, exportSPKI, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../gateway/context/types.ts';
import {
  AuthenticationError,
  AuthorisationError,
  assertProjectAuthorised,
  authErrorResponse,
  createCallerVerifier,
  type CallerVerifier,
} from '../../gateway/identity/index.ts';
import { base64url, keySet, nowSeconds, signToken, testKey, withPayload, type TestKey } from './keys.ts';

const ISSUER = 'https://idp.sociale-dienst.example/realms/lsi';
const AUDIENCE = 'doelpoort';

let key: TestKey;
let otherKey: TestKey;
let verifier: CallerVerifier;

beforeAll(async () => {
  key = await testKey('key-1');
  otherKey = await testKey('key-unknown');
  verifier = createCallerVerifier({
    jwks: { keySet: createLocalJWKSet(keySet(key)) },
    issuer: ISSUER,
    audience: AUDIENCE,
    clockSkewSeconds: 30,
    algorithms: ['ES256'],
  });
});

function claims(overrides: JWTPayload = {}): JWTPayload {
  const now = nowSeconds();
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'emp-123',
    org: 'sociale-dienst',
    roles: ['analist-handhaving'],
    projects: ['venlo-klingerberg-2026'],
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

async function refusal(authorization: string | undefined, check: CallerVerifier = verifier) {
  const error = await check.verify(authorization).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  const { code, message } = error as AuthenticationError;
  return { code, message };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

describe('createCallerVerifier: a good token', () => {
  it('becomes the Caller', async () => {
    const token = await signToken(key, claims({ roles: ['analist-handhaving', 'analist-handhaving'] }));
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({
      id: 'emp-123',
      issuer: ISSUER,
      organisation: 'sociale-dienst',
      roles: ['analist-handhaving'],
      projects: ['venlo-klingerberg-2026'],
    } satisfies Caller);
  });

  it('means no projects when the projects claim is absent', async () => {
    const { projects: _absent, ...payload } = claims({ roles: ['privacy-officer'] });
    const caller = await verifier.verify(`bearer ${await signToken(key, payload)}`);
    expect(caller).toEqual({ id: 'emp-123', issuer: ISSUER, organisation: 'sociale-dienst', roles: ['privacy-officer'], projects: [] });
  });
});

describe('createCallerVerifier: each bad token is refused with its own code and message', () => {
  it('no header', async () => {
    expect(await refusal(undefined)).toEqual({
      code: 'TOKEN_MISSING',
      message: 'No access token was sent. Send the header "Authorization: Bearer <token>" with a token from your identity provider.',
    });
  });

  it('another scheme', async () => {
    expect(await refusal('Basic ZW1wOnB3')).toEqual({
      code: 'TOKEN_MALFORMED',
      message: 'The Authorization header is not a bearer token. Send "Authorization: Bearer <token>" (one space, no quotes).',
    });
  });

  it('not a JWT', async () => {
    expect(await refusal('Bearer not-a-token')).toEqual({
      code: 'TOKEN_MALFORMED',
      message:
        'The bearer token is not a JSON Web Token (three base64url parts separated by dots). Send the access token itself, not an id or a file name.',
    });
  });

  it('alg none', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`;
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_ALG_NOT_ALLOWED',
      message:
        'The token is signed with algorithm "none", which this gateway does not accept; it accepts ES256. Use a token from the configured identity provider.',
    });
  });

  it('HS256 signed with the public key as the secret', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(secret);
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_ALG_NOT_ALLOWED',
      message:
        'The token is signed with algorithm "HS256", which this gateway does not accept; it accepts ES256. Use a token from the configured identity provider.',
    });
  });

  it('expired', async () => {
    const exp = nowSeconds() - 3600;
    const token = await signToken(key, claims({ iat: exp - 600, exp }));
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_EXPIRED',
      message: `The token expired at ${iso(exp)} (clock skew allowed: 30 s). Request a new token.`,
    });
  });

  it('not yet valid', async () => {
    const nbf = nowSeconds() + 3600;
    const token = await signToken(key, claims({ nbf }));
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_NOT_YET_VALID',
      message: `The token is not valid before ${iso(nbf)} (clock skew allowed: 30 s). Check the clock of the system that issued it, or wait.`,
    });
  });

  it('wrong issuer', async () => {
    const token = await signToken(key, claims({ iss: 'https://idp.elsewhere.example' }));
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_WRONG_ISSUER',
      message: `The token was issued by "https://idp.elsewhere.example"; this gateway accepts tokens from "${ISSUER}" only. Use a token from that identity provider.`,
    });
  });

  it('wrong audience', async () => {
    const token = await signToken(key, claims({ aud: ['mijn-portaal'] }));
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_WRONG_AUDIENCE',
      message:
        'The token is meant for ["mijn-portaal"], not for this gateway ("doelpoort"). Request a token with audience "doelpoort".',
    });
  });

  it('unknown key id', async () => {
    const token = await signToken(otherKey, claims());
    expect(await refusal(`Bearer ${token}`)).toEqual({
      code: 'TOKEN_UNKNOWN_KEY',
      message:
        'No key with id "key-unknown" of the identity provider\'s key set fits the token. If the provider rotated its keys, the new key set is fetched shortly; otherwise the token was not issued by the trusted identity provider.',
    });
  });

  it('tampered payload', async () => {
    const token = await signToken(key, claims());
    const tampered = withPayload(token, claims({ projects: ['venlo-klingerberg-2026', 'rotterdam-zuid-2026'] }));
    expect(await refusal(`Bearer ${tampered}`)).toEqual({
      code: 'TOKEN_BAD_SIGNATURE',
      message:
        'The token signature does not match its content: it was altered or not signed by the identity provider. Request a new token.',
    });
  });

  it('signed by another key under a known key id', async () => {
    const forged = await signToken({ ...otherKey, kid: key.kid }, claims());
    expect((await refusal(`Bearer ${forged}`)).code).toBe('TOKEN_BAD_SIGNATURE');
  });

  it('no expiry', async () => {
    const { exp: _none, ...payload } = claims();
    expect(await refusal(`Bearer ${await signToken(key, payload)}`)).toEqual({
      code: 'TOKEN_CLAIMS_MISSING',
      message: 'The token has no "exp" claim, which this gateway requires. Ask your identity provider to include it.',
    });
  });

  it('no organisation', async () => {
    const { org: _none, ...payload } = claims();
    expect(await refusal(`Bearer ${await signToken(key, payload)}`)).toEqual({
      code: 'TOKEN_CLAIMS_MISSING',
      message:
        'The token\'s claim "org" (the organisation) is missing. Ask your identity provider to include it, or configure the gateway\'s claim mapping to the claim your provider uses.',
    });
  });

  // Issue 12, item 11: a citizen's number must never become a caller id in the log.
  it.each([['999990007'], ['9999.90.007'], ['9999 90 226'], ['emp-999990007'], ['12345678']])('a subject that looks like a BSN: %j', async (sub) => {
    const response = authErrorResponse(new AuthenticationError('TOKEN_SUBJECT_IS_BSN', 'x'));
    expect(response.status).toBe(401);
    expect(await refusal(`Bearer ${await signToken(key, claims({ sub }))}`)).toEqual({
      code: 'TOKEN_SUBJECT_IS_BSN',
      message:
        'The token\'s claim "sub" (the person id) looks like a BSN. Callers are employees, identified by their employer\'s id (e.g. "emp-123"), and a citizen\'s number must never become a caller id in the audit log. Ask your identity provider to issue your employee id in this claim, or configure the gateway\'s claim mapping to the claim that holds it.',
    });
  });

  it.each([['f81d4fae-7dec-11d0-a765-00a0c91e6bf6'], ['12345678-1234-1234-1234-123456789012'], ['emp-123456789']])(
    'a subject that is not a BSN passes: %j',
    async (sub) => {
      await expect(verifier.verify(`Bearer ${await signToken(key, claims({ sub }))}`)).resolves.toMatchObject({ id: sub });
    },
  );

  it('roles that are not a list', async () => {
    expect(await refusal(`Bearer ${await signToken(key, claims({ roles: 'coordinator' }))}`)).toEqual({
      code: 'TOKEN_CLAIMS_MISSING',
      message:
        'The token\'s claim "roles" (the roles) is not a list of non-empty strings. Ask your identity provider to include it, or configure the gateway\'s claim mapping to the claim your provider uses.',
    });
  });
});

describe('assertProjectAuthorised', () => {
  const caller: Caller = { id: 'emp-123', organisation: 'sociale-dienst', roles: ['analist-handhaving'], projects: ['venlo-klingerberg-2026'] };

  it('passes for one of the caller\'s projects', () => {
    expect(() => assertProjectAuthorised(caller, 'venlo-klingerberg-2026')).not.toThrow();
  });

  it('refuses a project the person is not authorised for', () => {
    const error = (() => {
      try {
        assertProjectAuthorised(caller, 'rotterdam-zuid-2026');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AuthorisationError);
    expect(error).toMatchObject({
      code: 'PROJECT_NOT_AUTHORISED',
      message:
        'You are not authorised for project "rotterdam-zuid-2026" (your projects: "venlo-klingerberg-2026"). Declare one of your projects, or ask your organisation to add you to this one.',
    });
  });
});

describe('clock skew tolerance', () => {
  it('accepts a token expired less than the skew ago and refuses one expired longer ago', async () => {
    const now = nowSeconds();
    await expect(verifier.verify(`Bearer ${await signToken(key, claims({ exp: now - 20 }))}`)).resolves.toMatchObject({ id: 'emp-123' });
    expect((await refusal(`Bearer ${await signToken(key, claims({ exp: now - 40 }))}`)).code).toBe('TOKEN_EXPIRED');
  });

  it('accepts a token valid from less than the skew ahead and refuses one further ahead', async () => {
    const now = nowSeconds();
    await expect(verifier.verify(`Bearer ${await signToken(key, claims({ nbf: now + 20 }))}`)).resolves.toMatchObject({ id: 'emp-123' });
    expect((await refusal(`Bearer ${await signToken(key, claims({ nbf: now + 40 }))}`)).code).toBe('TOKEN_NOT_YET_VALID');
  });
});

describe('configurable claim names', () => {
  it('reads nested paths and literal names with dots', async () => {
    const keycloak = createCallerVerifier({
      jwks: { keySet: createLocalJWKSet(keySet(key)) },
      issuer: ISSUER,
      audience: AUDIENCE,
      clockSkewSeconds: 0,
      algorithms: ['ES256'],
      claims: {
        subject: 'preferred_username',
        organisation: 'https://lsi.example/organisation',
        roles: 'realm_access.roles',
        projects: 'lsi.projects',
      },
    });
    const token = await signToken(key, {
      iss: ISSUER,
      aud: AUDIENCE,
      exp: nowSeconds() + 60,
      preferred_username: 'emp-77',
      'https://lsi.example/organisation': 'uwv',
      realm_access: { roles: ['analist-rpf'] },
      lsi: { projects: ['venlo-klingerberg-2026'] },
    });
    await expect(keycloak.verify(`Bearer ${token}`)).resolves.toEqual({
      id: 'emp-77',
      issuer: ISSUER,
      organisation: 'uwv',
      roles: ['analist-rpf'],
      projects: ['venlo-klingerberg-2026'],
    });
    const flat = await signToken(key, { iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 60, preferred_username: 'emp-77', 'https://lsi.example/organisation': 'uwv', roles: ['analist-rpf'] });
    expect((await refusal(`Bearer ${flat}`, keycloak)).message).toBe(
      'The token\'s claim "realm_access.roles" (the roles) is missing. Ask your identity provider to include it, or configure the gateway\'s claim mapping to the claim your provider uses.',
    );
  });
});

describe('construction refuses unsafe configuration', () => {
  const base = { issuer: ISSUER, audience: AUDIENCE, clockSkewSeconds: 30 };

  it.each([['none'], ['HS256'], ['HS512']])('refuses algorithm %s', (alg) => {
    expect(() => createCallerVerifier({ ...base, jwks: { file: '/nonexistent.json' }, algorithms: ['ES256', alg] })).toThrow(
      `algorithm "${alg}" is not allowed: caller tokens are checked with public keys, so only RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519 can be configured ("none" and HS* never)`,
    );
  });

  it('refuses an empty algorithm list', () => {
    expect(() => createCallerVerifier({ ...base, jwks: { file: '/nonexistent.json' }, algorithms: [] })).toThrow(
      'algorithms must list at least one allowed signature algorithm, e.g. ["ES256"]',
    );
  });

  it('refuses an http JWKS URL unless explicitly allowed for tests', () => {
    expect(() => createCallerVerifier({ ...base, jwks: { url: 'http://idp.example/jwks' }, algorithms: ['ES256'] })).toThrow(
      'jwks.url must be an https: URL; got http:',
    );
  });
});

describe('authErrorResponse', () => {
  it('answers an invalid token with 401, an RFC 6750 challenge and a GraphQL error', () => {
    const error = new AuthenticationError('TOKEN_EXPIRED', 'The token expired at 2026-11-23T10:00:00Z (clock skew allowed: 30 s). Request a new token.');
    expect(authErrorResponse(error)).toEqual({
      status: 401,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate':
          'Bearer realm="doelpoort", error="invalid_token", error_description="The token expired at 2026-11-23T10:00:00Z (clock skew allowed: 30 s). Request a new token."',
      },
      body: {
        errors: [
          {
            message: 'The token expired at 2026-11-23T10:00:00Z (clock skew allowed: 30 s). Request a new token.',
            extensions: { code: 'TOKEN_EXPIRED' },
          },
        ],
      },
    });
  });

  it('keeps quotes and non-ASCII out of the challenge', () => {
    const error = new AuthenticationError('TOKEN_WRONG_ISSUER', 'Issued by "https://idp.gemeente-één.example"');
    expect(authErrorResponse(error).headers['www-authenticate']).toBe(
      'Bearer realm="doelpoort", error="invalid_token", error_description="Issued by \'https://idp.gemeente-een.example\'"',
    );
  });

  it('challenges a missing token without an error code', () => {
    const response = authErrorResponse(new AuthenticationError('TOKEN_MISSING', 'No access token was sent.'));
    expect([response.status, response.headers['www-authenticate']]).toEqual([401, 'Bearer realm="doelpoort"']);
  });

  it('answers an unauthorised project with 403 insufficient_scope', () => {
    const response = authErrorResponse(new AuthorisationError('PROJECT_NOT_AUTHORISED', 'Not your project.'));
    expect(response).toEqual({
      status: 403,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate': 'Bearer realm="doelpoort", error="insufficient_scope", error_description="Not your project."',
      },
      body: { errors: [{ message: 'Not your project.', extensions: { code: 'PROJECT_NOT_AUTHORISED' } }] },
    });
  });

  it('answers unavailable keys with 503 and no challenge', () => {
    const response = authErrorResponse(new AuthenticationError('KEYS_UNAVAILABLE', 'Keys down.'));
    expect([response.status, response.headers['www-authenticate']]).toEqual([503, undefined]);
  });
});
